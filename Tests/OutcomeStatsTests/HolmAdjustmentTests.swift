import Foundation
import Testing
import _OutcomeTestSupport

@testable import OutcomeStats

@Suite("Holm adjustment")
struct HolmAdjustmentTests {
    /// `datasets/reference/stats/holm.csv`: R 4.2.2 `p.adjust(p, "holm")` (holm.R); 1e-15 relative.
    @Test("matches R's p.adjust(method = \"holm\")")
    func matchesR() throws {
        let table = try String(contentsOf: datasetURL("reference/stats/holm.csv"), encoding: .utf8)
        var cases: [String: [(p: Double, holm: Double)]] = [:]
        for line in table.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
            cases[fields[0], default: []].append((Double(fields[2])!, Double(fields[3])!))
        }
        #expect(cases.count == 4)
        for (name, rows) in cases {
            let adjusted = HolmAdjustment.adjusted(rows.map(\.p))
            for (value, row) in zip(adjusted, rows) {
                #expect(isClose(value, row.holm, relative: 1e-15), "\(name): \(value) vs R \(row.holm)")
            }
        }
    }

    @Test("hand-derived: three tests")
    func handDerived() {
        // 0.01, 0.02, 0.04: 3 × 0.01 = 0.03; max(0.03, 2 × 0.02) = 0.04; max(0.04, 1 × 0.04) = 0.04.
        let adjusted = HolmAdjustment.adjusted([0.04, 0.01, 0.02])
        #expect(zip(adjusted, [0.04, 0.03, 0.04]).allSatisfy { isClose($0, $1, relative: 1e-15) })
        #expect(HolmAdjustment.adjusted([]).isEmpty)
        #expect(HolmAdjustment.adjusted([0.7]) == [0.7])
    }
}

import Foundation
import OutcomeStats
import Testing
import _OutcomeTestSupport

/// Weighted Kaplan–Meier curves against R 4.2.2 / survival 3.5.3
/// (datasets/reference/stats/km-weighted.R: summary(survfit(Surv(time, status) ~ 1, weights = w, conf.type =),
/// censored = TRUE)), and hand-derived identities.
@Suite("Weighted Kaplan–Meier against R survival")
struct SurvivalWeightedKaplanMeierTests {
    static let data = CountingProcessReference.columns("km-weighted-data.csv")
    static let values = CountingProcessReference.columns("km-weighted.csv")
    static let cases = Array(Set(data["case"]!)).sorted()

    static func curve(_ name: String, method: WeightedKaplanMeierEstimate.VarianceMethod? = nil) -> WeightedKaplanMeierEstimate {
        let rows = data["case"]!.indices.filter { data["case"]![$0] == name }
        func column(_ column: String) -> [Double] { rows.map { Double(data[column]![$0])! } }
        return WeightedKaplanMeierEstimate(
            times: column("time"), events: column("status").map { $0 == 1 }, weights: column("weight"),
            varianceMethod: method)
    }

    /// Counts and S 1e-12 relative; standard errors and bounds 1e-9 relative (1e-14 absolute).
    @Test("n.risk, n.event, n.censor, surv, std.err and log, log-log and plain bounds", arguments: cases)
    func matchesR(name: String) {
        let curve = Self.curve(name)
        let rows = Self.values["case"]!.indices.filter { Self.values["case"]![$0] == name }
        func expected(_ column: String, _ row: Int) -> Double? { Double(Self.values[column]![row]) }
        for type in SurvivalIntervalType.allCases {
            let typeRows = rows.filter { Self.values["conf_type"]![$0] == type.rawValue }
            #expect(typeRows.count == curve.times.count, "\(name) \(type) rows")
            let bounds = curve.confidenceBounds(type)
            for (index, row) in typeRows.enumerated() {
                let label = "\(name) \(type) t = \(curve.times[index])"
                #expect(curve.times[index] == expected("time", row)!, "\(label)")
                #expect(isClose(curve.atRisk[index], expected("n_risk", row)!, relative: 1e-12), "\(label) n.risk")
                #expect(isClose(curve.events[index], expected("n_event", row)!, relative: 1e-12), "\(label) n.event")
                #expect(isClose(curve.censored[index], expected("n_censor", row)!, relative: 1e-12), "\(label) n.censor")
                #expect(isClose(curve.survival[index], expected("survival", row)!, relative: 1e-12, absolute: 1e-15), "\(label) S")
                #expect(agree(curve.standardErrors[index], expected("std_err", row), relative: 1e-9, absolute: 1e-14),
                        "\(label) std.err")
                #expect(agree(bounds.lower[index], expected("lower", row), relative: 1e-9, absolute: 1e-14), "\(label) lower")
                #expect(agree(bounds.upper[index], expected("upper", row), relative: 1e-9, absolute: 1e-14), "\(label) upper")
            }
        }
    }

    @Test("R's variance choice: the jackknife for fractional weights, Greenwood for whole ones")
    func varianceChoice() {
        #expect(Self.curve("small_fractional").varianceMethod == .infinitesimalJackknife)
        #expect(Self.curve("small_whole").varianceMethod == .greenwood)
    }

    @Test("every weight 1 gives the unweighted curve, with either variance equal to Greenwood's when untied")
    func unitWeights() {
        withEverySeed([21, 22]) { generator, seed in
            let n = 120
            let times = (0..<n).map { _ in (Double.random(in: 0.1...10, using: &generator) * 2).rounded() / 2 }
            let events = (0..<n).map { _ in Double.random(in: 0...1, using: &generator) < 0.7 }
            let plain = KaplanMeierEstimate(times: times, events: events)
            let weighted = WeightedKaplanMeierEstimate(times: times, events: events, weights: Array(repeating: 1, count: n))
            #expect(weighted.varianceMethod == .greenwood)
            #expect(weighted.times == plain.times && weighted.survival == plain.survival, "seed \(seed)")
            #expect(weighted.atRisk == plain.atRisk.map(Double.init) && weighted.events == plain.events.map(Double.init))
            #expect(weighted.varianceOfLogSurvival == plain.varianceOfLogSurvival, "seed \(seed)")
            let bounds = weighted.confidenceBounds(.logLog), plainBounds = plain.confidenceBounds(.logLog)
            #expect(bounds.lower == plainBounds.lower && bounds.upper == plainBounds.upper)
        }
    }

    @Test("hand-derived jackknife: two rows, one event")
    func handDerived() {
        // Times 1 (event, w = 1) and 2 (censored, w = 3): n = 4, d = 1, S(1) = 3/4. ∂log S/∂w₁ = 1/12 − 1/3 = −1/4,
        // ∂log S/∂w₂ = 1/12; σ² = (1·(−1/4))² + (3·1/12)² = 1/8.
        let curve = WeightedKaplanMeierEstimate(times: [2, 1], events: [false, true], weights: [3, 1],
                                                varianceMethod: .infinitesimalJackknife)
        #expect(curve.survival == [0.75, 0.75])
        #expect(isClose(curve.varianceOfLogSurvival[0], 0.125, relative: 1e-15))
        // Greenwood: d/(n(n − d)) = 1/12.
        let greenwood = WeightedKaplanMeierEstimate(times: [2, 1], events: [false, true], weights: [3, 1])
        #expect(isClose(greenwood.varianceOfLogSurvival[0], 1.0 / 12, relative: 1e-15))
    }
}

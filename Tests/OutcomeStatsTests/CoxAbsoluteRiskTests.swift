import Foundation
import OutcomeStats
import Testing
import _OutcomeTestSupport

/// datasets/reference/risk/cox_absolute_risk.json (cox_absolute_risk.R, R 4.2.2, survival 3.5.3):
/// 1 − summary(survfit(coxph(...), newdata), times)$surv for rossi (Efron and Breslow ties) and a stratified veteran fit.
@Suite struct CoxAbsoluteRiskTests {
    struct Case: Decodable {
        let file: String, time: String, event: String, covariates: [String]
        let ties: String?, strata: String?
        let newdata: [[String: JSONValue]]
        let horizons: [Double]
        let risk: [[Double]]
    }

    enum JSONValue: Decodable {
        case number(Double), text(String)
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Double.self) { self = .number(number) } else { self = .text(try container.decode(String.self)) }
        }
        var number: Double { if case .number(let value) = self { value } else { .nan } }
        var text: String { if case .text(let value) = self { value } else { "" } }
    }

    struct File: Decodable { let cases: [String: Case] }

    static let cases: [String: Case] = try! JSONDecoder().decode(
        File.self, from: Data(contentsOf: datasetURL("reference/risk/cox_absolute_risk.json"))).cases

    @Test(arguments: ["rossi_efron", "rossi_breslow", "veteran_strata"])
    func matchesSurvfit(_ name: String) throws {
        let reference = try #require(Self.cases[name])
        let text = try String(contentsOf: datasetURL("reference/" + reference.file), encoding: .utf8)
        let lines = text.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        let header = lines[0], rows = Array(lines.dropFirst())
        func column(_ name: String) -> [String] { let j = header.firstIndex(of: name)!; return rows.map { $0[j] } }
        var design = Matrix(rows: rows.count, columns: reference.covariates.count)
        for (j, covariate) in reference.covariates.enumerated() {
            for (i, value) in column(covariate).enumerated() { design[i, j] = Double(value)! }
        }
        let levels = reference.strata.map { Array(Set(column($0))).sorted() }
        let strata = reference.strata.map { name in column(name).map { levels!.firstIndex(of: $0)! } }
        let fit = CoxModel(options: CoxOptions(ties: reference.ties == "breslow" ? .breslow : .efron)).fit(
            design: design, times: column(reference.time).map { Double($0)! },
            events: column(reference.event).map { $0 == "1" }, strata: strata)
        let absolute = CoxAbsoluteRisk(fit: fit)
        for (row, subject) in reference.newdata.enumerated() {
            let x = reference.covariates.map { subject[$0]!.number }
            let stratum = reference.strata.map { levels!.firstIndex(of: subject[$0]!.text)! } ?? 0
            for (k, horizon) in reference.horizons.enumerated() {
                let risk = try #require(absolute.risk(at: horizon, covariates: x, stratum: stratum))
                #expect(isClose(risk, reference.risk[row][k], relative: 1e-6), "\(name) row \(row) t = \(horizon)")
            }
        }
        #expect(absolute.risk(at: 0, covariates: reference.covariates.map { _ in 0 }) == 0 || reference.strata != nil)
    }
}

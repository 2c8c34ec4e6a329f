import Foundation
import OutcomeStats
import _OutcomeTestSupport

/// datasets/reference/risk/risk.json, made by risk.R (R 4.2.2, MASS, pROC 1.18.0, survival 3.5.3; versions recorded
/// in the file). Each case names its data file, outcome and covariates and the R expression behind its values.
struct LogisticReference: Decodable {
    struct ModelCase: Decodable, CustomStringConvertible {
        let file: String
        let outcome: String
        let covariates: [String]
        let expression: String
        let coef: [Double?]
        let se: [Double?]?
        let deviance: Double?
        let null_deviance: Double?
        let aic: Double?
        let iterations: Int?
        let lambda: Double?
        let penalised_loglik: Double?
        var description: String { "\(file) \(outcome) ~ \(covariates.joined(separator: " + "))" }

        /// [1, covariates…] and the outcome, from the case's CSV (written by R's write.csv: quoted header, numbers).
        func design() throws -> (x: Matrix, y: [Double]) {
            let text = try String(contentsOf: datasetURL("reference/risk/" + file), encoding: .utf8)
            let lines = text.split(separator: "\n").map { $0.split(separator: ",").map { $0.replacingOccurrences(of: "\"", with: "") } }
            let header = lines[0], rows = Array(lines.dropFirst())
            var x = Matrix(rows: rows.count, columns: covariates.count + 1, repeating: 1)
            for (j, name) in covariates.enumerated() {
                let column = header.firstIndex(of: name)!
                for (i, row) in rows.enumerated() { x[i, j + 1] = Double(row[column])! }
            }
            let outcomeColumn = header.firstIndex(of: outcome)!
            return (x, rows.map { Double($0[outcomeColumn])! })
        }
    }

    struct SeparationCase: Decodable {
        let coef: [Double]
        let converged: Bool
        let iterations: Int
    }

    struct BinaryCase: Decodable {
        let note: String
        let y: [Double]
        let p: [Double]
        let auc: Double
        let delong_variance: Double
        let lower95: Double
        let upper95: Double
        let brier: Double
        let scaled_brier: Double
        let calibration_in_the_large: Double
        let weak_intercept: Double
        let weak_slope: Double
    }

    struct ConcordanceCase: Decodable {
        let note: String
        let time: [Double]
        let event: [Int]
        let score: [Double]
        let c: Double
        let se: Double
        let concordant: Int
        let discordant: Int
        let tied_risk: Int
    }

    let glm: [String: ModelCase]
    let separation_glm: SeparationCase
    let firth: [String: ModelCase]
    let ridge: [String: ModelCase]
    let binary: [String: BinaryCase]
    let concordance: [String: ConcordanceCase]

    static let shared: LogisticReference = try! JSONDecoder().decode(
        LogisticReference.self, from: Data(contentsOf: datasetURL("reference/risk/risk.json")))
}

import Foundation
import OutcomeStats
import _OutcomeTestSupport

/// datasets/reference/stats/cox-counting-process.R (R 4.2.2, survival 3.5.3): the fits of
/// cox-counting-process-cases.csv on the data sets cox-counting-process-{small,simulated}.csv, their values in
/// cox-counting-process.csv (case, quantity, index, value).
enum CountingProcessReference {
    static let folder = "reference/stats/"

    /// A CSV written by R's `write.csv` (no commas inside fields) as rows of unquoted fields.
    static func rows(_ file: String) -> [[String]] {
        let text = try! String(contentsOf: datasetURL(folder + file), encoding: .utf8)
        return text.split(separator: "\n").map { line in
            line.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
    }

    /// A CSV as named columns of text.
    static func columns(_ file: String) -> [String: [String]] {
        let lines = rows(file)
        var columns: [String: [String]] = [:]
        for (index, name) in lines[0].enumerated() { columns[name] = lines.dropFirst().map { $0[index] } }
        return columns
    }

    /// One fit of cox-counting-process-cases.csv.
    struct Case: Sendable, CustomStringConvertible {
        var name, data: String
        var ties: CoxTies
        var covariates: [String]
        var strata, cluster, weights: String?
        var robust: Bool
        var description: String { name }
    }

    static let cases: [Case] = {
        let table = columns("cox-counting-process-cases.csv")
        return table["case"]!.indices.map { i in
            func optional(_ column: String) -> String? { table[column]![i].isEmpty ? nil : table[column]![i] }
            return Case(
                name: table["case"]![i], data: table["data"]![i], ties: CoxTies(rawValue: table["ties"]![i])!,
                covariates: table["covariates"]![i].split(separator: ";").map(String.init),
                strata: optional("strata"), cluster: optional("cluster"), weights: optional("weights"),
                robust: table["robust"]![i] == "TRUE")
        }
    }()

    /// The values of each case: quantity → values by index.
    static let values: [String: [String: [Double]]] = {
        var result: [String: [String: [Double]]] = [:]
        for row in rows("cox-counting-process.csv").dropFirst() {
            result[row[0], default: [:]][row[1], default: []].append(Double(row[3])!)
        }
        return result
    }()

    static let small = columns("cox-counting-process-small.csv")
    static let simulated = columns("cox-counting-process-simulated.csv")

    static func numbers(_ table: [String: [String]], _ column: String) -> [Double] { table[column]!.map { Double($0)! } }

    /// Dense codes of a label column in numeric order (R's factor order for numbers).
    static func codes(_ table: [String: [String]], _ column: String) -> [Int] {
        let values = numbers(table, column)
        let levels = Array(Set(values)).sorted()
        return values.map { levels.firstIndex(of: $0)! }
    }

    /// The fit of `reference`, as R ran it.
    static func fit(_ reference: Case) -> CoxFit {
        let table = reference.data == "small" ? small : simulated
        let n = table["stop"]!.count
        let design = Matrix(rows: n, columns: reference.covariates.count,
                            columnMajor: reference.covariates.flatMap { numbers(table, $0) })
        return CoxModel(options: CoxOptions(ties: reference.ties)).fit(
            design: design, entryTimes: numbers(table, "start"), times: numbers(table, "stop"),
            events: numbers(table, "event").map { $0 == 1 }, weights: reference.weights.map { numbers(table, $0) },
            strata: reference.strata.map { codes(table, $0) }, clusters: reference.cluster.map { codes(table, $0) },
            robust: reference.robust)
    }
}

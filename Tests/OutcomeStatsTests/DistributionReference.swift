import Foundation
import OutcomeStats
import Testing
import _OutcomeTestSupport

/// One value from datasets/reference/stats/distributions.csv, written by distributions.R (R 4.2.2).
struct DistributionReference: CustomStringConvertible {
    /// The R function: pnorm, dnorm, qnorm, pchisq, qchisq or pgamma.
    let function: String
    /// Degrees of freedom (chi-square) or shape (gamma); nil for the standard normal.
    let parameter: Double?
    /// x, z, p or log p.
    let argument: Double
    let tail: Tail
    let logScale: Bool
    let value: Double
    /// For quantiles, R's own inversion error p(q(p))/p − 1 (log scale: p(q(log p)) − log p).
    let roundTrip: Double?

    var description: String {
        "\(function)(\(argument)\(parameter.map { ", \($0)" } ?? ""), lower.tail=\(tail == .lower), "
            + "log.p=\(logScale)) = \(value)"
    }

    /// Every row of the fixture, read once.
    static let all: [DistributionReference] = {
        let url = datasetURL("reference/stats/distributions.csv")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            fatalError("cannot read \(url.path)")
        }
        return text.split(separator: "\n").dropFirst(2).map { line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            precondition(fields.count == 7, "malformed fixture line: \(line)")
            return DistributionReference(
                function: fields[0], parameter: Double(fields[1]), argument: Double(fields[2])!,
                tail: fields[3] == "TRUE" ? .lower : .upper, logScale: fields[4] == "TRUE",
                value: Double(fields[5])!, roundTrip: Double(fields[6]))
        }
    }()

    static func rows(_ function: String) -> [DistributionReference] {
        all.filter { $0.function == function }
    }

    /// The R header line naming the R version.
    static let header: String = {
        let text = try? String(contentsOf: datasetURL("reference/stats/distributions.csv"), encoding: .utf8)
        return text?.split(separator: "\n").first.map(String.init) ?? ""
    }()
}

/// Relative error |actual − expected|/|expected| (absolute when expected is 0; 0 when both are equal,
/// including equal infinities).
func relativeError(_ actual: Double, _ expected: Double) -> Double {
    if actual == expected { return 0 }
    if actual.isNaN || expected.isNaN { return .infinity }
    return expected == 0 ? abs(actual) : abs(actual - expected) / abs(expected)
}

/// Expects `compute` to agree with every row to a relative `tolerance`, listing the first 20 disagreements,
/// and prints the largest relative error seen (for the record in test logs).
func expectAgreement(
    _ rows: [DistributionReference], name: String, tolerance: Double,
    sourceLocation: SourceLocation = #_sourceLocation, compute: (DistributionReference) -> Double
) {
    var failures: [String] = []
    var largest = 0.0
    for row in rows {
        let actual = compute(row)
        let error = relativeError(actual, row.value)
        largest = max(largest, error)
        if !(error <= tolerance) { failures.append("\(row): got \(actual), relative error \(error)") }
    }
    #expect(failures.isEmpty, "\(failures.count) of \(rows.count):\n\(failures.prefix(20).joined(separator: "\n"))",
            sourceLocation: sourceLocation)
    print("\(name): \(rows.count) values, largest relative error \(largest)")
}

import Foundation
import OutcomeStats
import Testing
import _OutcomeTestSupport

/// One case of datasets/reference/craving/mixed_models.json (made by mixed_models.R with R 4.2.2, lme4 1.1.31):
/// the data file, the model, and lme4's estimates.
struct MixedModelReferenceCase: Sendable, Decodable, CustomStringConvertible {
    var name = ""
    let method: String
    let random: String
    let outcome: String
    let time: String
    let group: String
    let covariates: [String]
    let estimate: [Double]
    let se: [Double]
    let sd_intercept: Double
    let sd_slope: Double?
    let correlation: Double?
    let sd_residual: Double
    let loglik: Double
    let reml_criterion: Double?
    let theta: [Double]
    let singular: Bool
    let n_obs: Int
    let n_groups: Int

    private enum CodingKeys: String, CodingKey {
        case method, random, outcome, time, group, covariates, estimate, se, sd_intercept, sd_slope, correlation
        case sd_residual, loglik, reml_criterion, theta, singular, n_obs, n_groups
    }

    var description: String { name }

    private struct File: Decodable { let cases: [String: MixedModelReferenceCase] }

    static let all: [MixedModelReferenceCase] = {
        let url = datasetURL("reference/craving/mixed_models.json")
        let file = try! JSONDecoder().decode(File.self, from: Data(contentsOf: url))
        return file.cases.keys.sorted().map { key in
            var value = file.cases[key]!
            value.name = key
            return value
        }
    }()

    /// The case's data: the CSV named after the case's dataset (no quoting in these files).
    var dataFile: String { String(name.prefix { $0 != "_" }) + ".csv" }

    /// y, X = [1, time, covariates…] (a covariate `a:b` is the product of columns a and b), time, group indices.
    func design() throws -> (y: [Double], x: Matrix, time: [Double], group: [Int]) {
        let text = try String(contentsOf: datasetURL("reference/craving/" + dataFile), encoding: .utf8)
        let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = lines[0], rows = lines.dropFirst()
        func column(_ name: String) -> [Double] {
            let parts = name.split(separator: ":").map { header.firstIndex(of: String($0))! }
            return rows.map { row in parts.reduce(1.0) { $0 * Double(row[$1])! } }
        }
        let groupColumn = header.firstIndex(of: group)!
        var groupIndex: [String: Int] = [:]
        let groups = rows.map { row in
            let key = row[groupColumn]
            if let index = groupIndex[key] { return index }
            groupIndex[key] = groupIndex.count
            return groupIndex.count - 1
        }
        let columns = [[Double](repeating: 1, count: rows.count), column(time)] + covariates.map(column)
        return (column(outcome), Matrix(rows: rows.count, columns: columns.count, columnMajor: columns.flatMap { $0 }),
                column(time), groups)
    }

    var options: LinearMixedModelOptions {
        LinearMixedModelOptions(
            criterion: method == "ml" ? .maximumLikelihood : .restrictedMaximumLikelihood,
            randomEffects: random == "slope" ? .interceptAndSlope : .intercept)
    }
}

@Suite("Craving: linear mixed model against lme4")
struct CravingMixedModelReferenceTests {
    /// Relative tolerance the issue sets for agreement with lme4.
    static let tolerance = 1e-4

    @Test("matches lme4", arguments: MixedModelReferenceCase.all)
    func matchesLme4(_ reference: MixedModelReferenceCase) throws {
        let (y, x, time, group) = try reference.design()
        let fit = try LinearMixedModel(options: reference.options).fit(response: y, fixedEffects: x, time: time, group: group)
        let tolerance = Self.tolerance
        let estimates = reference.estimate, errors = reference.se
        #expect(fit.coefficients.count == estimates.count)
        for (index, expected) in estimates.enumerated() {
            // Absolute floor: a coefficient near zero (sleepstudy has none; ChickWeight's diet terms) is compared
            // on the scale of its standard error.
            #expect(closeness(fit.coefficients[index]!, expected, relative: tolerance,
                              absolute: tolerance * errors[index], label: "β\(index)") == nil)
            #expect(closeness(fit.standardErrors[index]!, errors[index], relative: tolerance, label: "se\(index)") == nil)
        }
        #expect(closeness(fit.residualStandardDeviation, reference.sd_residual, relative: tolerance) == nil)
        #expect(closeness(fit.interceptStandardDeviation, reference.sd_intercept, relative: tolerance) == nil)
        if let slope = reference.sd_slope {
            #expect(closeness(fit.slopeStandardDeviation!, slope, relative: tolerance, label: "sd_slope") == nil)
        } else {
            #expect(fit.slopeStandardDeviation == nil)
        }
        if let correlation = reference.correlation {
            #expect(closeness(fit.interceptSlopeCorrelation ?? .nan, correlation, relative: tolerance, label: "ρ") == nil)
        }
        // Log-likelihoods to 1e-8 relative: the criterion is flat at the optimum, so it agrees far better than θ.
        #expect(closeness(fit.logLikelihood, reference.loglik, relative: 1e-8, label: "logLik") == nil)
        if let criterion = reference.reml_criterion {
            #expect(closeness(fit.remlCriterion!, criterion, relative: 1e-8, label: "REML") == nil)
        } else {
            #expect(fit.remlCriterion == nil)
        }
        #expect(fit.observationCount == reference.n_obs)
        #expect(fit.groupCount == reference.n_groups)
        #expect(fit.convergence.converged)
        #expect(fit.isSingular == reference.singular)
        for (index, expected) in reference.theta.enumerated() {
            #expect(closeness(fit.theta[index], expected, relative: 1e-3, absolute: 1e-4, label: "θ\(index)") == nil)
        }
    }
}

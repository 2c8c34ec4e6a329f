import Foundation

/// The JSON form of a ``CoxFit`` with its terms named (what `outcome-report cox --format json` prints): R-like
/// field names; an undefined value (an aliased term, a non-robust fit's robust_se) is `null`.
public struct CoxFitJSON: Encodable {
    struct Coefficient: Encodable {
        let term: String
        let coef, exp_coef, se, robust_se, z, p, lower95, upper95: Double?

        enum CodingKeys: String, CodingKey {
            case term, coef, exp_coef, se, robust_se, z, p, lower95, upper95
        }

        /// Every field present; an undefined value (an aliased term, a non-robust fit's robust_se) is null.
        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(term, forKey: .term)
            try container.encode(coef, forKey: .coef)
            try container.encode(exp_coef, forKey: .exp_coef)
            try container.encode(se, forKey: .se)
            try container.encode(robust_se, forKey: .robust_se)
            try container.encode(z, forKey: .z)
            try container.encode(p, forKey: .p)
            try container.encode(lower95, forKey: .lower95)
            try container.encode(upper95, forKey: .upper95)
        }
    }
    struct Test: Encodable {
        let chisq: Double
        let df: Int
        let p: Double
        init(_ test: ChiSquaredTest) { chisq = test.statistic; df = test.degreesOfFreedom; p = test.pValue }
    }

    let coefficients: [Coefficient]
    let loglik_null, loglik: Double
    let concordance: Double
    let n, events, iterations: Int
    let converged: Bool
    let tests: [String: Test]
    let warnings: [String]

    public init(_ fit: CoxFit, terms: [String], warnings: [ConvergenceWarning]) {
        let inference = fit.coefficientInference()
        coefficients = terms.indices.map { j in
            let result = inference[j]
            return Coefficient(
                term: terms[j], coef: result?.estimate, exp_coef: result?.ratio, se: fit.standardErrors[j],
                robust_se: fit.robustStandardErrors?[j] ?? nil, z: result?.z, p: result?.pValue,
                lower95: result?.ratioInterval.lower, upper95: result?.ratioInterval.upper)
        }
        loglik_null = fit.logLikelihoodNull
        loglik = fit.logLikelihood
        concordance = fit.concordance
        n = fit.subjectCount
        events = fit.eventCount
        iterations = fit.convergence.iterations
        converged = fit.convergence.converged
        tests = ["wald": Test(fit.waldTest), "score": Test(fit.scoreTest), "likelihood_ratio": Test(fit.likelihoodRatioTest)]
        self.warnings = warnings.map(\.description)
    }
}

/// The JSON form of a ``LinearMixedModelFit``; absent values are `null`, `reml_criterion` only for REML.
public struct LinearMixedModelFitJSON: Encodable {
    struct FixedEffect: Encodable {
        let term: String
        let estimate: Double?
        let se: Double?
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(term, forKey: .term)
            try container.encode(estimate, forKey: .estimate)
            try container.encode(se, forKey: .se)
        }
        enum CodingKeys: String, CodingKey { case term, estimate, se }
    }
    struct RandomEffects: Encodable {
        let sdIntercept: Double
        let sdSlope: Double?
        let correlation: Double?
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(sdIntercept, forKey: .sdIntercept)
            try container.encode(sdSlope, forKey: .sdSlope)
            try container.encode(correlation, forKey: .correlation)
        }
        enum CodingKeys: String, CodingKey {
            case sdIntercept = "sd_intercept", sdSlope = "sd_slope", correlation
        }
    }
    let fixedEffects: [FixedEffect]
    let randomEffects: RandomEffects
    let sdResidual: Double
    let loglik: Double
    let remlCriterion: Double?
    let nObs: Int
    let nGroups: Int
    let converged: Bool
    let iterations: Int
    let singular: Bool
    let warnings: [String]

    enum CodingKeys: String, CodingKey {
        case fixedEffects = "fixed_effects", randomEffects = "random_effects", sdResidual = "sd_residual", loglik
        case remlCriterion = "reml_criterion", nObs = "n_obs", nGroups = "n_groups", converged, iterations
        case singular, warnings
    }

    public init(_ fit: LinearMixedModelFit, terms: [String]) {
        fixedEffects = terms.indices.map {
            FixedEffect(term: terms[$0], estimate: fit.coefficients[$0], se: fit.standardErrors[$0])
        }
        randomEffects = RandomEffects(
            sdIntercept: fit.interceptStandardDeviation, sdSlope: fit.slopeStandardDeviation,
            correlation: fit.interceptSlopeCorrelation)
        sdResidual = fit.residualStandardDeviation
        loglik = fit.logLikelihood
        remlCriterion = fit.remlCriterion
        nObs = fit.observationCount
        nGroups = fit.groupCount
        converged = fit.convergence.converged
        iterations = fit.convergence.iterations
        singular = fit.isSingular
        warnings = fit.convergence.warnings.map(\.description)
    }
}

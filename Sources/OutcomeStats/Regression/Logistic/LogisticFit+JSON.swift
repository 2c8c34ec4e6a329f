/// The JSON form of a ``LogisticFit``; absent values are `null`. With a ridge penalty chosen by cross-validation,
/// `cv_deviance` is the held-out deviance at the chosen λ divided by the number of rows (the scale of glmnet's
/// `cvm`, which averages per observation) and `cv_folds` the number of folds.
public struct LogisticFitJSON: Encodable {
    struct Coefficient: Encodable {
        let term: String
        let coef, se, z, p, lower95, upper95: Double?
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(term, forKey: .term)
            for (key, value) in [(CodingKeys.coef, coef), (.se, se), (.z, z), (.p, p), (.lower95, lower95), (.upper95, upper95)] {
                try container.encode(value, forKey: key)
            }
        }
        enum CodingKeys: String, CodingKey { case term, coef, se, z, p, lower95, upper95 }
    }
    let coefficients: [Coefficient]
    let deviance, nullDeviance, aic: Double
    let auc: Double?
    let brier: Double
    let n: Int
    let converged: Bool
    let iterations: Int
    let penalty: String
    let lambda: Double?
    let crossValidatedDeviance: Double?
    let crossValidationFolds: Int?
    let warnings: [String]

    enum CodingKeys: String, CodingKey {
        case coefficients, deviance, nullDeviance = "null_deviance", aic, auc, brier, n, converged, iterations
        case penalty, lambda, crossValidatedDeviance = "cv_deviance", crossValidationFolds = "cv_folds", warnings
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(coefficients, forKey: .coefficients)
        try container.encode(deviance, forKey: .deviance)
        try container.encode(nullDeviance, forKey: .nullDeviance)
        try container.encode(aic, forKey: .aic)
        try container.encode(auc, forKey: .auc)
        try container.encode(brier, forKey: .brier)
        try container.encode(n, forKey: .n)
        try container.encode(converged, forKey: .converged)
        try container.encode(iterations, forKey: .iterations)
        try container.encode(penalty, forKey: .penalty)
        try container.encode(lambda, forKey: .lambda)
        try container.encode(crossValidatedDeviance, forKey: .crossValidatedDeviance)
        try container.encode(crossValidationFolds, forKey: .crossValidationFolds)
        try container.encode(warnings, forKey: .warnings)
    }

    /// - Parameter selection: the cross-validation that chose the ridge λ, if one did.
    public init(_ fit: LogisticFit, terms: [String], outcome: [Double], selection: RidgePenaltySelection? = nil) {
        let intervals = fit.confidenceIntervals()
        coefficients = terms.indices.map { j in
            Coefficient(term: terms[j], coef: fit.coefficients[j], se: fit.standardErrors[j], z: fit.zStatistics[j],
                        p: fit.pValues[j], lower95: intervals[j]?.lower, upper95: intervals[j]?.upper)
        }
        deviance = fit.deviance
        nullDeviance = fit.nullDeviance
        aic = fit.aic
        auc = AreaUnderCurve(outcome: outcome, scores: fit.fittedProbabilities)?.estimate
        brier = ProbabilityCalibration(outcome: outcome, probabilities: fit.fittedProbabilities).brier
        n = fit.observationCount
        converged = fit.convergence.converged
        iterations = fit.convergence.iterations
        switch fit.penalty {
        case .none: penalty = "none"
        case .ridge: penalty = "ridge"
        case .firth: penalty = "firth"
        }
        lambda = selection?.selectedLambda
        crossValidatedDeviance = selection.map { selection in
            selection.path.first { $0.lambda == selection.selectedLambda }!.crossValidatedDeviance
                / Double(selection.folds.fold.count)
        }
        crossValidationFolds = selection?.folds.foldCount
        warnings = fit.convergence.warnings.map { warning in
            warning.index.map { warning.naming(terms[$0]) }?.description ?? warning.description
        }
    }
}

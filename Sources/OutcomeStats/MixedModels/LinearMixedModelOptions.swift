/// The settings of a ``LinearMixedModel`` fit. Defaults follow `lme4::lmer`: REML, a correlated random intercept
/// and slope, and a singular-fit tolerance of 1e-4 on the relative covariance factor (`lme4::isSingular`).
public struct LinearMixedModelOptions: Sendable, Hashable {
    /// What the fit maximises.
    public enum Criterion: String, Sendable, Hashable, CaseIterable {
        /// Restricted (residual) maximum likelihood: variance components corrected for the p fixed effects.
        case restrictedMaximumLikelihood = "reml"
        /// Maximum likelihood (use it to compare models that differ in their fixed effects).
        case maximumLikelihood = "ml"
    }

    /// Which random effects each group has.
    public enum RandomEffects: String, Sendable, Hashable, CaseIterable {
        /// A random intercept only: b_g ~ N(0, σ_b²).
        case intercept
        /// A random intercept and a random slope on time with an unstructured 2 × 2 covariance.
        case interceptAndSlope = "slope"
    }

    public var criterion: Criterion
    public var randomEffects: RandomEffects
    /// The limit on Newton iterations over the variance parameters.
    public var maximumIterations: Int
    /// Relative change of the deviance below which the optimisation stops (see `GradientNewton`).
    public var tolerance: Double
    /// A variance parameter θ₁ or θ₃ below this is on the boundary: the fit is singular (as `isSingular`).
    public var singularTolerance: Double

    /// - Precondition: `maximumIterations > 0`, `tolerance > 0`, `singularTolerance ≥ 0`.
    public init(
        criterion: Criterion = .restrictedMaximumLikelihood, randomEffects: RandomEffects = .interceptAndSlope,
        maximumIterations: Int = 100, tolerance: Double = 1e-11, singularTolerance: Double = 1e-4
    ) {
        precondition(maximumIterations > 0 && tolerance > 0 && singularTolerance >= 0,
                     "LinearMixedModelOptions: positive iteration limit and tolerance required")
        self.criterion = criterion
        self.randomEffects = randomEffects
        self.maximumIterations = maximumIterations
        self.tolerance = tolerance
        self.singularTolerance = singularTolerance
    }
}

/// Input a mixed model cannot be fitted to: mismatched lengths, non-finite values, too few observations.
public struct MixedModelInputError: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

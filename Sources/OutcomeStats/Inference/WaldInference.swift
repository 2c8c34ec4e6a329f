import Foundation

/// A two-sided confidence interval at a stated level.
public struct ConfidenceInterval: Sendable, Hashable {
    public let lower: Double
    public let upper: Double
    public let level: ConfidenceLevel

    public init(lower: Double, upper: Double, level: ConfidenceLevel) {
        self.lower = lower
        self.upper = upper
        self.level = level
    }

    /// The interval of a monotone increasing transform, e.g. `exp` for a ratio from a log-scale coefficient.
    public func transformed(_ transform: (Double) -> Double) -> ConfidenceInterval {
        ConfidenceInterval(lower: transform(lower), upper: transform(upper), level: level)
    }
}

/// Wald inference for one coefficient: `z = β̂/SE`, two-sided `p = 2·Φ(−|z|)`, interval `β̂ ± z₁₋α/₂·SE`.
public struct CoefficientInference: Sendable, Hashable {
    public let estimate: Double
    public let standardError: Double
    public let z: Double
    public let pValue: Double
    public let interval: ConfidenceInterval

    /// - Precondition: `standardError > 0` or the interval is a point.
    public init(estimate: Double, standardError: Double, level: ConfidenceLevel = .ninetyFive) {
        self.estimate = estimate
        self.standardError = standardError
        z = estimate / standardError
        pValue = Normal.twoSidedPValue(z)
        let half = level.normalQuantile * standardError
        interval = ConfidenceInterval(lower: estimate - half, upper: estimate + half, level: level)
    }

    /// exp(β̂): the hazard ratio of a Cox coefficient, the odds ratio of a logistic one.
    public var ratio: Double { Foundation.exp(estimate) }
    /// The interval of ``ratio``.
    public var ratioInterval: ConfidenceInterval { interval.transformed(Foundation.exp) }
}

/// A fit whose coefficients have Wald inference: Cox, logistic and linear mixed models share this one API.
public protocol WaldInferable: Sendable {
    /// The estimates, `nil` for aliased (not estimable) columns.
    var coefficients: [Double?] { get }
    /// The standard errors inference uses (robust ones when the fit has them), `nil` where not estimable.
    var inferenceStandardErrors: [Double?] { get }
}

extension WaldInferable {
    /// Per coefficient: estimate, SE, z, p and the Wald interval at `level`; `nil` where not estimable.
    public func coefficientInference(level: ConfidenceLevel = .ninetyFive) -> [CoefficientInference?] {
        zip(coefficients, inferenceStandardErrors).map { estimate, error in
            guard let estimate, let error else { return nil }
            return CoefficientInference(estimate: estimate, standardError: error, level: level)
        }
    }

    /// The Wald intervals β̂ ± z·SE at `level`; `nil` where not estimable.
    public func confidenceIntervals(level: ConfidenceLevel = .ninetyFive) -> [ConfidenceInterval?] {
        coefficientInference(level: level).map { $0?.interval }
    }
}

extension CoxFit: WaldInferable {
    /// Robust standard errors when the fit has them (as R's `summary.coxph`), else the model's.
    public var inferenceStandardErrors: [Double?] { robustStandardErrors ?? standardErrors }
}

extension LogisticFit: WaldInferable {
    public var inferenceStandardErrors: [Double?] { standardErrors }
}

extension LinearMixedModelFit: WaldInferable {
    /// The fixed effects' standard errors (lme4's `vcov`); intervals are Wald, as `confint(fit, method = "Wald")`.
    public var inferenceStandardErrors: [Double?] { standardErrors }
}

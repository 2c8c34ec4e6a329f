import Foundation

/// The transformation on which a pointwise confidence interval for a survival probability is symmetric
/// (R `survfit(conf.type =)`).
///
/// With σ the standard error of log S (the square root of the Greenwood sum) and z the normal quantile:
/// ```
/// log (R's default):  S·exp(∓zσ), upper bound capped at 1;      undefined when S = 0
/// log-log (SAS's):    S^exp(±zσ / log S);                       undefined when S = 0 or S = 1
/// plain:              S ∓ z·S·σ, clipped to [0, 1];             undefined when σ is
/// ```
/// Kalbfleisch & Prentice, *The Statistical Analysis of Failure Time Data*, 2nd ed. (2002), §1.4;
/// Therneau & Grambsch, *Modeling Survival Data* (2000), §2.1.
public enum SurvivalIntervalType: String, Sendable, Hashable, CaseIterable {
    case log
    case logLog = "log-log"
    case plain

    /// The interval for survival `survival` with log-scale standard error `sigma` at normal quantile `z`, or
    /// `nil` where R reports `NA`/`NaN` (see the table above).
    public func interval(survival: Double, sigma: Double, z: Double) -> (lower: Double, upper: Double)? {
        guard sigma.isFinite, survival > 0 else { return nil }
        switch self {
        case .log:
            return (survival * Foundation.exp(-z * sigma), min(1, survival * Foundation.exp(z * sigma)))
        case .logLog:
            guard survival < 1 else { return nil }
            let logSurvival = Foundation.log(survival)
            return (Foundation.pow(survival, Foundation.exp(-z * sigma / logSurvival)),
                    Foundation.pow(survival, Foundation.exp(z * sigma / logSurvival)))
        case .plain:
            let halfWidth = z * survival * sigma
            return (max(0, survival - halfWidth), min(1, survival + halfWidth))
        }
    }
}

extension SurvivalIntervalType {
    /// The bounds at each point of a curve with log-scale variances σ²; `nil` where ``interval(survival:sigma:z:)`` is.
    func bounds(
        survival: [Double], varianceOfLogSurvival: [Double], level: ConfidenceLevel
    ) -> (lower: [Double?], upper: [Double?]) {
        let z = level.normalQuantile
        var lower: [Double?] = [], upper: [Double?] = []
        lower.reserveCapacity(survival.count)
        upper.reserveCapacity(survival.count)
        for (value, variance) in zip(survival, varianceOfLogSurvival) {
            let bounds = interval(survival: value, sigma: variance.squareRoot(), z: z)
            lower.append(bounds?.lower)
            upper.append(bounds?.upper)
        }
        return (lower, upper)
    }

    /// S·σ at each point; `nil` where σ is infinite (S = 0).
    static func standardErrors(survival: [Double], varianceOfLogSurvival: [Double]) -> [Double?] {
        zip(survival, varianceOfLogSurvival).map { survival, variance in
            variance.isFinite ? survival * variance.squareRoot() : nil
        }
    }
}

/// A two-sided confidence level in (0, 1), e.g. `ConfidenceLevel(0.95)`; its normal quantile z = Φ⁻¹((1 + level)/2).
public struct ConfidenceLevel: Sendable, Hashable, CustomStringConvertible {
    public let value: Double

    /// - Precondition: 0 < `value` < 1.
    public init(_ value: Double) {
        precondition(value > 0 && value < 1, "A confidence level must lie strictly between 0 and 1, got \(value)")
        self.value = value
    }

    /// The 95% level.
    public static let ninetyFive = ConfidenceLevel(0.95)

    /// z = Φ⁻¹((1 + level)/2): 1.959964 for 95%.
    public var normalQuantile: Double { Normal.quantile((1 - value) / 2, tail: .upper) }

    public var description: String { "\(value)" }
}

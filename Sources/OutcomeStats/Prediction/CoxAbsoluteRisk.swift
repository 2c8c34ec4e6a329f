import Foundation

/// The absolute risk of the event by a horizon t for a subject with covariates x, from a Cox fit and its baseline
/// cumulative hazard (Breslow; Efron-corrected increments with Efron ties, as `survfit.coxph`).
///
/// ```
/// risk(t | x) = 1 − S(t | x) = 1 − exp(−H₀(t) · exp(xᵀβ))      (H₀ at x = 0, uncentred)
/// ```
/// Equals `1 − summary(survfit(fit, newdata = x), times = t)$surv`. H₀ is a right-continuous step function: before
/// a stratum's first event the risk is 0; past its last event time it stays at the last value (R reports the
/// same value up to the last follow-up time). Aliased coefficients count as 0.
/// Breslow N., discussion of Cox (1972), JRSS B 34, 216–217; Kalbfleisch & Prentice (2002) §4.2.
public struct CoxAbsoluteRisk: Sendable {
    public let coefficients: [Double]
    public let baseline: CoxBaselineHazard

    public init(fit: CoxFit) {
        coefficients = fit.coefficients.map { $0 ?? 0 }
        baseline = fit.baselineCumulativeHazard()
    }

    /// 1 − S(t | x) in `stratum`; `nil` for a stratum the fit did not have.
    /// - Precondition: `covariates.count` equals the number of design columns.
    public func risk(at horizon: Double, covariates: [Double], stratum: Int = 0) -> Double? {
        precondition(covariates.count == coefficients.count, "Cox absolute risk needs \(coefficients.count) covariates")
        let linearPredictor = zip(covariates, coefficients).reduce(0) { $0 + $1.0 * $1.1 }
        return baseline.cumulativeHazard(at: horizon, stratum: stratum).map { -expm1(-$0 * exp(linearPredictor)) }
    }
}

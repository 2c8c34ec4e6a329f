import Foundation

extension Normal {
    /// The quantile z with P(Z ≤ z) = p (`tail: .lower`) or P(Z > z) = p (`tail: .upper`).
    ///
    /// Solved to full precision by iteration on the accurate tails rather than by a fixed rational
    /// approximation: in the body (min(p, 1 − p) ≥ 0.075) Halley's method on ½ erf(z/√2) = p − ½, which keeps
    /// relative accuracy as z → 0; in the tails Newton's method on log Φ(z) = log p, which is concave so the
    /// iteration converges monotonically after its first step. The result agrees with R's `qnorm` (Wichura,
    /// "Algorithm AS 241", Appl. Stat. 37 (1988) 477–484, doi:10.2307/2347330) to about 1e-15 relative.
    /// - Returns: −∞ for p = 0 and +∞ for p = 1 in the lower tail (mirrored in the upper); NaN for NaN.
    /// - Precondition: 0 ≤ p ≤ 1.
    public static func quantile(_ probability: Double, tail: Tail = .lower) -> Double {
        guard !probability.isNaN else { return .nan }
        precondition(probability >= 0 && probability <= 1, "Normal.quantile needs a probability in [0, 1], got \(probability)")
        let sign: Double = tail == .lower ? 1 : -1
        if probability <= 0.5 {
            return sign * smallLowerQuantile(probability: probability, logProbability: log(probability))
        }
        let complement = 1 - probability  // exact for probability ≥ ½ (Sterbenz)
        return -sign * smallLowerQuantile(probability: complement, logProbability: log(complement))
    }

    /// The quantile for a probability given by its logarithm (R's `log.p = TRUE`): z with log P(Z ≤ z) =
    /// `logProbability` (`.lower`) or log P(Z > z) = `logProbability` (`.upper`). Reaches quantiles whose
    /// probabilities underflow, e.g. log p = −1e5 gives z ≈ −447.
    /// - Precondition: `logProbability ≤ 0`.
    public static func quantile(logProbability: Double, tail: Tail = .lower) -> Double {
        guard !logProbability.isNaN else { return .nan }
        precondition(logProbability <= 0, "Normal.quantile needs a log-probability ≤ 0, got \(logProbability)")
        let sign: Double = tail == .lower ? 1 : -1
        if logProbability <= -M_LN2 {
            return sign * smallLowerQuantile(probability: exp(logProbability), logProbability: logProbability)
        }
        let complement = -expm1(logProbability)
        return -sign * smallLowerQuantile(probability: complement, logProbability: log(complement))
    }

    /// Φ⁻¹(p) for 0 ≤ p ≤ ½, given both p and log p (the caller computes whichever is accurate).
    static func smallLowerQuantile(probability p: Double, logProbability logP: Double) -> Double {
        if logP == -.infinity { return -.infinity }
        if p >= 0.075 { return centralQuantile(p) }
        return tailQuantile(logP)
    }

    /// Halley's method on f(z) = ½ erf(z/√2) − (p − ½): with u = f/φ(z), z ← z − u/(1 + z·u/2),
    /// since f″/f′ = −z. Starts from the tangent at 0, z₀ = (p − ½)·√(2π).
    private static func centralQuantile(_ p: Double) -> Double {
        let target = p - 0.5
        var z = target / inverseSquareRootOfTwoPi
        for _ in 0..<50 {
            let u = (erf(z * 0.5.squareRoot()) / 2 - target) / density(z)
            let step = u / (1 + z * u / 2)
            z -= step
            if abs(step) <= 2 * Double.ulpOfOne * abs(z) { break }
        }
        return z
    }

    /// Newton's method on h(z) = log Φ(z) − log p, h′(z) = φ(z)/Φ(z), for z ≤ −1.44. Start:
    /// z₀ = −√(2s − log(2s)), s = −log p − ½ log(2π), from log Φ(z) ≈ −z²/2 − log|z| − ½ log(2π).
    private static func tailQuantile(_ logP: Double) -> Double {
        let s = -logP - logSquareRootOfTwoPi
        var z = -(2 * s - log(2 * s)).squareRoot()
        for _ in 0..<100 {
            let logTail = positiveUpperTail(-z).logarithm
            // h′ = φ/Φ; beyond the threshold it is 1/R(|z|) directly, since log φ − log Φ cancels
            // catastrophically when both are near −1e300.
            let slope = -z > continuedFractionThreshold ? 1 / millsRatio(-z) : exp(logDensity(z) - logTail)
            let step = (logTail - logP) / slope
            z -= step
            if abs(step) <= 2 * Double.ulpOfOne * abs(z) { break }
        }
        return z
    }
}

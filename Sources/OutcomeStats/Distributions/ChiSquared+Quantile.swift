import Foundation

extension ChiSquared {
    /// The quantile x with P(X ≤ x) = p (`.lower`) or P(X > x) = p (`.upper`), e.g. the critical value
    /// `quantile(0.05, tail: .upper)` = 3.841… on 1 degree of freedom.
    ///
    /// Solved on the Gamma(ν/2) scale y = x/2 by Newton's method on the logarithm of whichever tail holds
    /// the smaller probability, in the variable log y:
    /// ```
    /// h(y) = log P(a, y) − log p,   ∂h/∂log y = a·D(a, y)/P(a, y)     (lower; upper tail alike with −Q)
    /// ```
    /// Both tails of the log-gamma distribution are log-concave, so Newton converges monotonically after its
    /// first step; a bracket is kept and a step that leaves it is replaced by geometric bisection. The start
    /// is the Wilson–Hilferty approximation x ≈ ν(1 − 2/(9ν) + z·√(2/(9ν)))³ (Wilson & Hilferty, PNAS 17
    /// (1931) 684, doi:10.1073/pnas.17.12.684), or in the lower tail the lower bound
    /// y ≥ (p·Γ(a+1))^{1/a}, which follows from P(a, y) ≤ y^a/Γ(a+1). The result agrees with R's `qchisq` to
    /// 1e-13 relative where R is accurate (largest difference seen against R 4.2.2: 9e-14) and is more
    /// accurate than R in the far tails, where R's round trip `pchisq(qchisq(p))/p − 1` reaches 1e-7 (and
    /// 1e-3 for log p near 0).
    /// - Returns: 0 for p = 0 (lower) or p = 1 (upper), +∞ for the opposite; 0 when the quantile underflows
    ///   (e.g. p = 1e-300 on 1 degree of freedom, x ≈ 1e-600), a subnormal number just above that (with
    ///   correspondingly few significant digits); NaN for NaN.
    /// - Precondition: 0 ≤ p ≤ 1.
    public func quantile(_ probability: Double, tail: Tail = .lower) -> Double {
        guard !probability.isNaN else { return .nan }
        precondition(probability >= 0 && probability <= 1,
                     "ChiSquared.quantile needs a probability in [0, 1], got \(probability)")
        if probability <= 0.5 {
            return solveQuantile(tail: tail, probability: probability, logProbability: log(probability))
        }
        let complement = 1 - probability  // exact for probability ≥ ½ (Sterbenz)
        return solveQuantile(tail: tail.opposite, probability: complement, logProbability: log(complement))
    }

    /// The quantile for a probability given by its logarithm (R's `log.p = TRUE`).
    /// - Precondition: `logProbability ≤ 0`.
    public func quantile(logProbability: Double, tail: Tail = .lower) -> Double {
        guard !logProbability.isNaN else { return .nan }
        precondition(logProbability <= 0, "ChiSquared.quantile needs a log-probability ≤ 0, got \(logProbability)")
        if logProbability <= -M_LN2 {
            return solveQuantile(tail: tail, probability: exp(logProbability), logProbability: logProbability)
        }
        let complement = -expm1(logProbability)
        return solveQuantile(tail: tail.opposite, probability: complement, logProbability: log(complement))
    }

    /// The x with log(probability in `tail`) = `logP`, for a tail probability p ≤ ½.
    private func solveQuantile(tail: Tail, probability p: Double, logProbability logP: Double) -> Double {
        if logP == -.infinity { return tail == .lower ? 0 : .infinity }
        let a = shape
        let lowerBound = (logP + lgamma(a + 1)) / a  // log y of the lower-tail bound (p·Γ(a+1))^{1/a}
        // Deep in the lower tail P(a, y) = y^a/Γ(a+1)·(1 − a·y/(a+1) + …), so the bound is the answer to
        // within a relative y: exact in double precision once y < 1e-17 (and it reaches subnormal results).
        if tail == .lower && lowerBound < -40 { return 2 * exp(lowerBound) }

        // h(log y) and its derivative with respect to log y; h increases with y in the lower tail.
        func evaluate(_ y: Double) -> (value: Double, slope: Double) {
            let values = IncompleteGamma.values(a, y)
            let logTail = tail == .lower ? values.logLower : values.logUpper
            let slope = exp(log(a) + SaddlePointTerms.logPoissonTerm(a, y) - logTail)
            return (logTail - logP, tail == .lower ? slope : -slope)
        }
        let increasing = tail == .lower
        var y = initialGuess(tail: tail, probability: p, logProbability: logP, lowerBound: lowerBound)
        var (low, high) = bracket(around: &y, increasing: increasing, evaluate: { evaluate($0).value })
        for _ in 0..<200 {
            let (value, slope) = evaluate(y)
            if value == 0 { break }
            if (value < 0) == increasing { low = y } else { high = y }
            let step = value / slope
            var next = y * exp(-step)
            if !(next > low && next < high) || !step.isFinite {
                next = low > 0 ? (low * high).squareRoot() : high / 2
            } else if abs(step) <= 2 * Double.ulpOfOne {
                y = next
                break
            }
            if next == y { break }
            y = next
        }
        return 2 * y
    }

    /// Wilson–Hilferty start on the y = x/2 scale, or the lower-tail bound when that is not positive.
    private func initialGuess(tail: Tail, probability: Double, logProbability: Double, lowerBound: Double) -> Double {
        let nu = degreesOfFreedom
        let z = Normal.quantile(logProbability: logProbability, tail: tail)
        let spread = (2 / (9 * nu)).squareRoot()
        let cube = 1 - 2 / (9 * nu) + z * spread
        let wilsonHilferty = nu * cube * cube * cube / 2
        if wilsonHilferty > 0 && wilsonHilferty.isFinite {
            return tail == .lower ? max(wilsonHilferty, exp(lowerBound)) : wilsonHilferty
        }
        return tail == .lower ? exp(lowerBound) : max(nu / 2, 1)
    }

    /// Moves outwards from `y` by factors 2, 4, 16, 256, … until h changes sign, returning the bracket
    /// [low, high] with h(low) and h(high) of opposite sign (`y` is left inside it).
    private func bracket(
        around y: inout Double, increasing: Bool, evaluate: (Double) -> Double
    ) -> (low: Double, high: Double) {
        let startValue = evaluate(y)
        if startValue == 0 { return (y, y) }
        // Root above y when h(y) < 0 for an increasing h, or h(y) > 0 for a decreasing one.
        let rootAbove = (startValue < 0) == increasing
        var factor = 2.0
        var inner = y
        for _ in 0..<12 {
            let outer = rootAbove ? inner * factor : inner / factor
            let value = evaluate(outer)
            if (value < 0) != (startValue < 0) || value.isNaN || outer == 0 || outer == .infinity {
                return rootAbove ? (inner, outer) : (outer, inner)
            }
            inner = outer
            y = outer
            factor *= factor
        }
        return rootAbove ? (inner, .infinity) : (0, inner)
    }
}

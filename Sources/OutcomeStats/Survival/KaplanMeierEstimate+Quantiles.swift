/// A quantile of the survival distribution with its confidence limits; `nil` where R reports `NA`.
public struct SurvivalQuantile: Sendable, Hashable {
    /// The probability p: the quantile is the time by which a proportion p has had the event (p = 0.5: median).
    public let probability: Double
    public let estimate: Double?
    public let lower: Double?
    public let upper: Double?
}

extension KaplanMeierEstimate {
    /// The p-quantile of survival time and its confidence interval, as R's `quantile.survfit`.
    ///
    /// ```
    /// t_p = min { t : S(t) ≤ 1 − p }
    /// ```
    /// When S equals 1 − p exactly (to √ε) from tᵢ on, t_p is the midpoint of tᵢ and the next time at which
    /// the curve drops (or the last time, when it never drops again): events at 1, 2, 3, 4 give a median of 2.5.
    /// The lower limit is the same rule applied to the lower confidence band, the upper limit to the upper band
    /// (Brookmeyer & Crowley, Biometrics 38 (1982) 29, doi:10.2307/2530286). A curve or band that never reaches
    /// 1 − p gives `nil`; undefined band values (at S = 0) never count as reaching it.
    /// - Precondition: 0 < p < 1.
    public func quantile(
        _ probability: Double, type: SurvivalIntervalType = .log, level: ConfidenceLevel = .ninetyFive
    ) -> SurvivalQuantile {
        precondition(probability > 0 && probability < 1, "A survival quantile needs 0 < p < 1, got \(probability)")
        let target = 1 - probability
        let bounds = confidenceBounds(type, level: level)
        return SurvivalQuantile(
            probability: probability,
            estimate: Self.crossing(times: times, curve: survival.map { $0 }, target: target),
            lower: Self.crossing(times: times, curve: bounds.lower, target: target),
            upper: Self.crossing(times: times, curve: bounds.upper, target: target))
    }

    /// The median survival time and its interval as R prints them (`print(fit)`, `summary(fit)$table`), which
    /// differs from ``quantile(_:type:level:)`` at p = 0.5 in two corner cases, as in R:
    ///
    /// each of S, the lower and the upper band gives the first time its value is ≤ 0.5 (undefined values skipped);
    /// when that value is 0.5 (to √ε) and the curve later drops below it, the midpoint of that time and the time of
    /// the drop; when it never drops again, the time itself (events at 1, 2 then censorings at 3, 4 give 2, where
    /// `quantile` gives 3); and a band that rises again after crossing (the log band's upper limit can) is not
    /// revisited (R's `aml`: median 27, interval [18, 45], where `quantile` reports 48 as the upper limit).
    public func median(type: SurvivalIntervalType = .log, level: ConfidenceLevel = .ninetyFive) -> SurvivalQuantile {
        let bounds = confidenceBounds(type, level: level)
        return SurvivalQuantile(
            probability: 0.5, estimate: Self.firstHalf(times: times, curve: survival.map { $0 }),
            lower: Self.firstHalf(times: times, curve: bounds.lower),
            upper: Self.firstHalf(times: times, curve: bounds.upper))
    }

    /// R's `survmean` median rule (see ``median(type:level:)``).
    static func firstHalf(times: [Double], curve: [Double?]) -> Double? {
        let tolerance = Double.ulpOfOne.squareRoot()
        let kept = curve.indices.filter { curve[$0].map { $0 < 0.5 + tolerance } ?? false }
        guard let first = kept.first, let value = curve[first] else { return nil }
        if abs(value - 0.5) < tolerance, let drop = kept.first(where: { curve[$0]! < value }) {
            return (times[first] + times[drop]) / 2
        }
        return times[first]
    }

    /// The time a step curve reaches `target`, by R's rule (`survival:::findq`), which also serves bands that are
    /// not monotone (the log band's upper limit can rise after a drop in S).
    ///
    /// With y = 1 − curve at (0, times…), y(0) = 0, undefined and repeated values dropped (the first of equal
    /// values kept) and q = 1 − target: the answer is the time of the point with the smallest y ≥ q. When q is
    /// within the tolerance of such a y it is the midpoint of that time and the time of the next larger y, or of
    /// the last time when y is the curve's last value. `nil` when no y reaches q.
    static func crossing(times: [Double], curve: [Double?], target: Double) -> Double? {
        let tolerance = Double.ulpOfOne.squareRoot()
        let q = 1 - target
        var x: [Double] = [0], y: [Double] = [0]
        var seen: Set<Double> = [0]
        for (index, value) in curve.enumerated() {
            guard let value else { continue }
            let complement = 1 - value
            if seen.insert(complement).inserted {
                x.append(times[index])
                y.append(complement)
            }
        }
        guard let largest = y.max(), largest >= q else { return nil }
        /// The index of the smallest y with y + shift ≥ q.
        func smallest(shift: Double) -> Int? {
            var best: Int? = nil
            for index in y.indices where y[index] + shift >= q {
                if best == nil || y[index] < y[best!] { best = index }
            }
            return best
        }
        guard let first = smallest(shift: tolerance) else { return nil }
        if let last = y.last, abs(q - last) < tolerance, let lastTime = times.last {
            return (x[first] + lastTime) / 2
        }
        guard let second = smallest(shift: -tolerance) else { return nil }
        return (x[first] + x[second]) / 2
    }
}

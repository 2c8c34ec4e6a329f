import Foundation

/// The Kaplan–Meier estimate with case weights, as R's `survfit(Surv(time, status) ~ 1, weights = w)`.
///
/// ```
/// nⱼ = Σ_{tᵢ ≥ tⱼ} wᵢ     dⱼ = Σ_{tᵢ = tⱼ, event} wᵢ     S(t) = Π_{tⱼ ≤ t} (1 − dⱼ/nⱼ)
/// Greenwood:                 σ²(t) = Σ_{tⱼ ≤ t} dⱼ / (nⱼ (nⱼ − dⱼ))
/// infinitesimal jackknife:   σ²(t) = Σᵢ (wᵢ ∂log S(t)/∂wᵢ)²,
///                            ∂log S(t)/∂wᵢ = Σ_{tⱼ ≤ t} [Yᵢ(tⱼ) dⱼ/(nⱼ(nⱼ − dⱼ)) − dNᵢ(tⱼ)/(nⱼ − dⱼ)]
/// ```
/// σ is the standard error of log S, the standard error of S is S·σ, and the confidence bounds are those of
/// ``SurvivalIntervalType``. Which variance: R's default (`survfit`'s `robust`) is the infinitesimal jackknife
/// when some weight is not a whole number and Greenwood on the weighted counts otherwise
/// (``VarianceMethod/matchingR(weights:)``). Kaplan & Meier, JASA 53 (1958) 457, doi:10.1080/01621459.1958.10501452;
/// the jackknife: Efron, *The Jackknife, the Bootstrap and Other Resampling Plans* (1982), ch. 6, and Therneau &
/// Grambsch (2000) §7.2 for weighted curves.
///
/// Rows are distinct times, ascending; events come before censorings at a tied time. Weights must be > 0 (R's
/// `survfit` also accepts 0, which keeps the row's time as a row with no weight; ``KaplanMeierEstimate`` is the
/// unweighted curve, and with every weight 1 this one equals it). Once S = 0 the variance is +∞ and the standard
/// error and log or log-log bounds are `nil`, as there.
/// - Complexity: O(n log n) for the sort, then O(n).
public struct WeightedKaplanMeierEstimate: Sendable, Hashable {
    /// How σ² is estimated.
    public enum VarianceMethod: String, Sendable, Hashable, CaseIterable {
        /// Greenwood's formula on the weighted counts (R with whole-number weights).
        case greenwood
        /// The infinitesimal jackknife (R's `robust = TRUE`, its default with non-integer weights).
        case infinitesimalJackknife = "infinitesimal-jackknife"

        /// R's default: the jackknife when some weight is not a whole number, else Greenwood.
        public static func matchingR(weights: [Double]) -> VarianceMethod {
            weights.allSatisfy { $0 == $0.rounded() } ? .greenwood : .infinitesimalJackknife
        }
    }

    /// Distinct times, ascending.
    public let times: [Double]
    /// The weight at risk just before each time (nⱼ).
    public let atRisk: [Double]
    /// The weight of the events at each time (dⱼ).
    public let events: [Double]
    /// The weight of the censorings at each time.
    public let censored: [Double]
    /// S(tⱼ).
    public let survival: [Double]
    /// σ²(tⱼ) = Var[log S(tⱼ)] by ``varianceMethod``; +∞ from the first time with nⱼ = dⱼ on.
    public let varianceOfLogSurvival: [Double]
    public let varianceMethod: VarianceMethod

    /// Estimates the curve of the observations (`times[i]`, `events[i]`, `weights[i]`), in any order.
    /// - Parameter varianceMethod: `nil` for R's choice (``VarianceMethod/matchingR(weights:)``).
    /// - Precondition: equal lengths; times finite; weights finite and > 0.
    public init(times: [Double], events: [Bool], weights: [Double], varianceMethod: VarianceMethod? = nil) {
        precondition(times.count == events.count && times.count == weights.count,
                     "times, events and weights need equal lengths")
        precondition(times.allSatisfy(\.isFinite), "Kaplan–Meier times must be finite")
        precondition(weights.allSatisfy { $0.isFinite && $0 > 0 }, "Kaplan–Meier weights must be finite and > 0")
        let method = varianceMethod ?? .matchingR(weights: weights)
        let order = StableOrder.rows(byTime: times, descending: false)
        // Each row's time index, and the weighted counts per distinct time.
        var distinct: [Double] = [], eventWeights: [Double] = [], censorWeights: [Double] = []
        var timeIndex = [Int](repeating: 0, count: times.count)
        for row in order {
            if distinct.last != times[row] {
                distinct.append(times[row])
                eventWeights.append(0)
                censorWeights.append(0)
            }
            timeIndex[row] = distinct.count - 1
            if events[row] { eventWeights[distinct.count - 1] += weights[row] } else { censorWeights[distinct.count - 1] += weights[row] }
        }
        // nⱼ as sums from the last time back (not by subtraction), so the last nⱼ equals its dⱼ exactly when no
        // censoring follows and S reaches 0 there.
        var risk = [Double](repeating: 0, count: distinct.count), later = 0.0
        for index in distinct.indices.reversed() {
            later += eventWeights[index] + censorWeights[index]
            risk[index] = later
        }
        var survivalValues: [Double] = [], current = 1.0
        for index in distinct.indices {
            let n = risk[index], d = eventWeights[index]
            if d > 0 { current *= (n - d) / n }
            survivalValues.append(current)
        }
        self.times = distinct
        self.atRisk = risk
        self.events = eventWeights
        self.censored = censorWeights
        self.survival = survivalValues
        self.varianceMethod = method
        self.varianceOfLogSurvival = method == .greenwood
            ? Self.greenwood(atRisk: risk, events: eventWeights)
            : Self.jackknife(atRisk: risk, events: eventWeights, timeIndex: timeIndex, eventFlags: events, weights: weights)
    }

    /// Σ d/(n(n − d)), +∞ from the first n = d on.
    static func greenwood(atRisk: [Double], events: [Double]) -> [Double] {
        var sum = 0.0
        return zip(atRisk, events).map { n, d in
            if d > 0 { sum += n == d ? .infinity : d / (n * (n - d)) }
            return sum
        }
    }

    /// Σᵢ wᵢ² (∂log S(tₘ)/∂wᵢ)² in O(n): with A(m) = Σ_{j≤m} aⱼ, aⱼ = dⱼ/(nⱼ(nⱼ − dⱼ)), and kᵢ the index of row i's
    /// time, the derivative is A(m) for kᵢ > m and A(kᵢ) − δᵢ/(n_kᵢ − d_kᵢ) for kᵢ ≤ m, so
    /// σ²(m) = A(m)² Σ_{kᵢ>m} wᵢ² + Σ_{kᵢ≤m} wᵢ² (A(kᵢ) − δᵢ/(n_kᵢ − d_kᵢ))².
    static func jackknife(
        atRisk: [Double], events: [Double], timeIndex: [Int], eventFlags: [Bool], weights: [Double]
    ) -> [Double] {
        let count = atRisk.count
        let cumulative = greenwood(atRisk: atRisk, events: events)
        var leavingSquares = [Double](repeating: 0, count: count)  // Σ w² of rows whose time is tⱼ
        var settled = [Double](repeating: 0, count: count)  // Σ w² (A(kᵢ) − δᵢ b)² of those rows
        for (row, index) in timeIndex.enumerated() {
            let square = weights[row] * weights[row]
            let derivative = cumulative[index] - (eventFlags[row] ? 1 / (atRisk[index] - events[index]) : 0)
            leavingSquares[index] += square
            settled[index] += square * derivative * derivative
        }
        var later = leavingSquares.reduce(0, +), settledSum = 0.0
        var result: [Double] = []
        result.reserveCapacity(count)
        for m in 0..<count {
            later -= leavingSquares[m]
            settledSum += settled[m]
            let value = cumulative[m] * cumulative[m] * max(later, 0) + settledSum
            result.append(cumulative[m].isFinite ? value : .infinity)
        }
        return result
    }

    /// The total weight.
    public var totalWeight: Double { atRisk.first ?? 0 }

    /// The standard error of S(tⱼ), S·σ (R's `summary(fit)$std.err`). Once S = 0 it is `nil` for Greenwood (R:
    /// `NaN`) and 0 for the jackknife, whose derivatives of S itself vanish there (every row at risk had the event).
    public var standardErrors: [Double?] {
        let errors = SurvivalIntervalType.standardErrors(survival: survival, varianceOfLogSurvival: varianceOfLogSurvival)
        guard varianceMethod == .infinitesimalJackknife else { return errors }
        return zip(errors, survival).map { error, value in value == 0 ? 0 : error }
    }

    /// Pointwise confidence bounds at each time; `nil` where ``SurvivalIntervalType/interval(survival:sigma:z:)``
    /// is undefined, except that the jackknife's plain bounds once S = 0 are [0, 0] (its standard error is 0), as R's.
    public func confidenceBounds(
        _ type: SurvivalIntervalType = .log, level: ConfidenceLevel = .ninetyFive
    ) -> (lower: [Double?], upper: [Double?]) {
        var bounds = type.bounds(survival: survival, varianceOfLogSurvival: varianceOfLogSurvival, level: level)
        if varianceMethod == .infinitesimalJackknife && type == .plain {
            for index in survival.indices where survival[index] == 0 {
                bounds.lower[index] = 0
                bounds.upper[index] = 0
            }
        }
        return bounds
    }
}

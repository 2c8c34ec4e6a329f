import Foundation

/// The Kaplan–Meier estimate of a survival curve with Greenwood's variance, as R's `survfit` computes it.
///
/// ```
/// S(t) = Π_{tⱼ ≤ t} (1 − dⱼ/nⱼ)
/// σ²(t) = Σ_{tⱼ ≤ t} dⱼ / (nⱼ (nⱼ − dⱼ))      (Greenwood: the variance of log S)
/// ```
/// Kaplan & Meier, JASA 53 (1958) 457, doi:10.1080/01621459.1958.10501452; Greenwood (1926).
///
/// One row per distinct time, event or censoring, ascending. At a tied time events come before censorings: an
/// observation censored at tⱼ is in the risk set nⱼ. Times are compared exactly (R's `survfit` also merges
/// times within about 1e-8 relative; whole-day data are unaffected).
///
/// Edge cases: no observations gives no rows; all censored gives S = 1 and σ = 0 throughout; once every subject
/// at risk has the event (nⱼ = dⱼ) S = 0 and σ is +∞, so the standard error of S and the log and log-log
/// intervals are undefined (`nil`), as R reports `NaN`/`NA`.
/// - Complexity: O(n log n) for the sort, then one pass.
public struct KaplanMeierEstimate: Sendable, Hashable {
    /// Distinct times, ascending.
    public let times: [Double]
    /// Subjects at risk just before each time (nⱼ).
    public let atRisk: [Int]
    /// Events at each time (dⱼ).
    public let events: [Int]
    /// Censorings at each time.
    public let censored: [Int]
    /// S(tⱼ).
    public let survival: [Double]
    /// The Greenwood sum σ²(tⱼ) = Var[log S(tⱼ)]; +∞ from the first time with nⱼ = dⱼ on.
    public let varianceOfLogSurvival: [Double]

    /// Estimates the curve of the observations (`times[i]`, `events[i]`), in any order.
    /// - Precondition: equal lengths; times finite.
    public init(times: [Double], events: [Bool]) {
        precondition(times.count == events.count, "times and events need equal lengths")
        let order = StableOrder.rows(byTime: times, descending: false)
        self.init(sortedTimes: order.lazy.map { times[$0] }, events: order.lazy.map { events[$0] })
    }

    /// Estimates the curve of observations already sorted by ascending time.
    init<TimeSequence: Sequence<Double>, EventSequence: Sequence<Bool>>(
        sortedTimes: TimeSequence, events eventSequence: EventSequence
    ) {
        var distinct: [Double] = [], eventCounts: [Int] = [], censorCounts: [Int] = []
        for (time, event) in zip(sortedTimes, eventSequence) {
            precondition(time.isFinite, "Kaplan–Meier times must be finite")
            if distinct.last != time {
                distinct.append(time)
                eventCounts.append(0)
                censorCounts.append(0)
            }
            if event { eventCounts[eventCounts.count - 1] += 1 } else { censorCounts[censorCounts.count - 1] += 1 }
        }
        var remaining = eventCounts.reduce(0, +) + censorCounts.reduce(0, +)
        var risk: [Int] = [], survivalValues: [Double] = [], variances: [Double] = []
        risk.reserveCapacity(distinct.count)
        var current = 1.0, greenwood = 0.0
        for index in distinct.indices {
            let n = remaining, d = eventCounts[index]
            risk.append(n)
            if d > 0 {
                current *= Double(n - d) / Double(n)
                greenwood += n == d ? .infinity : Double(d) / (Double(n) * Double(n - d))
            }
            survivalValues.append(current)
            variances.append(greenwood)
            remaining -= d + censorCounts[index]
        }
        self.times = distinct
        self.atRisk = risk
        self.events = eventCounts
        self.censored = censorCounts
        self.survival = survivalValues
        self.varianceOfLogSurvival = variances
    }

    /// Number of observations.
    public var subjectCount: Int { atRisk.first ?? 0 }
    /// Number of events.
    public var eventCount: Int { events.reduce(0, +) }

    /// The standard error of log S(tⱼ), σ; +∞ once S = 0.
    public var standardErrorsOfLogSurvival: [Double] { varianceOfLogSurvival.map { $0.squareRoot() } }

    /// The standard error of S(tⱼ), S·σ (R's `summary(fit)$std.err`); `nil` once S = 0, where R prints `NaN`.
    public var standardErrors: [Double?] {
        SurvivalIntervalType.standardErrors(survival: survival, varianceOfLogSurvival: varianceOfLogSurvival)
    }

    /// Pointwise confidence bounds at each time; `nil` where ``SurvivalIntervalType/interval(survival:sigma:z:)``
    /// is undefined.
    public func confidenceBounds(
        _ type: SurvivalIntervalType = .log, level: ConfidenceLevel = .ninetyFive
    ) -> (lower: [Double?], upper: [Double?]) {
        type.bounds(survival: survival, varianceOfLogSurvival: varianceOfLogSurvival, level: level)
    }

    /// The index of the last time ≤ `time`, or `nil` before the first time.
    func lastIndex(atOrBefore time: Double) -> Int? {
        var low = 0, high = times.count  // first index with times[i] > time
        while low < high {
            let middle = (low + high) / 2
            if times[middle] <= time { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? nil : low - 1
    }

    /// S(t), right-continuous: 1 before the first time, the last value after the last time.
    public func survival(at time: Double) -> Double {
        lastIndex(atOrBefore: time).map { survival[$0] } ?? 1
    }

    /// S(t) with its standard error and pointwise bounds at `time` (a step function, as R's `summary(fit, times =)`).
    /// Before the first time: S = 1, standard error 0, bounds [1, 1] for log and plain (log-log undefined).
    public func estimate(
        at time: Double, type: SurvivalIntervalType = .log, level: ConfidenceLevel = .ninetyFive
    ) -> (survival: Double, standardError: Double?, lower: Double?, upper: Double?) {
        let index = lastIndex(atOrBefore: time)
        let survivalValue = index.map { survival[$0] } ?? 1
        let variance = index.map { varianceOfLogSurvival[$0] } ?? 0
        let bounds = type.interval(survival: survivalValue, sigma: variance.squareRoot(), z: level.normalQuantile)
        return (survivalValue, variance.isFinite ? survivalValue * variance.squareRoot() : nil,
                bounds?.lower, bounds?.upper)
    }
}

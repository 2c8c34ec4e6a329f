import OutcomeStats

extension RetainedAt {
    /// Still in treatment on day `day` by the weighted curve `curve`: S(day − ½) with its log-scale interval, as
    /// ``init(curve:day:level:)`` for the unweighted curve (times are whole days, so an episode of exactly `day` days
    /// counts); no estimate when the curve ends before day − 1. Before the first time S = 1 with no interval width.
    public init(weightedCurve curve: WeightedKaplanMeierEstimate, day: Int, level: ConfidenceLevel = .ninetyFive) {
        guard Double(day - 1) <= (curve.times.last ?? 0) else {
            self.init(day: day, estimate: nil, lower: nil, upper: nil)
            return
        }
        guard let index = curve.times.lastIndex(where: { $0 <= Double(day) - 0.5 }) else {
            self.init(day: day, estimate: 1, lower: 1, upper: 1)
            return
        }
        let bounds = curve.confidenceBounds(.log, level: level)
        self.init(day: day, estimate: curve.survival[index], lower: bounds.lower[index], upper: bounds.upper[index])
    }
}

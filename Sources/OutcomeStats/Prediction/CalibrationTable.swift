/// Observed against predicted risk in groups of near-equal size ordered by predicted risk (deciles by default).
///
/// Rows are sorted by p (ties in input order) and row r (0-based, of n) goes to group ⌊g·r/n⌋, as dplyr's `ntile`;
/// so group sizes differ by at most one and tied predictions may straddle a boundary.
public struct CalibrationTable: Sendable, Hashable {
    public struct Group: Sendable, Hashable {
        /// 1-based group number, 1 = lowest predicted risk.
        public let number: Int
        public let count: Int
        public let events: Int
        public let meanPrediction: Double
        public let minimumPrediction: Double
        public let maximumPrediction: Double
        public var observedRate: Double { Double(events) / Double(count) }
        /// The observed rate with its 95% Wilson score interval.
        public var observedInterval: WilsonScoreInterval { WilsonScoreInterval(successes: events, trials: count) }
    }

    public let groups: [Group]

    /// - Precondition: equal lengths; outcomes 0/1; `groupCount ≥ 1`. Fewer rows than groups give fewer groups.
    public init(outcome: [Double], probabilities: [Double], groupCount: Int = 10) {
        precondition(outcome.count == probabilities.count, "Calibration table needs paired data")
        precondition(groupCount >= 1, "At least one group")
        let order = probabilities.indices.sorted { (probabilities[$0], $0) < (probabilities[$1], $1) }
        let n = order.count
        var members = [[Int]](repeating: [], count: groupCount)
        for (rank, row) in order.enumerated() { members[groupCount * rank / n].append(row) }
        groups = members.enumerated().compactMap { number, rows in
            guard !rows.isEmpty else { return nil }
            let predictions = rows.map { probabilities[$0] }
            return Group(
                number: number + 1, count: rows.count, events: rows.filter { outcome[$0] == 1 }.count,
                meanPrediction: predictions.reduce(0, +) / Double(rows.count),
                minimumPrediction: predictions.min()!, maximumPrediction: predictions.max()!)
        }
    }
}

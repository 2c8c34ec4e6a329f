import TreatmentOutcomes

/// The calibration groups a report prints: the deciles of predicted risk, with the end deciles merged inward while
/// their relapsed or not-relapsed count is small.
///
/// At the ends of a good model nearly everyone (top decile) or nearly no one (bottom decile) has the outcome, so the
/// other count is small, and withholding it would cut the calibration plot short exactly where calibration matters
/// (CTN-0094: deciles 9 and 10 of 249 patients each, 97% relapsed, were withheld and the plot stopped at 85%).
/// Merging is done from each end inward (10 into 9, then 9–10 into 8, …; likewise from decile 1) until the end group
/// has no count from 1 to minimum − 1; a small middle decile is left to the ordinary suppression. A merged group's
/// mean prediction is the mean over its patients (the count-weighted mean of its deciles).
struct CalibrationGroup: Hashable {
    /// The first and last decile numbers (equal for a single decile).
    let first: Int
    let last: Int
    let count: Int
    let events: Int
    let meanPrediction: Double

    var label: String { first == last ? String(first) : "\(first)–\(last)" }
    var observedRate: Double { Double(events) / Double(count) }
    var observedInterval: WilsonScoreInterval { WilsonScoreInterval(successes: events, trials: count) }

    /// The groups of `table` under `policy`.
    static func groups(_ table: CalibrationTable, policy: SmallCellPolicy) -> [CalibrationGroup] {
        var groups = table.groups.map {
            CalibrationGroup(first: $0.number, last: $0.number, count: $0.count, events: $0.events, meanPrediction: $0.meanPrediction)
        }
        func isSmall(_ group: CalibrationGroup) -> Bool {
            policy.isSmall(group.events) || policy.isSmall(group.count - group.events)
        }
        while groups.count > 1, isSmall(groups[groups.count - 1]) {
            let last = groups.removeLast()
            groups[groups.count - 1] = groups[groups.count - 1].merged(with: last)
        }
        while groups.count > 1, isSmall(groups[0]) {
            let first = groups.removeFirst()
            groups[0] = first.merged(with: groups[0])
        }
        return groups
    }

    /// This group followed by `next`.
    func merged(with next: CalibrationGroup) -> CalibrationGroup {
        let count = count + next.count
        return CalibrationGroup(
            first: min(first, next.first), last: max(last, next.last), count: count, events: events + next.events,
            meanPrediction: (meanPrediction * Double(self.count) + next.meanPrediction * Double(next.count)) / Double(count))
    }
}

/// A patient's change from baseline at a chosen week, with a ± window around the target day (docs/Craving.md,
/// "Scoring composites": change at fixed visits such as weeks 4 and 12, each within ±3 days of its target day).
///
/// ```
/// baseline(p)   = p's value on the latest day in the baseline window (days since the index day, inclusive)
/// follow-up(p,w) = p's value on the day d with |d − 7w| ≤ window closest to 7w (a tie goes to the earlier day),
///                  d after the baseline day
/// change        = follow-up − baseline
/// ```
/// A patient without a baseline, or without an assessment in a week's window, has no row for that week: the
/// caller counts them from the patients it passed in.
public struct ChangeFromBaseline: Sendable, Hashable {
    public let patient: Int32
    /// The target week (target day 7·week).
    public let week: Int
    public let baselineDay: Int32
    public let baseline: Double
    public let day: Int32
    public let value: Double
    public var change: Double { value - baseline }

    /// One row per patient and week that has both values, ordered by patient, then by the order of `weeks`.
    /// - Parameters: `patient`, `day`, `value`: one series (one value per patient-day), any order.
    /// - Precondition: the three arrays have equal lengths; `windowDays ≥ 0`.
    public static func changes(patient: [Int32], day: [Int32], value: [Double], baselineDays: ClosedRange<Int32>,
                               weeks: [Int], windowDays: Int32 = 3) -> [ChangeFromBaseline] {
        precondition(patient.count == day.count && day.count == value.count && windowDays >= 0,
                     "ChangeFromBaseline: one patient, day and value per row and a non-negative window")
        let order = patient.indices.sorted { (patient[$0], day[$0]) < (patient[$1], day[$1]) }
        var result: [ChangeFromBaseline] = []
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count && patient[order[end]] == patient[order[start]] { end += 1 }
            let rows = order[start..<end]
            start = end
            guard let base = rows.last(where: { baselineDays.contains(day[$0]) }) else { continue }
            for week in weeks {
                let target = Int32(7 * week)
                let candidates = rows.filter { day[$0] > day[base] && abs(day[$0] - target) <= windowDays }
                guard let chosen = candidates.min(by: {
                    (abs(day[$0] - target), day[$0]) < (abs(day[$1] - target), day[$1])
                }) else { continue }
                result.append(ChangeFromBaseline(
                    patient: patient[base], week: week, baselineDay: day[base], baseline: value[base],
                    day: day[chosen], value: value[chosen]))
            }
        }
        return result
    }
}

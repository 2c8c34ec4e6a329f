/// The mean of one arm's values in one week of a ``SymptomTrajectory``.
public struct WeeklyMean: Sendable, Hashable {
    public let arm: String
    /// The week, day / 7 rounded to the nearest whole week.
    public let week: Int
    /// Size, mean, SD (and the normal interval of the mean) of the arm's values that week.
    public let summary: SampleSummary
}

extension SymptomTrajectory {
    /// Per arm (label order) and week (ascending): the mean of the values, with its 95% normal interval
    /// (mean ± 1.96·SD/√n). Every week is returned; a report draws only weeks with enough patients.
    public func weeklyMeans() -> [WeeklyMean] {
        arms.enumerated().flatMap { index, arm -> [WeeklyMean] in
            var byWeek: [Int: [Double]] = [:]
            for row in value.indices where armIndex[row] == index {
                byWeek[Int((Double(day[row]) / 7).rounded()), default: []].append(value[row])
            }
            return byWeek.keys.sorted().map { WeeklyMean(arm: arm, week: $0, summary: SampleSummary(byWeek[$0]!)) }
        }
    }
}

import OutcomeStats

/// One patient's (or group's) linear trend: the OLS slope of the score on time, its standard error and the
/// intercept (`SimpleLinearRegression`), defined when the patient has at least ``minimumAssessments``
/// assessments at two or more distinct times.
public struct PatientTrend: Sendable, Hashable {
    /// docs/Craving.md, "Scoring composites": a per-patient slope needs at least 3 assessments.
    public static let minimumAssessments = 3

    public let group: String
    public let count: Int
    /// The line, `nil` with fewer than 3 assessments or a single assessment time.
    public let regression: SimpleLinearRegression?

    /// Trends for every group of `design`, in order of first appearance, slope per unit of its time column.
    /// - Complexity: O(n) plus one grouping pass.
    public static func trends(of design: GroupedDesign) -> [PatientTrend] {
        var rowsOf = [[Int]](repeating: [], count: design.groupLabels.count)
        for (row, group) in design.group.enumerated() { rowsOf[group].append(row) }
        return rowsOf.enumerated().map { group, rows in
            let regression = rows.count >= minimumAssessments
                ? SimpleLinearRegression(x: rows.map { design.time[$0] }, y: rows.map { design.response[$0] })
                : nil
            return PatientTrend(group: design.groupLabels[group], count: rows.count, regression: regression)
        }
    }
}

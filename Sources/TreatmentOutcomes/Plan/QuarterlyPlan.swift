/// The quarterly outcome report (docs/QuarterlyMeasures.md). Which visits are psychosocial sessions is
/// ``AnalysisPlan/psychosocialVisitKinds``, shared with the engagement analysis.
public struct QuarterlyPlan: Sendable, Hashable, Codable {
    /// The quarter reported, `YYYY-Qn`; its last day is the as-of date. `nil` (the default): the command names it
    /// (`quarterly --quarter`).
    public var quarter: String?
    /// How many quarters the report shows, ending with ``quarter``. Default 8 (two years).
    public var quarters: Int
    /// A patient is engaged in psychosocial care in a quarter with at least this many attended sessions in it.
    /// Default 2.
    public var engagedMinimumSessions: Int
    /// Days of follow-up for the retention measures (`retained_<d>_days`). Default 90 and 180.
    public var retentionDays: [Int]

    public init(
        quarter: String? = nil, quarters: Int = 8, engagedMinimumSessions: Int = 2, retentionDays: [Int] = [90, 180]
    ) {
        self.quarter = quarter
        self.quarters = quarters
        self.engagedMinimumSessions = engagedMinimumSessions
        self.retentionDays = retentionDays
    }

    private enum CodingKeys: String, CodingKey {
        case quarter, quarters, engagedMinimumSessions, retentionDays
    }

    /// Writes ``quarter`` as `null` when unset, so that a plan file may set it (a plan only overrides settings
    /// its defaults name).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(quarter, forKey: .quarter)
        try container.encode(quarters, forKey: .quarters)
        try container.encode(engagedMinimumSessions, forKey: .engagedMinimumSessions)
        try container.encode(retentionDays, forKey: .retentionDays)
    }
}

/// How retention episodes are derived from a cohort (docs/Retention.md, "Episodes").
///
/// The defaults are ``AnalysisPlan``'s for a cohort without protocols. The report derives its options from the
/// effective plan (``AnalysisPlan/retentionOptions``), which observes protocol arms through their follow-up: use
/// that to get the report's numbers.
public struct RetentionOptions: Sendable, Hashable {
    /// Until when each patient's records can show a gap.
    public enum ObservationEnd: Sendable, Hashable {
        /// Each patient is observed through their last record in any file (doses, fills, screens, visits,
        /// assessments): a patient who vanishes from every file is censored, not counted as leaving.
        case lastRecord
        /// Every patient is observed through this day (a trial protocol or a fixed follow-up; the dosing log is
        /// complete up to it).
        case throughDay(Int)
        /// Patients of the listed arms are observed through their arm's day (trial protocols); everyone else
        /// through their last record, as ``lastRecord``.
        case throughDayByArm([String: Int])
    }

    /// G: an episode ends at the last covered day before the first run of more than G uncovered days
    /// (7 HEDIS/NQF; 14, 30 and 60 are common).
    public var allowedGapDays: Int
    public var observationEnd: ObservationEnd
    /// Days one naltrexone dose covers when doses are recorded as injections (extended-release naltrexone:
    /// 28 days, the labelled 4-weekly interval, as ``AnalysisPlan/naltrexoneInjectionCoverageDays``).
    /// Methadone and buprenorphine doses cover their own day.
    public var naltrexoneDoseCoverageDays: Int

    /// - Precondition: `allowedGapDays ≥ 0`, `naltrexoneDoseCoverageDays ≥ 1`.
    public init(allowedGapDays: Int = 7, observationEnd: ObservationEnd = .lastRecord, naltrexoneDoseCoverageDays: Int = 28) {
        precondition(allowedGapDays >= 0, "the allowed gap must be ≥ 0 days")
        precondition(naltrexoneDoseCoverageDays >= 1, "a dose covers at least one day")
        self.allowedGapDays = allowedGapDays
        self.observationEnd = observationEnd
        self.naltrexoneDoseCoverageDays = naltrexoneDoseCoverageDays
    }
}

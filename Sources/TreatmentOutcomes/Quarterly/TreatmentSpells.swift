/// Every treatment episode of each patient of an as-of cohort, in days since the patient's index day: the
/// quarterly measures' view of "in treatment" (docs/QuarterlyMeasures.md, "Episodes").
///
/// From `episodes.csv` when the cohort has it: each row is a spell (an episode still open at the as-of date was
/// made ongoing by ``AsOfCohort``). Otherwise from doses or pharmacy fills as the retention section derives them
/// (docs/Retention.md, "Episodes"): covered days (a dose its day, a naltrexone injection the plan's coverage
/// days, a fill `[day, day + supply − 1]`) form one spell until a run of more than G uncovered days (the plan's
/// `retention.allowedGapDays`); a spell whose last covered day is within G days of the as-of date has not ended:
/// it is ongoing and runs to the as-of date. An ended derived spell ends in `dropout`.
public struct TreatmentSpells: Sendable {
    public struct Spell: Sendable, Hashable {
        /// First and last day in treatment (inclusive), days since the index day.
        public let start: Int
        public let end: Int
        /// Why it ended; `.ongoing` when it is still open at the as-of date.
        public let reason: EpisodeEndReason

        public init(start: Int, end: Int, reason: EpisodeEndReason) {
            self.start = start
            self.end = end
            self.reason = reason
        }

        public var isOngoing: Bool { reason == .ongoing }
    }

    /// Each patient's spells, by start.
    public let byPatient: [[Spell]]

    /// The patient's first spell starting on or after the index day: the episode a quarter's admission is followed
    /// by (retention at D days, the support comparison).
    public func firstFromIndexDay(of patient: Int) -> Spell? {
        byPatient[patient].first { $0.start >= 0 }
    }
    /// The file they come from.
    public let source: RetentionEpisodes.Source

    /// - Throws: ``RetentionDataMissing`` when the cohort has none of episodes.csv, doses.csv, dispensings.csv.
    public init(_ asOf: AsOfCohort, plan: AnalysisPlan) throws {
        let cohort = asOf.cohort
        let indexDates = cohort.patients.indexDate ?? []
        let lastDay = indexDates.map { $0.days(to: asOf.asOf) }
        if let episodes = cohort.episodes {
            source = .episodes
            byPatient = (0..<cohort.patients.count).map { p in
                episodes.byPatient.rows(of: p).map { row in
                    let start = Int(episodes.start[row])
                    let end = episodes.end[row].map(Int.init) ?? lastDay[p]
                    return Spell(start: start, end: max(start, end), reason: episodes.endReason[row])
                }.sorted { $0.start < $1.start }
            }
            return
        }
        let options = plan.retentionOptions
        let (coverage, source) = try CoverageIntervals.fromRecords(of: cohort, options: options)
        self.source = source
        let gap = options.allowedGapDays
        byPatient = coverage.enumerated().map { p, intervals in
            var spells: [Spell] = []
            var current: ClosedRange<Int>?
            for interval in intervals.sorted(by: { $0.lowerBound < $1.lowerBound }) {
                let clipped = interval.lowerBound...min(interval.upperBound, lastDay[p])
                if let open = current, clipped.lowerBound - open.upperBound - 1 <= gap {
                    current = open.lowerBound...max(open.upperBound, clipped.upperBound)
                } else {
                    if let open = current { spells.append(Spell(start: open.lowerBound, end: open.upperBound, reason: .dropout)) }
                    current = clipped
                }
            }
            if let open = current {
                spells.append(
                    lastDay[p] - open.upperBound <= gap
                        ? Spell(start: open.lowerBound, end: lastDay[p], reason: .ongoing)
                        : Spell(start: open.lowerBound, end: open.upperBound, reason: .dropout))
            }
            return spells
        }
    }
}

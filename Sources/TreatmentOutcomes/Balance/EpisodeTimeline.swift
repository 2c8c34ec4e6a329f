/// Where each retention episode lies on the calendar of its patient's records: the day it starts (days since the
/// index day) and its length, so that records can be placed on the episode's own clock, day 0 = the episode's first
/// day (docs/Balance.md, "Time scale").
///
/// ```
/// episode day t of episode e  =  record day  startDay[e] + t,     t = 0 … days[e] − 1
/// ```
/// The start is the first covered day for episodes derived from doses or fills (``RetentionEpisodes``' rule) and
/// the recorded start for episodes from episodes.csv. Only episodes with at least one day are kept (a patient who
/// never started has no time at risk).
struct EpisodeTimeline: Sendable, Hashable {
    let patient: Int
    /// Record day (days since the index day) of episode day 0.
    let startDay: Int
    /// Retention days: the episode runs over (0, days] on its own clock.
    let days: Int
    let discontinued: Bool

    /// One timeline per episode of `episodes` with days ≥ 1, in the episodes' order.
    /// - Throws: ``RetentionDataMissing`` when episodes were derived from records the cohort no longer has.
    static func of(_ episodes: RetentionEpisodes, cohort: Cohort) throws -> [EpisodeTimeline] {
        let startDays: [Int?]
        switch episodes.source {
        case .episodes:
            let table = cohort.episodes
            startDays = (0..<cohort.patients.count).map { p in
                table.flatMap { table in table.byPatient.rows(of: p).first.map { Int(table.start[$0]) } }
            }
        case .doses, .dispensings:
            let (coverage, _) = try CoverageIntervals.fromRecords(of: cohort, options: episodes.options)
            startDays = coverage.map { $0.first?.lowerBound }
        }
        return episodes.patient.indices.compactMap { row in
            let patient = episodes.patient[row]
            guard episodes.days[row] >= 1, let start = startDays[patient] else { return nil }
            return EpisodeTimeline(
                patient: patient, startDay: start, days: episodes.days[row], discontinued: episodes.discontinued[row])
        }
    }
}

extension CoverageIntervals {
    /// The covered days of each patient from doses and pharmacy fills together (each built as for retention
    /// episodes, then both kept), so that a cohort whose methadone is dosed and whose buprenorphine is dispensed
    /// covers both; a cohort with only one of the files gets exactly the retention episodes' coverage. Empty lists
    /// without either file.
    static func fromAllRecords(of cohort: Cohort, options: RetentionOptions) -> [[ClosedRange<Int>]] {
        let count = cohort.patients.count
        let doses = cohort.doses.map { fromDoses($0, medication: cohort.patients.medication, options: options) }
        let fills = cohort.dispensings.map { fromDispensings($0, patientCount: count) }
        return (0..<count).map { p in
            ((doses?[p] ?? []) + (fills?[p] ?? [])).sorted { $0.lowerBound < $1.lowerBound }
        }
    }
}

/// Each patient's first treatment episode as a right-censored retention time (docs/Retention.md, "Episodes").
///
/// From `episodes.csv` when the cohort has it (the first episode per patient; retention days = end − start + 1;
/// the event is `dropout`, every other reason censors: completion, transfer, incarceration, death and
/// administrative discharge are not dropout, and ``endReason`` keeps them for competing-risk curves). Otherwise
/// from doses (each dose covers its day; a naltrexone injection ``RetentionOptions/naltrexoneDoseCoverageDays``) or
/// pharmacy fills (each covers `[day, day + supply − 1]`; overlapping fills of one drug are shifted to follow each
/// other, different drugs are unioned):
/// ```
/// start = first covered day;  end = last covered day before the first run of > G uncovered days
/// discontinued ⇔ the whole gap is observed: end + G + 1 ≤ observation end
/// retention days = end − start + 1 if discontinued, else (observation end − start + 1), censored
/// ```
/// A patient with no dose, fill or episode has no episode and is counted in ``patientsWithoutTreatment``; one whose
/// treatment starts after the observation end is counted in ``patientsStartingAfterObservation``.
public struct RetentionEpisodes: Sendable {
    public enum Source: String, Sendable {
        case episodes = "episodes.csv"
        case doses = "doses.csv"
        case dispensings = "dispensings.csv"
    }

    /// Patient index of each episode, ascending.
    public let patient: [Int]
    /// Retention days: ≥ 1 for a treatment episode; 0 for a patient who never started
    /// (``includingPatientsWithoutEpisode(_:)``).
    public let days: [Int]
    /// Whether the episode ended in discontinuation (dropout); otherwise it is censored.
    public let discontinued: [Bool]
    /// The recorded end reason (episodes.csv only; `nil` for episodes derived from doses or fills).
    public let endReason: [EpisodeEndReason?]
    public let source: Source
    public let options: RetentionOptions
    public let patientsWithoutTreatment: Int
    public let patientsStartingAfterObservation: Int

    public var count: Int { patient.count }
    public var discontinuationCount: Int { discontinued.reduce(0) { $0 + ($1 ? 1 : 0) } }

    /// Derives the episodes of `cohort`; without `options`, under the cohort's analysis plan
    /// (``AnalysisPlan/effective(for:overrides:)``: its protocols' follow-up, its gap rule), so that the result is
    /// the report's.
    /// - Throws: ``RetentionDataMissing`` when the cohort has none of episodes.csv, doses.csv, dispensings.csv;
    ///   ``AnalysisPlanError`` when the cohort's manifest holds an invalid plan.
    public static func make(from cohort: Cohort, options: RetentionOptions? = nil) throws -> RetentionEpisodes {
        let options = try options ?? AnalysisPlan.effective(for: cohort).retentionOptions
        if let episodes = cohort.episodes { return fromEpisodeTable(episodes, cohort: cohort, options: options) }
        let (coverage, source) = try CoverageIntervals.fromRecords(of: cohort, options: options)
        var protocolDay: [Int?] = []
        if case .throughDayByArm(let days) = options.observationEnd {
            protocolDay = cohort.patients.arm.codes.map { code in
                code < 0 ? nil : days[cohort.patients.arm.levels[Int(code)]]
            }
        }
        let needsLastRecord = switch options.observationEnd {
        case .lastRecord: true
        case .throughDay: false
        case .throughDayByArm: protocolDay.contains(nil)
        }
        let lastRecord = needsLastRecord ? CoverageIntervals.lastRecordDays(cohort) : []
        var patients: [Int] = [], days: [Int] = [], discontinued: [Bool] = []
        var without = 0, late = 0
        for p in 0..<cohort.patients.count {
            let intervals = coverage[p]
            guard let first = intervals.first else { without += 1; continue }
            let observedThrough: Int
            switch options.observationEnd {
            case .lastRecord: observedThrough = max(lastRecord[p] ?? first.upperBound, first.lowerBound)
            case .throughDay(let day): observedThrough = day
            case .throughDayByArm:
                observedThrough = protocolDay[p] ?? max(lastRecord[p] ?? first.upperBound, first.lowerBound)
            }
            guard first.lowerBound <= observedThrough else { late += 1; continue }
            var end = first.upperBound
            for interval in intervals.dropFirst() {
                if interval.lowerBound - end - 1 > options.allowedGapDays { break }
                end = max(end, interval.upperBound)
            }
            let gapSeen = end + options.allowedGapDays + 1 <= observedThrough
            patients.append(p)
            discontinued.append(gapSeen)
            days.append((gapSeen ? end : observedThrough) - first.lowerBound + 1)
        }
        return RetentionEpisodes(
            patient: patients, days: days, discontinued: discontinued,
            endReason: [EpisodeEndReason?](repeating: nil, count: patients.count), source: source, options: options,
            patientsWithoutTreatment: without, patientsStartingAfterObservation: late)
    }

    static func fromEpisodeTable(_ table: EpisodeTable, cohort: Cohort, options: RetentionOptions) -> RetentionEpisodes {
        var patients: [Int] = [], days: [Int] = [], discontinued: [Bool] = [], reasons: [EpisodeEndReason?] = []
        var without = 0
        let lastRecord = CoverageIntervals.lastRecordDays(cohort)
        for p in 0..<cohort.patients.count {
            let rows = table.byPatient.rows(of: p)
            guard let row = rows.first else { without += 1; continue }
            let start = Int(table.start[row])
            let end = table.end[row].map(Int.init) ?? max(lastRecord[p] ?? start, start)
            patients.append(p)
            days.append(end - start + 1)
            discontinued.append(table.endReason[row] == .dropout)
            reasons.append(table.endReason[row])
        }
        return RetentionEpisodes(
            patient: patients, days: days, discontinued: discontinued, endReason: reasons, source: .episodes,
            options: options, patientsWithoutTreatment: without, patientsStartingAfterObservation: 0)
    }

    /// These episodes with a row for every patient of an arm who has none: retention days 0, discontinued (never
    /// started, or started after the observation ended). The intention-to-treat rows of
    /// ``RetentionPopulation/assigned``; patients without an arm get no row. Rows stay in patient order.
    public func includingPatientsWithoutEpisode(_ patients: PatientTable) -> RetentionEpisodes {
        var hasEpisode = [Bool](repeating: false, count: patients.count)
        for p in patient { hasEpisode[p] = true }
        var rows = patient.indices.map { (patient: patient[$0], days: days[$0], discontinued: discontinued[$0], reason: endReason[$0]) }
        for p in 0..<patients.count where !hasEpisode[p] && patients.arm.codes[p] >= 0 {
            rows.append((p, 0, true, nil))
        }
        rows = rows.enumerated().sorted { ($0.element.patient, $0.offset) < ($1.element.patient, $1.offset) }.map(\.element)
        return RetentionEpisodes(
            patient: rows.map(\.patient), days: rows.map(\.days), discontinued: rows.map(\.discontinued),
            endReason: rows.map(\.reason), source: source, options: options,
            patientsWithoutTreatment: patientsWithoutTreatment,
            patientsStartingAfterObservation: patientsStartingAfterObservation)
    }

    /// Memberwise, for tests and callers with their own episodes.
    public init(
        patient: [Int], days: [Int], discontinued: [Bool], endReason: [EpisodeEndReason?], source: Source,
        options: RetentionOptions, patientsWithoutTreatment: Int, patientsStartingAfterObservation: Int
    ) {
        precondition(patient.count == days.count && days.count == discontinued.count && endReason.count == days.count,
                     "RetentionEpisodes columns need equal lengths")
        self.patient = patient
        self.days = days
        self.discontinued = discontinued
        self.endReason = endReason
        self.source = source
        self.options = options
        self.patientsWithoutTreatment = patientsWithoutTreatment
        self.patientsStartingAfterObservation = patientsStartingAfterObservation
    }
}

/// The cohort has no file retention can be measured from.
public struct RetentionDataMissing: Error, CustomStringConvertible, Sendable {
    public var description: String {
        "retention needs episodes.csv, doses.csv or dispensings.csv, which this cohort does not have"
    }
}

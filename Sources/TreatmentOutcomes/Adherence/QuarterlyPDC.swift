import OutcomeStats

/// Proportion of days covered per patient per calendar quarter from a cohort's pharmacy fills (`dispensings.csv`),
/// for quarterly reports (docs/ReportingConventions.md, "Calendar quarters and cohorts"), with summaries by arm,
/// site and quarter (``AdherenceSummary``).
///
/// ```
/// coverage  = the patient's fills, same-drug overlaps cascading, days counted once (``ProportionOfDaysCovered``),
///             over the patient's whole record
/// start     = the patient's first fill (the index prescription start date, IPSD)
/// inducted(F): unit = patient, quarter = quarter(start), period = [start, start + F − 1]
///             the quarter is reported once its last day + F − 1 ≤ data cut-off (every member's F days observed)
/// active:   unit = patient-quarter with at least one covered day in the quarter,
///             period = [max(first day of the quarter, start), last day of the quarter]
///             the quarter is reported once its last day ≤ data cut-off
/// PDC       = covered days in the period / days in the period,   adherent = PDC ≥ threshold (0.80)
/// ```
/// The default is **inducted in the quarter** with F = 180 days (the NQF #3175 treatment period): each patient counts
/// once, in the quarter of their first fill, with the same length of follow-up, so quarters compare like with like,
/// and a patient who stops refilling counts as uncovered (the measure shows dropout as well as refill gaps). The
/// **active** cohort answers "how covered were the patients in care this quarter"; it counts supply carried into
/// the quarter from earlier fills (PQA's rule of ignoring fills dated outside the period would mark every quarter's
/// first weeks uncovered for a patient on 28-day fills), and a patient counts in every quarter they were active.
///
/// Not applied: PQA's two-fill-dates denominator rule (a patient with a single fill is the least adherent, not out of
/// scope, in a cohort measure), and the end of the period at discharge, disenrolment or death.
/// - Complexity: O(f log f + q·f) per patient with f fills and q quarters; one workspace for all patients.
public struct QuarterlyPDC: Sendable {
    /// One result per patient (inducted) or patient-quarter (active) in a reported quarter, by patient then quarter.
    public let results: [PatientQuarterPDC]
    /// The quarters reported, ascending: those with a patient whose follow-up has passed.
    public let quarters: [CalendarQuarter]
    /// Quarters with patients whose follow-up has not passed by the cut-off, ascending (not reported).
    public let pendingQuarters: [CalendarQuarter]
    /// The last day of data used to decide which quarters are complete.
    public let dataCutoff: CivilDate
    public let options: QuarterlyPDCOptions

    /// - Throws: ``MissingTableError`` without `dispensings.csv`; ``QuarterlyPDCError`` when the cohort has no
    ///   calendar dates (`index_date`).
    public init(_ cohort: Cohort, options: QuarterlyPDCOptions = QuarterlyPDCOptions()) throws {
        let dispensings = try cohort.require(\.dispensings, file: .dispensings, for: "quarterly PDC")
        guard let indexDates = cohort.patients.indexDate else { throw QuarterlyPDCError.noCalendarDates }
        let fills = PharmacyFills(dispensings: dispensings, patients: cohort.patients)
        let cutoff = options.dataCutoff ?? cohort.latestRecordedDate() ?? CivilDate(daysSinceEpoch: 0)
        self.options = options
        dataCutoff = cutoff
        var results: [PatientQuarterPDC] = []
        var reported = Set<CalendarQuarter>(), pending = Set<CalendarQuarter>()
        var workspace = CoverageWorkspace(drugCount: fills.drugs.count)
        for patient in 0..<fills.patientCount {
            let rows = fills.byPatient.rows(of: patient)
            guard let firstRow = rows.first else { continue }
            workspace.reset()
            for row in rows {
                workspace.place(drug: fills.drug[row], start: fills.day[row], length: Int(fills.daysSupply[row]))
            }
            // Periods are built in calendar days and measured on the patient's day scale (day − offset).
            let offset = indexDates[patient].daysSinceEpoch
            let start = CivilDate(daysSinceEpoch: offset + fills.day[firstRow])
            func measure(_ quarter: CalendarQuarter, _ period: DayInterval) -> PatientQuarterPDC {
                let local = DayInterval(first: period.first - offset, last: period.last - offset)
                let summary = workspace.summary(window: local, runThreshold: 1)
                return PatientQuarterPDC(
                    patient: patient, quarter: quarter, period: period, daysInPeriod: summary.windowDays,
                    daysCovered: summary.coveredDays, proportionOfDaysCovered: summary.proportionCovered,
                    isAdherent: summary.proportionCovered >= options.threshold)
            }
            switch options.cohort {
            case .inducted(let followUpDays):
                let quarter = CalendarQuarter(containing: start)
                guard quarter.lastDay.adding(days: followUpDays - 1) <= cutoff else {
                    pending.insert(quarter)
                    continue
                }
                reported.insert(quarter)
                results.append(measure(quarter, DayInterval(first: start.daysSinceEpoch, length: followUpDays)))
            case .active:
                var quarter = CalendarQuarter(containing: start)
                let lastCovered = workspace.lastCoveredDay.map { CivilDate(daysSinceEpoch: offset + $0) } ?? start
                while quarter.firstDay <= lastCovered {
                    defer { quarter = quarter.next }
                    let period = DayInterval(
                        first: max(quarter.firstDay, start).daysSinceEpoch, last: quarter.lastDay.daysSinceEpoch)
                    let result = measure(quarter, period)
                    guard result.daysCovered > 0 else { continue }
                    guard quarter.lastDay <= cutoff else {
                        pending.insert(quarter)
                        continue
                    }
                    reported.insert(quarter)
                    results.append(result)
                }
            }
        }
        self.results = results
        quarters = reported.sorted()
        pendingQuarters = pending.subtracting(reported).sorted()
    }

    /// Summaries of ``results`` by `grouping`, one per group with results, in the order of the grouping's labels;
    /// for arm and site, results of patients without a value form a last group ``notRecordedLabel``. Quantiles by
    /// `rule` (``DisclosurePlan/publishedQuantiles`` for anything published).
    public func summaries(
        by grouping: QuarterlyPDCGrouping, patients: PatientTable, quantiles rule: QuantileRule, level: Double = 0.95
    ) -> [AdherenceSummary] {
        let labels: [String]
        let group: [Int?]
        switch grouping {
        case .quarter:
            labels = quarters.map(\.description)
            let position = Dictionary(uniqueKeysWithValues: quarters.enumerated().map { ($1, $0) })
            group = results.map { position[$0.quarter] }
        case .arm, .site:
            let column = grouping == .arm ? patients.arm : patients.site
            labels = column.levels + [QuarterlyPDC.notRecordedLabel]
            group = results.map { result in
                let code = column.codes[result.patient]
                return code == CategoricalColumn.missingCode ? column.levels.count : Int(code)
            }
        }
        return AdherenceSummary.byGroup(
            values: results.map(\.proportionOfDaysCovered), group: group, labels: labels, threshold: options.threshold,
            quantiles: rule, level: level)
    }

    /// The label of the group of patients whose arm or site is empty.
    public static let notRecordedLabel = "(not recorded)"
}

/// How ``QuarterlyPDC`` summaries are grouped.
public enum QuarterlyPDCGrouping: String, Sendable, CaseIterable {
    case arm, site, quarter
}

/// Which patients a quarter holds: see ``QuarterlyPDC``.
public enum QuarterlyCohort: Sendable, Hashable {
    /// Patients whose first fill falls in the quarter, each measured over `followUpDays` days from it.
    case inducted(followUpDays: Int)
    /// Patients with supply on hand on some day of the quarter, measured over the quarter.
    case active
}

/// Options of ``QuarterlyPDC``.
public struct QuarterlyPDCOptions: Sendable, Hashable {
    public var cohort: QuarterlyCohort
    /// Adherent when PDC ≥ threshold (0.80).
    public var threshold: Double
    /// The last day of data; `nil` takes the latest date recorded in the cohort (any event, episode start or end).
    public var dataCutoff: CivilDate?

    /// - Precondition: `0 ≤ threshold ≤ 1`; an inducted cohort's follow-up is at least 1 day.
    public init(cohort: QuarterlyCohort = .inducted(followUpDays: 180), threshold: Double = 0.8, dataCutoff: CivilDate? = nil) {
        precondition(threshold >= 0 && threshold <= 1, "QuarterlyPDCOptions: threshold must be in [0, 1]")
        if case .inducted(let days) = cohort { precondition(days >= 1, "QuarterlyPDCOptions: follow-up must be ≥ 1 day") }
        self.cohort = cohort
        self.threshold = threshold
        self.dataCutoff = dataCutoff
    }
}

/// One patient's PDC in one quarter's cohort: see ``QuarterlyPDC``.
public struct PatientQuarterPDC: Sendable, Hashable {
    /// The patient's index in the cohort.
    public let patient: Int
    public let quarter: CalendarQuarter
    /// The period measured, in days since 1970-01-01.
    public let period: DayInterval
    public let daysInPeriod: Int
    public let daysCovered: Int
    public let proportionOfDaysCovered: Double
    public let isAdherent: Bool
}

/// Why quarterly PDC cannot be computed.
public struct QuarterlyPDCError: Error, Sendable, Hashable, CustomStringConvertible {
    public let description: String

    static let noCalendarDates = QuarterlyPDCError(
        description: "quarterly PDC needs calendar dates: patients.csv has no index_date (the cohort is recorded in days)")
}

extension Cohort {
    /// The latest date of any event, episode start or episode end, or `nil` without calendar dates or events.
    public func latestRecordedDate() -> CivilDate? {
        guard let indexDates = patients.indexDate else { return nil }
        var latest: Int32?
        func scan(_ patient: [Int32], _ day: [Int32]) {
            for (patient, day) in zip(patient, day) {
                let date = indexDates[Int(patient)].daysSinceEpoch + day
                if latest.map({ date > $0 }) ?? true { latest = date }
            }
        }
        if let doses { scan(doses.patient, doses.day) }
        if let dispensings { scan(dispensings.patient, dispensings.day) }
        if let screens { scan(screens.patient, screens.day) }
        if let visits { scan(visits.patient, visits.day) }
        if let assessments { scan(assessments.patient, assessments.day) }
        if let episodes {
            scan(episodes.patient, episodes.start)
            for (patient, end) in zip(episodes.patient, episodes.end) {
                if let end { scan([patient], [end]) }
            }
        }
        return latest.map { CivilDate(daysSinceEpoch: $0) }
    }
}

import OutcomeStats

/// Medication alone against medication with psychosocial support, per medication, among the window's admissions
/// (docs/QuarterlyMeasures.md, "Medication alone and with support").
///
/// Patients: those whose index date falls in one of the window's quarters, with a psychosocial support label and a
/// treatment spell starting on or after the index day (the first such spell); the others are counted in
/// ``Medication/withoutRecord``. Medication
/// alone means a support label among the plan's `contrasts.medicationAloneSupports` (compared case-insensitively),
/// any other label is with support.
///
/// Time to dropout: days from the spell's first to its last day; the event is an end for dropout, every other end
/// censors, and a spell still open at the as-of date is censored there (no look-ahead: only records up to the
/// as-of date are seen). Per group: the Kaplan–Meier curve and retention at ``retentionDay`` (S(day − ½), log-scale
/// 95% interval, as the retention section); per medication: the log-rank test, the unadjusted Cox hazard ratio of
/// dropout for support, and the Cox hazard ratio adjusted for site and the plan's retention adjustment covariates
/// (Efron ties; patients with a missing covariate left out and counted). Observational: the groups chose or were
/// given their support, and the adjustment removes only the measured differences.
public struct QuarterlySupportComparison: Sendable {
    public struct Group: Sendable {
        public let patients: Int
        public let dropouts: Int
        public let curve: KaplanMeierEstimate
        public let retained: RetainedAt
    }

    public struct Medication: Sendable {
        public let medication: TreatmentOutcomes.Medication
        /// Admissions of the window with this medication (every patient below, and those left out).
        public let admissions: Int
        /// Admissions left out: no support label (a library caller's table; files always have one) or no treatment
        /// spell from the index day.
        public let withoutRecord: Int
        public let alone: Group
        public let withSupport: Group
        public let logRank: LogRankTest
        /// Cox model with the support indicator alone (column 0).
        public let unadjusted: CoxFit
        /// Cox model with the support indicator (column 0) and ``adjustmentTerms``.
        public let adjusted: CoxFit
        public let adjustmentTerms: [String]
        /// Patients left out of the adjusted model for a missing covariate.
        public let excludedForMissingCovariates: Int
        /// The groups weighted by inverse probability of treatment on site and the propensity covariates
        /// (``propensityCovariates``; docs/Balance.md, "Support against medication alone"), or why they could not be.
        public let weighted: AnalysisComponent<WeightedGroups>
        /// The covariates of the propensity model (`site` first when the cohort records sites).
        public let propensityCovariates: [String]
        /// Dropout against psychosocial sessions attended and days covered in the look-back window, on the compared
        /// patients' first treatment episodes (docs/Balance.md, "Engagement as a time-varying exposure"), with
        /// records up to the as-of date only.
        public let engagement: EngagementHazards
        /// The same patients' dropout by band of sessions (``BalancePlan/sessionBandCuts``), against no session, with
        /// each band's person-days, dropouts and patients.
        public let doseResponse: (hazards: EngagementHazards, bands: [SessionBandExposure])

        /// The hazard ratio of dropout, with support against alone, and its 95% interval (`nil` if not estimable).
        public var unadjustedHazardRatio: CoefficientInference? { unadjusted.coefficientInference()[0] }
        public var adjustedHazardRatio: CoefficientInference? { adjusted.coefficientInference()[0] }
    }

    /// The medications with patients in both groups, in the order of ``Medication/allCases``.
    public let medications: [Medication]
    /// The day of the retention estimate (the first of the plan's `quarterly.retentionDays`, 90 by default).
    public let retentionDay: Int
    /// The adjustment covariates the cohort has (`site` first when the cohort records sites).
    public let adjustment: [String]

    init(cohort: Cohort, spells: TreatmentSpells, quarters: [CalendarQuarter], plan: AnalysisPlan) {
        let patients = cohort.patients
        let retentionDay = plan.quarterly.retentionDays.min() ?? 90
        self.retentionDay = retentionDay
        let hasSite = patients.site.codes.contains { $0 != CategoricalColumn.missingCode }
        adjustment = (hasSite ? ["site"] : []) + plan.retention.adjustment.filter { patients.covariate(named: $0) != nil }
        guard let indexDates = patients.indexDate, let first = quarters.first, let last = quarters.last else {
            medications = []
            return
        }
        let alone = Set(plan.contrasts.medicationAloneSupports.map { $0.lowercased() })
        let isAloneLevel = patients.psychosocial.levels.map { alone.contains($0.lowercased()) }
        var admitted = [[Int]](repeating: [], count: TreatmentOutcomes.Medication.allCases.count)
        for p in 0..<patients.count where indexDates[p] >= first.firstDay && indexDates[p] <= last.lastDay {
            admitted[TreatmentOutcomes.Medication.allCases.firstIndex(of: patients.medication[p])!].append(p)
        }
        let engagement = EngagementInputs(cohort: cohort, plan: plan)
        medications = zip(TreatmentOutcomes.Medication.allCases, admitted).compactMap { medication, group in
            Self.compare(
                medication, admitted: group, patients: patients, spells: spells, isAloneLevel: isAloneLevel,
                plan: plan, hasSite: hasSite, retentionDay: retentionDay, engagement: engagement)
        }
    }

    static func compare(
        _ medication: TreatmentOutcomes.Medication, admitted: [Int], patients: PatientTable, spells: TreatmentSpells,
        isAloneLevel: [Bool], plan: AnalysisPlan, hasSite: Bool, retentionDay: Int, engagement: EngagementInputs
    ) -> Medication? {
        let adjustment = plan.retention.adjustment
        var rows: [(patient: Int, days: Double, dropout: Bool, withSupport: Bool)] = []
        var withoutRecord = 0
        for p in admitted {
            let code = patients.psychosocial.codes[p]
            guard code != CategoricalColumn.missingCode, let spell = spells.firstFromIndexDay(of: p) else {
                withoutRecord += 1
                continue
            }
            rows.append((p, Double(spell.end - spell.start), spell.reason == .dropout, !isAloneLevel[Int(code)]))
        }
        let withSupport = rows.map(\.withSupport)
        guard withSupport.contains(true), withSupport.contains(false) else { return nil }
        func group(_ flag: Bool) -> Group {
            let members = rows.filter { $0.withSupport == flag }
            let curve = KaplanMeierEstimate(times: members.map(\.days), events: members.map(\.dropout))
            return Group(
                patients: members.count, dropouts: members.filter(\.dropout).count, curve: curve,
                retained: RetainedAt(curve: curve, day: retentionDay))
        }
        let times = rows.map(\.days), events = rows.map(\.dropout)
        let indicator: [Double?] = withSupport.map { $0 ? 1 : 0 }
        let logRank = LogRankTest(times: times, events: events, groups: withSupport.map { $0 ? 1 : 0 }, groupCount: 2)
        let unadjusted = CoxModel().fit(
            design: AdjustmentDesign.matrix([indicator], rows: Array(rows.indices)), times: times, events: events)
        let patientRows = rows.map(\.patient)
        let site = hasSite
            ? AdjustmentDesign.indicators("site", patients.site, patientRows: patientRows) : (terms: [], columns: [])
        let covariates = AdjustmentDesign.columns(adjustment, patients: patients, patientRows: patientRows)
        let columns = [indicator] + site.columns + covariates.columns
        let complete = AdjustmentDesign.completeRows(columns, count: rows.count)
        let adjusted = CoxModel().fit(
            design: AdjustmentDesign.matrix(columns, rows: complete), times: complete.map { times[$0] },
            events: complete.map { events[$0] })
        let propensity = Self.weighted(
            patientRows: patientRows, withSupport: withSupport, times: times, events: events, patients: patients,
            site: site, plan: plan)
        let timelines = rows.compactMap { row -> EpisodeTimeline? in
            guard let spell = spells.firstFromIndexDay(of: row.patient), spell.end > spell.start else { return nil }
            return EpisodeTimeline(
                patient: row.patient, startDay: spell.start, days: spell.end - spell.start, discontinued: row.dropout)
        }
        let models = engagement.models(timelines, label: medication.rawValue)
        return Medication(
            medication: medication, admissions: admitted.count, withoutRecord: withoutRecord, alone: group(false), withSupport: group(true), logRank: logRank,
            unadjusted: unadjusted, adjusted: adjusted, adjustmentTerms: site.terms + covariates.terms,
            excludedForMissingCovariates: rows.count - complete.count, weighted: propensity.groups,
            propensityCovariates: propensity.covariates, engagement: models.engagement, doseResponse: models.doseResponse)
    }

    /// The weighted comparison of the rows: propensity model on site and ``BalanceResults``' covariates (those missing
    /// for more than ``BalancePlan/maximumMissingShare`` of a group left out unless the plan names them), complete
    /// cases.
    static func weighted(
        patientRows: [Int], withSupport: [Bool], times: [Double], events: [Bool], patients: PatientTable,
        site: (terms: [String], columns: [[Double?]]), plan: AnalysisPlan
    ) -> (groups: AnalysisComponent<WeightedGroups>, covariates: [String]) {
        var asked = BalanceResults.propensityCovariates(patients: patients, plan: plan).filter { $0 != "site" }
        if plan.balance.covariates.isEmpty {
            asked = asked.filter {
                SupportComparison.missingShare($0, patients: patients, patientRows: patientRows, groups: withSupport)
                    <= plan.balance.maximumMissingShare
            }
        }
        let design = AdjustmentDesign.columns(asked, patients: patients, patientRows: patientRows)
        let columns = site.columns + design.columns
        let names = (site.terms.isEmpty ? [] : ["site"]) + asked
        let complete = AdjustmentDesign.completeRows(columns, count: patientRows.count)
        let exposure = complete.map { withSupport[$0] }
        guard exposure.contains(true), exposure.contains(false) else {
            return (.unavailable(reason: "no patient of one group has every covariate"), names)
        }
        do {
            let groups = try WeightedGroups.make(
                covariates: AdjustmentDesign.matrix(columns, rows: complete), exposure: exposure,
                times: complete.map { times[$0] }, events: complete.map { events[$0] }, truncation: plan.balance.truncation)
            return (.computed(groups), names)
        } catch {
            return (.unavailable(reason: error.description), names)
        }
    }
}

/// What the engagement model of a quarterly comparison needs from the as-of cohort: each patient's attended
/// psychosocial session days and covered days (records up to the as-of date), and the look-back window.
struct EngagementInputs: Sendable {
    let sessionDays: [[Int]]
    let coverage: [[ClosedRange<Int>]]
    let lookBackDays: Int
    let notMeasurable: String
    let patients: PatientTable
    /// ``BalanceResults/engagementCovariates(patients:plan:)``: every model adjusts for them, as the main report's.
    let covariates: [String]
    let bandCuts: [Int]

    init(cohort: Cohort, plan: AnalysisPlan) {
        patients = cohort.patients
        bandCuts = plan.balance.sessionBandCuts
        covariates = BalanceResults.engagementCovariates(patients: cohort.patients, plan: plan)
        sessionDays = EngagementIntervals.sessionDays(of: cohort, plan: plan)
        coverage = CoverageIntervals.fromAllRecords(of: cohort, options: plan.retentionOptions)
        lookBackDays = plan.balance.lookBackDays
        let kinds = plan.psychosocialVisitKinds.joined(separator: ", ")
        notMeasurable = cohort.visits == nil ? "not measurable: the cohort has no visits.csv"
            : "not measurable: no attended psychosocial session (\(kinds)) in the \(lookBackDays) days before any day "
                + "in treatment of these patients"
    }

    /// Dropout on `timelines` against sessions and coverage in the window, and by band of sessions with coverage,
    /// each with the adjustment covariates (robust by patient; patients missing a covariate left out).
    func models(_ timelines: [EpisodeTimeline], label: String) -> (
        engagement: EngagementHazards, doseResponse: (hazards: EngagementHazards, bands: [SessionBandExposure])
    ) {
        let intervals = EngagementIntervals(
            timelines: timelines, sessionDays: sessionDays, coverage: coverage, lookBackDays: lookBackDays)
        let adjustment = EngagementAdjustment(covariates, patients: patients, intervals: intervals)
        let rows = EngagementAnalysis.rows(intervals) { adjustment.isComplete($0) }
        let engagement = EngagementHazards(
            label: label, outcome: "dropout", intervals: intervals, rows: rows,
            columns: EngagementAnalysis.exposures(intervals) + adjustment.columns,
            required: [EngagementAnalysis.sessionsTerm], notMeasurable: notMeasurable,
            perPatient: Set(adjustment.columns.map(\.term)))
        let doseResponse = EngagementAnalysis.bandModel(
            intervals, rows: rows, label: label, outcome: "dropout", bands: SessionBand.bands(cuts: bandCuts),
            notMeasurable: notMeasurable, adjustment: adjustment.columns)
        return (engagement, doseResponse)
    }
}

import OutcomeStats

/// Dropout (or relapse, ``RelapseEngagement``) hazard and engagement as time-varying exposures (docs/Balance.md):
/// the intervals, and three sets of Cox models on them, each with the patient as cluster (robust variance).
///
/// ```
/// by medication   h(t) = h₀(t) exp(β_s·sessions(t) + β_c·covered(t)/L)                       one model per medication
/// interaction     h(t) = h₀(t) exp(Σ_m γ_m·[med = m] + β_s·sessions(t) + β_c·covered(t)/L
///                                 + Σ_m θ_m·[med = m]·sessions(t))                  m ≠ the first medication present
/// dose–response   h(t) = h₀(t) exp(Σ_b β_b·[sessions(t) ∈ band b] + β_c·covered(t)/L)    b ≠ the 0 band; per medication
/// ```
/// Each model also has `+ γ·z` for the baseline covariates z of ``BalanceResults/engagementCovariates(patients:plan:)``
/// (by default the propensity covariates), and patients missing one of them are left out (complete cases).
/// exp(β_s) is the hazard ratio per attended session in the last L days, exp(β_c) that of a window fully covered
/// against one not covered at all, exp(θ_m) how much the sessions hazard ratio of medication m differs from that of
/// the reference medication, exp(β_b) the hazard ratio of band b against no session. These are associations
/// conditional on staying in treatment so far, not effects: engagement is not randomised and can follow the same
/// causes as dropout (docs/Balance.md, "What these estimates can and cannot show").
public struct EngagementAnalysis: Sendable {
    public static let sessionsTerm = "sessions"
    public static let coverageTerm = "covered proportion"

    /// What the models were fitted on: the look-back window and the counts of the intervals (not their rows, which
    /// the analysis does not keep).
    public let intervals: EngagementIntervalSummary
    /// The event of the intervals: `dropout` (retention episodes) or `relapse` (``RelapseEngagement``).
    public let outcome: String
    public let bands: [SessionBand]
    /// One model per medication with started patients, in ``Medication`` order.
    public let byMedication: [(medication: Medication, hazards: EngagementHazards)]
    /// Every medication together, with the medication × sessions interaction.
    public let interaction: EngagementHazards
    /// One band model per medication, in the order of ``byMedication``.
    public let doseResponse: [(medication: Medication, hazards: EngagementHazards, bands: [SessionBandExposure])]
    /// The visit kinds counted as psychosocial sessions.
    public let psychosocialVisitKinds: [String]
    /// The terms of ``BalancePlan/engagementCovariates`` in every model (`age`, `sex: male`), and the patients with
    /// intervals left out for missing one of them.
    public let adjustmentTerms: [String]
    public let excludedForMissingCovariates: Int
    /// The covariates asked of every model (``BalanceResults/engagementCovariates(patients:plan:)``).
    public let adjustmentCovariates: [String]

    /// The term of medication m's indicator, and of its interaction with sessions.
    public static func medicationTerm(_ medication: Medication) -> String { "medication: \(medication.rawValue)" }
    public static func interactionTerm(_ medication: Medication) -> String { "sessions × \(medication.rawValue)" }
    /// The term of a band's indicator.
    public static func bandTerm(_ band: SessionBand) -> String { "sessions \(band.label)" }

    /// - Throws: ``RetentionDataMissing`` when the cohort has no episodes, doses or fills.
    public init(cohort: Cohort, plan: AnalysisPlan) throws {
        try self.init(intervals: EngagementIntervals(cohort: cohort, plan: plan), cohort: cohort, plan: plan)
    }

    init(intervals: EngagementIntervals, cohort: Cohort, plan: AnalysisPlan, outcome: String = "dropout") {
        self.intervals = EngagementIntervalSummary(intervals)
        self.outcome = outcome
        psychosocialVisitKinds = plan.psychosocialVisitKinds
        let bands = SessionBand.bands(cuts: plan.balance.sessionBandCuts)
        self.bands = bands
        let medicationOfRow = intervals.patient.map { cohort.patients.medication[Int($0)] }
        let medications = Medication.allCases.filter(Set(medicationOfRow).contains)
        let notMeasurable = Self.notMeasurableReason(intervals: intervals, cohort: cohort, plan: plan)
        let covariates = BalanceResults.engagementCovariates(patients: cohort.patients, plan: plan)
        let adjustment = EngagementAdjustment(covariates, patients: cohort.patients, intervals: intervals)
        adjustmentTerms = adjustment.columns.map(\.term)
        adjustmentCovariates = covariates
        excludedForMissingCovariates = adjustment.excludedPatients
        byMedication = Self.byMedication(
            intervals, medications: cohort.patients.medication, outcome: outcome, notMeasurable: notMeasurable,
            adjustment: adjustment)
        let others = medications.dropFirst()
        let indicators: [EngagementHazards.Column] = others.map { medication in
            (Self.medicationTerm(medication), { medicationOfRow[$0] == medication ? 1 : 0 })
        }
        let products: [EngagementHazards.Column] = others.map { medication in
            (Self.interactionTerm(medication), { medicationOfRow[$0] == medication ? Double(intervals.sessions[$0]) : 0 })
        }
        interaction = EngagementHazards(
            label: "every medication, with medication × sessions", outcome: outcome, intervals: intervals,
            rows: Self.rows(intervals) { adjustment.isComplete($0) },
            columns: indicators + Self.exposures(intervals) + products + adjustment.columns,
            required: [Self.sessionsTerm], notMeasurable: notMeasurable,
            perPatient: Set(indicators.map(\.term) + adjustment.columns.map(\.term)))
        doseResponse = medications.map { medication in
            let rows = Self.rows(intervals) { medicationOfRow[$0] == medication && adjustment.isComplete($0) }
            let (hazards, exposure) = Self.bandModel(
                intervals, rows: rows, label: medication.rawValue, outcome: outcome, bands: bands,
                notMeasurable: notMeasurable, adjustment: adjustment.columns)
            return (medication, hazards, exposure)
        }
    }

    /// The interval rows where `included` holds, as 32-bit indices in storage of exactly their number (a filter
    /// into `[Int]` takes 8 bytes a row and grows to up to twice that).
    static func rows(_ intervals: EngagementIntervals, where included: (Int) -> Bool) -> [Int32] {
        let count = (0..<intervals.count).count(where: included)
        return [Int32](unsafeUninitializedCapacity: count) { buffer, initialized in
            for row in 0..<intervals.count where included(row) {
                buffer[initialized] = Int32(row)
                initialized += 1
            }
        }
    }

    /// The dose–response model of the interval rows `rows`: an indicator of each band after 0 that has intervals (a
    /// band without any would be aliased) and the coverage term; with each band's person-days, events and patients.
    static func bandModel(
        _ intervals: EngagementIntervals, rows: [Int32], label: String, outcome: String, bands: [SessionBand],
        notMeasurable: String, adjustment: [EngagementHazards.Column] = []
    ) -> (EngagementHazards, [SessionBandExposure]) {
        precondition(bands.count <= Int(Int8.max), "at most 127 session bands")
        var bandOfRow = [Int8](repeating: -1, count: intervals.count)
        for row in rows.lazy.map(Int.init) {
            bandOfRow[row] = Int8(bands.firstIndex { $0.contains(Int(intervals.sessions[row])) }!)
        }
        let exposure = bands.indices.map { band in
            let inBand = rows.lazy.map(Int.init).filter { Int(bandOfRow[$0]) == band }
            return SessionBandExposure(
                band: bands[band], personDays: inBand.reduce(0) { $0 + Int(intervals.stop[$1] - intervals.start[$1]) },
                events: inBand.count { intervals.event[$0] }, patients: Set(inBand.map { intervals.patient[$0] }).count)
        }
        let present = bands.indices.dropFirst().filter { exposure[$0].personDays > 0 }
        let columns: [EngagementHazards.Column] = present.map { band in
            (bandTerm(bands[band]), { Int(bandOfRow[$0]) == band ? 1 : 0 })
        }
        let hazards = EngagementHazards(
            label: label, outcome: outcome, intervals: intervals, rows: rows,
            columns: columns + [exposures(intervals)[1]] + adjustment,
            required: Set(columns.map(\.term) + [sessionsTerm]), notMeasurable: notMeasurable,
            perPatient: Set(adjustment.map(\.term)))
        return (hazards, exposure)
    }

    /// The two exposures: sessions in the window and the proportion of it covered.
    static func exposures(_ intervals: EngagementIntervals) -> [EngagementHazards.Column] {
        let window = Double(intervals.lookBackDays)
        return [(sessionsTerm, { Double(intervals.sessions[$0]) }),
                (coverageTerm, { Double(intervals.coveredDays[$0]) / window })]
    }

    /// One model of sessions and coverage per medication with rows (``Medication`` order), `medications` giving
    /// each patient's, with the `adjustment` columns on its complete rows.
    static func byMedication(
        _ intervals: EngagementIntervals, medications: [Medication], outcome: String, notMeasurable: String,
        adjustment: EngagementAdjustment
    ) -> [(medication: Medication, hazards: EngagementHazards)] {
        let medicationOfRow = intervals.patient.map { medications[Int($0)] }
        let present = Set(medicationOfRow)
        return Medication.allCases.filter(present.contains).map { medication in
            let rows = Self.rows(intervals) { medicationOfRow[$0] == medication && adjustment.isComplete($0) }
            return (medication, EngagementHazards(
                label: medication.rawValue, outcome: outcome, intervals: intervals, rows: rows,
                columns: exposures(intervals) + adjustment.columns, required: [sessionsTerm],
                notMeasurable: notMeasurable, perPatient: Set(adjustment.columns.map(\.term))))
        }
    }

    /// Why engagement cannot be measured, in words a report can print.
    static func notMeasurableReason(intervals: EngagementIntervals, cohort: Cohort, plan: AnalysisPlan) -> String {
        let kinds = plan.psychosocialVisitKinds.joined(separator: ", ")
        guard let visits = cohort.visits else { return "not measurable: the cohort has no visits.csv" }
        if intervals.attendedSessionCount == 0 {
            let recorded = visits.kind.levels.sorted().joined(separator: ", ")
            return "not measurable: no attended visit of a psychosocial kind (\(kinds)); visits.csv records \(recorded)"
        }
        return "not measurable: no attended psychosocial session in the \(plan.balance.lookBackDays) days before any "
            + "interval of these patients"
    }
}

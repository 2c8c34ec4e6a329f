import OutcomeStats

/// 180-day continuity of pharmacotherapy for opioid use disorder: NQF #3175 (USC/RAND; CMS MIPS #468) as
/// operationalised by NCQA HEDIS "Pharmacotherapy for OUD" (POD, MY 2025): docs/Adherence.md, "180-day continuity".
///
/// ```
/// coverage         = each fill covers [date, date + daysSupply − 1]; same drug, same day or overlapping:
///                    supplies are summed (the later fill starts the day after the earlier supply ends); different
///                    drugs are computed separately and a day counts once
/// treatment start  = a fill day d with a negative medication history: no fill and no covered day in
///                    [d − H, d − 1]                                          (H = negativeHistoryDays, 31)
/// treatment period = [d, d + T − 1]                                          (T = treatmentDays, 180)
/// continuous       = no run of ≥ G + 1 consecutive uncovered days in the period (G = maximumGap, 7: a gap of
///                    8 or more days breaks continuity)
/// ```
/// The unit is the treatment start, not the patient: a patient can have several starts, with overlapping periods.
/// Uncovered days after the last fill count as gaps (the measure assumes the data run past the period); restrict
/// starts with `intake` (HEDIS: 1 July of the prior year to 30 June) so that every period is observed. Not applied
/// (they need data this input does not have): age, continuous enrolment, inpatient stays of ≥ 8 days, hospice and
/// death exclusions, HEDIS default supplies for codes without a days' supply.
/// - Complexity: O(f log f + s·f) per patient with f fills and s starts; no allocation per patient.
public enum PharmacotherapyContinuity {
    /// One result per treatment start, by patient then start day.
    public static func compute(_ fills: PharmacyFills, options: ContinuityOptions = ContinuityOptions()) -> [TreatmentStartContinuity] {
        var results: [TreatmentStartContinuity] = []
        var workspace = CoverageWorkspace(drugCount: fills.drugs.count)
        for patientIndex in 0..<fills.patientCount {
            let rows = fills.byPatient.rows(of: patientIndex)
            guard !rows.isEmpty else { continue }
            workspace.reset()
            for row in rows {
                workspace.place(drug: fills.drug[row], start: fills.day[row], length: Int(fills.daysSupply[row]))
            }
            workspace.merge()
            var previousFillDay: Int32?
            for row in rows {
                let day = fills.day[row]
                defer { previousFillDay = day }
                if let previousFillDay, previousFillDay == day { continue }
                if let intake = options.intake, day < intake.first || day > intake.last { continue }
                let history = DayInterval(first: Int32(clamping: Int(day) - options.negativeHistoryDays), last: day - 1)
                if let previousFillDay, previousFillDay >= history.first { continue }
                if DayCoverage.coversAnyDay(ofMerged: workspace.intervals, in: history) { continue }
                let period = DayInterval(first: day, length: options.treatmentDays)
                let summary = DayCoverage.summary(
                    ofMerged: workspace.intervals, window: period, runThreshold: options.maximumGap + 1)
                results.append(TreatmentStartContinuity(
                    patient: patientIndex, start: day, periodEnd: period.last, daysCovered: summary.coveredDays,
                    longestGap: summary.longestUncoveredRun, isContinuous: summary.longRuns == 0))
            }
        }
        return results
    }
}

/// Options of ``PharmacotherapyContinuity``; defaults are NQF #3175 / HEDIS POD's.
public struct ContinuityOptions: Sendable, Hashable {
    /// Length of the treatment period in days (180).
    public var treatmentDays: Int
    /// The longest run of uncovered days still counted as continuous (7).
    public var maximumGap: Int
    /// Days before a start that must have no fill and no supply (31).
    public var negativeHistoryDays: Int
    /// When set, only fills dated in this interval can be treatment starts (the intake period).
    public var intake: DayInterval?

    /// - Precondition: `treatmentDays ≥ 1`, `maximumGap ≥ 0`, `negativeHistoryDays ≥ 0`.
    public init(treatmentDays: Int = 180, maximumGap: Int = 7, negativeHistoryDays: Int = 31, intake: DayInterval? = nil) {
        precondition(treatmentDays >= 1 && maximumGap >= 0 && negativeHistoryDays >= 0,
                     "ContinuityOptions: treatmentDays ≥ 1, maximumGap ≥ 0 and negativeHistoryDays ≥ 0")
        self.treatmentDays = treatmentDays
        self.maximumGap = maximumGap
        self.negativeHistoryDays = negativeHistoryDays
        self.intake = intake
    }
}

/// One treatment start and whether its period was continuous: see ``PharmacotherapyContinuity``.
public struct TreatmentStartContinuity: Sendable, Hashable {
    /// The patient's index in ``PharmacyFills/identifiers``.
    public let patient: Int
    /// The start day and the last day of the treatment period.
    public let start: Int32
    public let periodEnd: Int32
    /// Days of the period with supply.
    public let daysCovered: Int
    /// The longest run of uncovered days in the period.
    public let longestGap: Int
    /// No uncovered run longer than the maximum gap.
    public let isContinuous: Bool
}

import OutcomeStats

/// The days over which each patient's adherence is measured, in days since the patient's index day (day 0).
///
/// ```
/// window(p) = [first, last]                    a fixed period, or the period of p's arm (``TreatmentPhases``)
/// window(p) = [first, min(last, discharge(p))] with `endsAtDischarge` and an episodes table, where discharge(p) is
///             the end of p's first episode (its last day); an ongoing episode does not shorten the window
/// ```
/// A patient whose arm has no phase gets no window (`nil`); so does one discharged before the window starts.
public struct TreatmentWindows: Sendable {
    /// One entry per patient.
    public let windows: [DayInterval?]

    public init(windows: [DayInterval?]) {
        self.windows = windows
    }

    /// The same period for every patient, cut at discharge when asked and episodes are present.
    public init(cohort: Cohort, period: DayInterval, endsAtDischarge: Bool = true) {
        self.init(cohort: cohort, endsAtDischarge: endsAtDischarge) { _ in period }
    }

    /// Each patient's arm phase `[0, days − 1]`, cut at discharge when asked and episodes are present.
    public init(cohort: Cohort, phases: TreatmentPhases, endsAtDischarge: Bool = true) {
        let arm = cohort.patients.arm
        let periods = arm.levels.map { phases.days[$0].map { DayInterval(first: 0, length: $0) } }
        self.init(cohort: cohort, endsAtDischarge: endsAtDischarge) { patient in
            let code = arm.codes[patient]
            return code < 0 ? nil : periods[Int(code)]
        }
    }

    init(cohort: Cohort, endsAtDischarge: Bool, period: (Int) -> DayInterval?) {
        let episodes = endsAtDischarge ? cohort.episodes : nil
        windows = (0..<cohort.patients.count).map { patient in
            guard var window = period(patient) else { return nil }
            if let episodes, let first = episodes.byPatient.rows(of: patient).first, let end = episodes.end[first] {
                window.last = min(window.last, end)
            }
            return window.isEmpty ? nil : window
        }
    }
}

/// The protocol treatment phase of each arm, in days from the index day (day 0 = first randomization in the
/// bundled CTN-0094 cohort). The report takes them from the analysis plan's protocols
/// (``AnalysisPlan/treatmentWindows(for:)``); the CTN-0094 cohort's are in its cohort.json.
public struct TreatmentPhases: Sendable, Hashable {
    /// Arm label → length of its medication phase in days.
    public let days: [String: Int]

    public init(days: [String: Int]) {
        self.days = days
    }

    /// The medication phase of each arm in `meta_study_length.csv` (public.ctn0094data): the weeks × 7 of every
    /// stage of phase 1 except post-medication follow-up. CTN-0027 and CTN-0051: 24 weeks (168 days); CTN-0030:
    /// stabilisation 2 weeks + taper 2 weeks (28 days). CTN-0030's phase 2 (12 + 4 weeks) followed a second
    /// randomization that the cohort does not use (docs/CTN0094.md), so it is not part of the window.
    /// - Throws: ``InputError`` for a missing column or a non-numeric `weeks`.
    public init(metaStudyLength table: InputTable) throws {
        let arms = try table.nonEmptyText("treatment")
        let phases = try table.text("phase")
        let descriptions = try table.text("description")
        let weeks = try table.numbers("weeks")
        var days: [String: Int] = [:]
        for row in 0..<table.rowCount where phases[row] == "1" {
            days[arms[row], default: 0] += 0
            guard descriptions[row] != TreatmentPhases.followUpDescription else { continue }
            days[arms[row], default: 0] += Int(weeks[row] * 7)
        }
        self.days = days
    }

    static let followUpDescription = "Post-medication follow-up"

    /// Reads a phases file: columns `arm` and `days` (each arm's window is days 0 … days − 1), as
    /// `outcome-report adherence --phases FILE` takes it.
    /// - Throws: ``InputError`` naming the file, line and column for a missing column or a `days` value that is not a
    ///   whole number ≥ 1.
    public init(phasesFile table: InputTable) throws {
        let arms = try table.nonEmptyText("arm")
        let days = try table.numbers("days")
        var byArm: [String: Int] = [:]
        for (row, value) in days.enumerated() {
            guard value >= 1, value == value.rounded(), value <= Double(Int32.max) else {
                throw InputError(.outOfRange, file: table.file, line: table.line(ofRow: row), column: "days",
                                 message: "\(value) is not a whole number of days ≥ 1")
            }
            byArm[arms[row]] = Int(value)
        }
        self.days = byArm
    }
}

import OutcomeStats

/// Observed daily dosing adherence (methadone clinics, observed buprenorphine): docs/Adherence.md, "Observed daily
/// dosing".
///
/// ```
/// expected days = the patient's window (``TreatmentWindows``: index to discharge or period end)
/// covered day   = a day with a dose record, or one of the k days after it when the dose came with k take-home
///                 doses (`take_home`); take-homes for the same day do not stack (a day counts once); a dose of
///                 a naltrexone patient is an extended-release injection covering `injectionDays` days from its day
/// adherence     = covered / expected
/// missed days   = expected − covered; runs = maximal runs of consecutive missed days in the window
/// ```
/// Doses outside the window are ignored (for example doses before day 0 during inpatient detoxification).
/// Clinics act on 3 or 5 consecutive misses, but that is local policy: `missedRunThreshold` is a parameter.
/// - Complexity: O(d) per patient with d doses (already sorted by day); no allocation per patient.
public enum ObservedDosing {
    /// One result per patient with a window, in patient order.
    /// - Throws: ``MissingTableError`` when the cohort has no `doses.csv`.
    public static func compute(
        _ cohort: Cohort, windows: TreatmentWindows, options: ObservedDosingOptions = ObservedDosingOptions()
    ) throws -> [PatientDosingAdherence] {
        let doses = try cohort.require(\.doses, file: .doses, for: "observed dosing adherence")
        precondition(windows.windows.count == cohort.patients.count, "ObservedDosing: one window per patient")
        var workspace = CoverageWorkspace(drugCount: 1)
        var results: [PatientDosingAdherence] = []
        for patient in 0..<cohort.patients.count {
            guard let window = windows.windows[patient] else { continue }
            let coverageDays = cohort.patients.medication[patient] == .naltrexone ? options.injectionDays : 1
            workspace.reset()
            var doseDays = 0
            var lastDoseDay: Int32?
            for row in doses.byPatient.rows(of: patient) {
                let day = doses.day[row]
                let takeHome = Int(doses.takeHome?[row] ?? 0)
                let covered = DayInterval(first: day, length: coverageDays + takeHome)
                guard covered.clipped(to: window) != nil else { continue }
                if day >= window.first, day <= window.last, day != lastDoseDay {
                    doseDays += 1
                    lastDoseDay = day
                }
                workspace.add(covered)
            }
            let summary = workspace.summary(window: window, runThreshold: options.missedRunThreshold)
            results.append(PatientDosingAdherence(
                patient: patient, window: window, doseDays: doseDays, coverage: summary))
        }
        return results
    }
}

/// Options of ``ObservedDosing``.
public struct ObservedDosingOptions: Sendable, Hashable {
    /// Runs of at least this many consecutive missed days are counted (3; 5 is also common).
    public var missedRunThreshold: Int
    /// Days covered by one extended-release naltrexone injection (28: the 4-weekly dosing interval).
    public var injectionDays: Int

    /// - Precondition: both ≥ 1.
    public init(missedRunThreshold: Int = 3, injectionDays: Int = 28) {
        precondition(missedRunThreshold >= 1 && injectionDays >= 1,
                     "ObservedDosingOptions: missedRunThreshold and injectionDays must be at least 1")
        self.missedRunThreshold = missedRunThreshold
        self.injectionDays = injectionDays
    }
}

/// One patient's observed dosing: see ``ObservedDosing``.
public struct PatientDosingAdherence: Sendable, Hashable {
    /// The patient's index in the cohort.
    public let patient: Int
    /// The expected days (after any cut at discharge).
    public let window: DayInterval
    /// Distinct days in the window with a dose record.
    public let doseDays: Int
    /// Covered and missed days, the longest missed run and the runs of at least the threshold.
    public let coverage: CoverageSummary

    public var expectedDays: Int { coverage.windowDays }
    public var coveredDays: Int { coverage.coveredDays }
    public var missedDays: Int { coverage.uncoveredDays }
    public var longestMissedRun: Int { coverage.longestUncoveredRun }
    public var missedRuns: Int { coverage.longRuns }
    /// `covered / expected`.
    public var adherence: Double { coverage.proportionCovered }
}

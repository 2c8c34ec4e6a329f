import ArgumentParser
import Foundation
import OutcomeReports

/// `outcome-report adherence --cohort DIR`: per-patient observed-dosing adherence and visit attendance.
struct AdherenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "adherence",
        abstract: "Observed dosing adherence and visit attendance per patient of a cohort folder.",
        discussion: """
            Expected days run over each patient's window, in days since the index day: --period FIRST:LAST for \
            everyone, or --phases FILE (CSV with columns arm and days: the window is days 0 to days − 1 of the \
            patient's arm). Without either, the windows of the analysis plan (as in the report: the cohort's cohort.json, \
            then --plan FILE): a protocol arm's medication phase (for CTN-0094, 168 days; 28 days for Outpatient BUP \
            + EMM/SMM, phase 1 stabilisation and taper), other arms days 0 to adherence.windowDays − 1 (180). When the cohort has episodes.csv the window ends \
            at the end of the patient's first episode (discharge), unless --ignore-discharge.

            A day is covered by a dose on that day or by take-home doses (doses.csv column take_home, each \
            covering one further day; they do not stack). A naltrexone patient's dose is an extended-release \
            injection covering --injection-days (28) days. adherence = covered_days / expected_days; missed days, \
            the longest run of consecutive missed days and the number of runs of at least --missed-run (3) days are \
            given. With visits.csv, each visit kind adds <kind>_scheduled, <kind>_attended and <kind>_attendance \
            (attended / scheduled; scheduled = attended + missed, + excused with --count-excused; cancelled visits \
            are not scheduled).

            Output (CSV, one row per patient with a window): patient_id, arm, first_day, last_day, expected_days, \
            covered_days, dose_days, adherence, missed_days, longest_missed_run, missed_runs_N_or_more, then the \
            attendance columns. This is patient-level output: it holds identifiers.

            --by arm|site|quarter prints instead the cohort summary of the proportion of days covered from \
            dispensings.csv (the cohort needs index_date): per patient, PDC over --follow-up-days (180) days from \
            the first fill, for patients whose first fill fell in a calendar quarter whose follow-up has passed by \
            the data cut-off (--cutoff, default the latest date recorded in the cohort) ("inducted in the quarter", \
            the default); or, with --quarterly-cohort active, per patient-quarter with supply on hand in the \
            quarter, over the quarter from the later of its first day and the first fill, for quarters ended by the \
            cut-off. Output (CSV, one row per group with patients): the grouping, patients, mean_pdc, median_pdc, \
            q1_pdc, q3_pdc (type 7 quantiles), adherent (PDC ≥ --threshold, 0.8), share_adherent, ci_lower, \
            ci_upper (95% Wilson score). Counts of 1 to --min-cell − 1 (default 11) and cells that would reveal them \
            (across the arm, site and quarter summaries) print as "suppressed". --period, --phases and the dosing \
            options do not apply to it.
            """)

    @Option(help: ArgumentHelp("The cohort folder.", valueName: "dir")) var cohort: String
    @Option(help: ArgumentHelp("Days since the index day, both included, e.g. 0:179.", valueName: "first:last"))
    var period: String?
    @Option(help: ArgumentHelp("CSV with columns arm,days: each arm's window is days 0 to days − 1.", valueName: "file"))
    var phases: String?
    @Option(name: .customLong("plan"), help: ArgumentHelp(
        "An analysis plan laid over the cohort's; gives the windows when --period and --phases are absent.",
        valueName: "file"))
    var planPath: String?
    @Option(name: .customLong("missed-run"), help: ArgumentHelp("Count runs of at least this many missed days (default: the plan's, 3).", valueName: "n"))
    var missedRun: Int?
    @Option(name: .customLong("injection-days"), help: ArgumentHelp("Days one naltrexone injection covers (default: the plan's, 28).", valueName: "n"))
    var injectionDays: Int?
    @Flag(name: .customLong("ignore-discharge"), help: "Do not end windows at the end of the first episode.")
    var ignoreDischarge = false
    @Flag(name: .customLong("count-excused"), help: "Count excused absences as scheduled visits.")
    var countExcused = false
    @Flag(name: .customLong("drop-incomplete"), help: "Skip rows with an empty required field instead of failing.")
    var dropIncomplete = false
    @Option(help: ArgumentHelp("Print the PDC summary from dispensings by arm, site or quarter.", valueName: "grouping"))
    var by: QuarterlyPDCGrouping?
    @Option(name: .customLong("quarterly-cohort"), help: ArgumentHelp(
        "With --by: inducted (first fill in the quarter) or active (supply on hand in the quarter).", valueName: "kind"))
    var quarterlyCohort: QuarterlyCohortKind = .inducted
    @Option(name: .customLong("follow-up-days"), help: ArgumentHelp("With --by: days of follow-up from the first fill.", valueName: "n"))
    var followUpDays = 180
    @Option(help: ArgumentHelp("With --by: the last day of data (default: the latest recorded date).", valueName: "YYYY-MM-DD"))
    var cutoff: String?
    @Option(help: ArgumentHelp("With --by: adherent when PDC ≥ this (0–1).", valueName: "p"))
    var threshold: Double = 0.8
    @Option(name: .customLong("min-cell"), help: ArgumentHelp("With --by: smallest count shown (1 turns suppression off).", valueName: "n"))
    var minimumCellSize = 11

    func validate() throws {
        if let missedRun, missedRun < 1 { throw ValidationError("--missed-run must be at least 1 (got \(missedRun))") }
        if let injectionDays, injectionDays < 1 {
            throw ValidationError("--injection-days must be at least 1 (got \(injectionDays))")
        }
        guard period == nil || phases == nil else { throw ValidationError("give --period or --phases, not both") }
        _ = try fixedPeriod()
        guard followUpDays >= 1 else { throw ValidationError("--follow-up-days must be at least 1 (got \(followUpDays))") }
        guard threshold >= 0, threshold <= 1 else { throw ValidationError("--threshold must be between 0 and 1 (got \(threshold))") }
        guard minimumCellSize >= 1 else { throw ValidationError("--min-cell must be at least 1 (got \(minimumCellSize))") }
        _ = try cutoffDate()
    }

    func cutoffDate() throws -> CivilDate? {
        guard let cutoff else { return nil }
        guard let date = CivilDate(iso8601: cutoff) else {
            throw ValidationError("--cutoff \"\(cutoff)\" is not a valid date (expected YYYY-MM-DD)")
        }
        return date
    }

    /// The cohort summary of `--by`.
    func pdcSummary(_ loaded: Cohort, by grouping: QuarterlyPDCGrouping) throws -> String {
        let options = QuarterlyPDCOptions(
            cohort: quarterlyCohort == .active ? .active : .inducted(followUpDays: followUpDays), threshold: threshold,
            dataCutoff: try cutoffDate())
        let quarterly = try QuarterlyPDC(loaded, options: options)
        if !quarterly.pendingQuarters.isEmpty {
            printToStandardError("follow-up not yet complete by the cut-off, not reported: "
                + quarterly.pendingQuarters.map(\.description).joined(separator: ", ") + "\n")
        }
        let tables = QuarterlyPDCTables(quarterly, patients: loaded.patients, policy: SmallCellPolicy(minimumCount: minimumCellSize))
        return CSVRenderer.render(tables.csvTable(by: grouping))
    }

    func fixedPeriod() throws -> DayInterval? {
        guard let period else { return nil }
        let parts = period.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let first = Int32(parts[0]), let last = Int32(parts[1]), first <= last else {
            throw ValidationError("--period \"\(period)\" is not FIRST:LAST in days with FIRST ≤ LAST (e.g. 0:179)")
        }
        return DayInterval(first: first, last: last)
    }

    func run() throws {
        let output = try reportingFailures {
            let loaded = try CohortLoader.load(
                from: URL(fileURLWithPath: cohort), options: CohortLoadOptions(dropIncomplete: dropIncomplete))
            if let by { return try pdcSummary(loaded, by: by) }
            let plan = try AnalysisPlan.effective(for: loaded, overrides: planPath.map { URL(fileURLWithPath: $0) })
            let windows = try treatmentWindows(loaded, plan: plan)
            let missedRun = missedRun ?? plan.adherence.missedRunDays
            let dosing = try ObservedDosing.compute(
                loaded, windows: windows,
                options: ObservedDosingOptions(
                    missedRunThreshold: missedRun, injectionDays: injectionDays ?? plan.naltrexoneInjectionCoverageDays))
            let attendance = try loaded.visits.map { _ in
                try VisitAttendance.compute(loaded, windows: windows, excusedAreScheduled: countExcused)
            }
            let skipped = loaded.patients.count - dosing.count
            if skipped > 0 { printToStandardError("\(skipped) patients have no window (no phase for their arm, or discharged before it) and are left out\n") }
            return CSVRenderer.render(AdherenceTables.observedDosing(
                dosing, attendance: attendance, cohort: loaded, missedRunThreshold: missedRun))
        }
        try writeToStandardOutput(output)
    }

    func treatmentWindows(_ loaded: Cohort, plan: AnalysisPlan) throws -> TreatmentWindows {
        if let fixed = try fixedPeriod() {
            return TreatmentWindows(cohort: loaded, period: fixed, endsAtDischarge: !ignoreDischarge)
        }
        if let phases {
            let table = try InputTable(url: URL(fileURLWithPath: phases), displayName: phases)
            return TreatmentWindows(
                cohort: loaded, phases: try TreatmentPhases(phasesFile: table), endsAtDischarge: !ignoreDischarge)
        }
        var plan = plan
        plan.adherence.windowEndsAtDischarge = !ignoreDischarge
        if !plan.protocols.isEmpty {
            printToStandardError("using the analysis plan's protocol phases: "
                + plan.protocols.map { "\($0.arms.joined(separator: ", ")): \($0.medicationPhaseDays) days" }
                    .joined(separator: "; ") + "; other arms days 0–\(plan.adherence.windowDays - 1)\n")
        }
        return plan.treatmentWindows(for: loaded)
    }
}

/// `--quarterly-cohort`.
enum QuarterlyCohortKind: String, ExpressibleByArgument, CaseIterable {
    case inducted, active
}

extension QuarterlyPDCGrouping: ExpressibleByArgument {}

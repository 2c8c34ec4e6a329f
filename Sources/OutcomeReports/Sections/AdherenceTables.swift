import TreatmentOutcomes

/// The per-patient tables of the adherence commands (`pdc`, `continuity`, `adherence`). They carry patient
/// identifiers and dates, so they are for the program's own use, never for aggregate reports.
public enum AdherenceTables {
    /// `<id>,days_in_period,days_covered,pdc,adherent` (+ `days_supplied,mpr,mpr_capped` with `includeMPR`).
    public static func proportionOfDaysCovered(
        _ results: [PatientPDC], fills: PharmacyFills, idColumn: String, includeMPR: Bool = false
    ) -> Table {
        var columns = [idColumn, "days_in_period", "days_covered", "pdc", "adherent"]
        if includeMPR { columns += ["days_supplied", "mpr", "mpr_capped"] }
        let rows = results.map { result -> [Cell] in
            var row: [Cell] = [
                .text(fills.identifiers[result.patient]), .count(result.daysInPeriod), .count(result.daysCovered),
                .exact(result.proportionOfDaysCovered), logical(result.isAdherent),
            ]
            if includeMPR {
                row += [.count(result.daysSupplied), .exact(result.medicationPossessionRatio),
                        .exact(result.cappedMedicationPossessionRatio)]
            }
            return row
        }
        return Table(title: "Proportion of days covered", columns: columns.map { Table.Column($0) }, rows: rows)
    }

    /// `<id>,treatment_start,period_end,days_covered,longest_gap,continuous`; days are printed as dates.
    public static func continuity(_ results: [TreatmentStartContinuity], fills: PharmacyFills, idColumn: String) -> Table {
        let rows = results.map { result -> [Cell] in
            [
                .text(fills.identifiers[result.patient]), .text(CivilDate(daysSinceEpoch: result.start).description),
                .text(CivilDate(daysSinceEpoch: result.periodEnd).description), .count(result.daysCovered),
                .count(result.longestGap), logical(result.isContinuous),
            ]
        }
        return Table(
            title: "Continuity of pharmacotherapy",
            columns: [idColumn, "treatment_start", "period_end", "days_covered", "longest_gap", "continuous"]
                .map { Table.Column($0) },
            rows: rows)
    }

    /// One row per patient with a window: observed dosing, then attended / scheduled visits by kind.
    public static func observedDosing(
        _ results: [PatientDosingAdherence], attendance: [[PatientAttendance]]?, cohort: Cohort, missedRunThreshold: Int
    ) -> Table {
        var columns = [
            "patient_id", "arm", "first_day", "last_day", "expected_days", "covered_days", "dose_days", "adherence",
            "missed_days", "longest_missed_run", "missed_runs_\(missedRunThreshold)_or_more",
        ]
        let kinds = cohort.visits?.kind.levels ?? []
        if attendance != nil {
            for kind in kinds { columns += ["\(kind)_scheduled", "\(kind)_attended", "\(kind)_attendance"] }
        }
        // Attendance lists hold one entry per patient with a window, in the same order as `results`.
        let rows = results.enumerated().map { position, result -> [Cell] in
            var row: [Cell] = [
                .text(cohort.patients.identifiers[result.patient]),
                cohort.patients.arm.label(at: result.patient).map(Cell.text) ?? .notApplicable,
                .count(Int(result.window.first)), .count(Int(result.window.last)), .count(result.expectedDays),
                .count(result.coveredDays), .count(result.doseDays), .exact(result.adherence), .count(result.missedDays),
                .count(result.longestMissedRun), .count(result.missedRuns),
            ]
            for byPatient in attendance ?? [] {
                let visits = byPatient[position]
                precondition(visits.patient == result.patient, "attendance and dosing rows must align")
                row += [.count(visits.scheduled), .count(visits.attended), visits.attendance.map(Cell.exact) ?? .notApplicable]
            }
            return row
        }
        return Table(title: "Observed dosing and attendance", columns: columns.map { Table.Column($0) }, rows: rows)
    }

    static func logical(_ value: Bool) -> Cell { .text(value ? "TRUE" : "FALSE") }
}

import OutcomeStats

/// Appointment attendance by visit kind (medical, counseling, group, …), so the psychosocial dose a patient
/// received can be read next to the medication dose.
///
/// ```
/// scheduled  = attended + missed (+ excused when `excusedAreScheduled`)     visits dated in the patient's window
/// attendance = attended / scheduled                                          (undefined when scheduled = 0)
/// ```
/// Cancelled visits (cancelled by the program) are not scheduled. Excused absences (custody, hospital, illness)
/// are left out of the denominator by default, since programs usually do not count them as non-adherence; they
/// are counted separately.
public enum VisitAttendance {
    /// `result[kind]` lists one entry per patient with a window, in patient order; kinds follow
    /// `visits.kind.levels`.
    /// - Throws: ``MissingTableError`` when the cohort has no `visits.csv`.
    public static func compute(
        _ cohort: Cohort, windows: TreatmentWindows, excusedAreScheduled: Bool = false
    ) throws -> [[PatientAttendance]] {
        let visits = try cohort.require(\.visits, file: .visits, for: "visit attendance")
        let kinds = visits.kind.levels.count
        var results = [[PatientAttendance]](repeating: [], count: kinds)
        var counts = [[Int]](repeating: [0, 0, 0, 0], count: kinds)
        for patient in 0..<cohort.patients.count {
            guard let window = windows.windows[patient] else { continue }
            for kind in 0..<kinds { counts[kind] = [0, 0, 0, 0] }
            for row in visits.byPatient.rows(of: patient) {
                let kind = visits.kind.codes[row]
                guard kind >= 0, visits.day[row] >= window.first, visits.day[row] <= window.last else { continue }
                let slot = switch visits.status[row] {
                case .attended: 0
                case .missed: 1
                case .excused: 2
                case .cancelled: 3
                }
                counts[Int(kind)][slot] += 1
            }
            for kind in 0..<kinds {
                let count = counts[kind]
                results[kind].append(PatientAttendance(
                    patient: patient, attended: count[0], missed: count[1], excused: count[2], cancelled: count[3],
                    excusedAreScheduled: excusedAreScheduled))
            }
        }
        return results
    }
}

/// One patient's visits of one kind: see ``VisitAttendance``.
public struct PatientAttendance: Sendable, Hashable {
    public let patient: Int
    public let attended: Int
    public let missed: Int
    public let excused: Int
    public let cancelled: Int
    public let scheduled: Int

    public init(patient: Int, attended: Int, missed: Int, excused: Int, cancelled: Int, excusedAreScheduled: Bool) {
        self.patient = patient
        self.attended = attended
        self.missed = missed
        self.excused = excused
        self.cancelled = cancelled
        scheduled = attended + missed + (excusedAreScheduled ? excused : 0)
    }

    /// `attended / scheduled`, or `nil` when nothing was scheduled.
    public var attendance: Double? { scheduled == 0 ? nil : Double(attended) / Double(scheduled) }
}

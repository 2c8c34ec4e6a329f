/// The baseline covariates of ``BalancePlan/engagementCovariates`` as columns of the engagement models' interval rows
/// (``AdjustmentDesign``: numeric as they are, categorical as indicators of each level but the first), and which rows
/// are complete. A patient missing one of them has none of their rows fitted (complete-case analysis).
///
/// Why: sessions depend on the arm, and the arm can depend on covariates that also drive dropout (confounding by
/// indication); without these terms the sessions hazard ratio carries that confounding (docs/Balance.md, "Models").
struct EngagementAdjustment {
    /// One column per term, evaluated on an interval row (only complete rows are fitted).
    let columns: [EngagementHazards.Column]
    /// Patients with at least one interval row who miss a covariate.
    let excludedPatients: Int
    private let completePatient: [Bool]
    private let patientOfRow: [Int32]

    init(_ names: [String], patients: PatientTable, intervals: EngagementIntervals) {
        let design = AdjustmentDesign.columns(names, patients: patients, patientRows: Array(0..<patients.count))
        let complete = (0..<patients.count).map { patient in design.columns.allSatisfy { $0[patient] != nil } }
        let patientOfRow = intervals.patient
        columns = zip(design.terms, design.columns).map { term, values in
            (term, { row in values[Int(patientOfRow[row])] ?? .nan })
        }
        excludedPatients = Set(patientOfRow).count { !complete[Int($0)] }
        completePatient = complete
        self.patientOfRow = patientOfRow
    }

    /// Whether interval row `row`'s patient has every covariate.
    func isComplete(_ row: Int) -> Bool { completePatient[Int(patientOfRow[row])] }
}

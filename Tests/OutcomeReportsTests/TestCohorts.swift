import TreatmentOutcomes

/// Hand-made cohorts whose report values are worked out by hand in the tests.
enum TestCohorts {
    struct Patient {
        var arm: String?
        var site: String
        var psychosocial: String
        var age: Double?
        var sex: String
        var weight: Double?
        var trial: String? = nil
    }

    /// Identifiers distinctive enough that finding one in an output cannot be a coincidence.
    static func identifier(_ index: Int) -> String { "ID-7Q3X-\(index)" }

    static func cohort(
        _ patients: [Patient], extraCovariates: [Covariate] = [], loadReport: LoadReport = LoadReport(files: []),
        screens: ScreenTable? = nil, manifest: CohortManifest? = nil
    ) -> Cohort {
        var covariates = [
            Covariate(name: "age", values: .numeric(patients.map(\.age))),
            Covariate(name: "sex", values: .categorical(CategoricalColumn(labels: patients.map(\.sex)))),
            Covariate(name: "weight", values: .numeric(patients.map(\.weight))),
        ]
        if patients.contains(where: { $0.trial != nil }) {
            covariates.insert(
                Covariate(name: "trial", values: .categorical(CategoricalColumn(labels: patients.map(\.trial)))),
                at: 0)
        }
        let table = PatientTable(
            identifiers: patients.indices.map(identifier),
            site: CategoricalColumn(labels: patients.map(\.site)),
            arm: CategoricalColumn(labels: patients.map(\.arm)),
            medication: patients.map { _ in .methadone },
            psychosocial: CategoricalColumn(labels: patients.map(\.psychosocial)),
            indexDate: nil,
            covariates: covariates + extraCovariates)
        return Cohort(patients: table, screens: screens, loadReport: loadReport, manifest: manifest)
    }

    /// 50 patients, listed with arm B first so that ordering by label is tested.
    ///
    /// | | medication only (A, 24) | medication plus counseling (B, 26) |
    /// |---|---|---|
    /// | site | north 12, south 12 | north 14, south 12 |
    /// | age | 12 × 30, 12 × 40 | 20, 21, …, 45 |
    /// | sex | female 3, male 21 | female 13, male 13 |
    /// | weight | 22 × 70, 2 missing | 11 × 80, 15 missing |
    ///
    /// Extra covariates: `referral_id` (two values equal to patient identifiers) and `free_text` (25 levels).
    /// Screens: see ``weeklyScreens(patientCount:)``. No manifest: the covariate policy judges each column from its
    /// values (see ``twoArmsDeclared`` for a manifest that declares age, sex and weight).
    static var twoArms: Cohort { twoArms(manifest: nil) }

    /// ``twoArms`` with a manifest declaring age and weight numeric with quantiles and sex categorical (so
    /// `referral_id` and `free_text`, undeclared, are left out).
    static var twoArmsDeclared: Cohort {
        twoArms(manifest: CohortManifest(
            name: "Two arms", provenance: "Hand-made.",
            covariates: [
                CovariateDeclaration(numeric: "age", quantiles: true),
                CovariateDeclaration(categorical: "sex", levels: ["female", "male"]),
                CovariateDeclaration(numeric: "weight", quantiles: true),
            ]))
    }

    static func twoArms(manifest: CohortManifest?) -> Cohort {
        let armA = "medication only"
        let armB = "medication plus counseling"
        var patients: [Patient] = []
        for index in 0..<26 {
            patients.append(Patient(
                arm: armB, site: index < 14 ? "north" : "south", psychosocial: "counseling",
                age: Double(20 + index), sex: index < 13 ? "female" : "male", weight: index < 11 ? 80 : nil))
        }
        for index in 0..<24 {
            patients.append(Patient(
                arm: armA, site: index % 2 == 0 ? "north" : "south", psychosocial: "none",
                age: index < 12 ? 30 : 40, sex: index < 3 ? "female" : "male", weight: index < 22 ? 70 : nil))
        }
        let referral = patients.indices.map { $0 < 2 ? identifier($0) : nil }
        let freeText = patients.indices.map { "note \($0 % 25)" }
        let loadReport = LoadReport(files: [
            LoadReport.File(file: .patients, rows: 52, droppedIncomplete: 2, bytes: 4000),
            LoadReport.File(file: .doses, rows: 1500, droppedIncomplete: 0, droppedOfDroppedPatients: 4, bytes: 30000),
        ])
        return cohort(
            patients,
            extraCovariates: [
                Covariate(name: "referral_id", values: .categorical(CategoricalColumn(labels: referral))),
                Covariate(name: "free_text", values: .categorical(CategoricalColumn(labels: freeText))),
            ],
            loadReport: loadReport, screens: weeklyScreens(patientCount: patients.count), manifest: manifest)
    }

    /// One opioid screen on day 7·w (week w) for weeks 1–15, by patient index i mod 4: 0 positive in weeks 2–3;
    /// 1 negative but no screens in weeks 5–9 (4 missing weeks: relapse and dropout at week 5); 2 positive in
    /// weeks 6–10 (relapse at week 6); 3 all negative.
    static func weeklyScreens(patientCount: Int) -> ScreenTable {
        var patient: [Int32] = [], day: [Int32] = [], result: [ScreenResult] = []
        for index in 0..<patientCount {
            for week in 1...15 {
                if index % 4 == 1 && (5...9).contains(week) { continue }
                let positive = (index % 4 == 0 && (2...3).contains(week)) || (index % 4 == 2 && (6...10).contains(week))
                patient.append(Int32(index))
                day.append(Int32(7 * week))
                result.append(positive ? .positive : .negative)
            }
        }
        return ScreenTable(
            patient: patient, day: day, substance: CategoricalColumn(labels: patient.map { _ in "opioid" }),
            result: result, byPatient: PatientRanges(sortedPatients: patient, patientCount: patientCount))
    }

    /// 62 patients with a `trial` covariate: X (30, CTN-0027), Y (25, CTN-0030), Z (5, CTN-0027) and 2 without
    /// an arm (CTN-0027). Z's N and the no-arm N are small, so they are suppressed in every table.
    static var smallArm: Cohort {
        var patients: [Patient] = []
        func add(_ count: Int, arm: String?, trial: String) {
            for index in 0..<count {
                patients.append(Patient(
                    arm: arm, site: "only", psychosocial: "standard", age: Double(30 + index), sex: "female",
                    weight: 60, trial: trial))
            }
        }
        add(25, arm: "Y", trial: "CTN-0030")
        add(5, arm: "Z", trial: "CTN-0027")
        add(2, arm: nil, trial: "CTN-0027")
        add(30, arm: "X", trial: "CTN-0027")
        return cohort(patients)
    }
}

/// A cohort as it was known at a landmark day: every event table cut to the rows on or before that day.
///
/// This is how relapse-risk features are kept free of leakage by construction, not by convention: the feature
/// builder (`RelapseRiskFeatureTable`) accepts only a `LandmarkCohort`, and the only way to make one is this
/// initialiser, which drops every dose, dispensing, screen, visit and assessment after `day`. The episodes table is
/// dropped entirely (an episode open at the landmark has an end that is not yet known). Baseline covariates in
/// `patients.csv` are known at day 0 and are kept.
/// - Complexity: O(rows) once per cohort.
public struct LandmarkCohort: Sendable {
    /// The last day (since each patient's index day) whose records are kept.
    public let day: Int
    /// The truncated cohort.
    public let cohort: Cohort

    public init(_ full: Cohort, throughDay day: Int) {
        self.day = day
        let last = Int32(clamping: day)
        let patientCount = full.patients.count
        func kept(_ patient: [Int32], _ days: [Int32]) -> (rows: [Int], ranges: PatientRanges) {
            let rows = days.indices.filter { days[$0] <= last }
            return (rows, PatientRanges(sortedPatients: rows.map { patient[$0] }, patientCount: patientCount))
        }
        func subset(_ column: CategoricalColumn, _ rows: [Int]) -> CategoricalColumn {
            CategoricalColumn(levels: column.levels, codes: rows.map { column.codes[$0] })
        }
        let doses = full.doses.map { table in
            let (rows, ranges) = kept(table.patient, table.day)
            return DoseTable(
                patient: rows.map { table.patient[$0] }, day: rows.map { table.day[$0] },
                amount: rows.map { table.amount[$0] }, takeHome: table.takeHome.map { t in rows.map { t[$0] } },
                byPatient: ranges)
        }
        let dispensings = full.dispensings.map { table in
            let (rows, ranges) = kept(table.patient, table.day)
            return DispensingTable(
                patient: rows.map { table.patient[$0] }, day: rows.map { table.day[$0] },
                daysSupply: rows.map { table.daysSupply[$0] }, drug: subset(table.drug, rows), byPatient: ranges)
        }
        let screens = full.screens.map { table in
            let (rows, ranges) = kept(table.patient, table.day)
            return ScreenTable(
                patient: rows.map { table.patient[$0] }, day: rows.map { table.day[$0] },
                substance: subset(table.substance, rows), result: rows.map { table.result[$0] }, byPatient: ranges)
        }
        let visits = full.visits.map { table in
            let (rows, ranges) = kept(table.patient, table.day)
            return VisitTable(
                patient: rows.map { table.patient[$0] }, day: rows.map { table.day[$0] },
                kind: subset(table.kind, rows), status: rows.map { table.status[$0] }, byPatient: ranges)
        }
        let assessments = full.assessments.map { table in
            let (rows, ranges) = kept(table.patient, table.day)
            return AssessmentTable(
                patient: rows.map { table.patient[$0] }, day: rows.map { table.day[$0] },
                instrument: subset(table.instrument, rows), item: subset(table.item, rows),
                score: rows.map { table.score[$0] }, byPatient: ranges)
        }
        cohort = Cohort(
            patients: full.patients, doses: doses, dispensings: dispensings, screens: screens, visits: visits,
            assessments: assessments, episodes: nil, loadReport: full.loadReport)
    }
}

/// When the risk is predicted: the end of study week `week`, with week 1 starting on `firstDayOfWeekOne` (as
/// ``WeeklyUsePatternOptions``). The default, the end of week 3, is day 21 (days 1–7 are week 1).
public struct RelapseRiskLandmark: Sendable, Hashable, Codable {
    public var week: Int
    public var firstDayOfWeekOne: Int

    /// - Precondition: `week ≥ 1`.
    public init(week: Int = 3, firstDayOfWeekOne: Int = 1) {
        precondition(week >= 1, "A landmark week is at least 1")
        self.week = week
        self.firstDayOfWeekOne = firstDayOfWeekOne
    }

    /// The last day of week `week`: firstDayOfWeekOne + 7·week − 1.
    public var day: Int { firstDayOfWeekOne + 7 * week - 1 }
}

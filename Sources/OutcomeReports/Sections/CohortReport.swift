import TreatmentOutcomes

/// Options of ``CohortReport/make(from:options:)``.
public struct CohortReportOptions: Sendable {
    /// The small-cell rule applied to every count and percentage.
    public var policy: SmallCellPolicy
    /// Where the cohort came from, printed in the Data section (for example a folder name).
    public var sourceDescription: String
    /// Whether the loader was asked to drop incomplete rows (`--drop-incomplete`).
    public var droppedIncompleteRows: Bool
    /// The covariate cross-tabulated with arm; when the cohort has no such covariate, `site` is used.
    public var groupingCovariate: String
    /// The use-pattern words of the urine-screen section: published words when the caller has them (the CTNote
    /// words of the bundled CTN-0094 cohort), else words built from the cohort's screens.
    public var usePatterns: UsePatternProvider = .builtFromScreens(WeeklyUsePatternOptions())

    public init(
        policy: SmallCellPolicy = SmallCellPolicy(), sourceDescription: String, droppedIncompleteRows: Bool = false,
        groupingCovariate: String = "trial"
    ) {
        self.policy = policy
        self.sourceDescription = sourceDescription
        self.droppedIncompleteRows = droppedIncompleteRows
        self.groupingCovariate = groupingCovariate
    }
}

/// The baseline report of a cohort: data read, patients by arm and trial (or site), baseline characteristics.
///
/// Privacy: only aggregates are printed, never a patient identifier or date. Every count and percentage goes
/// through one ``SuppressionProblem`` under the options' ``SmallCellPolicy``, so a withheld value cannot be
/// recovered from totals in any table. Categorical covariates whose labels could identify a patient are left
/// out and listed (see ``BaselineVariables``).
public enum CohortReport {
    public static func make(from cohort: Cohort, options: CohortReportOptions) -> Report {
        let patients = cohort.patients
        let arms = ArmColumns(arm: patients.arm)
        let grouping = patients.covariate(named: options.groupingCovariate).map {
            PatientGrouping(name: options.groupingCovariate, covariate: $0)
        } ?? PatientGrouping(name: "site", column: patients.site)
        let baseline = BaselineVariables(patients: patients)
        let counts = ReportCounts(
            arms: arms, grouping: grouping, variables: baseline.variables, policy: options.policy)
        let sections = [
            dataSection(cohort: cohort, options: options, counts: counts, exclusions: baseline.exclusions),
            Report.Section(
                heading: "Patients by arm and \(grouping.name)",
                blocks: [.table(PatientsByGroupTable.make(arms: arms, grouping: grouping, counts: counts))]),
            Report.Section(
                heading: "Baseline characteristics by arm",
                blocks: [
                    .paragraph(
                        "One column per arm, ordered by label, then all patients. The Treatment row gives each "
                            + "arm's medication and psychosocial support, so medication alone and medication with "
                            + "psychosocial support can be compared side by side."),
                    .table(BaselineTable.make(
                        patients: patients, arms: arms, variables: baseline.variables, counts: counts)),
                ] + (BaselineCharts.distribution(patients: patients, arms: arms, policy: options.policy)
                    .map { [.chart($0)] } ?? [])),
            RetentionSection.make(cohort: cohort, policy: options.policy),
            UrineScreenSection.make(cohort: cohort, provider: options.usePatterns, arms: arms, counts: counts),
        ] + [AdherenceSection.make(cohort: cohort, arms: arms, policy: options.policy)].compactMap { $0 } + [
            CravingSection.make(cohort: cohort, policy: options.policy),
        ] + [RelapseRiskSection.make(cohort: cohort, arms: arms, policy: options.policy, usePatterns: options.usePatterns)].compactMap { $0 }
        return Report(title: "Treatment outcomes report: baseline", sections: sections)
    }

    static func dataSection(
        cohort: Cohort, options: CohortReportOptions, counts: ReportCounts,
        exclusions: [BaselineVariables.Exclusion]
    ) -> Report.Section {
        var blocks: [Report.Block] = [
            .paragraph("Source: \(options.sourceDescription)."),
            .paragraph(
                "Only aggregates are shown: no patient identifiers and no dates. " + options.policy.statement),
        ]
        if !cohort.loadReport.files.isEmpty {
            blocks.append(.paragraph(
                options.droppedIncompleteRows
                    ? "Rows with an empty required field were dropped (--drop-incomplete), and with a dropped "
                        + "patient all of that patient's rows in the other files; the table gives the counts per file."
                    : "Incomplete rows were not allowed (no --drop-incomplete), so none were dropped."))
            blocks.append(.table(filesTable(cohort: cohort, counts: counts)))
        }
        if !exclusions.isEmpty {
            blocks.append(.paragraph("Covariates not summarised, because their labels could identify a patient:"))
            blocks.append(.bulletList(exclusions.map { "\($0.name): \($0.reason)" }))
        }
        return Report.Section(heading: "Data", blocks: blocks)
    }

    /// Rows used and dropped per file: dropped as incomplete, and event rows dropped with their patient.
    /// Rows read are not shown: with them a suppressed dropped count could be recovered. The patients row uses
    /// the cohort N, withheld exactly when the other tables withhold it; dropped counts of 1…(minimum − 1) are
    /// withheld.
    static func filesTable(cohort: Cohort, counts: ReportCounts) -> Table {
        let policy = counts.policy
        func dropped(_ count: Int) -> Cell { policy.isSmall(count) ? .suppressed : .count(count) }
        let rows: [[Cell]] = cohort.loadReport.files.map { file in
            let used: Cell = file.file == .patients ? counts.countCell(.grandTotal) : .count(file.rows - file.dropped)
            return [.text(file.file.rawValue), used, dropped(file.droppedIncomplete), dropped(file.droppedOfDroppedPatients)]
        }
        return Table(
            title: "Rows used per file",
            columns: [
                Table.Column("File"), Table.Column("Rows used", alignment: .right),
                Table.Column("Incomplete rows dropped", alignment: .right),
                Table.Column("Rows of dropped patients", alignment: .right),
            ],
            rows: rows,
            footnotes: rows.contains { $0.contains(.suppressed) } ? [policy.statement] : [])
    }
}

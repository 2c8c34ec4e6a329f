import TreatmentOutcomes

/// Options of ``CohortReport/make(from:options:)``: how the report names its data. Every definition is in the
/// analysis's ``AnalysisPlan``; the small-cell minimum is ``DisclosurePlan/minimumCellSize``.
public struct CohortReportOptions: Sendable {
    /// Where the cohort came from, printed in the Data section (for example a folder name).
    public var sourceDescription: String
    /// Whether the loader was asked to drop incomplete rows (`--drop-incomplete`).
    public var droppedIncompleteRows: Bool

    public init(sourceDescription: String, droppedIncompleteRows: Bool = false) {
        self.sourceDescription = sourceDescription
        self.droppedIncompleteRows = droppedIncompleteRows
    }
}

/// The outcome report of a cohort, a view of a ``CohortAnalysis``: data read, methods (written from the plan that
/// ran), patients by arm and grouping, baseline characteristics, then retention, urine screens, adherence, craving,
/// relapse risk and the balance of medication and psychosocial support where the cohort has the records they need. Sections only format the analysis's values.
///
/// Privacy: only aggregates are printed, never a patient identifier or date. Every count the report prints, and
/// every count a reader could work out from it, is registered in one ledger (``ReportCounts``) and withheld under
/// the plan's small-cell minimum across all tables at once, with an audit that no withheld count can be narrowed to
/// fewer than three values; the rule is stated once, in the Data section. Covariates the covariate policy leaves
/// out (``CovariatePolicy``) are listed with the reason.
public enum CohortReport {
    public static func make(from analysis: CohortAnalysis, options: CohortReportOptions) -> Report {
        make(from: analysis, options: options, revealingEveryCount: false)
    }

    /// `revealingEveryCount` (tests only) prints every registered count, withheld or not, for a disclosure audit.
    static func make(from analysis: CohortAnalysis, options: CohortReportOptions, revealingEveryCount: Bool) -> Report {
        let policy = SmallCellPolicy(minimumCount: analysis.plan.disclosure.minimumCellSize)
        let baseline = analysis.baseline
        var counts = ReportCounts(analysis: analysis, policy: policy)
        counts.revealsEverything = revealingEveryCount
        let title = analysis.cohort.manifest.map { "Treatment outcomes report: \($0.name)" } ?? "Treatment outcomes report"
        let sections = [
            dataSection(analysis: analysis, options: options, counts: counts),
            MethodsSection.make(analysis: analysis),
            Report.Section(
                heading: "Patients by arm and \(baseline.grouping.name)",
                blocks: [.table(PatientsByGroupTable.make(arms: baseline.arms, grouping: baseline.grouping, counts: counts))]),
            Report.Section(
                heading: "Baseline characteristics by arm",
                blocks: [
                    .paragraph(
                        "One column per arm, ordered by label, then all patients. The Treatment row gives each "
                            + "arm's medication and psychosocial support, so medication alone and medication with "
                            + "psychosocial support can be compared side by side."),
                    .table(BaselineTable.make(baseline, counts: counts)),
                ] + (BaselineCharts.distribution(baseline, counts: counts).map { [.chart($0)] } ?? [])),
            RetentionSection.make(analysis: analysis, counts: counts),
            UrineScreenSection.make(analysis: analysis, counts: counts),
            AdherenceSection.make(analysis: analysis, counts: counts),
            CravingSection.make(analysis: analysis, counts: counts),
            RelapseRiskSection.make(analysis: analysis, counts: counts),
            BalanceSection.make(analysis: analysis, counts: counts),
        ].compactMap { $0 }
        // One colour per arm in every chart: the arms in label order, as the tables list them.
        return Report(title: title, sections: sections, colourOrder: analysis.arms.labels)
    }

    static func dataSection(analysis: CohortAnalysis, options: CohortReportOptions, counts: ReportCounts) -> Report.Section {
        let cohort = analysis.cohort
        var blocks: [Report.Block] = [.paragraph("Source: \(options.sourceDescription).")]
        if let manifest = cohort.manifest {
            blocks.append(.paragraph("Cohort: \(manifest.name). \(manifest.provenance)"))
        }
        blocks.append(.paragraph(
            "Only aggregates are shown: no patient identifiers and no dates. " + counts.policy.statement
                + SuppressionSummary.sentence(counts.suppression, policy: counts.policy)))
        if !cohort.loadReport.files.isEmpty {
            blocks.append(.paragraph(
                options.droppedIncompleteRows
                    ? "Rows with an empty required field were dropped (--drop-incomplete), and with a dropped "
                        + "patient all of that patient's rows in the other files; the table gives the counts per file."
                    : "Incomplete rows were not allowed (no --drop-incomplete), so none were dropped."))
            blocks.append(.table(filesTable(cohort: cohort, counts: counts)))
        }
        if !analysis.baseline.exclusions.isEmpty {
            blocks.append(.paragraph(
                "Covariates left out by the covariate policy (not summarised, modelled or saved), and why:"))
            blocks.append(.bulletList(analysis.baseline.exclusions.map { "\($0.name): \($0.reason)" }))
        }
        if !analysis.covariates.pooled.isEmpty {
            blocks.append(.paragraph(
                "Levels with fewer than \(counts.policy.minimumCount) patients are merged into Other: "
                    + MethodsSection.list(analysis.covariates.pooled) + "."))
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
            rows: rows)
    }
}

import TreatmentOutcomes

/// The report's "Retention" section, a view of ``RetentionResults``: Kaplan–Meier retention by arm (table and
/// step-curve chart with 95% bands) at the plan's horizons, and each contrast's log-rank test and Cox hazard ratio
/// of discontinuation adjusted for the plan's covariates.
///
/// Small cells: counts of 1…(minimum − 1) are withheld; an arm with fewer patients than the minimum shows no
/// estimates, and curves stop where fewer than the minimum remain at risk.
enum RetentionSection {
    static let heading = "Retention"

    static func make(analysis: CohortAnalysis, policy: SmallCellPolicy) -> Report.Section? {
        guard analysis.parts.contains(.retention) else { return nil }
        guard let results = analysis.retention.value else {
            return Report.Section(
                heading: heading, blocks: [.paragraph("Retention was not measured: \(analysis.retention.reason ?? "").")])
        }
        let treatments = Dictionary(
            analysis.baseline.treatments.map { ($0.arm, $0.label) }, uniquingKeysWith: { first, _ in first })
        var blocks: [Report.Block] = [.paragraph(description(results, policy: policy))]
        blocks.append(.table(armTable(results.byArm, days: results.horizonDays, treatments: treatments, policy: policy)))
        let horizon = results.protocols.map(\.followUpDays).max().map(Double.init)
        blocks.append(.chart(chart(results.byArm, policy: policy, horizon: horizon)))
        let comparisons = results.comparisons.map(\.result)
        if !comparisons.isEmpty {
            let adjustment = analysis.plan.retention.adjustment.filter { analysis.cohort.patients.covariate(named: $0) != nil }
            blocks.append(.table(comparisonTable(comparisons, adjustment: adjustment, policy: policy)))
            let warnings = comparisons.flatMap { comparison in
                comparison.fit.convergence.warnings.map { warning in
                    "\(comparison.comparison) vs \(comparison.reference): "
                        + "\(warning.index.map { warning.naming(comparison.terms[$0]) } ?? warning)"
                }
            }
            if !warnings.isEmpty { blocks.append(.bulletList(warnings.map { "Model warning: \($0)" })) }
        }
        return Report.Section(heading: heading, blocks: blocks)
    }

    static func description(_ results: RetentionResults, policy: SmallCellPolicy) -> String {
        let episodes = results.episodes
        let source = switch episodes.source {
        case .episodes: "recorded treatment episodes (episodes.csv); dropout is the event, other end reasons censor"
        case .doses: "dose records: each dose covers its day (a naltrexone injection \(episodes.options.naltrexoneDoseCoverageDays) days)"
        case .dispensings: "pharmacy fills: each covers its days' supply"
        }
        let observation = results.protocols.isEmpty
            ? "Each patient is observed through their last record; an episode whose gap cannot be seen in full is censored."
            : "Patients of a protocol arm are observed through its follow-up ("
                + results.protocols.map { "\($0.description): day \($0.followUpDays)" }.joined(separator: "; ")
                + "): an episode still running then is censored, not counted as dropout; other patients through their last record."
        func count(_ n: Int) -> String { policy.isSmall(n) ? "fewer than \(policy.minimumCount)" : String(n) }
        return "Retention in treatment from \(source). An episode starts at the first covered day and ends at the last "
            + "covered day before the first gap of more than \(episodes.options.allowedGapDays) days. \(observation) "
            + "Retained at D days = still in treatment on day D (Kaplan–Meier, 95% log-scale intervals). "
            + "Dosing that stops by protocol (a scheduled taper) counts as discontinuation under this definition. "
            + "Patients without any treatment record: \(count(episodes.patientsWithoutTreatment))."
    }

    static func armTable(
        _ summaries: [RetentionGroupSummary], days: [Int], treatments: [String: String], policy: SmallCellPolicy
    ) -> Table {
        func interval(_ estimate: Double?, _ lower: Double?, _ upper: Double?, percent: Bool) -> Cell {
            guard let estimate else { return .notApplicable }
            let format = { (value: Double) in percent ? NumberFormat.percentage(value, decimals: 1) : NumberFormat.fixed(value, decimals: 0) }
            let limits = "\(lower.map(format) ?? "NA"), \(upper.map(format) ?? "NA")"
            return .text("\(format(estimate)) [\(limits)]")
        }
        let rows = summaries.map { summary -> [Cell] in
            let n = summary.curve.subjectCount, events = summary.curve.eventCount
            let treatment = treatments[summary.label] ?? ""
            guard !policy.isSmall(n) else {
                return [.text(summary.label), .text(treatment), .suppressed, .suppressed, .suppressed]
                    + summary.retained.map { _ in .suppressed }
            }
            return [.text(summary.label), .text(treatment), .count(n), policy.isSmall(events) ? .suppressed : .count(events),
                    summary.median.estimate == nil ? .text("not reached")
                        : interval(summary.median.estimate, summary.median.lower, summary.median.upper, percent: false)]
                + summary.retained.map { interval($0.estimate, $0.lower, $0.upper, percent: true) }
        }
        return Table(
            title: "Retention by arm",
            columns: [Table.Column("Arm"), Table.Column("Treatment"), Table.Column("N", alignment: .right),
                      Table.Column("Discontinued", alignment: .right), Table.Column("Median days [95% CI]", alignment: .right)]
                + days.map { Table.Column("Retained \($0) d [95% CI]", alignment: .right) },
            rows: rows,
            footnotes: ["Median and retention from the Kaplan–Meier curve; NA = the interval does not reach 0.5; an empty cell "
                + "lies beyond the arm's follow-up.", policy.statement])
    }

    static func chart(_ summaries: [RetentionGroupSummary], policy: SmallCellPolicy, horizon: Double?) -> Chart {
        let series = summaries.compactMap { summary -> ChartSeries? in
            policy.isSmall(summary.curve.subjectCount) ? nil
                : KaplanMeierSeries.step(name: summary.label, curve: summary.curve, policy: policy)
        }
        return Chart(
            identifier: "retention-by-arm", title: "Retention in treatment by arm (Kaplan–Meier)",
            xLabel: "Days since treatment start", yLabel: "Proportion retained", content: .xy(series),
            xRange: horizon.map { 0...$0 }, yRange: 0...1,
            summary: "Kaplan–Meier retention curves, one per arm, with 95% confidence bands; each curve stops where fewer "
                + "than \(policy.minimumCount) patients remain at risk.")
    }

    static func comparisonTable(_ comparisons: [RetentionComparison], adjustment: [String], policy: SmallCellPolicy) -> Table {
        let rows = comparisons.map { comparison -> [Cell] in
            let test = comparison.logRank.test
            let ratio: Cell = comparison.hazardRatio.map {
                .text("\(NumberFormat.fixed($0.ratio, decimals: 2)) [\(NumberFormat.fixed($0.ratioInterval.lower, decimals: 2)), "
                    + "\(NumberFormat.fixed($0.ratioInterval.upper, decimals: 2))]")
            } ?? .notApplicable
            let pValue: Cell = comparison.hazardRatio.map { .pValue($0.pValue) } ?? .notApplicable
            let n = comparison.fit.subjectCount
            return [.text("\(comparison.comparison) vs \(comparison.reference)"),
                    .text("\(NumberFormat.fixed(test.statistic, decimals: 2)) (\(test.degreesOfFreedom))"),
                    Cell.pValue(test.pValue), ratio, pValue, policy.isSmall(n) ? .suppressed : .count(n)]
        }
        return Table(
            title: "Retention comparisons",
            columns: [Table.Column("Comparison"), Table.Column("Log-rank χ² (df)", alignment: .right),
                      Table.Column("Log-rank p", alignment: .right),
                      Table.Column("Hazard ratio of discontinuation [95% CI]", alignment: .right),
                      Table.Column("Cox p", alignment: .right), Table.Column("N in model", alignment: .right)],
            rows: rows,
            footnotes: ["Hazard ratio of discontinuation for the first arm against the second from a Cox model (Efron ties) "
                + (adjustment.isEmpty ? "unadjusted" : "adjusted for \(MethodsSection.list(adjustment))") + "; below 1 = better "
                + "retention." + (adjustment.isEmpty ? "" : " Patients with a missing adjustment covariate are left out of the model.")])
    }
}

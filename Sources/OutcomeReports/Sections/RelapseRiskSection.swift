import Foundation
import TreatmentOutcomes

/// The report's "Relapse risk" section, a view of ``RelapseRiskResults``: the plan's relapse-risk model (landmark,
/// outcome, ridge with λ by inner cross-validation) with odds ratios, cross-validated discrimination and calibration
/// (table and SVG plot by decile), observed relapse by predicted-risk group and arm, and a baseline-only model for
/// comparison with published models. `nil` without `screens.csv`.
///
/// Privacy: indicators need at least the policy's minimum of patients on each side. Counts join the report's
/// ledger (``ReportCounts``): the model's patients are a part of the cohort, its relapses a part of them; each
/// decile's patients and relapses (a reader works the relapses out from the observed rate) add up to the model's;
/// each risk group's patients and relapses add up, per arm, to a part of the arm's N. A rate is shown only with its
/// counts.
enum RelapseRiskSection {
    enum Keys {
        static let patients = ReportCounts.Key.named("relapse risk patients")
        static let outside = ReportCounts.Key.named("relapse risk patients outside the model")
        static let relapsed = ReportCounts.Key.named("relapse risk relapsed")
        static let notRelapsed = ReportCounts.Key.named("relapse risk not relapsed")
        static func decile(_ number: Int, _ what: String) -> ReportCounts.Key { .named("relapse risk decile \(number) \(what)") }
        static func group(_ arm: Int, _ third: Int, _ what: String) -> ReportCounts.Key {
            .named("relapse risk arm \(arm) third \(third) \(what)")
        }
        static func arm(_ arm: Int, _ what: String) -> ReportCounts.Key { .named("relapse risk arm \(arm) \(what)") }
    }

    /// Registers the model's counts, the deciles and the risk groups with their sums.
    static func register(
        _ analysis: CohortAnalysis, policy: SmallCellPolicy, into problem: inout SuppressionProblem<ReportCounts.Key>
    ) {
        guard analysis.parts.contains(.relapseRisk), let results = analysis.relapseRisk?.value else { return }
        let fit = results.fit
        let events = Int(fit.outcome.reduce(0, +)), total = fit.outcome.count
        problem.addPart(Keys.patients, count: total, of: .grandTotal, rest: Keys.outside)
        problem.addPart(Keys.relapsed, count: events, of: Keys.patients, rest: Keys.notRelapsed)
        let deciles = CalibrationGroup.groups(fit.validation.crossValidated.deciles, policy: policy)
        for group in deciles {
            let patients = Keys.decile(group.first, "patients")
            problem.addCell(patients, count: group.count)
            problem.addCell(Keys.decile(group.first, "relapsed"), count: group.events)
            problem.addHiddenCell(Keys.decile(group.first, "not relapsed"), count: group.count - group.events)
            problem.addGroup([Keys.decile(group.first, "relapsed"), Keys.decile(group.first, "not relapsed"), patients])
        }
        problem.addSumIfConsistent(deciles.map { Keys.decile($0.first, "patients") }, total: Keys.patients)
        problem.addSumIfConsistent(deciles.map { Keys.decile($0.first, "relapsed") }, total: Keys.relapsed)
        problem.addSumIfConsistent(deciles.map { Keys.decile($0.first, "not relapsed") }, total: Keys.notRelapsed)
        var armKeys: [(patients: ReportCounts.Key, relapsed: ReportCounts.Key, notRelapsed: ReportCounts.Key)] = []
        for arm in 0..<analysis.arms.count {
            let groups = results.riskGroups.filter { $0.armColumn == arm }
            guard !groups.isEmpty, brokenDown(groups, policy: policy) else { continue }
            for group in groups {
                problem.addCell(Keys.group(arm, group.third, "patients"), count: group.patients)
                problem.addCell(Keys.group(arm, group.third, "relapsed"), count: group.events)
                problem.addHiddenCell(Keys.group(arm, group.third, "not relapsed"), count: group.patients - group.events)
                problem.addGroup([Keys.group(arm, group.third, "relapsed"), Keys.group(arm, group.third, "not relapsed"),
                                  Keys.group(arm, group.third, "patients")])
            }
            let keys = (Keys.arm(arm, "patients"), Keys.arm(arm, "relapsed"), Keys.arm(arm, "not relapsed"))
            problem.addHiddenCell(keys.0, count: groups.reduce(0) { $0 + $1.patients })
            problem.addHiddenCell(keys.1, count: groups.reduce(0) { $0 + $1.events })
            problem.addHiddenCell(keys.2, count: groups.reduce(0) { $0 + $1.patients - $1.events })
            problem.addGroup(groups.map { Keys.group(arm, $0.third, "patients") } + [keys.0])
            problem.addGroup(groups.map { Keys.group(arm, $0.third, "relapsed") } + [keys.1])
            problem.addGroup(groups.map { Keys.group(arm, $0.third, "not relapsed") } + [keys.2])
            problem.addGroup([keys.1, keys.2, keys.0])
            let within = problem.count(of: keys.0) ?? 0
            if let armTotal = problem.count(of: .armTotal(arm: arm)), within <= armTotal {
                problem.addHiddenCell(Keys.arm(arm, "outside the model"), count: armTotal - within)
                problem.addGroup([keys.0, Keys.arm(arm, "outside the model"), .armTotal(arm: arm)])
            }
            armKeys.append(keys)
        }
        problem.addSumIfConsistent(armKeys.map(\.patients), total: Keys.patients)
        problem.addSumIfConsistent(armKeys.map(\.relapsed), total: Keys.relapsed)
        problem.addSumIfConsistent(armKeys.map(\.notRelapsed), total: Keys.notRelapsed)
    }

    static func make(analysis: CohortAnalysis, counts: ReportCounts) -> Report.Section? {
        guard analysis.parts.contains(.relapseRisk), let component = analysis.relapseRisk else { return nil }
        guard let results = component.value else {
            return Report.Section(heading: "Relapse risk", blocks: [
                .paragraph("No relapse-risk model was fitted: \(component.reason ?? "").")])
        }
        let fit = results.fit, baseline = results.baselineFit
        let landmark = fit.options.landmark
        let validation = fit.validation
        let calibration = CalibrationGroup.groups(validation.crossValidated.deciles, policy: counts.policy)
        var blocks: [Report.Block] = [
            .paragraph(
                "Outcome: \(fit.options.outcome)\(outcomeGloss(fit.options.outcome)), from "
                    + "\(results.outcomeSource): \(relapseCount(fit, counts: counts)). Features use "
                    + "only records on or before the end of week \(landmark.week) (day \(landmark.day)): baseline "
                    + "covariates, arm, urine-screen weeks negative, positive, missing and mixed, observed dosing and the "
                    + "longest missed-dose run, COWS/SOWS level, slope and missingness, and attended visits. "
                    + penaltySentence(fit.options.penalty) + " Missing values "
                    + "imputed with the training mean; features standardised. Validation: \(fit.options.foldCount)-fold "
                    + "stratified cross-validation (seed \(fit.options.seed)) with every fitting step redone inside each fold."),
            .table(oddsRatioTable(fit, policy: counts.policy)),
            .table(performanceTable(fit, baseline: baseline)),
            .paragraph(comparison(fit, baseline: baseline)),
            .table(decileTable(calibration, counts: counts)),
        ]
        if let chart = calibrationChart(calibration, counts: counts) { blocks.append(.chart(chart)) }
        blocks.append(.table(riskGroupTable(results, arms: analysis.arms, counts: counts)))
        return Report.Section(heading: "Relapse risk", blocks: blocks)
    }

    /// What the outcome means, in words, for the outcomes the report knows.
    static func outcomeGloss(_ outcome: RelapseOutcome) -> String {
        switch outcome {
        case .ctn0094Relapse:
            " (CTN-0094 relapse: four consecutive weeks positive for non-study opioids or missing, the run starting by "
                + "week 12; Luo et al., JAMA Psychiatry 2024)"
        case .ctn0094Dropout: " (CTN-0094 dropout: four consecutive missing weeks, the run starting by week 12)"
        default: ""
        }
    }

    static func penaltySentence(_ penalty: RelapseRiskOptions.Penalty) -> String {
        switch penalty {
        case .ridge: "Logistic regression with a ridge penalty chosen by inner 5-fold cross-validation."
        case .none: "Logistic regression by maximum likelihood (no penalty)."
        case .firth: "Logistic regression with Firth's bias-reducing penalty."
        }
    }

    /// "n of N (p%)" relapsed, or a withheld statement when n or N is withheld.
    static func relapseCount(_ fit: RelapseRiskFit, counts: ReportCounts) -> String {
        let events = Int(fit.outcome.reduce(0, +)), total = fit.outcome.count
        guard counts.areShown([Keys.patients, Keys.relapsed]) else { return "relapse count withheld (small cell)" }
        return "\(events) of \(total) relapsed (\(NumberFormat.percentage(Double(events) / Double(total), decimals: 1)))"
    }

    /// exp(β/sd) per unit of each feature (an indicator: having it), with 95% Wald limits; ridge-shrunk, with the
    /// sandwich variance. An indicator's row is withheld when a count of its 2 × 2 table (with and without it,
    /// relapsed and not) is from 1 to the minimum − 1 (``RelapseRiskIndicatorOutcomes``): its standard error would
    /// estimate that count.
    static func oddsRatioTable(_ fit: RelapseRiskFit, policy: SmallCellPolicy) -> Table {
        let inference = fit.logisticFit.coefficientInference()
        let rows: [[Cell]] = fit.model.features.enumerated().map { k, feature in
            if let outcomes = fit.indicatorOutcomes[k], outcomes.cells.contains(where: policy.isSmall) {
                return [.text(feature.name), .suppressed, .suppressed, .suppressed]
            }
            guard let result = inference[k + 1] else {
                return [.text(feature.name), .notApplicable, .notApplicable, .text("aliased")]
            }
            // per unit of the feature: the standardised coefficient divided by the feature's SD
            let perUnit = result.interval.transformed { exp($0 / feature.standardDeviation) }
            return [
                .text(feature.name), .number(exp(result.estimate / feature.standardDeviation), decimals: 2),
                .text("\(NumberFormat.fixed(perUnit.lower, decimals: 2)) – \(NumberFormat.fixed(perUnit.upper, decimals: 2))"),
                .text(result.pValue < 0.001 ? "<0.001" : NumberFormat.fixed(result.pValue, decimals: 3)),
            ]
        }
        return Table(
            title: "Relapse-risk model: odds ratios per unit (indicator: present vs absent)",
            columns: [Table.Column("Feature"), Table.Column("Odds ratio", alignment: .right),
                      Table.Column("95% CI", alignment: .right), Table.Column("p", alignment: .right)],
            rows: rows,
            footnotes: [
                (fit.options.penalty == .ridge
                    ? "Ridge-penalised (λ = \(fit.model.lambda.map { NumberFormat.exact($0) } ?? "none") per standardised "
                        + "coefficient), so odds ratios are shrunk towards 1; intervals use the sandwich variance and are "
                        + "approximate. "
                    : "Wald intervals. ")
                    + "Reference levels (most frequent) and indicators with fewer patients than the small-cell minimum "
                    + "on either side are left out; an indicator's odds ratio is withheld when fewer than that minimum "
                    + "(but some) of the patients with or without it relapsed, or did not.",
            ] + fitNotes(fit))
    }

    /// Aliased features by name, and any other warning of the final fit, in one line each.
    static func fitNotes(_ fit: RelapseRiskFit) -> [String] {
        let convergence = fit.logisticFit.convergence
        var notes: [String] = []
        if !fit.model.aliasedFeatures.isEmpty {
            notes.append("Aliased (a linear combination of other features, left out): "
                + fit.model.aliasedFeatures.joined(separator: "; ") + ".")
        }
        if !convergence.converged { notes.append("The fit did not converge: \(convergence.iterations) iterations.") }
        notes += convergence.warnings.filter { $0.code != .aliasedColumns }.map { "Warning: \($0.message)." }
        return notes
    }

    static func performanceTable(_ fit: RelapseRiskFit, baseline: RelapseRiskFit?) -> Table {
        func auc(_ performance: PredictionPerformance?) -> Cell {
            guard let area = performance?.auc, let interval = area.confidenceInterval() else { return .notApplicable }
            return .text("\(NumberFormat.fixed(area.estimate, decimals: 3)) (\(NumberFormat.fixed(interval.lower, decimals: 3)) – \(NumberFormat.fixed(interval.upper, decimals: 3)))")
        }
        func number(_ value: Double?) -> Cell { value.map { .number($0, decimals: 3) } ?? .notApplicable }
        let columns: [(String, PredictionPerformance?)] = [
            ("Landmark model, apparent", fit.validation.apparent),
            ("Landmark model, cross-validated", fit.validation.crossValidated),
            ("Baseline-only model, cross-validated", baseline?.validation.crossValidated),
        ]
        let rows: [[Cell]] = columns.map { name, performance in
            [.text(name), auc(performance), number(performance?.calibration.brier),
             number(performance?.calibration.scaledBrier), number(performance?.calibration.calibrationInTheLarge),
             number(performance?.calibration.calibrationSlope)]
        }
        return Table(
            title: "Discrimination and calibration",
            columns: [Table.Column("Model"), Table.Column("AUC (95% CI, DeLong)", alignment: .right),
                      Table.Column("Brier", alignment: .right), Table.Column("Scaled Brier", alignment: .right),
                      Table.Column("Calibration in the large", alignment: .right),
                      Table.Column("Calibration slope", alignment: .right)],
            rows: rows,
            footnotes: ["Apparent = the final model on the patients it was fitted on (optimistic); cross-validated = "
                + "pooled out-of-fold predictions. Ideal calibration: intercept 0, slope 1."])
    }

    static func comparison(_ fit: RelapseRiskFit, baseline: RelapseRiskFit?) -> String {
        guard let crossValidated = fit.validation.crossValidated.auc?.estimate else { return "" }
        let format = { NumberFormat.fixed($0, decimals: 3) }
        var text = "Cross-validated AUC \(format(crossValidated))"
        if let optimism = fit.validation.aucOptimism { text += " (optimism \(format(optimism)) against the apparent AUC)" }
        text += ". The published models of this outcome on these trials (Luo et al., JAMA Psychiatry 2024; 2,199 "
            + "participants of CTN-0027, CTN-0030 and CTN-0051) reach an AUC of 0.67 (95% CI 0.62–0.71) from four "
            + "predictors at treatment entry, and 0.82 (0.78–0.85) once the urine screens of the first 3 weeks are "
            + "added: the second is the direct comparator of this week-3 landmark model."
        if let base = baseline?.validation.crossValidated.auc?.estimate {
            text += " Our baseline-only model reaches \(format(base))"
            text += base < 0.62
                ? ", below the published entry model: the bundled cohort has no days of heroin or injection use, "
                    + "which that model uses, only yes/no IV use and the harmonised demographics."
                : "."
        }
        text += " Weeks 1–3 lie inside the outcome window (a relapse run may start in week 1, and missing weeks count "
            + "as positive), so a landmark model's AUC is not comparable with a baseline-only model's. The odds ratios "
            + "describe prediction, not the effect of any feature: an arm's ratio mixes its trial's setting and "
            + "protocol, and a missing-value indicator marks the trials that did not record that covariate."
        return text
    }

    /// Deciles of cross-validated predicted risk (``CalibrationGroup``: end deciles merged while a count is small):
    /// N, mean predicted and observed relapse (withheld with the group's relapses, which a reader would work out
    /// from it).
    static func decileTable(_ groups: [CalibrationGroup], counts: ReportCounts) -> Table {
        let rows: [[Cell]] = groups.map { group in
            [
                .text(group.label), counts.countCell(Keys.decile(group.first, "patients")),
                .percentage(group.meanPrediction, decimals: 1),
                observedShown(group, counts: counts) ? .percentage(group.observedRate, decimals: 1) : .suppressed,
            ]
        }
        let merged = groups.contains { $0.first != $0.last }
        return Table(
            title: "Calibration by decile of cross-validated predicted risk",
            columns: [Table.Column("Decile", alignment: .right), Table.Column("Patients", alignment: .right),
                      Table.Column("Mean predicted", alignment: .right), Table.Column("Observed relapse", alignment: .right)],
            rows: rows,
            footnotes: merged
                ? ["Deciles at the ends are merged (for example 9–10) while fewer than \(counts.policy.minimumCount) of "
                    + "their patients did or did not relapse, so that no count is withheld where calibration matters most."]
                : [])
    }

    /// Whether a group's observed rate may be shown: its patients and relapses are.
    static func observedShown(_ group: CalibrationGroup, counts: ReportCounts) -> Bool {
        counts.areShown([Keys.decile(group.first, "patients"), Keys.decile(group.first, "relapsed")])
    }

    static func calibrationChart(_ groups: [CalibrationGroup], counts: ReportCounts) -> Chart? {
        let shown = groups.filter { observedShown($0, counts: counts) }
        guard shown.count >= 2 else { return nil }
        let points = shown.map { ChartPoint(x: $0.meanPrediction * 100, y: $0.observedRate * 100) }
        let band = shown.map { group -> ChartBandPoint in
            let interval = group.observedInterval
            return ChartBandPoint(x: group.meanPrediction * 100, lower: interval.lower * 100, upper: interval.upper * 100)
        }
        return Chart(
            identifier: "relapse-risk-calibration", title: "Calibration of cross-validated relapse risk",
            xLabel: "Mean predicted risk (%)", yLabel: "Observed relapse (%)",
            content: .xy([
                ChartSeries(name: "Ideal", style: .line, points: [ChartPoint(x: 0, y: 0), ChartPoint(x: 100, y: 100)]),
                ChartSeries(name: "Deciles (95% Wilson CI)", style: .line, points: points, band: band),
            ]),
            xRange: 0...100, yRange: 0...100,
            summary: "Observed relapse against mean cross-validated predicted risk by decile, with the diagonal of "
                + "perfect calibration.")
    }

    /// Whether an arm's risk thirds are printed: each third has at least the minimum of patients, and neither its
    /// relapsed nor its not-relapsed count is small. An arm with a small cell there is left out of the table, not
    /// withheld cell by cell: its thirds are small groups of one arm, and withholding them with complements reached
    /// the arms' Ns and, from there, every table (4,000 synthetic patients in 15 arms: all arm Ns withheld).
    static func brokenDown(_ groups: [RelapseRiskResults.RiskGroup], policy: SmallCellPolicy) -> Bool {
        groups.allSatisfy { group in
            group.patients >= policy.minimumCount && !policy.isSmall(group.events)
                && !policy.isSmall(group.patients - group.events)
        }
    }

    /// Observed relapse by cross-validated predicted-risk third and arm, with Wilson intervals (from the analysis);
    /// only arms whose thirds are ``brokenDown(_:policy:)``.
    static func riskGroupTable(_ results: RelapseRiskResults, arms: ArmColumns, counts: ReportCounts) -> Table {
        let cuts = results.riskThirdCuts
        let names = ["Low (below \(NumberFormat.percentage(cuts[0], decimals: 0)))",
                     "Middle", "High (from \(NumberFormat.percentage(cuts[1], decimals: 0)))"]
        var rows: [[Cell]] = []
        var leftOut: [String] = []
        for arm in 0..<arms.count {
            let groups = results.riskGroups.filter { $0.armColumn == arm }
            guard brokenDown(groups, policy: counts.policy) else {
                if !groups.isEmpty { leftOut.append(arms.labels[arm]) }
                continue
            }
            for group in groups.sorted(by: { $0.third < $1.third }) {
                let patients = Keys.group(arm, group.third, "patients"), relapsed = Keys.group(arm, group.third, "relapsed")
                let label: [Cell] = [.text(arms.labels[arm]), .text(names[group.third])]
                guard let observed = group.observed, counts.areShown([patients, relapsed]) else {
                    rows.append(label + [counts.countCell(patients), counts.countCell(relapsed)]
                        + (group.observed == nil ? [.notApplicable, .notApplicable] : [.suppressed, .suppressed]))
                    continue
                }
                rows.append(label + [
                    .count(group.patients), .count(group.events), .percentage(observed.estimate, decimals: 1),
                    .text("\(NumberFormat.percentage(observed.lower, decimals: 1)) – \(NumberFormat.percentage(observed.upper, decimals: 1))"),
                ])
            }
        }
        return Table(
            title: "Observed relapse by predicted-risk group (thirds of cross-validated risk) and arm",
            columns: [Table.Column("Arm"), Table.Column("Predicted risk"), Table.Column("Patients", alignment: .right),
                      Table.Column("Relapsed", alignment: .right), Table.Column("Observed", alignment: .right),
                      Table.Column("95% CI", alignment: .right)],
            rows: rows,
            footnotes: leftOut.isEmpty ? [] : [
                "Not broken down, because a third has fewer than \(counts.policy.minimumCount) patients, relapses or "
                    + "non-relapses: " + leftOut.joined(separator: ", ") + ".",
            ])
    }
}

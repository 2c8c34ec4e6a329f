import Foundation
import OutcomeStats
import TreatmentOutcomes

/// The report's "Relapse risk" section: the default relapse-risk model (CTN-0094 relapse by week 12, landmark at the
/// end of week 3, ridge with λ by inner cross-validation) with odds ratios, 10-fold cross-validated discrimination and
/// calibration (table and SVG plot by decile), observed relapse by predicted-risk group and arm, and a baseline-only
/// model for comparison with published models. `nil` without `screens.csv`.
///
/// The outcome is read from the caller's words (the published CTNote words for the bundled cohort) when given, else
/// from words built from the cohort's records; features always come from records up to the landmark. On a CTN-0094
/// cohort (every arm a CTN-0094 arm) week 1 starts on the randomisation day, as in the published words; otherwise
/// on day 1. Privacy: indicators need at least the policy's minimum of patients on each side; risk
/// groups by arm show N, relapses and rate only when N, relapses and non-relapses are all 0 or ≥ the minimum, with a
/// second cell of the same arm withheld when only one would be (so it cannot be recovered from an arm total).
enum RelapseRiskSection {
    /// Relapses and non-relapses each needed before a model is fitted (about one per feature of the default model).
    static let minimumPerOutcome = 50

    static func make(
        cohort: Cohort, arms: ArmColumns, policy: SmallCellPolicy,
        usePatterns: UsePatternProvider = .builtFromScreens(WeeklyUsePatternOptions())
    ) -> Report.Section? {
        guard cohort.screens != nil else { return nil }
        var outcomeWords: [UsePattern?]?
        var wordSource = "built from the cohort's screens and visits"
        if case .published(_, let description) = usePatterns {
            outcomeWords = try? usePatterns.patterns(for: cohort).patterns
            if outcomeWords != nil { wordSource = "the published words (\(description))" }
        }
        let isCTN = TreatmentPhases.ctn0094.coversEveryArm(of: cohort.patients.arm)
        let landmark = RelapseRiskLandmark(week: 3, firstDayOfWeekOne: isCTN ? 0 : 1)
        let options = RelapseRiskOptions(landmark: landmark, minimumIndicatorCount: policy.minimumCount)
        var baselineOptions = options
        baselineOptions.featureSet = .baseline
        // Too few of either outcome for a stable cross-validated model of this size: say so without printing counts.
        let needed = max(minimumPerOutcome, policy.minimumCount)
        if let outcome = try? outcomeWords.map({ try options.outcome.evaluate(words: $0, identifiers: cohort.patients.identifiers) })
            ?? options.outcome.evaluate(cohort, substances: options.substances, firstDayOfWeekOne: landmark.firstDayOfWeekOne) {
            let events = Int(outcome.reduce(0, +))
            guard events >= needed && outcome.count - events >= needed else {
                return Report.Section(heading: "Relapse risk", blocks: [.paragraph(
                    "No relapse-risk model was fitted: a cross-validated model with this many features needs at least "
                        + "\(needed) patients who relapsed and \(needed) who did not.")])
            }
        }
        let fit: RelapseRiskFit
        do {
            fit = try RelapseRiskFit(cohort: cohort, options: options, outcomeWords: outcomeWords)
        } catch {
            return Report.Section(heading: "Relapse risk", blocks: [.paragraph("No relapse-risk model was fitted: \(error).")])
        }
        let baseline = try? RelapseRiskFit(cohort: cohort, options: baselineOptions, outcomeWords: outcomeWords)
        let validation = fit.validation
        var blocks: [Report.Block] = [
            .paragraph(
                "Outcome: \(fit.options.outcome) (CTN-0094 relapse: four consecutive weeks positive for non-study "
                    + "opioids or missing, the run starting by week 12; Luo et al., JAMA Psychiatry 2024), from "
                    + "\(wordSource): \(relapseCount(fit, policy: policy)). Features use "
                    + "only records on or before the end of week 3 (day \(landmark.day)): baseline covariates, arm, "
                    + "urine-screen weeks negative, positive, missing and mixed, observed dosing and the longest "
                    + "missed-dose run, COWS/SOWS level, slope and missingness, and attended visits. Logistic "
                    + "regression with a ridge penalty chosen by inner 5-fold cross-validation; missing values "
                    + "imputed with the training mean; features standardised. Validation: 10-fold stratified "
                    + "cross-validation (seed \(fit.options.seed)) with every fitting step redone inside each fold."),
            .table(oddsRatioTable(fit)),
            .table(performanceTable(fit, baseline: baseline)),
            .paragraph(comparison(fit, baseline: baseline)),
            .table(decileTable(validation.crossValidated.deciles, policy: policy)),
        ]
        if let chart = calibrationChart(validation.crossValidated.deciles, policy: policy) { blocks.append(.chart(chart)) }
        blocks.append(.table(riskGroupTable(fit, arms: arms, policy: policy)))
        return Report.Section(heading: "Relapse risk", blocks: blocks)
    }

    /// "n of N (p%)" relapsed, or a withheld statement when n or N − n is small.
    static func relapseCount(_ fit: RelapseRiskFit, policy: SmallCellPolicy) -> String {
        let events = Int(fit.outcome.reduce(0, +)), total = fit.outcome.count
        guard !policy.isSmall(events), !policy.isSmall(total - events) else { return "relapse count withheld (small cell)" }
        return "\(events) of \(total) relapsed (\(NumberFormat.percentage(Double(events) / Double(total), decimals: 1)))"
    }

    /// exp(β/sd) per unit of each feature (an indicator: having it), with 95% Wald limits; ridge-shrunk, with the
    /// sandwich variance.
    static func oddsRatioTable(_ fit: RelapseRiskFit) -> Table {
        let logistic = fit.logisticFit
        let intervals = logistic.confidenceIntervals()
        let rows: [[Cell]] = fit.model.features.enumerated().map { k, feature in
            let column = k + 1
            guard let beta = logistic.coefficients[column], let interval = intervals[column] else {
                return [.text(feature.name), .notApplicable, .notApplicable, .text("aliased")]
            }
            let scale = 1 / feature.standardDeviation
            return [
                .text(feature.name), .number(exp(beta * scale), decimals: 2),
                .text("\(NumberFormat.fixed(exp(interval.lower * scale), decimals: 2)) – \(NumberFormat.fixed(exp(interval.upper * scale), decimals: 2))"),
                .text(logistic.pValues[column].map { $0 < 0.001 ? "<0.001" : NumberFormat.fixed($0, decimals: 3) } ?? ""),
            ]
        }
        return Table(
            title: "Relapse-risk model: odds ratios per unit (indicator: present vs absent)",
            columns: [Table.Column("Feature"), Table.Column("Odds ratio", alignment: .right),
                      Table.Column("95% CI", alignment: .right), Table.Column("p", alignment: .right)],
            rows: rows,
            footnotes: [
                "Ridge-penalised (λ = \(fit.model.lambda.map { NumberFormat.exact($0) } ?? "none") per standardised "
                    + "coefficient), so odds ratios are shrunk towards 1; intervals use the sandwich variance and are "
                    + "approximate. Reference levels (most frequent) and indicators with fewer patients than the "
                    + "small-cell minimum on either side are left out.",
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
        text += ". Published models on these trials reach cross-validated AUCs of about 0.62–0.67 from baseline "
            + "predictors (age, days of IV use, medication, site, smoking)."
        if let base = baseline?.validation.crossValidated.auc?.estimate {
            text += " Our baseline-only model reaches \(format(base))"
            text += base < 0.62
                ? ", a little below that range: the bundled cohort has no days of use, smoking or site-level "
                    + "predictors, only yes/no IV use and the harmonised demographics, and the ridge model is linear. "
                : ", within that range. "
        }
        text += "The landmark model lands well above it because it sees the first three weeks of treatment, and those "
            + "weeks are part of the outcome window: a relapse run may start in week 1, and missing weeks count as "
            + "positive, so weeks positive or missing by the landmark already carry part of the outcome. That is the "
            + "point of a week-3 landmark (who needs more support now), but its AUC is not comparable with "
            + "baseline-only models."
        return text
    }

    /// Deciles of cross-validated predicted risk: N, mean predicted and observed relapse (withheld when the relapses
    /// or non-relapses of a decile are 1…minimum − 1).
    static func decileTable(_ table: CalibrationTable, policy: SmallCellPolicy) -> Table {
        let withheld = withheldDeciles(table, policy: policy)
        let rows: [[Cell]] = zip(table.groups, withheld).map { group, withheld in
            [
                .text(String(group.number)), withheld ? .suppressed : .count(group.count),
                .percentage(group.meanPrediction, decimals: 1),
                withheld ? .suppressed : .percentage(group.observedRate, decimals: 1),
            ]
        }
        return Table(
            title: "Calibration by decile of cross-validated predicted risk",
            columns: [Table.Column("Decile", alignment: .right), Table.Column("Patients", alignment: .right),
                      Table.Column("Mean predicted", alignment: .right), Table.Column("Observed relapse", alignment: .right)],
            rows: rows, footnotes: withheld.contains(true) ? [policy.statement] : [])
    }

    /// Deciles whose relapses or non-relapses are 1…minimum − 1; when only one is, the decile with the next
    /// smallest such count is withheld too, so the withheld one cannot be worked out from the overall relapse count.
    static func withheldDeciles(_ table: CalibrationTable, policy: SmallCellPolicy) -> [Bool] {
        func smallest(_ group: CalibrationTable.Group) -> Int { min(group.events, group.count - group.events) }
        var withheld = table.groups.map { group in
            policy.isSmall(group.events) || policy.isSmall(group.count - group.events) || policy.isSmall(group.count)
        }
        if withheld.filter({ $0 }).count == 1,
           let next = table.groups.indices.filter({ !withheld[$0] }).min(by: { smallest(table.groups[$0]) < smallest(table.groups[$1]) }) {
            withheld[next] = true
        }
        return withheld
    }

    static func calibrationChart(_ table: CalibrationTable, policy: SmallCellPolicy) -> Chart? {
        let shown = zip(table.groups, withheldDeciles(table, policy: policy)).filter { !$0.1 }.map(\.0)
        guard shown.count >= 2 else { return nil }
        let points = shown.map { ChartPoint(x: $0.meanPrediction * 100, y: $0.observedRate * 100) }
        let band = shown.map { group -> ChartBandPoint in
            let interval = WilsonScoreInterval(successes: group.events, trials: group.count)
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

    /// Observed relapse by cross-validated predicted-risk third and arm, with Wilson intervals.
    static func riskGroupTable(_ fit: RelapseRiskFit, arms: ArmColumns, policy: SmallCellPolicy) -> Table {
        let validation = fit.validation
        let sorted = validation.outOfFoldRisks.sorted()
        let cuts = [sorted[sorted.count / 3], sorted[2 * sorted.count / 3]]
        let names = ["Low (below \(NumberFormat.percentage(cuts[0], decimals: 0)))",
                     "Middle", "High (from \(NumberFormat.percentage(cuts[1], decimals: 0)))"]
        var patients = [[Int]](repeating: [0, 0, 0], count: arms.count), events = patients
        for (position, row) in validation.rows.enumerated() {
            let risk = validation.outOfFoldRisks[position]
            let group = risk < cuts[0] ? 0 : risk < cuts[1] ? 1 : 2
            patients[arms.columnOfPatient[row]][group] += 1
            events[arms.columnOfPatient[row]][group] += Int(fit.outcome[row])
        }
        var rows: [[Cell]] = [], suppressedAny = false
        for arm in 0..<arms.count {
            var withheld = (0..<3).map { g in
                policy.isSmall(patients[arm][g]) || policy.isSmall(events[arm][g])
                    || policy.isSmall(patients[arm][g] - events[arm][g])
            }
            if withheld.filter({ $0 }).count == 1 {
                let next = (0..<3).filter { !withheld[$0] && patients[arm][$0] > 0 }.min { patients[arm][$0] < patients[arm][$1] }
                if let next { withheld[next] = true }
            }
            for g in 0..<3 {
                let n = patients[arm][g], relapses = events[arm][g]
                if withheld[g] {
                    suppressedAny = true
                    rows.append([.text(arms.labels[arm]), .text(names[g]), .suppressed, .suppressed, .suppressed, .suppressed])
                    continue
                }
                guard n > 0 else {
                    rows.append([.text(arms.labels[arm]), .text(names[g]), .count(0), .count(0), .notApplicable, .notApplicable])
                    continue
                }
                let interval = WilsonScoreInterval(successes: relapses, trials: n)
                rows.append([
                    .text(arms.labels[arm]), .text(names[g]), .count(n), .count(relapses),
                    .percentage(interval.estimate, decimals: 1),
                    .text("\(NumberFormat.percentage(interval.lower, decimals: 1)) – \(NumberFormat.percentage(interval.upper, decimals: 1))"),
                ])
            }
        }
        return Table(
            title: "Observed relapse by predicted-risk group (thirds of cross-validated risk) and arm",
            columns: [Table.Column("Arm"), Table.Column("Predicted risk"), Table.Column("Patients", alignment: .right),
                      Table.Column("Relapsed", alignment: .right), Table.Column("Observed", alignment: .right),
                      Table.Column("95% CI", alignment: .right)],
            rows: rows, footnotes: suppressedAny ? [policy.statement] : [])
    }
}

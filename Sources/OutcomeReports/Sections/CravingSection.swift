import TreatmentOutcomes

/// The report's "Craving and withdrawal" section. For each scored instrument (most assessments first; in CTN-0094
/// COWS covers the outpatient and methadone arms and SOWS the inpatient ones): the mean trajectory by arm (chart with
/// 95% CI bands), the arm × time effects of a linear mixed model, change from baseline at the follow-up weeks, and
/// the share of patients with reliable improvement (Jacobson–Truax), each with the windows and the reliability used.
/// Small cells: a week's mean is drawn only when at least `policy.minimumCount` patients of the arm contribute;
/// counts of patients below the policy's minimum and summaries of so few patients are suppressed.
enum CravingSection {
    static func make(analysis: CohortAnalysis, policy: SmallCellPolicy) -> Report.Section? {
        let heading = "Craving and withdrawal"
        guard analysis.parts.contains(.craving) else { return nil }
        guard let results = analysis.craving.value else {
            let reason = analysis.cohort.assessments == nil
                ? "The cohort has no assessments." : "Assessments could not be scored: \(analysis.craving.reason ?? "")."
            return Report.Section(heading: heading, blocks: [.paragraph(reason)])
        }
        guard !results.trajectories.isEmpty else {
            return Report.Section(heading: heading, blocks: [.paragraph("No assessment of a registered instrument could be scored.")])
        }
        let summary = ScoreKind.allCases.map { "\($0.rawValue) \(results.scoring.count($0))" }.joined(separator: ", ")
        var blocks: [Report.Block] = [.paragraph("Scoring: \(summary).")]
        for (trajectory, means) in zip(results.trajectories, results.weeklyMeans) {
            blocks += series(trajectory, weeklyMeans: means, policy: policy)
        }
        return Report.Section(heading: heading, blocks: blocks)
    }

    static func series(_ trajectory: SymptomTrajectory, weeklyMeans: [WeeklyMean], policy: SmallCellPolicy) -> [Report.Block] {
        let name = trajectory.instrument.name, options = trajectory.options
        let scale = trajectory.usesSeverityLevels
            ? "\(name) harmonised severity level (0 none, 1 mild, 2 moderate, 3 severe), analysed as an ordinal band, not a raw total"
            : "\(name) total on the POMP scale (0–100, percent of maximum possible)"
        var blocks: [Report.Block] = [
            .paragraph("\(name): \(scale); \(trajectory.value.count) assessments of \(Set(trajectory.patient).count) "
                + "patients in arms \(trajectory.arms.joined(separator: ", ")); time in weeks since the index day. Baseline: "
                + "each patient's latest assessment on days \(options.baselineDays.lowerBound) to "
                + "\(options.baselineDays.upperBound); follow-up at weeks "
                + "\(options.followUpWeeks.map(String.init).joined(separator: " and ")) ± \(options.windowDays) days."),
            .chart(chart(trajectory, weeklyMeans: weeklyMeans, policy: policy)),
        ]
        if let note = coverageNote(trajectory) { blocks.append(.paragraph(note)) }
        if let fit = trajectory.fit {
            blocks.append(.table(effectsTable(trajectory, fit: fit)))
            if let note = singularNote(fit) { blocks.append(.paragraph(note)) }
            let others = fit.convergence.warnings.filter { $0.code != .varianceOnBoundary }
            if !fit.convergence.converged || !others.isEmpty {
                blocks.append(.bulletList(others.map { "Model warning: \($0)" }
                    + (fit.convergence.converged ? [] : ["The mixed model did not converge; its estimates are not reliable."])))
            }
        } else {
            blocks.append(.paragraph("The mixed model could not be fitted to the \(name) series."))
        }
        blocks.append(.table(changeTable(trajectory, policy: policy)))
        blocks.append(improvementBlock(trajectory, policy: policy))
        return blocks
    }

    /// Arms whose series end before the first follow-up window: their slope comes from the first days only.
    static func coverageNote(_ trajectory: SymptomTrajectory) -> String? {
        let options = trajectory.options
        let firstFollowUp = Int32(7 * options.followUpWeeks.min()!) - options.windowDays
        var lastDay: [String: Int32] = [:]
        for (arm, day) in zip(trajectory.arm, trajectory.day) { lastDay[arm] = max(lastDay[arm] ?? day, day) }
        let short = trajectory.arms.filter { lastDay[$0]! < firstFollowUp }
        guard !short.isEmpty else { return nil }
        let detail = short.map { "\($0) (last on day \(lastDay[$0]!))" }.joined(separator: ", ")
        return "Not followed up: \(detail) have no \(trajectory.instrument.name) assessment after induction, so they have "
            + "no change from baseline, and their slope in the model describes the first days only; compare arms over "
            + "the same period with care."
    }

    /// What a singular fit means, in words, for the fit's kind of boundary.
    static func singularNote(_ fit: LinearMixedModelFit) -> String? {
        guard fit.isSingular else { return nil }
        if fit.slopeStandardDeviation == 0 || fit.theta.count == 1 {
            return "Singular fit: the variance of patients' slopes is estimated at zero. Patients' changes per week do not "
                + "vary detectably around their arm's slope (most patients have few assessments in the window), so the "
                + "estimates equal those of a model with a random intercept only."
        }
        if fit.interceptStandardDeviation == 0 {
            return "Singular fit: the variance of patients' intercepts is estimated at zero; patients differ only in slope."
        }
        return "Singular fit: the random intercept and slope are perfectly correlated (correlation ±1), so patients vary "
            + "along a single direction; the fixed effects are still estimated, but the variance components are on their boundary."
    }

    private static func chart(_ trajectory: SymptomTrajectory, weeklyMeans: [WeeklyMean], policy: SmallCellPolicy) -> Chart {
        let series = trajectory.arms.map { arm -> ChartSeries in
            var points: [ChartPoint] = [], band: [ChartBandPoint] = []
            for mean in weeklyMeans where mean.arm == arm && mean.summary.count >= policy.minimumCount {
                points.append(ChartPoint(x: Double(mean.week), y: mean.summary.mean))
                if let interval = mean.summary.meanInterval() {
                    band.append(ChartBandPoint(x: Double(mean.week), lower: interval.lower, upper: interval.upper))
                }
            }
            return ChartSeries(name: arm, style: .line, points: points, band: band)
        }
        return Chart(
            identifier: "craving-trajectory-\(trajectory.instrument.name.lowercased())",
            title: "Mean \(trajectory.instrument.name) by arm and week",
            xLabel: "Weeks since index day",
            yLabel: trajectory.usesSeverityLevels ? "Severity level (0–3)" : "Score (POMP 0–100)",
            content: .xy(series),
            summary: "Mean by arm at each week (rounded) with a 95% confidence band (mean ± 1.96·SD/√n); weeks with "
                + "fewer than \(policy.minimumCount) assessments in an arm are not drawn.")
    }

    static func effectsTable(_ trajectory: SymptomTrajectory, fit: LinearMixedModelFit) -> Table {
        let inference = fit.coefficientInference()
        let rows = trajectory.terms.indices.filter { trajectory.terms[$0].hasPrefix("week") }.map { index -> [Cell] in
            guard let result = inference[index] else {
                return [.text(trajectory.terms[index]), .notApplicable, .notApplicable, .notApplicable]
            }
            return [.text(trajectory.terms[index]), .number(result.estimate, decimals: 4),
                    .number(result.standardError, decimals: 4),
                    .text("\(NumberFormat.fixed(result.interval.lower, decimals: 4)) to \(NumberFormat.fixed(result.interval.upper, decimals: 4))")]
        }
        let options = trajectory.options
        let lastDay = 7 * options.followUpWeeks.max()! + Int(options.windowDays)
        return Table(
            title: "\(trajectory.instrument.name): change per week and arm × time effects (linear mixed model, REML)",
            columns: [.init("Term"), .init("Estimate per week", alignment: .right), .init("SE", alignment: .right),
                      .init("95% CI", alignment: .right)],
            rows: rows,
            footnotes: ["value ~ week + arm + week × arm + (1 + week | patient) on days \(options.baselineDays.lowerBound) "
                + "to \(lastDay); `week` is the change per week in the reference arm \(trajectory.arms.first ?? ""), each "
                + "`week × arm` row the difference from it. A straight line summarises the whole window, including any "
                + "early drop. \(fit.observationCount) assessments, \(fit.groupCount) patients; "
                + "\(fit.convergence.converged ? "converged" : "did not converge")\(fit.isSingular ? ", singular" : "")."])
    }

    static func changeTable(_ trajectory: SymptomTrajectory, policy: SmallCellPolicy) -> Table {
        let rows = trajectory.changeSummaries.map { entry -> [Cell] in
            let small = policy.isSmall(entry.patients)
            return [.text(entry.arm), .text("\(entry.week)"), small ? .suppressed : .count(entry.patients),
                    small ? .suppressed : .meanAndStandardDeviation(mean: entry.meanChange, standardDeviation: entry.standardDeviation, decimals: 2)]
        }
        let options = trajectory.options
        return Table(
            title: "\(trajectory.instrument.name): change from baseline",
            columns: [.init("Arm"), .init("Week", alignment: .right), .init("Patients", alignment: .right),
                      .init("Mean change (SD)", alignment: .right)],
            rows: rows,
            footnotes: ["Change = value at the assessment closest to day 7·week within ± \(options.windowDays) days (the "
                + "earlier on a tie) − baseline (latest on days \(options.baselineDays.lowerBound) to "
                + "\(options.baselineDays.upperBound)). Patients without either are not counted; negative = "
                + (trajectory.instrument.higherIsWorse ? "improvement." : "worsening.")])
    }

    static func improvementBlock(_ trajectory: SymptomTrajectory, policy: SmallCellPolicy) -> Report.Block {
        let options = trajectory.options, week = options.followUpWeeks.last!
        let source = "test–retest pairs: each patient's first two consecutive assessments from day \(options.retestFirstDay) "
            + "on, \(options.retestGapDays.lowerBound)–\(options.retestGapDays.upperBound) days apart"
        guard let rule = trajectory.reliableChangeRule, let reliability = trajectory.reliability,
              let spread = trajectory.baselineStandardDeviation else {
            return .paragraph("\(trajectory.instrument.name): reliable change (Jacobson–Truax) is not reported: the test–retest "
                + "reliability could not be estimated from \(trajectory.retestPairs) \(source), or the baselines do not vary.")
        }
        let threshold = rule.criticalValue * rule.standardErrorOfDifference
        let rows = trajectory.reliableImprovement.map { entry -> [Cell] in
            let share: Cell = policy.isSmall(entry.improved) || policy.isSmall(entry.patients - entry.improved)
                ? .suppressed
                : .countAndPercentage(count: entry.improved,
                                      percentage: entry.patients > 0 ? Double(entry.improved) / Double(entry.patients) : nil,
                                      decimals: 1)
            return [.text(entry.arm), policy.isSmall(entry.patients) ? .suppressed : .count(entry.patients), share]
        }
        let unit = trajectory.usesSeverityLevels ? "severity levels" : "POMP points"
        return .table(Table(
            title: "\(trajectory.instrument.name): reliable improvement from baseline to week \(week) (Jacobson–Truax)",
            columns: [.init("Arm"), .init("Patients", alignment: .right), .init("Reliably improved", alignment: .right)],
            rows: rows,
            footnotes: ["RCI = (week \(week) − baseline)/S_diff, S_diff = √2·s₁·√(1 − r) = "
                + "\(NumberFormat.fixed(rule.standardErrorOfDifference, decimals: 3)); s₁ = \(NumberFormat.fixed(spread, decimals: 3)) "
                + "(SD of the baselines), r = \(NumberFormat.fixed(reliability, decimals: 3)) from \(trajectory.retestPairs) \(source). "
                + "Improved: RCI < −1.96, a fall of more than \(NumberFormat.fixed(threshold, decimals: 2)) \(unit)."]))
    }
}

import TreatmentOutcomes

/// The report's "Craving and withdrawal" section. For each scored instrument (most assessments first; in CTN-0094
/// COWS covers the outpatient and methadone arms and SOWS the inpatient ones): the mean trajectory by arm (chart with
/// 95% CI bands), the arm × time effects of a linear mixed model, change from baseline at the follow-up weeks, and
/// the share of patients with reliable improvement (Jacobson–Truax), each with the windows and the reliability used.
/// Small cells (``ReportCounts``): a week's mean is drawn only when at least the minimum of the arm's assessments
/// contribute; each instrument's patients (and the model's, and the test–retest pairs') are a part of the cohort;
/// patients at a follow-up week a part of their arm's N, the reliably improved a part of those; a summary of a
/// withheld or small count is withheld.
enum CravingSection {
    enum Keys {
        static func patients(_ instrument: String) -> ReportCounts.Key { .named("craving \(instrument) patients") }
        static func model(_ instrument: String) -> ReportCounts.Key { .named("craving \(instrument) model patients") }
        static func retest(_ instrument: String) -> ReportCounts.Key { .named("craving \(instrument) test-retest pairs") }
        static func atWeek(_ instrument: String, _ arm: String, _ week: Int) -> ReportCounts.Key {
            .named("craving \(instrument) patients at week \(week) \(arm)")
        }
        static func improvement(_ instrument: String, _ arm: String) -> ReportCounts.Key {
            .named("craving \(instrument) reliable-change patients \(arm)")
        }
        static func improved(_ instrument: String, _ arm: String) -> ReportCounts.Key {
            .named("craving \(instrument) improved \(arm)")
        }
        static func rest(_ key: ReportCounts.Key) -> ReportCounts.Key { .named("rest of \(key)") }
    }

    /// Registers each instrument's patient counts with their sums.
    static func register(_ analysis: CohortAnalysis, into problem: inout SuppressionProblem<ReportCounts.Key>) {
        guard analysis.parts.contains(.craving), let results = analysis.craving.value else { return }
        for trajectory in results.trajectories {
            let name = trajectory.instrument.name
            let patients = Keys.patients(name)
            problem.addPart(patients, count: Set(trajectory.patient).count, of: .grandTotal, rest: Keys.rest(patients))
            if let fit = trajectory.fit {
                problem.addPart(Keys.model(name), count: fit.groupCount, of: patients, rest: Keys.rest(Keys.model(name)))
            }
            problem.addPart(Keys.retest(name), count: trajectory.retestPairs, of: patients, rest: Keys.rest(Keys.retest(name)))
            for entry in trajectory.changeSummaries {
                guard let arm = analysis.arms.labels.firstIndex(of: entry.arm) else { continue }
                let key = Keys.atWeek(name, entry.arm, entry.week)
                problem.addPart(key, count: entry.patients, of: .armTotal(arm: arm), rest: Keys.rest(key))
            }
            for entry in trajectory.reliableImprovement {
                let key = improvementKey(trajectory, arm: entry.arm, patients: entry.patients, problem: problem)
                if problem.count(of: key) == nil, let arm = analysis.arms.labels.firstIndex(of: entry.arm) {
                    problem.addPart(key, count: entry.patients, of: .armTotal(arm: arm), rest: Keys.rest(key))
                } else {
                    problem.addCell(key, count: entry.patients)
                }
                let improved = Keys.improved(name, entry.arm)
                problem.addPart(improved, count: entry.improved, of: key, rest: Keys.rest(improved))
            }
        }
    }

    /// The key of an arm's reliable-change patients: the change table's last follow-up week when it counts the same
    /// patients (it does: both need a baseline and a value at that week), else its own.
    static func improvementKey(
        _ trajectory: SymptomTrajectory, arm: String, patients: Int, problem: SuppressionProblem<ReportCounts.Key>
    ) -> ReportCounts.Key {
        let week = trajectory.options.followUpWeeks.last!
        let atWeek = Keys.atWeek(trajectory.instrument.name, arm, week)
        return problem.count(of: atWeek) == patients ? atWeek : Keys.improvement(trajectory.instrument.name, arm)
    }

    /// "Craving", "Withdrawal" or both, after what the analysed instruments measure (all the plan's when none was
    /// analysed).
    static func heading(_ analysis: CohortAnalysis) -> String {
        let analysed = analysis.craving.value?.trajectories.map(\.instrument.construct) ?? []
        let constructs = Set(analysed)
        if constructs == [.withdrawal] { return "Withdrawal" }
        if constructs == [.craving] { return "Craving" }
        return "Craving and withdrawal"
    }

    static func make(analysis: CohortAnalysis, counts: ReportCounts) -> Report.Section? {
        let heading = heading(analysis)
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
            blocks += series(trajectory, weeklyMeans: means, arms: analysis.arms, counts: counts)
        }
        return Report.Section(heading: heading, blocks: blocks)
    }

    static func series(
        _ trajectory: SymptomTrajectory, weeklyMeans: [WeeklyMean], arms: ArmColumns, counts: ReportCounts
    ) -> [Report.Block] {
        let name = trajectory.instrument.name, options = trajectory.options, policy = counts.policy
        let patients = counts.isWithheld(Keys.patients(name))
            ? "a withheld number of patients" : "\(Set(trajectory.patient).count) patients"
        let scale = trajectory.usesSeverityLevels
            ? "\(name) harmonised severity level (0 none, 1 mild, 2 moderate, 3 severe), analysed as an ordinal band, not a raw total"
            : "\(name) total on the POMP scale (0–100, percent of maximum possible)"
        var blocks: [Report.Block] = [
            .paragraph("\(name): \(scale); \(trajectory.value.count) assessments of \(patients) "
                + "in arms \(trajectory.arms.joined(separator: ", ")); time in weeks since the index day. Baseline: "
                + "each patient's latest assessment on days \(options.baselineDays.lowerBound) to "
                + "\(options.baselineDays.upperBound); follow-up at weeks "
                + "\(options.followUpWeeks.map(String.init).joined(separator: " and ")) ± \(options.windowDays) days."),
        ]
        let chart = chart(trajectory, weeklyMeans: weeklyMeans, policy: policy)
        let weeks = Set(chart.xySeries.flatMap { $0.points.map(\.x) })
        if weeks.count > 1 {
            blocks.append(.chart(chart))
        } else {
            blocks.append(.paragraph("No trend chart: "
                + (weeks.isEmpty ? "no week" : "only week \(NumberFormat.fixed(weeks.first!, decimals: 0))")
                + " has \(policy.minimumCount) or more assessments in an arm."))
        }
        if let note = coverageNote(trajectory) { blocks.append(.paragraph(note)) }
        if let fit = trajectory.fit {
            blocks.append(.table(effectsTable(trajectory, fit: fit, arms: arms, counts: counts)))
            if let note = singularNote(fit) { blocks.append(.paragraph(note)) }
            let others = fit.convergence.warnings.filter { $0.code != .varianceOnBoundary }
            if !fit.convergence.converged || !others.isEmpty {
                blocks.append(.bulletList(others.map { "Model warning: \($0)" }
                    + (fit.convergence.converged ? [] : ["The mixed model did not converge; its estimates are not reliable."])))
            }
        } else {
            blocks.append(.paragraph("The mixed model could not be fitted to the \(name) series."))
        }
        blocks.append(.table(changeTable(trajectory, counts: counts)))
        blocks.append(improvementBlock(trajectory, counts: counts))
        return blocks
    }

    /// Arms whose series end before the first follow-up window: their slope comes from the first days only.
    static func coverageNote(_ trajectory: SymptomTrajectory) -> String? {
        let options = trajectory.options
        let firstFollowUp = Int32(7 * options.followUpWeeks.min()!) - options.windowDays
        var lastDay = [Int32](repeating: .min, count: trajectory.arms.count)
        for (arm, day) in zip(trajectory.armIndex, trajectory.day) { lastDay[Int(arm)] = max(lastDay[Int(arm)], day) }
        let short = trajectory.arms.indices.filter { lastDay[$0] < firstFollowUp }
        guard !short.isEmpty else { return nil }
        let detail = short.map { "\(trajectory.arms[$0]) (last on day \(lastDay[$0]))" }.joined(separator: ", ")
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
            yLimits: trajectory.usesSeverityLevels
                ? 0...Double(max(1, trajectory.instrument.severityCodeLevels.count - 1)) : 0...100,
            summary: "Mean by arm at each week (rounded) with a 95% confidence band (mean ± 1.96·SD/√n); weeks with "
                + "fewer than \(policy.minimumCount) assessments in an arm are not drawn.")
    }

    /// Whether the model's estimates for arm `index` of the trajectory may be shown: the arm's N is shown and at
    /// least the small-cell minimum of its patients are in the model. A coefficient's standard error grows as its
    /// arm's patients fall, so a slope printed beside a withheld arm N would estimate that N.
    static func armEstimatesShown(
        _ trajectory: SymptomTrajectory, index: Int, arms: ArmColumns, counts: ReportCounts
    ) -> Bool {
        let armShown = arms.labels.firstIndex(of: trajectory.arms[index]).map { counts.areShown([.armTotal(arm: $0)]) } ?? true
        return armShown && trajectory.modelPatientsByArm[index] >= counts.policy.minimumCount
    }

    /// `week` (the reference arm's slope) and `week × arm: X` (X against the reference); a row is withheld unless
    /// the estimates of every arm it compares may be shown (``armEstimatesShown(_:index:arms:counts:)``).
    static func effectsTable(
        _ trajectory: SymptomTrajectory, fit: LinearMixedModelFit, arms: ArmColumns, counts: ReportCounts
    ) -> Table {
        let modelPatients = counts.isWithheld(Keys.model(trajectory.instrument.name))
            ? "a withheld number of patients" : "\(fit.groupCount) patients"
        let inference = fit.coefficientInference()
        let interactionPrefix = "week × arm: "
        let rows = trajectory.terms.indices.filter { trajectory.terms[$0].hasPrefix("week") }.map { index -> [Cell] in
            let term = trajectory.terms[index]
            let compared = [0] + (term.hasPrefix(interactionPrefix)
                ? trajectory.arms.firstIndex(of: String(term.dropFirst(interactionPrefix.count))).map { [$0] } ?? []
                : [])
            guard compared.allSatisfy({ armEstimatesShown(trajectory, index: $0, arms: arms, counts: counts) }) else {
                return [.text(term), .suppressed, .suppressed, .suppressed]
            }
            guard let result = inference[index] else {
                return [.text(term), .notApplicable, .notApplicable, .notApplicable]
            }
            return [.text(term), .number(result.estimate, decimals: 4),
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
                + "early drop. \(fit.observationCount) assessments, \(modelPatients); "
                + "\(fit.convergence.converged ? "converged" : "did not converge")\(fit.isSingular ? ", singular" : ""). "
                + "A row is withheld when an arm it compares has a withheld N or fewer than "
                + "\(counts.policy.minimumCount) patients in the model."])
    }

    static func changeTable(_ trajectory: SymptomTrajectory, counts: ReportCounts) -> Table {
        let rows = trajectory.changeSummaries.map { entry -> [Cell] in
            let key = Keys.atWeek(trajectory.instrument.name, entry.arm, entry.week)
            let hidden = counts.isWithheld(key) || counts.policy.isSmall(entry.patients)
            return [.text(entry.arm), .text("\(entry.week)"), counts.countCell(key),
                    hidden ? .suppressed : .meanAndStandardDeviation(mean: entry.meanChange, standardDeviation: entry.standardDeviation, decimals: 2)]
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

    static func improvementBlock(_ trajectory: SymptomTrajectory, counts: ReportCounts) -> Report.Block {
        let name = trajectory.instrument.name
        let pairs = counts.isWithheld(Keys.retest(name)) ? "a withheld number of" : "\(trajectory.retestPairs)"
        let options = trajectory.options, week = options.followUpWeeks.last!
        let source = "test–retest pairs: each patient's first two consecutive assessments from day \(options.retestFirstDay) "
            + "on, \(options.retestGapDays.lowerBound)–\(options.retestGapDays.upperBound) days apart"
        guard let rule = trajectory.reliableChangeRule, let reliability = trajectory.reliability,
              let spread = trajectory.baselineStandardDeviation else {
            return .paragraph("\(trajectory.instrument.name): reliable change (Jacobson–Truax) is not reported: the test–retest "
                + "reliability could not be estimated from \(pairs) \(source), or the baselines do not vary.")
        }
        let threshold = rule.criticalValue * rule.standardErrorOfDifference
        let rows = trajectory.reliableImprovement.map { entry -> [Cell] in
            let key = improvementKey(trajectory, arm: entry.arm, patients: entry.patients, problem: counts.problem)
            let improvedShown = counts.areShown([Keys.improved(name, entry.arm)])
            let percentageShown = improvedShown && counts.areShown([key]) && entry.patients > 0
            let share: Cell = improvedShown
                ? .countAndPercentage(count: entry.improved,
                                      percentage: percentageShown ? Double(entry.improved) / Double(entry.patients) : nil,
                                      decimals: 1)
                : .suppressed
            return [.text(entry.arm), counts.countCell(key), share]
        }
        let unit = trajectory.usesSeverityLevels ? "severity levels" : "POMP points"
        return .table(Table(
            title: "\(trajectory.instrument.name): reliable improvement from baseline to week \(week) (Jacobson–Truax)",
            columns: [.init("Arm"), .init("Patients", alignment: .right), .init("Reliably improved", alignment: .right)],
            rows: rows,
            footnotes: ["RCI = (week \(week) − baseline)/S_diff, S_diff = √2·s₁·√(1 − r) = "
                + "\(NumberFormat.fixed(rule.standardErrorOfDifference, decimals: 3)); s₁ = \(NumberFormat.fixed(spread, decimals: 3)) "
                + "(SD of the baselines), r = \(NumberFormat.fixed(reliability, decimals: 3)) from \(pairs) \(source). "
                + "Improved: RCI < −1.96, a fall of more than \(NumberFormat.fixed(threshold, decimals: 2)) \(unit)."]))
    }
}

import OutcomeStats
import TreatmentOutcomes

/// The report's "Craving and withdrawal" section: mean trajectory by arm (chart with 95% CI bands), the arm × time
/// effects of a linear mixed model, and the share of patients with reliable improvement (Jacobson–Truax).
/// Small cells: a week's mean is drawn only when at least `policy.minimumCount` patients of the arm contribute;
/// counts of patients below the policy's minimum are suppressed.
enum CravingSection {
    static func make(cohort: Cohort, policy: SmallCellPolicy) -> Report.Section {
        let heading = "Craving and withdrawal"
        guard let assessments = cohort.assessments else {
            return Report.Section(heading: heading, blocks: [.paragraph("The cohort has no assessments.")])
        }
        let scored: (scores: [InstrumentScore], summary: ScoringSummary)
        do { scored = try InstrumentScoring.score(assessments) } catch {
            return Report.Section(heading: heading, blocks: [.paragraph("Assessments could not be scored: \(error).")])
        }
        guard let trajectory = SymptomTrajectory(cohort: cohort, scores: scored.scores) else {
            return Report.Section(heading: heading, blocks: [.paragraph("No assessment of a registered instrument could be scored.")])
        }
        let scale = trajectory.usesSeverityLevels
            ? "\(trajectory.instrument.name) harmonised severity level (0 none, 1 mild, 2 moderate, 3 severe), analysed as an ordinal band, not a raw total"
            : "\(trajectory.instrument.name) total on the POMP scale (0–100, percent of maximum possible)"
        let summary = ScoreKind.allCases.map { "\($0.rawValue) \(scored.summary.count($0))" }.joined(separator: ", ")
        var blocks: [Report.Block] = [
            .paragraph("Series: \(scale); \(trajectory.value.count) assessments of \(Set(trajectory.patient).count) patients, "
                + "time in weeks since the index day. Scoring: \(summary)."),
        ]
        blocks.append(.chart(chart(trajectory, policy: policy)))
        if let fit = trajectory.fit {
            blocks.append(.table(effectsTable(trajectory, fit: fit)))
            if !fit.convergence.isClean {
                blocks.append(.bulletList(fit.convergence.warnings.map { "Model warning: \($0)" }))
            }
        } else {
            blocks.append(.paragraph("The mixed model could not be fitted to this series."))
        }
        blocks.append(.table(improvementTable(trajectory, policy: policy)))
        return Report.Section(heading: heading, blocks: blocks)
    }

    private static func chart(_ trajectory: SymptomTrajectory, policy: SmallCellPolicy) -> Chart {
        let series = trajectory.arms.map { arm -> ChartSeries in
            var byWeek: [Int: [Double]] = [:]
            for row in trajectory.value.indices where trajectory.arm[row] == arm {
                byWeek[Int(trajectory.week[row].rounded()), default: []].append(trajectory.value[row])
            }
            let weeks = byWeek.keys.sorted().filter { byWeek[$0]!.count >= policy.minimumCount }
            var points: [ChartPoint] = [], band: [ChartBandPoint] = []
            for week in weeks {
                let values = byWeek[week]!, n = Double(values.count)
                let mean = values.reduce(0, +) / n
                let sd = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)).squareRoot()
                let half = 1.96 * sd / n.squareRoot()
                points.append(ChartPoint(x: Double(week), y: mean))
                band.append(ChartBandPoint(x: Double(week), lower: mean - half, upper: mean + half))
            }
            return ChartSeries(name: arm, style: .line, points: points, band: band)
        }
        return Chart(
            identifier: "craving-trajectory", title: "Mean \(trajectory.instrument.name) by arm and week",
            xLabel: "Weeks since index day",
            yLabel: trajectory.usesSeverityLevels ? "Severity level (0–3)" : "Score (POMP 0–100)",
            content: .xy(series),
            summary: "Mean by arm at each week (rounded) with a 95% confidence band (mean ± 1.96·SD/√n); weeks with "
                + "fewer than \(policy.minimumCount) assessments in an arm are not drawn.")
    }

    private static func effectsTable(_ trajectory: SymptomTrajectory, fit: LinearMixedModelFit) -> Table {
        let rows = trajectory.terms.indices.filter { trajectory.terms[$0].hasPrefix("week") }.map { index -> [Cell] in
            guard let estimate = fit.coefficients[index], let se = fit.standardErrors[index] else {
                return [.text(trajectory.terms[index]), .notApplicable, .notApplicable, .notApplicable]
            }
            return [.text(trajectory.terms[index]), .number(estimate, decimals: 4), .number(se, decimals: 4),
                    .text("\(NumberFormat.fixed(estimate - 1.96 * se, decimals: 4)) to \(NumberFormat.fixed(estimate + 1.96 * se, decimals: 4))")]
        }
        return Table(
            title: "Change per week and arm × time effects (linear mixed model, REML)",
            columns: [.init("Term"), .init("Estimate per week", alignment: .right), .init("SE", alignment: .right),
                      .init("95% CI", alignment: .right)],
            rows: rows,
            footnotes: ["value ~ week + arm + week × arm + (1 + week | patient); `week` is the change per week in the "
                + "reference arm \(trajectory.arms.first ?? ""), each `week × arm` row the difference from it. "
                + "\(fit.observationCount) assessments, \(fit.groupCount) patients; \(fit.convergence.converged ? "converged" : "did not converge")."])
    }

    private static func improvementTable(_ trajectory: SymptomTrajectory, policy: SmallCellPolicy) -> Table {
        let rows = trajectory.reliableImprovement.map { entry -> [Cell] in
            let share: Cell = policy.isSmall(entry.improved) || policy.isSmall(entry.patients - entry.improved)
                ? .suppressed
                : .countAndPercentage(count: entry.improved,
                                      percentage: entry.patients > 0 ? Double(entry.improved) / Double(entry.patients) : nil,
                                      decimals: 1)
            return [.text(entry.arm), policy.isSmall(entry.patients) ? .suppressed : .count(entry.patients), share]
        }
        let reliability = trajectory.reliability.map { NumberFormat.fixed($0, decimals: 3) } ?? "not estimable"
        return Table(
            title: "Reliable improvement, first to last assessment (Jacobson–Truax)",
            columns: [.init("Arm"), .init("Patients", alignment: .right), .init("Reliably improved", alignment: .right)],
            rows: rows,
            footnotes: ["RCI = (last − first)/S_diff, S_diff = √2·s₁·√(1 − r); s₁ = SD of first assessments, r = "
                + "\(reliability) (correlation of first and second assessments). Improved: RCI < −1.96 (lower is better)."])
    }
}

import OutcomeStats
import TreatmentOutcomes

/// The report's "Retention" section: Kaplan–Meier retention by arm (table and step-curve chart with 95% bands),
/// and two-arm comparisons (log-rank test, Cox hazard ratio of discontinuation adjusted for age and sex).
///
/// Episodes come from episodes.csv, else doses, else fills, with a 7-day allowed gap (HEDIS). A cohort with a
/// `trial` covariate (a trial such as CTN-0094) is observed through its 24-week protocol (day 168), so finishing
/// the protocol is not dropout; any other cohort is observed through each patient's last record. Comparisons are
/// the arms within each trial, or else each arm with psychosocial support against the arm with the same medication
/// and none: medication alone versus medication plus psychosocial support.
///
/// Small cells: counts of 1…(minimum − 1) are withheld; an arm with fewer patients than the minimum shows no
/// estimates, and curves stop where fewer than the minimum remain at risk.
enum RetentionSection {
    static let heading = "Retention"
    static let trialProtocolDays = 168

    static func make(cohort: Cohort, policy: SmallCellPolicy) -> Report.Section {
        let isTrial = cohort.patients.covariate(named: "trial") != nil
        let options = RetentionOptions(
            allowedGapDays: 7, observationEnd: isTrial ? .throughDay(trialProtocolDays) : .lastRecord)
        let episodes: RetentionEpisodes
        do { episodes = try RetentionEpisodes.make(from: cohort, options: options) } catch {
            return Report.Section(heading: heading, blocks: [.paragraph("Retention was not measured: \(error).")])
        }
        let days = isTrial ? [30, 90, trialProtocolDays] : RetentionAnalysis.standardDays
        let summaries = RetentionAnalysis.byArm(episodes, patients: cohort.patients, days: days)
        var blocks: [Report.Block] = [.paragraph(description(episodes, isTrial: isTrial, policy: policy))]
        blocks.append(.table(armTable(summaries, days: days, patients: cohort.patients, policy: policy)))
        blocks.append(.chart(chart(summaries, policy: policy, horizon: isTrial ? Double(trialProtocolDays) : nil)))
        let comparisons = comparisonPairs(cohort.patients).compactMap {
            RetentionAnalysis.compare(episodes, patients: cohort.patients, reference: $0.reference, comparison: $0.comparison)
        }
        if !comparisons.isEmpty {
            blocks.append(.table(comparisonTable(comparisons, policy: policy)))
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

    static func description(_ episodes: RetentionEpisodes, isTrial: Bool, policy: SmallCellPolicy) -> String {
        let source = switch episodes.source {
        case .episodes: "recorded treatment episodes (episodes.csv); dropout is the event, other end reasons censor"
        case .doses: "dose records: each dose covers its day (a naltrexone injection \(episodes.options.naltrexoneDoseCoverageDays) days)"
        case .dispensings: "pharmacy fills: each covers its days' supply"
        }
        let observation = isTrial
            ? "Patients are observed through day \(trialProtocolDays) (the 24-week protocol): an episode still running then is censored, not counted as dropout."
            : "Each patient is observed through their last record; an episode whose gap cannot be seen in full is censored."
        func count(_ n: Int) -> String { policy.isSmall(n) ? "fewer than \(policy.minimumCount)" : String(n) }
        return "Retention in treatment from \(source). An episode starts at the first covered day and ends at the last "
            + "covered day before the first gap of more than \(episodes.options.allowedGapDays) days. \(observation) "
            + "Retained at D days = still in treatment on day D (Kaplan–Meier, 95% log-scale intervals). "
            + "Dosing that stops by protocol (a scheduled taper) counts as discontinuation under this definition. "
            + "Patients without any treatment record: \(count(episodes.patientsWithoutTreatment))."
    }

    static func armTable(_ summaries: [RetentionGroupSummary], days: [Int], patients: PatientTable, policy: SmallCellPolicy) -> Table {
        func interval(_ estimate: Double?, _ lower: Double?, _ upper: Double?, percent: Bool) -> Cell {
            guard let estimate else { return .notApplicable }
            let format = { (value: Double) in percent ? NumberFormat.percentage(value, decimals: 1) : NumberFormat.fixed(value, decimals: 0) }
            let limits = "\(lower.map(format) ?? "NA"), \(upper.map(format) ?? "NA")"
            return .text("\(format(estimate)) [\(limits)]")
        }
        let arms = ArmColumns(arm: patients.arm)
        let rows = summaries.map { summary -> [Cell] in
            let n = summary.curve.subjectCount, events = summary.curve.eventCount
            let treatment = arms.labels.firstIndex(of: summary.label)
                .map { BaselineTable.treatmentLabel(patients: patients, arms: arms, column: $0) } ?? ""
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

    /// Arms within each trial, or each supported arm against its medication-alone arm.
    static func comparisonPairs(_ patients: PatientTable) -> [(reference: String, comparison: String)] {
        let arms = patients.arm
        if case .categorical(let trial)? = patients.covariate(named: "trial")?.values {
            var armsByTrial: [String: Set<String>] = [:]
            for row in 0..<patients.count {
                guard let t = trial.label(at: row), let a = arms.label(at: row) else { continue }
                armsByTrial[t, default: []].insert(a)
            }
            return armsByTrial.keys.sorted().flatMap { key -> [(reference: String, comparison: String)] in
                let sorted = armsByTrial[key]!.sorted()
                return sorted.dropFirst().map { (reference: sorted[0], comparison: $0) }
            }
        }
        var aloneByMedication: [Medication: String] = [:], supported: [(Medication, String)] = []
        var seen: Set<String> = []
        for row in 0..<patients.count {
            guard let arm = arms.label(at: row), seen.insert(arm).inserted else { continue }
            if patients.psychosocial.label(at: row)?.lowercased() == "none" {
                aloneByMedication[patients.medication[row]] = arm
            } else {
                supported.append((patients.medication[row], arm))
            }
        }
        return supported.sorted { $0.1 < $1.1 }.compactMap { medication, arm in
            aloneByMedication[medication].map { (reference: $0, comparison: arm) }
        }
    }

    static func comparisonTable(_ comparisons: [RetentionComparison], policy: SmallCellPolicy) -> Table {
        let rows = comparisons.map { comparison -> [Cell] in
            let test = comparison.logRank.test
            let ratio: Cell = comparison.hazardRatio.map {
                .text("\(NumberFormat.fixed($0.hazardRatio, decimals: 2)) [\(NumberFormat.fixed($0.lowerHazardRatio, decimals: 2)), "
                    + "\(NumberFormat.fixed($0.upperHazardRatio, decimals: 2))]")
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
                + "adjusted for age and sex; below 1 = better retention. Patients with missing age or sex are left out of the model."])
    }
}

import TreatmentOutcomes

/// The support comparison of ``BalanceSection``: a table of the weighted comparison per medication, its balance
/// table, and the weighted retention curves of each medication with and without support.
enum BalanceSupportBlocks {
    typealias Group = BalanceSection.Group
    typealias Keys = BalanceSection.Keys

    static func make(_ results: BalanceResults, analysis: CohortAnalysis, counts: ReportCounts) -> [Report.Block] {
        let entries = results.supportComparisons
        guard !entries.isEmpty else {
            return [.paragraph("Medication with psychosocial support against medication alone: no medication has both "
                + "an arm of medication alone and an arm with support.")]
        }
        var blocks: [Report.Block] = []
        let arms = entries.compactMap { entry in
            entry.comparison.value.map { comparison in
                "\(entry.medication.rawValue.capitalized): with support \(MethodsSection.list(comparison.supportArms)); "
                    + "alone \(MethodsSection.list(comparison.aloneArms))"
            }
        }
        if !arms.isEmpty {
            blocks.append(.paragraph("The arms compared:"))
            blocks.append(.bulletList(arms))
        }
        blocks.append(.table(comparisonTable(entries, horizons: analysis.plan.retention.horizonDays, counts: counts)))
        let sentences = entries.compactMap { sentence($0.medication, $0.comparison, counts: counts) }
        if !sentences.isEmpty { blocks.append(.paragraph(sentences.joined(separator: " "))) }
        let computed = entries.compactMap { entry in entry.comparison.value.map { (entry.medication, $0) } }
        if !computed.isEmpty {
            blocks.append(.table(balanceTable(computed, counts: counts)))
            let panels = computed.compactMap { panel($0.1, counts: counts) }
            if !panels.isEmpty { blocks.append(.chart(chart(panels, policy: counts.policy))) }
        }
        let warnings = computed.flatMap { medication, comparison in
            comparison.weightedFit.convergence.warnings.map { "\(medication.rawValue), weighted model: \($0)" }
        }
        if !warnings.isEmpty { blocks.append(.bulletList(warnings.map { "Model warning: \($0)" })) }
        return blocks
    }

    /// Whether the weighted estimates of a comparison may be shown: both groups' patients shown, and neither group
    /// has a small number of discontinuations or of patients without one.
    static func estimatesShown(_ medication: Medication, _ comparison: SupportComparison, counts: ReportCounts) -> Bool {
        Group.allCases.allSatisfy { group in
            let curve = group.crudeCurve(comparison)
            return !counts.isWithheld(Keys.patients(medication, group))
                && counts.policy.allowsEstimate(patients: curve.subjectCount, events: curve.eventCount)
        }
    }

    /// Whether weighting balanced the groups (largest |SMD| after weighting at most the threshold).
    static func isBalanced(_ comparison: SupportComparison) -> Bool {
        comparison.groups.largestStandardisedDifference(weighted: true).map { $0 <= BalanceSection.balanceThreshold } ?? true
    }

    static func sentence(
        _ medication: Medication, _ component: AnalysisComponent<SupportComparison>, counts: ReportCounts
    ) -> String? {
        let name = medication.rawValue.capitalized
        guard let comparison = component.value else { return nil }
        guard estimatesShown(medication, comparison, counts: counts) else { return nil }
        guard isBalanced(comparison) else {
            return "\(name): the groups with and without support could not be made alike on their baseline "
                + "characteristics, so no adjusted comparison is given."
        }
        guard let ratio = comparison.hazardRatio else { return nil }
        let interval = NumberFormat.ratioAndInterval(ratio)
        if ratio.ratioInterval.upper < 1 || ratio.ratioInterval.lower > 1 {
            return "\(name): patients with psychosocial support were \(ratio.ratio < 1 ? "less" : "more") likely to drop out "
                + "than comparable patients on \(medication.rawValue) alone (weighted hazard ratio \(interval))."
        }
        return "\(name): no clear difference in dropout between patients with psychosocial support and comparable "
            + "patients on \(medication.rawValue) alone (weighted hazard ratio \(interval); the interval includes 1)."
    }

    static func comparisonTable(
        _ entries: [(medication: Medication, comparison: AnalysisComponent<SupportComparison>)], horizons: [Int],
        counts: ReportCounts
    ) -> Table {
        let rows = entries.map { entry -> [Cell] in
            let name = Cell.text(entry.medication.rawValue.capitalized)
            guard let comparison = entry.comparison.value else {
                return [name, .text("not compared: \(entry.comparison.reason ?? "")"), .notApplicable]
                    + horizons.map { _ in .notApplicable } + [.notApplicable, .notApplicable]
            }
            let patients = Group.allCases.map { counts.countCell(Keys.patients(entry.medication, $0)) }
            guard estimatesShown(entry.medication, comparison, counts: counts) else {
                return [name] + patients + horizons.map { _ in .suppressed } + [.suppressed, .suppressed]
            }
            let crude: Cell = comparison.unweightedHazardRatio.map { .text(NumberFormat.ratioAndInterval($0)) } ?? .notApplicable
            guard isBalanced(comparison) else {
                return [name] + patients + horizons.map { _ in .text("not balanced") } + [.text("not balanced"), crude]
            }
            let retained = horizons.indices.map { index -> Cell in
                let values = Group.allCases.map { group -> String? in
                    let crude = group.crudeCurve(comparison), day = Double(horizons[index])
                    guard KaplanMeierDisclosure.shown(crude, at: [day], policy: counts.policy)[0],
                          let estimate = group.retained(comparison)[index].estimate else { return nil }
                    return NumberFormat.percentage(estimate, decimals: 1)
                }
                guard values.contains(where: { $0 != nil }) else { return .notApplicable }
                return .text(values.map { $0 ?? "—" }.joined(separator: " vs "))
            }
            let weighted: Cell = comparison.hazardRatio.map { .text(NumberFormat.ratioAndInterval($0)) } ?? .notApplicable
            return [name] + patients + retained + [weighted, crude]
        }
        return Table(
            title: "Medication with psychosocial support against medication alone",
            columns: [Table.Column("Medication"), Table.Column("Patients with support", alignment: .right),
                      Table.Column("Patients alone", alignment: .right)]
                + horizons.map { Table.Column("Retained \($0) d: with support vs alone (weighted)", alignment: .right) }
                + [Table.Column("Hazard ratio, weighted [95% CI]", alignment: .right),
                   Table.Column("Hazard ratio, unweighted [95% CI]", alignment: .right)],
            rows: rows,
            footnotes: [
                "Hazard ratio of discontinuation, support against alone, from a Cox model weighted by stabilised inverse "
                    + "probability of treatment weights with a robust (sandwich) interval; below 1 = better retention "
                    + "with support. Unweighted: the same model without weights. Patients: every patient of the group's "
                    + "arms as the retention table counts them; those missing a propensity covariate are left out of the "
                    + "models (the effective sample sizes in the balance table count those kept).",
                "Retained at D days from weighted Kaplan–Meier curves; — where the group's curve cannot be shown at that "
                    + "day without revealing a small count. Estimates are withheld when either group's patients are, or "
                    + "when either group has fewer than \(counts.policy.minimumCount) discontinuations or patients "
                    + "without one; \"not balanced\" when weighting left a covariate with |SMD| above "
                    + "\(NumberFormat.exact(BalanceSection.balanceThreshold)) (see the balance table).",
            ])
    }

    static func balanceTable(_ computed: [(Medication, SupportComparison)], counts: ReportCounts) -> Table {
        let rows = computed.map { medication, comparison -> [Cell] in
            let name = Cell.text(medication.rawValue.capitalized)
            guard estimatesShown(medication, comparison, counts: counts) else {
                return [name, .count(comparison.terms.count), .suppressed, .suppressed, .suppressed, omitted(comparison)]
            }
            let before = comparison.groups.largestStandardisedDifference(weighted: false)
            let after = comparison.groups.largestStandardisedDifference(weighted: true)
            let size = comparison.effectiveSampleSize
            return [
                name, .count(comparison.terms.count),
                before.map { .number($0, decimals: 2) } ?? .notApplicable,
                after.map { .number($0, decimals: 2) } ?? .notApplicable,
                .text("\(NumberFormat.fixed(size.support, decimals: 0)) / \(NumberFormat.fixed(size.alone, decimals: 0))"),
                omitted(comparison),
            ]
        }
        return Table(
            title: "Balance of the weighted comparison",
            columns: [Table.Column("Medication"), Table.Column("Covariate terms", alignment: .right),
                      Table.Column("Largest |SMD| before weighting", alignment: .right),
                      Table.Column("Largest |SMD| after weighting", alignment: .right),
                      Table.Column("Effective sample size: with support / alone", alignment: .right),
                      Table.Column("Covariates left out (missing too often)")],
            rows: rows,
            footnotes: [
                "SMD: standardised mean difference of a covariate term between the groups (Austin & Stuart, Stat. Med. "
                    + "2015); balance is usually taken as |SMD| ≤ 0.1. Effective sample size: Kish's (Σw)²/Σw² in each "
                    + "group, the number of unweighted patients the weighted group is worth.",
            ])
    }

    static func omitted(_ comparison: SupportComparison) -> Cell {
        .text(comparison.omittedForMissingValues.isEmpty ? "none" : MethodsSection.list(comparison.omittedForMissingValues))
    }

    /// The weighted curves of one medication, with and without support, through the points the unweighted curves
    /// may show (``KaplanMeierDisclosure/drawnIndices(_:policy:)``); `nil` when the estimates are not shown.
    static func panel(_ comparison: SupportComparison, counts: ReportCounts) -> ChartPanel? {
        guard estimatesShown(comparison.medication, comparison, counts: counts), isBalanced(comparison) else { return nil }
        let series = Group.allCases.map { group -> ChartSeries in
            let crude = group.crudeCurve(comparison), curve = group.curve(comparison)
            let bounds = curve.confidenceBounds(.log)
            let index = Dictionary(curve.times.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            var points = [ChartPoint(x: 0, y: 1)], band = [ChartBandPoint(x: 0, lower: 1, upper: 1)]
            for drawn in KaplanMeierDisclosure.drawnIndices(crude, policy: counts.policy) {
                guard let position = index[crude.times[drawn]] else { continue }
                points.append(ChartPoint(x: curve.times[position], y: curve.survival[position]))
                if let lower = bounds.lower[position], let upper = bounds.upper[position] {
                    band.append(ChartBandPoint(x: curve.times[position], lower: lower, upper: upper))
                }
            }
            return ChartSeries(name: seriesName(group), style: .step, points: points, band: band)
        }
        return ChartPanel(title: comparison.medication.rawValue.capitalized, series: series)
    }

    static func seriesName(_ group: Group) -> String { group == .support ? "with psychosocial support" : "medication alone" }

    static func chart(_ panels: [ChartPanel], policy: SmallCellPolicy) -> Chart {
        let content: Chart.Content = panels.count == 1 ? .xy(panels[0].series) : .panels(panels)
        return Chart(
            identifier: "support-weighted-retention",
            title: "Retention with and without psychosocial support, weighted (Kaplan–Meier)",
            xLabel: "Days since treatment start", yLabel: "Proportion retained", content: content, yRange: 0...1,
            summary: "Weighted Kaplan–Meier retention of patients with psychosocial support and of comparable patients "
                + "on the same medication alone, " + (panels.count == 1 ? "for \(panels[0].title.lowercased())" : "a panel per medication")
                + ", with 95% bands; each drop drawn stands for at least \(policy.minimumCount) discontinuations.")
    }
}

import TreatmentOutcomes

extension UrineScreenSection {
    /// One sentence per psychosocial contrast: relapse-free at the last reported week, abstinence, negative weeks
    /// and the log-rank p-value with its Holm adjustment over the `tests` comparisons of the table, the supported
    /// arm first.
    static func contrastSentence(
        _ comparison: UrineScreenResults.Comparison, holm: Double, tests: Int, weeks: [Int], counts: ReportCounts
    ) -> String {
        let week = weeks.max() ?? 12
        func relapseFree(_ summary: UrineScreenGroupSummary) -> String {
            guard let estimate = summary.relapseFree(atWeek: week) else { return "not estimable" }
            guard UrineScreenTables.relapseEstimatesShown(summary, counts: counts),
                  KaplanMeierDisclosure.shown(summary.relapse, at: weeks.sorted().map(Double.init), policy: counts.policy).last == true
            else { return "withheld" }
            return NumberFormat.percentage(estimate.survival, decimals: 1)
        }
        func abstinent(_ summary: UrineScreenGroupSummary) -> String {
            guard let share = summary.abstinenceShare,
                  counts.areShown([Keys.abstinent(summary.label), Keys.withWord(summary.label)])
            else { return "withheld" }
            return NumberFormat.percentage(share.estimate, decimals: 1)
        }
        func negative(_ summary: UrineScreenGroupSummary) -> String {
            summary.negativeWeeks.map { NumberFormat.percentage($0.mean, decimals: 1) } ?? "not estimable"
        }
        let supported = comparison.comparison, alone = comparison.reference
        return "\(supported.label) (\(comparison.contrast.comparison.label)) vs \(alone.label) "
            + "(\(comparison.contrast.reference.label)): "
            + "not relapsed by week \(week) \(relapseFree(supported)) vs \(relapseFree(alone)); "
            + "abstinent in weeks 12–15 \(abstinent(supported)) vs \(abstinent(alone)); "
            + "mean negative weeks 1–15 \(negative(supported)) vs \(negative(alone)); "
            + "log-rank p = \(NumberFormat.pValue(comparison.logRank.test.pValue))"
            + (tests > 1 ? " (Holm-adjusted for the \(tests) comparisons: \(NumberFormat.pValue(holm)))." : ".")
    }
}

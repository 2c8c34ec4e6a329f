import TreatmentOutcomes

/// The tables of the report's "Urine-screen outcomes" section (see ``UrineScreenSection`` for the suppression rule).
enum UrineScreenTables {
    typealias Keys = UrineScreenSection.Keys

    /// Whether the relapse curve's estimates may be shown: its N and its relapses are.
    static func relapseEstimatesShown(_ summary: UrineScreenGroupSummary, counts: ReportCounts) -> Bool {
        counts.areShown([Keys.assessable(summary.label), Keys.relapsed(summary.label)])
            && !counts.policy.isSmall(summary.relapse.subjectCount)
    }

    static func percentInterval(_ estimate: Double, _ lower: Double?, _ upper: Double?) -> Cell {
        let format = { (value: Double) in NumberFormat.percentage(value, decimals: 1) }
        return .text("\(format(estimate)) [\(lower.map(format) ?? "NA"), \(upper.map(format) ?? "NA")]")
    }

    static func weeksInterval(_ quantile: SurvivalQuantile) -> Cell {
        guard let estimate = quantile.estimate else { return .text("not reached") }
        let format = { (value: Double) in NumberFormat.fixed(value, decimals: 1) }
        return .text("\(format(estimate)) [\(quantile.lower.map(format) ?? "NA"), \(quantile.upper.map(format) ?? "NA")]")
    }

    /// `n (p%)` and its Wilson 95% interval (computed by the analysis); `keys` are the count's, then its
    /// denominator's. A withheld count withholds both cells; a withheld denominator leaves the count alone.
    static func shareCells(
        _ count: Int, of total: Int, interval: WilsonScoreInterval?, keys: [ReportCounts.Key], counts: ReportCounts
    ) -> [Cell] {
        guard let interval, total > 0 else { return [.notApplicable, .notApplicable] }
        guard counts.areShown(Array(keys.prefix(1))) else { return [.suppressed, .suppressed] }
        guard counts.areShown(keys) else { return [.count(count), .suppressed] }
        return [.countAndPercentage(count: count, percentage: interval.estimate, decimals: 1),
                .text("\(NumberFormat.percentage(interval.lower, decimals: 1)) – \(NumberFormat.percentage(interval.upper, decimals: 1))")]
    }

    /// Arm, treatment, patients with a word, relapses, median weeks to relapse, relapse-free at `weeks`; a column of
    /// words too short to assess when some arm has one.
    static func relapseTable(
        _ summaries: [UrineScreenGroupSummary], shown: [Bool], treatments: [String], weeks: [Int], counts: ReportCounts
    ) -> Table {
        let hasShortWords = summaries.contains { $0.patientsWithShortWord > 0 }
        let rows = summaries.indices.map { index -> [Cell] in
            let summary = summaries[index], curve = summary.relapse
            var row: [Cell] = [.text(summary.label), .text(treatments[index]), counts.countCell(Keys.withWord(summary.label))]
            if hasShortWords { row.append(counts.countCell(Keys.shortWord(summary.label))) }
            row.append(counts.countCell(Keys.relapsed(summary.label)))
            guard shown[index], relapseEstimatesShown(summary, counts: counts) else {
                return row + [Cell](repeating: .suppressed, count: 1 + weeks.count)
            }
            row.append(curve.subjectCount == 0 ? .notApplicable : weeksInterval(curve.median()))
            let estimateShown = KaplanMeierDisclosure.shown(curve, at: weeks.map(Double.init), policy: counts.policy)
            row += zip(weeks, estimateShown).map { week, isShown in
                guard let estimate = summary.relapseFree(atWeek: week) else { return .notApplicable }
                return isShown ? percentInterval(estimate.survival, estimate.lower, estimate.upper) : .suppressed
            }
            return row
        }
        return Table(
            title: "Relapse by arm (CTN-0094 definition)",
            columns: [Table.Column("Arm"), Table.Column("Treatment"), Table.Column("Patients with a word", alignment: .right)]
                + (hasShortWords ? [Table.Column("Word under 4 weeks", alignment: .right)] : [])
                + [Table.Column("Relapsed", alignment: .right), Table.Column("Median weeks to relapse [95% CI]", alignment: .right)]
                + weeks.map { Table.Column("Not relapsed by week \($0) [95% CI]", alignment: .right) },
            rows: rows,
            footnotes: ["Kaplan–Meier estimates; NA = the interval does not reach the value; — (empty in CSV) marks a week beyond the "
                + "arm's follow-up."])
    }

    /// Dropout (share, Wilson interval, Kaplan–Meier median weeks), abstinence (share, Wilson interval) and the mean
    /// share of negative weeks (mean (SD), normal interval).
    static func abstinenceTable(_ summaries: [UrineScreenGroupSummary], shown: [Bool], counts: ReportCounts) -> Table {
        let rows = summaries.indices.map { index -> [Cell] in
            let summary = summaries[index]
            let dropout = summary.dropout
            let label = summary.label
            guard shown[index] else {
                let dropped = counts.registeredCount(Keys.droppedOut(label)) == nil ? .suppressed : counts.countCell(Keys.droppedOut(label))
                return [.text(label), counts.countCell(Keys.withWord(label)), dropped, .suppressed, .suppressed,
                        counts.countCell(Keys.abstinent(label)), .suppressed, .suppressed, .suppressed]
            }
            var row: [Cell] = [.text(label), counts.countCell(Keys.withWord(label))]
            // Dropout is in the ledger when its curve counts the same patients as the relapse curve (it does).
            let dropoutKeys = [Keys.droppedOut(label), Keys.assessable(label)]
            let registered = counts.registeredCount(Keys.droppedOut(label)) != nil
            let dropoutShown = registered && counts.areShown(dropoutKeys)
            row += registered
                ? shareCells(dropout.eventCount, of: dropout.subjectCount, interval: summary.dropoutShare, keys: dropoutKeys, counts: counts)
                : [.suppressed, .suppressed]
            row.append(dropout.subjectCount == 0 ? .notApplicable
                : dropoutShown && !counts.policy.isSmall(dropout.subjectCount) ? weeksInterval(dropout.median()) : .suppressed)
            row += shareCells(
                summary.abstinentCount, of: summary.patientsWithWord, interval: summary.abstinenceShare,
                keys: [Keys.abstinent(label), Keys.withWord(label)], counts: counts)
            if let negative = summary.negativeWeeks {
                row.append(negative.standardDeviation.map {
                    .text("\(NumberFormat.percentage(negative.mean, decimals: 1)) (\(NumberFormat.percentage($0, decimals: 1)))")
                } ?? .percentage(negative.mean, decimals: 1))
                row.append(negative.meanInterval().map {
                    .text("\(NumberFormat.percentage($0.lower, decimals: 1)) – \(NumberFormat.percentage($0.upper, decimals: 1))")
                } ?? .notApplicable)
            } else {
                row += [.notApplicable, .notApplicable]
            }
            return row
        }
        return Table(
            title: "Dropout, abstinence and negative weeks by arm",
            columns: [
                Table.Column("Arm"), Table.Column("Patients with a word", alignment: .right),
                Table.Column("Dropped out (4 missing weeks)", alignment: .right), Table.Column("95% CI", alignment: .right),
                Table.Column("Median weeks to dropout [95% CI]", alignment: .right),
                Table.Column("Abstinent weeks 12–15", alignment: .right), Table.Column("95% CI", alignment: .right),
                Table.Column("Negative weeks 1–15, mean (SD)", alignment: .right), Table.Column("95% CI", alignment: .right),
            ],
            rows: rows,
            footnotes: ["Dropout over patients whose word has at least 4 weeks; Wilson score intervals for shares of "
                + "patients; a normal interval for the mean share of negative weeks (Rd_ling_2010)."])
    }

    /// One row per compared pair: the arms, what differs, and the log-rank test of weeks to relapse with its
    /// Holm-adjusted p over the pairs shown (`holm`, one per comparison: ``MultipleComparisons/holm(_:)``).
    static func comparisonTable(_ comparisons: [UrineScreenResults.Comparison], holm: [Double]) -> Table {
        let rows = comparisons.enumerated().map { index, comparison -> [Cell] in
            let test = comparison.logRank.test
            let contrast = comparison.contrast.isSupportContrast
                ? "medication plus psychosocial support vs medication alone"
                : "\(comparison.contrast.comparison.label) vs \(comparison.contrast.reference.label)"
            return [.text("\(comparison.comparison.label) vs \(comparison.reference.label)"), .text(contrast),
                    .text("\(NumberFormat.fixed(test.statistic, decimals: 2)) (\(test.degreesOfFreedom))"), .pValue(test.pValue),
                    .pValue(holm[index])]
        }
        return Table(
            title: "Relapse comparisons (log-rank)",
            columns: [Table.Column("Comparison"), Table.Column("What differs"),
                      Table.Column("Log-rank χ² (df)", alignment: .right), Table.Column("p", alignment: .right),
                      Table.Column("Holm p", alignment: .right)],
            rows: rows,
            footnotes: ["The analysis plan's contrasts (see Methods), the second arm the reference."]
                + (comparisons.count > 1 ? [MultipleComparisons.footnote(tests: comparisons.count, of: "log-rank")] : []))
    }
}

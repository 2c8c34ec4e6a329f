import TreatmentOutcomes

/// The tables of the report's "Urine-screen outcomes" section (see ``UrineScreenSection`` for the suppression rule).
enum UrineScreenTables {
    /// Whether `count` out of `total` is withheld: it or its complement is 1…(minimum − 1).
    static func isWithheld(_ count: Int, of total: Int, policy: SmallCellPolicy) -> Bool {
        policy.isSmall(count) || policy.isSmall(total - count)
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

    /// `n (p%)` and its Wilson 95% interval (computed by the analysis), or two withheld cells.
    static func shareCells(_ count: Int, of total: Int, interval: WilsonScoreInterval?, policy: SmallCellPolicy) -> [Cell] {
        guard let interval, total > 0 else { return [.notApplicable, .notApplicable] }
        guard !isWithheld(count, of: total, policy: policy) else { return [.suppressed, .suppressed] }
        return [.countAndPercentage(count: count, percentage: interval.estimate, decimals: 1),
                .text("\(NumberFormat.percentage(interval.lower, decimals: 1)) – \(NumberFormat.percentage(interval.upper, decimals: 1))")]
    }

    /// Arm, treatment, patients with a word, relapses, median weeks to relapse, relapse-free at `weeks`; a column of
    /// words too short to assess when some arm has one.
    static func relapseTable(
        _ summaries: [UrineScreenGroupSummary], shown: [Bool], treatments: [String], weeks: [Int], policy: SmallCellPolicy
    ) -> Table {
        let hasShortWords = summaries.contains { $0.patientsWithShortWord > 0 }
        let rows = summaries.indices.map { index -> [Cell] in
            let summary = summaries[index], curve = summary.relapse
            let width = 3 + (hasShortWords ? 1 : 0) + weeks.count
            guard shown[index] else {
                return [.text(summary.label), .text(treatments[index])] + [Cell](repeating: .suppressed, count: width)
            }
            var row: [Cell] = [.text(summary.label), .text(treatments[index]), .count(summary.patientsWithWord)]
            if hasShortWords {
                let short = summary.patientsWithShortWord
                row.append(isWithheld(short, of: summary.patientsWithWord, policy: policy) ? .suppressed : .count(short))
            }
            row.append(isWithheld(curve.eventCount, of: curve.subjectCount, policy: policy) ? .suppressed : .count(curve.eventCount))
            row.append(curve.subjectCount == 0 ? .notApplicable : weeksInterval(curve.median()))
            row += weeks.map { week in
                summary.relapseFree(atWeek: week).map { percentInterval($0.survival, $0.lower, $0.upper) } ?? .notApplicable
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
            footnotes: ["Kaplan–Meier estimates; NA = the interval does not reach the value; an empty cell lies beyond the "
                + "arm's follow-up.", policy.statement])
    }

    /// Dropout (share, Wilson interval, Kaplan–Meier median weeks), abstinence (share, Wilson interval) and the mean
    /// share of negative weeks (mean (SD), normal interval).
    static func abstinenceTable(_ summaries: [UrineScreenGroupSummary], shown: [Bool], policy: SmallCellPolicy) -> Table {
        let rows = summaries.indices.map { index -> [Cell] in
            let summary = summaries[index]
            guard shown[index] else { return [.text(summary.label)] + [Cell](repeating: .suppressed, count: 8) }
            let dropout = summary.dropout
            var row: [Cell] = [.text(summary.label), .count(summary.patientsWithWord)]
            row += shareCells(dropout.eventCount, of: dropout.subjectCount, interval: summary.dropoutShare, policy: policy)
            row.append(dropout.subjectCount == 0 ? .notApplicable : weeksInterval(dropout.median()))
            row += shareCells(
                summary.abstinentCount, of: summary.patientsWithWord, interval: summary.abstinenceShare, policy: policy)
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
                + "patients; a normal interval for the mean share of negative weeks (Rd_ling_2010).", policy.statement])
    }

    /// One row per compared pair: the arms, what differs, and the log-rank test of weeks to relapse.
    static func comparisonTable(_ comparisons: [UrineScreenResults.Comparison]) -> Table {
        let rows = comparisons.map { comparison -> [Cell] in
            let test = comparison.logRank.test
            let contrast = comparison.contrast.isSupportContrast
                ? "medication plus psychosocial support vs medication alone"
                : "\(comparison.contrast.comparison.label) vs \(comparison.contrast.reference.label)"
            return [.text("\(comparison.comparison.label) vs \(comparison.reference.label)"), .text(contrast),
                    .text("\(NumberFormat.fixed(test.statistic, decimals: 2)) (\(test.degreesOfFreedom))"), .pValue(test.pValue)]
        }
        return Table(
            title: "Relapse comparisons (log-rank)",
            columns: [Table.Column("Comparison"), Table.Column("What differs"),
                      Table.Column("Log-rank χ² (df)", alignment: .right), Table.Column("p", alignment: .right)],
            rows: rows,
            footnotes: ["The analysis plan's contrasts (see Methods), the second arm the reference."])
    }
}

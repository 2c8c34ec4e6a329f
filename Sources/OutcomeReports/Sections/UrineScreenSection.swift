import TreatmentOutcomes

/// The report's "Urine-screen outcomes" section, a view of ``UrineScreenResults``: per arm, the CTN-0094 relapse
/// endpoint (Kaplan–Meier weeks to relapse with 95% intervals, table and step chart), dropout, the CTN-0094
/// abstinence endpoint and the mean percentage of negative weeks (Rd_ling_2010), then the log-rank test of relapse
/// for each of the analysis's contrasts.
///
/// Small cells (``SmallCellPolicy``): an arm whose N is withheld in the baseline tables, or whose number of patients
/// with a word is 1…(minimum − 1), shows no values; a count is withheld (with its percentage and interval) when it
/// or its complement in the arm is 1…(minimum − 1); no totals across arms are printed, so a withheld count cannot
/// be recovered; curves stop where fewer than the minimum remain at risk.
enum UrineScreenSection {
    static let heading = "Urine-screen outcomes"
    /// The weeks at which the relapse-free proportion is shown (every CTN-0094 word has at least 15 weeks).
    static let relapseWeeks = [4, 8, 12]

    static func make(analysis: CohortAnalysis, counts: ReportCounts) -> Report.Section? {
        guard analysis.parts.contains(.urineScreens) else { return nil }
        guard let results = analysis.urineScreens.value else {
            return Report.Section(heading: heading, blocks: [
                .paragraph("Urine-screen outcomes were not measured: \(analysis.urineScreens.reason ?? "").")])
        }
        let summaries = results.byArm
        guard !summaries.isEmpty else {
            return Report.Section(heading: heading, blocks: [.paragraph("No patient with an arm has a use-pattern word.")])
        }
        let policy = counts.policy, arms = analysis.arms
        let shown = summaries.map { summary in
            arms.labels.firstIndex(of: summary.label).map { !counts.suppression.isSuppressed(.armTotal(arm: $0)) } ?? false
                && !policy.isSmall(summary.patientsWithWord)
        }
        let treatmentOf = Dictionary(
            analysis.baseline.treatments.map { ($0.arm, $0.label) }, uniquingKeysWith: { first, _ in first })
        let treatments = summaries.map { treatmentOf[$0.label] ?? "" }
        var blocks: [Report.Block] = [
            .paragraph(description(results.words.source)),
            .table(UrineScreenTables.relapseTable(
                summaries, shown: shown, treatments: treatments, weeks: results.relapseWeeks, policy: policy)),
            .chart(chart(summaries, shown: shown, policy: policy)),
            .table(UrineScreenTables.abstinenceTable(summaries, shown: shown, policy: policy)),
        ]
        let shownLabels = Set(zip(summaries, shown).filter(\.1).map(\.0.label))
        let comparisons = results.comparisons.filter {
            shownLabels.contains($0.reference.label) && shownLabels.contains($0.comparison.label)
        }
        if !comparisons.isEmpty {
            blocks.append(.table(UrineScreenTables.comparisonTable(comparisons)))
            let week = results.relapseWeeks.max()!
            let contrasts = comparisons.filter(\.contrast.isSupportContrast).map {
                contrastSentence($0, week: week, policy: policy)
            }
            if !contrasts.isEmpty {
                blocks.append(.paragraph("Medication alone versus medication plus psychosocial support:"))
                blocks.append(.bulletList(contrasts))
            }
        }
        return Report.Section(heading: heading, blocks: blocks)
    }

    static func description(_ source: CohortUsePatterns.Source) -> String {
        let words = switch source {
        case .published(let file):
            "\(file), from which the published CTN-0094 endpoints were computed"
        case .builtFromScreens(let options):
            "words built from this cohort's urine screens and visits: one symbol per week (week 1 = days "
                + "\(options.firstDayOfWeekOne)–\(options.firstDayOfWeekOne + 6) after the index day), + positive, "
                + "- negative, * both in the week, o no specimen; positive = "
                + (options.substances == .nonStudyOpioids ? "non-study opioids for the arm's medication" : "the chosen substances")
        }
        return "Weekly use-pattern words: \(words). Relapse (RsT/RsE_ctnNinetyFour_2023): the first week of 4 "
            + "consecutive positive weeks, missing and mixed weeks counting as positive; without relapse a patient is "
            + "censored at week n − 3 of an n-week word, as CTNote does; Kaplan–Meier estimates with 95% log-scale "
            + "intervals. Dropout (DrT/DrE_ctnNinetyFour_2023): 4 consecutive missing weeks. Abstinent "
            + "(Ab_ctnNinetyFour_2023): no positive or mixed week and at most one missing week in weeks 12–15. "
            + "Negative weeks: Rd_ling_2010, the share of weeks 1–15 negative (mixed weeks count half, missing weeks "
            + "count as not negative), averaged over the arm's patients. Proportions of patients have 95% Wilson "
            + "score intervals; the mean has a 95% normal interval (mean ± 1.96·SD/√n). Words shorter than 4 weeks "
            + "have no relapse or dropout time."
    }

    /// Kaplan–Meier weeks to relapse by arm; arms whose values are withheld are not drawn.
    static func chart(_ summaries: [UrineScreenGroupSummary], shown: [Bool], policy: SmallCellPolicy) -> Chart {
        let series = zip(summaries, shown).compactMap { summary, isShown in
            isShown ? KaplanMeierSeries.step(name: summary.label, curve: summary.relapse, policy: policy) : nil
        }
        return Chart(
            identifier: "urine-screen-relapse-by-arm", title: "Weeks to relapse by arm (CTN-0094 definition, Kaplan–Meier)",
            xLabel: "Weeks since the index day", yLabel: "Proportion not relapsed", content: .xy(series), yRange: 0...1,
            summary: "Kaplan–Meier curves of weeks to relapse (4 consecutive positive or missing weeks), one per arm, "
                + "with 95% confidence bands; each curve stops where fewer than \(policy.minimumCount) patients remain at risk.")
    }
}

import TreatmentOutcomes

/// The report's "Urine-screen outcomes" section, a view of ``UrineScreenResults``: per arm, the CTN-0094 relapse
/// endpoint (Kaplan–Meier weeks to relapse with 95% intervals, table and step chart), dropout, the CTN-0094
/// abstinence endpoint and the mean percentage of negative weeks (Rd_ling_2010), then the log-rank test of relapse
/// for each of the analysis's contrasts.
///
/// Small cells (``ReportCounts``): per arm, the patients with a word are a part of the arm's N; those with a word
/// of at least 4 weeks (the relapse and dropout curves' N) and those with a shorter word its parts; relapses,
/// dropouts and abstinent patients parts of their N beside hidden complements. An arm whose patients with a word
/// are withheld shows no values; a share is shown only with its count; Kaplan–Meier estimates and curve
/// points follow ``KaplanMeierDisclosure``.
enum UrineScreenSection {
    static let heading = "Urine-screen outcomes"

    enum Keys {
        static func withWord(_ arm: String) -> ReportCounts.Key { .named("urine patients with a word \(arm)") }
        static func withoutWord(_ arm: String) -> ReportCounts.Key { .named("urine patients without a word \(arm)") }
        static func assessable(_ arm: String) -> ReportCounts.Key { .named("urine words of 4+ weeks \(arm)") }
        static func shortWord(_ arm: String) -> ReportCounts.Key { .named("urine words under 4 weeks \(arm)") }
        static func relapsed(_ arm: String) -> ReportCounts.Key { .named("urine relapsed \(arm)") }
        static func notRelapsed(_ arm: String) -> ReportCounts.Key { .named("urine not relapsed \(arm)") }
        static func droppedOut(_ arm: String) -> ReportCounts.Key { .named("urine dropped out \(arm)") }
        static func stayed(_ arm: String) -> ReportCounts.Key { .named("urine not dropped out \(arm)") }
        static func abstinent(_ arm: String) -> ReportCounts.Key { .named("urine abstinent \(arm)") }
        static func notAbstinent(_ arm: String) -> ReportCounts.Key { .named("urine not abstinent \(arm)") }
        static func startedAssessable(_ arm: String) -> ReportCounts.Key { .named("urine started, 4+ weeks \(arm)") }
        static func notStartedAssessable(_ arm: String) -> ReportCounts.Key { .named("urine not started, 4+ weeks \(arm)") }
        static func startedRelapsed(_ arm: String) -> ReportCounts.Key { .named("urine started, relapsed \(arm)") }
        static func notStartedRelapsed(_ arm: String) -> ReportCounts.Key { .named("urine not started, relapsed \(arm)") }
        static func startedNotRelapsed(_ arm: String) -> ReportCounts.Key { .named("urine started, not relapsed \(arm)") }
        static func startedWithout(_ arm: String) -> ReportCounts.Key { .named("urine started, no 4+ week word \(arm)") }
        static func neverStartedWithout(_ arm: String) -> ReportCounts.Key { .named("urine never started, no 4+ week word \(arm)") }
    }

    /// Registers the per-arm counts and their sums.
    static func register(_ analysis: CohortAnalysis, into problem: inout SuppressionProblem<ReportCounts.Key>) {
        guard analysis.parts.contains(.urineScreens), let results = analysis.urineScreens.value else { return }
        for summary in results.byArm {
            guard let arm = analysis.arms.labels.firstIndex(of: summary.label) else { continue }
            let label = summary.label
            problem.addPart(Keys.withWord(label), count: summary.patientsWithWord, of: .armTotal(arm: arm), rest: Keys.withoutWord(label))
            problem.addCell(Keys.assessable(label), count: summary.relapse.subjectCount)
            problem.addCell(Keys.shortWord(label), count: summary.patientsWithShortWord)
            problem.addGroup([Keys.assessable(label), Keys.shortWord(label), Keys.withWord(label)])
            problem.addPart(Keys.relapsed(label), count: summary.relapseCount, of: Keys.assessable(label), rest: Keys.notRelapsed(label))
            if summary.dropout.subjectCount == summary.relapse.subjectCount {
                problem.addPart(
                    Keys.droppedOut(label), count: summary.dropoutCount, of: Keys.assessable(label), rest: Keys.stayed(label))
            }
            problem.addPart(Keys.abstinent(label), count: summary.abstinentCount, of: Keys.withWord(label), rest: Keys.notAbstinent(label))
        }
        registerAmongStarted(analysis, into: &problem)
    }

    /// Relapse among starters: parts of the arm's assessable patients and relapses, and the starters' relapses a
    /// part of the starters; the starters assessed are at most the arm's starters in the retention table (a slack).
    static func registerAmongStarted(_ analysis: CohortAnalysis, into problem: inout SuppressionProblem<ReportCounts.Key>) {
        guard let among = analysis.relapseAmongStarted, let retention = analysis.retention.value else { return }
        let startedByArm = Dictionary(retention.byArm.map { ($0.label, $0.started) }, uniquingKeysWith: { first, _ in first })
        for arm in among.arms where problem.contains(Keys.assessable(arm.label)) {
            let label = arm.label
            problem.addPart(Keys.startedAssessable(label), count: arm.assessable, of: Keys.assessable(label), rest: Keys.notStartedAssessable(label))
            problem.addPart(Keys.startedRelapsed(label), count: arm.relapsed, of: Keys.relapsed(label), rest: Keys.notStartedRelapsed(label))
            problem.addHiddenCell(Keys.startedNotRelapsed(label), count: arm.assessable - arm.relapsed)
            problem.addGroup([Keys.startedRelapsed(label), Keys.startedNotRelapsed(label), Keys.startedAssessable(label)])
            let started = RetentionSection.Keys.started(label)
            if let starters = startedByArm[label], problem.contains(started), arm.assessable <= starters {
                problem.addSlackCell(Keys.startedWithout(label), count: starters - arm.assessable)
                problem.addGroup([Keys.startedAssessable(label), Keys.startedWithout(label), started])
            }
            // Those assessed who never started are at most the arm's patients who never started.
            let never = RetentionSection.Keys.withoutRecord(label), assessedNever = Keys.notStartedAssessable(label)
            if let neverCount = problem.count(of: never), let assessed = problem.count(of: assessedNever), assessed <= neverCount {
                problem.addSlackCell(Keys.neverStartedWithout(label), count: neverCount - assessed)
                problem.addGroup([assessedNever, Keys.neverStartedWithout(label), never])
            }
        }
    }

    /// Relapse among the patients who started treatment (``RelapseAmongStarted``), arms whose word counts are shown.
    static func amongStartedTable(_ among: RelapseAmongStarted, shownLabels: Set<String>, counts: ReportCounts) -> Table {
        let rows = among.arms.filter { shownLabels.contains($0.label) }.map { arm -> [Cell] in
            [.text(arm.label), counts.countCell(Keys.startedAssessable(arm.label)),
             counts.countAndPercentageCell(Keys.startedRelapsed(arm.label), of: Keys.startedAssessable(arm.label))]
        }
        return Table(
            title: "Relapse among patients who started treatment",
            columns: [Table.Column("Arm"), Table.Column("Started, word of 4+ weeks", alignment: .right),
                      Table.Column("Relapsed", alignment: .right)],
            rows: rows,
            footnotes: ["The curves above count every patient of an arm (intention to treat); this table counts only those "
                + "who started treatment (per protocol), each word read to its end: relapsed n (% of those started). "
                + "Where many never started, as after detoxification, the two views can disagree."])
    }

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
        // An arm's values are shown when its own counts are; the ledger already ties them to the arm's N.
        let shown = summaries.map { summary in
            counts.areShown([Keys.withWord(summary.label)]) && !counts.policy.isSmall(summary.patientsWithWord)
        }
        let treatmentOf = Dictionary(
            analysis.baseline.treatments.map { ($0.arm, $0.label) }, uniquingKeysWith: { first, _ in first })
        let treatments = summaries.map { treatmentOf[$0.label] ?? "" }
        let shownLabels = Set(zip(summaries, shown).filter(\.1).map(\.0.label))
        var blocks: [Report.Block] = [
            .paragraph(description(results.words.source)),
            .table(UrineScreenTables.relapseTable(
                summaries, shown: shown, treatments: treatments, weeks: results.relapseWeeks, counts: counts)),
            .chart(chart(summaries, shown: shown, panels: ArmPanels(analysis: analysis), counts: counts)),
        ]
        if let among = analysis.relapseAmongStarted {
            blocks.append(.table(amongStartedTable(among, shownLabels: shownLabels, counts: counts)))
        }
        blocks.append(.table(UrineScreenTables.abstinenceTable(summaries, shown: shown, counts: counts)))
        let comparisons = results.comparisons.filter {
            shownLabels.contains($0.reference.label) && shownLabels.contains($0.comparison.label)
        }
        if !comparisons.isEmpty {
            let holm = HolmAdjustment.adjusted(comparisons.map(\.logRank.test.pValue))
            blocks.append(.table(UrineScreenTables.comparisonTable(comparisons, holm: holm)))
            let contrasts = zip(comparisons, holm).filter(\.0.contrast.isSupportContrast).map { comparison, holm in
                let sentence = contrastSentence(
                    comparison, holm: holm, tests: comparisons.count, weeks: results.relapseWeeks, counts: counts)
                // Two arms of one trial with a note: the trial's own reading stands beside ours.
                let trial = analysis.plan.protocolOf(arm: comparison.comparison.label)
                guard let trial, trial.note != nil, trial.arms.contains(comparison.reference.label) else { return sentence }
                return sentence + " Both arms belong to \(trial.description); see its note under Retention."
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
    static func chart(
        _ summaries: [UrineScreenGroupSummary], shown: [Bool], panels: ArmPanels, counts: ReportCounts
    ) -> Chart {
        let policy = counts.policy
        let series = zip(summaries, shown).compactMap { summary, isShown in
            isShown && UrineScreenTables.relapseEstimatesShown(summary, counts: counts)
                ? KaplanMeierSeries.step(name: summary.label, curve: summary.relapse, policy: policy) : nil
        }
        return Chart(
            identifier: "urine-screen-relapse-by-arm", title: "Weeks to relapse by arm (CTN-0094 definition, Kaplan–Meier)",
            xLabel: "Weeks since the index day", yLabel: "Proportion not relapsed", content: panels.content(series),
            yRange: 0...1,
            summary: "Kaplan–Meier curves of weeks to relapse (4 consecutive positive or missing weeks), one per arm"
                + "\(panels.sentence), "
                + "with 95% confidence bands; each drop drawn stands for at least \(policy.minimumCount) relapses and each "
                + "curve stops before fewer than \(policy.minimumCount) patients remain at risk.")
    }
}

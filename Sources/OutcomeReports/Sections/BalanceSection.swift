import TreatmentOutcomes

/// The report's "Balancing medication and psychosocial support" section, a view of ``BalanceResults``
/// (docs/Balance.md): per medication, medication with psychosocial support against medication alone weighted by
/// inverse probability of treatment (table, balance and weighted curves), and engagement — sessions attended and
/// days covered in the last weeks — against dropout and relapse, with the dose–response by session band; on a
/// cohort of trials, the randomised support contrast beside it as the trials' answer.
///
/// What may be shown (``ReportCounts``, ``KaplanMeierDisclosure``):
/// ```
/// patients with support, alone     the sum of their arms' retention N (those left out of the model for a missing
///                                  covariate are not printed: the baseline table bounds them already)
/// weighted estimates, ratios       only when both groups' patients are shown and neither group has 1…(minimum − 1)
///                                  discontinuations or patients still in treatment
/// weighted retention at day D      also only where the unweighted curve of the group could be shown at D
/// engagement hazard ratios         only for models with at least the minimum of patients, events and non-events
/// dropouts per session band        parts of the medication's dropouts (not printed); person-time, rate and ratio
///                                  only for a band of at least the minimum of patients whose dropouts are shown
/// ```
/// Adjusted estimates are shown only where weighting balanced the groups (largest |SMD| after weighting at most
/// ``balanceThreshold``): a comparison that stays unbalanced (trials pooled, no overlap) says so instead.
enum BalanceSection {
    static let heading = "Balancing medication and psychosocial support"
    /// The largest absolute standardised mean difference after weighting that counts as balanced (Austin, Stat. Med.
    /// 28 (2009) 3083, doi:10.1002/sim.3697: 0.1).
    static let balanceThreshold = 0.1

    /// The two groups of a support comparison.
    enum Group: CaseIterable {
        case support, alone

        var name: String { self == .support ? "with support" : "alone" }
        func arms(_ comparison: SupportComparison) -> [String] {
            self == .support ? comparison.supportArms : comparison.aloneArms
        }
        func patients(_ comparison: SupportComparison) -> Int {
            self == .support ? comparison.supportCount : comparison.aloneCount
        }
        func crudeCurve(_ comparison: SupportComparison) -> KaplanMeierEstimate {
            self == .support ? comparison.supportCrudeCurve : comparison.aloneCrudeCurve
        }
        func curve(_ comparison: SupportComparison) -> WeightedKaplanMeierEstimate {
            self == .support ? comparison.supportCurve : comparison.aloneCurve
        }
        func retained(_ comparison: SupportComparison) -> [RetainedAt] {
            self == .support ? comparison.supportRetained : comparison.aloneRetained
        }
    }

    enum Keys {
        static func patients(_ medication: Medication, _ group: Group) -> ReportCounts.Key {
            .named("balance \(medication.rawValue) \(group.name) patients")
        }
        static func bandDropouts(_ medication: Medication, _ band: SessionBand) -> ReportCounts.Key {
            .named("balance \(medication.rawValue) dropouts, sessions \(band.label)")
        }
        static func dropouts(_ medication: Medication) -> ReportCounts.Key {
            .named("balance \(medication.rawValue) dropouts")
        }
    }

    /// The section's results when the analysis computed them.
    static func results(_ analysis: CohortAnalysis) -> BalanceResults? {
        analysis.parts.contains(.balance) ? analysis.balance.value : nil
    }

    /// Registers the patients of each support comparison's groups (their arms' N) and the dropouts of each session band.
    static func register(_ analysis: CohortAnalysis, into problem: inout SuppressionProblem<ReportCounts.Key>) {
        guard let results = results(analysis) else { return }
        for entry in results.supportComparisons {
            guard let comparison = entry.comparison.value else { continue }
            for group in Group.allCases {
                let arms = group.arms(comparison).map(RetentionSection.Keys.patients)
                let sizes = arms.compactMap { problem.count(of: $0) }
                guard sizes.count == arms.count else { continue }
                problem.addCell(Keys.patients(entry.medication, group), count: sizes.reduce(0, +))
                problem.addGroup(arms + [Keys.patients(entry.medication, group)])
            }
        }
        let retention = analysis.retention.value
        for entry in results.engagement.value?.doseResponse ?? [] where entry.hazards.fit.value != nil {
            problem.addHiddenCell(Keys.dropouts(entry.medication), count: entry.hazards.eventCount)
            for exposure in entry.bands {
                problem.addCell(Keys.bandDropouts(entry.medication, exposure.band), count: exposure.events)
            }
            problem.addGroup(
                entry.bands.map { Keys.bandDropouts(entry.medication, $0.band) } + [Keys.dropouts(entry.medication)])
            // Without trial follow-up cut-offs the engagement episodes are the retention episodes: a medication's
            // dropouts are its arms' discontinuations after starting, which a reader adds up from the retention table.
            let arms = analysis.baseline.treatments.filter { $0.medication == entry.medication }.map(\.arm)
            let parts = arms.map { arm in
                retention?.population == .assigned
                    ? RetentionSection.Keys.discontinuedAfterStart(arm) : RetentionSection.Keys.discontinued(arm)
            }
            guard !problem.addSumIfConsistent(parts, total: Keys.dropouts(entry.medication)) else { continue }
            // Patients left out of the models (a missing adjustment covariate): at most the arms' discontinuations.
            let sum = parts.compactMap { problem.count(of: $0) }
            guard sum.count == parts.count, entry.hazards.eventCount <= sum.reduce(0, +) else { continue }
            let armsTotal = ReportCounts.Key.named("balance \(entry.medication.rawValue) arms' discontinuations")
            let rest = ReportCounts.Key.named("balance \(entry.medication.rawValue) discontinuations not modelled")
            problem.addSlackCell(armsTotal, count: sum.reduce(0, +))
            problem.addGroup(parts + [armsTotal])
            problem.addSlackCell(rest, count: sum.reduce(0, +) - entry.hazards.eventCount)
            problem.addGroup([Keys.dropouts(entry.medication), rest, armsTotal])
            // Each dropout not modelled is a patient missing an adjustment covariate: at most the baseline table's
            // missing counts of those covariates in the medication's arms.
            guard let engagement = results.engagement.value,
                  let cells = RetentionSection.missingCells(
                      engagement.adjustmentCovariates, arms: arms, analysis: analysis, problem: problem)?.flatMap(\.cells),
                  !cells.isEmpty
            else { continue }
            let missing = cells.reduce(0) { $0 + problem.count(of: $1)! }
            let notModelled = sum.reduce(0, +) - entry.hazards.eventCount
            guard notModelled <= missing else { continue }
            let missingKey = ReportCounts.Key.named("balance \(entry.medication.rawValue) missing adjustment covariates")
            let spare = ReportCounts.Key.named("balance \(entry.medication.rawValue) missing, not a dropout left out")
            problem.addSlackCell(missingKey, count: missing)
            problem.addGroup(cells + [missingKey])
            problem.addSlackCell(spare, count: missing - notModelled)
            problem.addGroup([rest, spare, missingKey])
        }
    }

    static func make(analysis: CohortAnalysis, counts: ReportCounts) -> Report.Section? {
        guard analysis.parts.contains(.balance) else { return nil }
        guard let results = analysis.balance.value else {
            return Report.Section(heading: heading, blocks: [
                .paragraph("Not analysed: \(analysis.balance.reason ?? "no treatment records").")])
        }
        var blocks: [Report.Block] = [.paragraph(introduction(results, plan: analysis.plan))]
        blocks += BalanceSupportBlocks.make(results, analysis: analysis, counts: counts)
        blocks += BalanceEngagementBlocks.make(results, counts: counts)
        if let trials = trialAnswer(analysis: analysis, counts: counts) { blocks.append(.paragraph(trials)) }
        blocks.append(.paragraph(limits))
        return Report.Section(heading: heading, blocks: blocks)
    }

    static func introduction(_ results: BalanceResults, plan: AnalysisPlan) -> String {
        "How much does psychosocial support add to medication? Two observational answers, per medication. First, "
            + "patients assigned medication with psychosocial support against those assigned the same medication "
            + "alone, made alike on their baseline characteristics by inverse probability of treatment weights "
            + "(stabilised"
            + (plan.balance.truncation == nil ? "" : ", truncated at the \(MethodsSection.list(plan.balance.weightTruncation.map { NumberFormat.exact($0 * 100) + "th" })) percentiles")
            + "; propensity model on \(results.propensityCovariates.isEmpty ? "no covariate" : MethodsSection.list(results.propensityCovariates))). "
            + "Second, engagement as it happens: each day in treatment is judged by the psychosocial sessions attended "
            + "(visit kinds \(MethodsSection.list(plan.psychosocialVisitKinds))) and the days covered by medication in "
            + "the \(plan.balance.lookBackDays) days before it, so that what a patient does later never explains what "
            + "happened earlier."
    }

    static let limits = "What these estimates can and cannot show: they compare patients who differed in support or "
        + "engagement, not the same patients with and without it. Weights balance only the characteristics that were "
        + "recorded; a patient who attends more sessions may be doing better for other reasons, and one who is about to "
        + "leave may stop attending first. Hazard ratios below 1 mean less dropout (or relapse) with more support or "
        + "engagement. Only a randomised comparison answers the question without these assumptions."

    /// On a cohort of trials, the randomised contrasts of support within one medication and one trial (retention
    /// comparisons between two arms of a protocol with the same medication and different supports), as the trials'
    /// answer beside the observational one.
    static func trialAnswer(analysis: CohortAnalysis, counts: ReportCounts) -> String? {
        guard let retention = analysis.retention.value else { return nil }
        let treatments = Dictionary(
            analysis.baseline.treatments.map { ($0.arm, $0) }, uniquingKeysWith: { first, _ in first })
        let sentences = retention.comparisons.compactMap { entry -> String? in
            let comparison = entry.result
            guard let first = treatments[comparison.comparison], let second = treatments[comparison.reference],
                  first.medication != nil, first.medication == second.medication, first.support != second.support,
                  let trial = analysis.plan.protocols.first(where: {
                      $0.arms.contains(comparison.comparison) && $0.arms.contains(comparison.reference)
                  })
            else { return nil }
            let shown = counts.areShown([comparison.comparison, comparison.reference].flatMap {
                [RetentionSection.Keys.patients($0), RetentionSection.Keys.discontinued($0)]
            })
            let ratio = shown ? comparison.hazardRatio.map { "hazard ratio of discontinuation \(NumberFormat.ratioAndInterval($0))" } : nil
            return "\(trial.description) randomised \(comparison.comparison) against \(comparison.reference)"
                + (ratio.map { ": \($0) (Retention comparisons)" } ?? " (Retention comparisons)") + "."
                + (trial.note.map { " \($0)" } ?? "")
        }
        guard !sentences.isEmpty else { return nil }
        return "The trials' answer, by randomisation: " + sentences.joined(separator: " ")
    }
}

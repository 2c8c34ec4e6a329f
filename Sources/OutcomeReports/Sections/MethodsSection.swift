import TreatmentOutcomes

/// The report's "Methods" section, written from the ``AnalysisPlan`` that produced the numbers: each definition
/// the sections use is stated here once (week convention, injection coverage, protocols, episode rule, adherence
/// window and threshold, the arms compared and what "medication alone" means, the words, the landmark, the
/// small-cell minimum). `outcome-report plan` prints the same plan as JSON.
enum MethodsSection {
    static func make(analysis: CohortAnalysis) -> Report.Section {
        let plan = analysis.plan
        let patients = analysis.cohort.patients
        let adjustment = plan.retention.adjustment.filter { patients.covariate(named: $0) != nil }
        let leftOut = Set(analysis.baseline.exclusions.map(\.name))
        let excluded = plan.retention.adjustment.filter { patients.covariate(named: $0) == nil && leftOut.contains($0) }
        let notInCohort = plan.retention.adjustment.filter { patients.covariate(named: $0) == nil && !leftOut.contains($0) }
        let armLabels = Set(patients.arm.levels)
        let protocols = plan.protocols.filter { $0.arms.contains(where: armLabels.contains) }
        var items = [
            "Time: days since each patient's index day (day 0); study week 1 is days \(plan.weekOneStartDay)–"
                + "\(plan.weekOneStartDay + 6)"
                + (plan.weekOneStartDay == 0 ? " (the index day counts in week 1)." : " (the index day closes week 0)."),
            "Medication coverage: a methadone or buprenorphine dose covers its day; an extended-release naltrexone "
                + "injection covers \(plan.naltrexoneInjectionCoverageDays) days.",
            "Retention: an episode starts at the first covered day and ends at the last covered day before the first "
                + "gap of more than \(plan.retention.allowedGapDays) days; retention is reported at days "
                + list(plan.retention.horizonDays.map(String.init)) + "; hazard ratios are adjusted for "
                + (adjustment.isEmpty ? "nothing" : list(adjustment))
                + (notInCohort.isEmpty ? "" : " (the plan also names \(list(notInCohort)), which the cohort does not have)")
                + (excluded.isEmpty ? "" : " (the plan also names \(list(excluded)), which the covariate policy left out: "
                    + "see Data)")
                + ".",
            "Adherence: observed dosing over " + (protocols.isEmpty ? "" : "each protocol arm's medication phase, "
                + "else ") + "days 0–\(plan.adherence.windowDays - 1)"
                + (plan.adherence.windowEndsAtDischarge ? ", ending at a recorded discharge" : "")
                + "; adherent = at least \(NumberFormat.percentage(plan.adherence.threshold, decimals: 0)) of expected "
                + "days covered (and PDC at least that over \(plan.adherence.pharmacyFollowUpDays) days from the first fill).",
            "Medication alone: psychosocial support recorded as " + list(plan.contrasts.medicationAloneSupports, or: true)
                + ". " + contrastSentence(analysis.contrasts, given: !plan.contrasts.pairs.isEmpty),
            "Urine screens: " + (plan.urineScreens.words == .publishedWhenAvailable
                ? "the cohort's published weekly words when it has them, else words built from its screens"
                : "weekly words built from the cohort's screens") + "; a week is positive for "
                + (plan.urineScreens.substances.isEmpty ? "the non-study opioids of the patient's medication"
                    : list(plan.urineScreens.substances, or: true)) + ".",
            "Relapse risk: outcome \(plan.relapseRisk.outcome), features up to the end of week "
                + "\(plan.relapseRisk.landmarkWeek), \(plan.relapseRisk.penalty.rawValue) logistic regression, "
                + "\(plan.relapseRisk.folds)-fold cross-validation (seed \(plan.relapseRisk.seed)); fitted only with at "
                + "least \(plan.relapseRisk.minimumPerOutcome) patients with and without the outcome.",
            "Small cells: counts from 1 to \(plan.disclosure.minimumCellSize - 1) are withheld, with the further counts "
                + "that would reveal them (Data says how many).",
        ]
        if !plan.craving.instruments.isEmpty {
            let analysed = Set(analysis.craving.value?.trajectories.map(\.instrument.name) ?? [])
            let absent = plan.craving.instruments.filter { !analysed.contains($0) }
            items.append("Craving and withdrawal: the plan's instruments \(list(plan.craving.instruments))"
                + (absent.isEmpty ? "." : "; without scored assessments in this cohort: \(list(absent))."))
        }
        if !protocols.isEmpty {
            items.insert(
                "Protocols: " + protocols.map {
                    "\($0.description) (\(list($0.arms)): followed through day \($0.followUpDays), medication phase "
                        + "days 0–\($0.medicationPhaseDays - 1))"
                }.joined(separator: "; ") + ". Arms without a protocol are followed through each patient's last record."
                    + (protocols.contains { $0.note != nil } ? " The trials' notes stand beside the retention table." : ""),
                at: 2)
        }
        return Report.Section(heading: "Methods", blocks: [
            .paragraph("Every definition below comes from the analysis plan this report was computed with "
                + "(`outcome-report plan` prints it as JSON; `--plan FILE` changes it)."),
            .bulletList(items),
        ])
    }

    static func contrastSentence(_ contrasts: ArmContrasts, given: Bool) -> String {
        var text = given ? "Arms compared (from the plan): " : "Arms compared: each arm with psychosocial support against the "
            + "medication-alone arm of the same medication: "
        text += contrasts.contrasts.isEmpty ? "none."
            : contrasts.contrasts.map { "\($0.comparison.arm) vs \($0.reference.arm)" }.joined(separator: "; ") + "."
        if !contrasts.unmatchedPairs.isEmpty {
            text += " Not compared, because the cohort has no such arm: "
                + contrasts.unmatchedPairs.map { "\($0.comparison) vs \($0.reference)" }.joined(separator: "; ") + "."
        }
        return text
    }

    /// `a, b and c` (or `a, b or c`).
    static func list(_ items: [String], or: Bool = false) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + (or ? " or " : " and ") + items.last!
    }
}

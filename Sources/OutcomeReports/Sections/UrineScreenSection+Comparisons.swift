import OutcomeStats
import TreatmentOutcomes

/// Two arms compared on weeks to relapse.
struct UrineScreenComparison: Sendable {
    let reference: UrineScreenGroupSummary
    let comparison: UrineScreenGroupSummary
    let referenceTreatment: String
    let comparisonTreatment: String
    /// Whether the arms have the same medication and differ only in psychosocial support, the reference having
    /// none (or standard medical management).
    let isPsychosocialContrast: Bool
    let logRank: LogRankTest
    let policy: SmallCellPolicy
}

extension UrineScreenSection {
    /// Psychosocial labels that mean medication alone: no support, or standard medical management only.
    static let medicationAloneSupports: Set<String> = ["none", "standard"]

    /// The arm pairs of ``RetentionSection/comparisonPairs(_:)``, oriented so that the medication-alone arm is the
    /// reference of a psychosocial contrast; pairs with an arm whose values are withheld are left out.
    static func comparisons(
        _ summaries: [UrineScreenGroupSummary], shown: [Bool], patients: PatientTable, policy: SmallCellPolicy
    ) -> [UrineScreenComparison] {
        var byLabel: [String: UrineScreenGroupSummary] = [:]
        for (summary, isShown) in zip(summaries, shown) where isShown { byLabel[summary.label] = summary }
        return RetentionSection.comparisonPairs(patients).compactMap { pair in
            guard var reference = byLabel[pair.reference], var comparison = byLabel[pair.comparison] else { return nil }
            var referenceTreatment = treatment(of: reference.label, patients: patients)
            var comparisonTreatment = treatment(of: comparison.label, patients: patients)
            let contrast = referenceTreatment.medication == comparisonTreatment.medication
                && referenceTreatment.medication != nil && referenceTreatment.support != comparisonTreatment.support
                && [referenceTreatment, comparisonTreatment].filter { $0.isAlone }.count == 1
            if contrast && comparisonTreatment.isAlone {
                swap(&reference, &comparison)
                swap(&referenceTreatment, &comparisonTreatment)
            }
            guard let test = UrineScreenOutcomes.compareRelapse(reference, comparison) else { return nil }
            return UrineScreenComparison(
                reference: reference, comparison: comparison, referenceTreatment: referenceTreatment.label,
                comparisonTreatment: comparisonTreatment.label, isPsychosocialContrast: contrast, logRank: test,
                policy: policy)
        }
    }

    /// An arm's medication and psychosocial support, `nil` parts when they vary within the arm.
    static func treatment(of label: String, patients: PatientTable)
        -> (medication: Medication?, support: String?, isAlone: Bool, label: String)
    {
        var medications = Set<Medication>(), supports = Set<String>()
        for patient in 0..<patients.count where patients.arm.label(at: patient) == label {
            medications.insert(patients.medication[patient])
            supports.insert(patients.psychosocial.label(at: patient)?.lowercased() ?? "not recorded")
        }
        let medication = medications.count == 1 ? medications.first : nil
        let support = supports.count == 1 ? supports.first : nil
        let description = "\(medication?.rawValue ?? "mixed") + \(support ?? "mixed")"
        return (medication, support, support.map(medicationAloneSupports.contains) ?? false, description)
    }

    /// One sentence per psychosocial contrast: relapse-free at the last reported week, abstinence, negative weeks
    /// and the log-rank p-value, the supported arm first.
    static func contrastSentence(_ comparison: UrineScreenComparison) -> String {
        let week = relapseWeeks.last!
        func relapseFree(_ summary: UrineScreenGroupSummary) -> String {
            UrineScreenTables.relapseFree(summary.relapse, week: week).map { NumberFormat.percentage($0.survival, decimals: 1) }
                ?? "not estimable"
        }
        func abstinent(_ summary: UrineScreenGroupSummary) -> String {
            UrineScreenTables.isWithheld(summary.abstinentCount, of: summary.patientsWithWord, policy: comparison.policy)
                ? "withheld"
                : NumberFormat.percentage(Double(summary.abstinentCount) / Double(summary.patientsWithWord), decimals: 1)
        }
        func negative(_ summary: UrineScreenGroupSummary) -> String {
            summary.proportionNegative.map { NumberFormat.percentage($0.mean, decimals: 1) } ?? "not estimable"
        }
        let supported = comparison.comparison, alone = comparison.reference
        return "\(supported.label) (\(comparison.comparisonTreatment)) vs \(alone.label) (\(comparison.referenceTreatment)): "
            + "not relapsed by week \(week) \(relapseFree(supported)) vs \(relapseFree(alone)); "
            + "abstinent in weeks 12–15 \(abstinent(supported)) vs \(abstinent(alone)); "
            + "mean negative weeks 1–15 \(negative(supported)) vs \(negative(alone)); "
            + "log-rank p = \(NumberFormat.pValue(comparison.logRank.test.pValue))."
    }
}

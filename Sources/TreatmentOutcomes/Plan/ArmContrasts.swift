/// An arm's treatment: its medication and psychosocial support, each `nil` when it varies within the arm.
public struct ArmTreatment: Sendable, Hashable {
    public let arm: String
    public let medication: Medication?
    /// The psychosocial label as recorded (`not recorded` when missing).
    public let support: String?
    /// Whether the support is one of the plan's medication-alone labels (``ContrastPlan/medicationAloneSupports``).
    public let isMedicationAlone: Bool

    /// `buprenorphine + counseling`; `mixed` for a part that varies.
    public var label: String { "\(medication?.rawValue ?? "mixed") + \(support ?? "mixed")" }

    /// One treatment per arm column of `arms` (the missing-arm column included).
    public static func of(arms: ArmColumns, patients: PatientTable, plan: ContrastPlan) -> [ArmTreatment] {
        var medications = [Set<Medication>](repeating: [], count: arms.count)
        var supports = [Set<String>](repeating: [], count: arms.count)
        for patient in 0..<patients.count {
            let column = arms.columnOfPatient[patient]
            medications[column].insert(patients.medication[patient])
            supports[column].insert(patients.psychosocial.label(at: patient) ?? "not recorded")
        }
        let alone = Set(plan.medicationAloneSupports.map { $0.lowercased() })
        return arms.labels.indices.map { column in
            let support = supports[column].count == 1 ? supports[column].first : nil
            return ArmTreatment(
                arm: arms.labels[column], medication: medications[column].count == 1 ? medications[column].first : nil,
                support: support, isMedicationAlone: support.map { alone.contains($0.lowercased()) } ?? false)
        }
    }
}

/// Two arms compared: `comparison` against `reference`.
public struct ArmContrast: Sendable, Hashable {
    public let reference: ArmTreatment
    public let comparison: ArmTreatment

    /// Whether the arms share one medication and differ only in psychosocial support, the reference being
    /// medication alone: the contrast the field asks about (does adding support help?).
    public var isSupportContrast: Bool {
        reference.medication != nil && reference.medication == comparison.medication
            && reference.isMedicationAlone && !comparison.isMedicationAlone
    }
}

/// The contrasts of an analysis: the plan's pairs, or each supported arm against the medication-alone arm of
/// the same medication.
///
/// ```
/// pairs given      each pair whose two arms exist, as given; pairs naming an absent arm are listed in unmatched
/// no pairs given   for each arm with one medication m whose support is not medication-alone (label order):
///                  reference = the arm with medication m and support s, for the first s of
///                  medicationAloneSupports that has such an arm
/// ```
public struct ArmContrasts: Sendable, Hashable {
    public let contrasts: [ArmContrast]
    /// Pairs of the plan that name an arm the cohort does not have (said in the report, never dropped silently).
    public let unmatchedPairs: [ArmPair]

    public init(treatments: [ArmTreatment], plan: ContrastPlan) {
        let byArm = Dictionary(treatments.map { ($0.arm, $0) }, uniquingKeysWith: { first, _ in first })
        guard plan.pairs.isEmpty else {
            contrasts = plan.pairs.compactMap { pair in
                guard let reference = byArm[pair.reference], let comparison = byArm[pair.comparison] else { return nil }
                return ArmContrast(reference: reference, comparison: comparison)
            }
            unmatchedPairs = plan.pairs.filter { byArm[$0.reference] == nil || byArm[$0.comparison] == nil }
            return
        }
        let order = plan.medicationAloneSupports.map { $0.lowercased() }
        let named = treatments.filter { $0.arm != ArmColumns.missingArmLabel }
        contrasts = named.sorted { $0.arm < $1.arm }.compactMap { treatment in
            guard let medication = treatment.medication, treatment.support != nil, !treatment.isMedicationAlone else {
                return nil
            }
            let candidates = named.filter { $0.medication == medication && $0.isMedicationAlone }
            let reference = order.lazy.compactMap { support in
                candidates.sorted { $0.arm < $1.arm }.first { $0.support?.lowercased() == support }
            }.first
            return reference.map { ArmContrast(reference: $0, comparison: treatment) }
        }
        unmatchedPairs = []
    }
}

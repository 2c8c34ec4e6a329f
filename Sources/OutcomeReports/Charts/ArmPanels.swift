import TreatmentOutcomes

/// How a chart of one curve per arm is split into small multiples, so that curves that should be compared share a
/// panel and curves that should not (different trials, whose weeks mean different things) do not.
///
/// ```
/// the cohort has trial protocols   a panel per protocol (its arms share one schedule), then "Other arms"
/// otherwise                        a panel per medication, then "Mixed medication" (arms of several medications)
/// ```
/// In a protocol panel, series keep their arm names, and so the report-wide arm colours. In a medication panel whose
/// arms each have one distinct psychosocial support, series are named by the support ("none (medication alone)",
/// "CBT"), so one support keeps one colour in every panel; otherwise by arm. One group only: a single plain chart
/// named by arm, as before.
struct ArmPanels {
    struct Group {
        let title: String
        /// Arm label → series name, in drawing order.
        let arms: [(arm: String, name: String)]
    }

    let groups: [Group]
    /// Whether the panels are trials (protocols) rather than medications.
    let byProtocol: Bool

    init(analysis: CohortAnalysis) {
        let treatments = analysis.baseline.treatments.filter { $0.arm != ArmColumns.missingArmLabel }
        let protocols = analysis.plan.protocols.filter { $0.arms.contains { analysis.arms.labels.contains($0) } }
        var groups: [Group] = []
        func plain(_ title: String, _ arms: [ArmTreatment]) -> Group { Group(title: title, arms: arms.map { ($0.arm, $0.arm) }) }
        if !protocols.isEmpty {
            for item in protocols {
                let arms = treatments.filter { item.arms.contains($0.arm) }
                if !arms.isEmpty { groups.append(plain(Self.shortName(item.description), arms)) }
            }
            let others = treatments.filter { arm in !protocols.contains { $0.arms.contains(arm.arm) } }
            if !others.isEmpty { groups.append(plain("Other arms", others)) }
        } else {
            for medication in Medication.allCases {
                let arms = treatments.filter { $0.medication == medication }
                guard !arms.isEmpty else { continue }
                let supports = arms.compactMap(\.support)
                let bySupport = supports.count == arms.count && Set(supports).count == arms.count
                groups.append(Group(title: medication.rawValue.capitalized, arms: arms.map { arm in
                    (arm.arm, !bySupport ? arm.arm : arm.isMedicationAlone ? "\(arm.support!) (medication alone)" : arm.support!)
                }))
            }
            let mixed = treatments.filter { $0.medication == nil }
            if !mixed.isEmpty { groups.append(plain("Mixed medication", mixed)) }
        }
        self.groups = groups
        byProtocol = !protocols.isEmpty
    }

    /// How a chart's summary says the curves are split: "" for one plain chart.
    var sentence: String {
        guard groups.count > 1 else { return "" }
        return byProtocol ? " in a panel per trial (its arms share one schedule)"
            : " in a panel per medication (one colour per psychosocial support where each arm has its own)"
    }

    /// A protocol's panel title: its description up to the first closing parenthesis ("CTN-0051 (X:BOT)" from
    /// "CTN-0051 (X:BOT): buprenorphine or …"), else up to the first colon.
    static func shortName(_ description: String) -> String {
        if let close = description.firstIndex(of: ")") { return String(description[...close]) }
        return String(description.prefix { $0 != ":" })
    }

    /// The chart content of `series` (one per arm, named by arm; arms not drawn are left out of `series`): panels
    /// when there are several groups, else the series as they are.
    func content(_ series: [ChartSeries]) -> Chart.Content {
        guard groups.count > 1 else { return .xy(series) }
        let byArm = Dictionary(series.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        return .panels(groups.map { group in
            // An arm not drawn stays as an empty series: it gets no legend entry but keeps its colour's place.
            ChartPanel(title: group.title, series: group.arms.map { arm, name in
                byArm[arm].map { ChartSeries(name: name, style: $0.style, points: $0.points, band: $0.band) }
                    ?? ChartSeries(name: name, style: .step, points: [])
            })
        })
    }
}

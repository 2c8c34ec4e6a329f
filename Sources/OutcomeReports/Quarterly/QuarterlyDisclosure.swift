import TreatmentOutcomes

/// The small-cell ledger of a quarterly report: every count it prints (each value's numerator and denominator),
/// tied by the sums a reader can form, solved once for the whole report with ``SuppressionProblem``
/// (docs/ReportingConventions.md, "Small-cell suppression").
///
/// Sums, per quarter and measure: all patients = the medication groups = the psychosocial groups = the arms = the
/// sites; a proportion's
/// numerator is part of its denominator (the rest hidden); the retention denominators are the quarter's admissions
/// and the engagement denominator its patients in treatment (the same cells); the opioid-screen denominator is part
/// of the patients in treatment; discharges are the sum of their end reasons.
struct QuarterlyDisclosure {
    let suppression: Suppression<String>
    let policy: SmallCellPolicy

    init(analysis: QuarterlyAnalysis, policy: SmallCellPolicy) {
        self.policy = policy
        var problem = SuppressionProblem<String>()
        let groups = analysis.groups
        let medications = groups.filter { if case .medication = $0 { true } else { false } }
        let supports = groups.filter { if case .psychosocial = $0 { true } else { false } }
        let arms = groups.filter { if case .arm = $0 { true } else { false } }
        let sites = groups.filter { if case .site = $0 { true } else { false } }
        for quarter in analysis.quarters {
            let values = analysis.values.filter { $0.quarter == quarter }
            for value in values {
                problem.addCell(Self.numeratorKey(value), count: value.numerator)
                if let denominator = value.denominator, let key = Self.denominatorKey(value) {
                    problem.addCell(key, count: denominator)
                }
            }
            for measure in analysis.measures {
                let measured = values.filter { $0.measure == measure }
                guard let any = measured.first else { continue }
                func key(_ group: QuarterlyGroup, denominator: Bool) -> String? {
                    let value = QuarterlyValue.key(quarter: quarter, measure: measure, group: group)
                    return denominator ? Self.denominatorKey(any, measureGroup: value) : Self.numeratorKey(value)
                }
                for denominator in [false, true] where !denominator || any.denominator != nil {
                    guard let total = key(.all, denominator: denominator) else { continue }
                    for partition in [medications, supports, arms, sites] where !partition.isEmpty {
                        let members = partition.compactMap { key($0, denominator: denominator) }
                        problem.addSumIfConsistent(members, total: total)
                    }
                }
                if measure.kind == .proportion {
                    for value in measured {
                        guard let denominator = Self.denominatorKey(value) else { continue }
                        let numerator = Self.numeratorKey(value)
                        problem.addPart(numerator, count: value.numerator, of: denominator, rest: numerator + "|rest")
                    }
                }
                if measure == .opioidNegative {
                    for value in measured {
                        guard let denominator = Self.denominatorKey(value), let count = value.denominator else { continue }
                        problem.addPart(
                            denominator, count: count,
                            of: Self.numeratorKey(QuarterlyValue.key(quarter: quarter, measure: .activePatients, group: value.group)),
                            rest: denominator + "|rest")
                    }
                }
            }
            for group in groups {
                let reasons = QuarterlyMeasure.dischargeReasons.map {
                    Self.numeratorKey(QuarterlyValue.key(quarter: quarter, measure: .discharges($0), group: group))
                }
                problem.addSumIfConsistent(
                    reasons, total: Self.numeratorKey(QuarterlyValue.key(quarter: quarter, measure: .discharges, group: group)))
            }
        }
        suppression = problem.solve(policy)
    }

    /// The cell of a value's numerator (the count of a count measure).
    static func numeratorKey(_ value: QuarterlyValue) -> String { numeratorKey(value.keyPart) }
    static func numeratorKey(_ key: String) -> String { key + "|n" }

    /// The cell of a value's denominator: the admissions for retention, the patients in treatment for engagement,
    /// its own cell for opioid screens; `nil` for values without one.
    static func denominatorKey(_ value: QuarterlyValue) -> String? { denominatorKey(value, measureGroup: value.keyPart) }

    static func denominatorKey(_ value: QuarterlyValue, measureGroup key: String) -> String? {
        guard value.measure.kind == .proportion else { return nil }
        let parts = key.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        if value.measure.followUpDays > 0 { return "\(parts[0])|\(QuarterlyMeasure.admissions.id)|\(parts[2])|n" }
        if value.measure == .psychosocialEngaged { return "\(parts[0])|\(QuarterlyMeasure.activePatients.id)|\(parts[2])|n" }
        return key + "|d"
    }

    func isWithheld(_ key: String) -> Bool { suppression.isSuppressed(key) }

    /// Whether a value's numerator or denominator is withheld (then its value and interval are too).
    func isWithheld(_ value: QuarterlyValue) -> Bool {
        isWithheld(Self.numeratorKey(value)) || (Self.denominatorKey(value).map(isWithheld) ?? false)
    }
}

extension QuarterlyValue {
    /// `quarter|measure|group`.
    static func key(quarter: CalendarQuarter, measure: QuarterlyMeasure, group: QuarterlyGroup) -> String {
        "\(quarter)|\(measure.id)|\(group)"
    }

    var keyPart: String { Self.key(quarter: quarter, measure: measure, group: group) }
}

import TreatmentOutcomes

/// The small-cell ledger of a quarterly report: every count it prints (each value's numerator and denominator),
/// tied by the sums a reader can form, solved once for the whole report with ``SuppressionProblem``
/// (docs/ReportingConventions.md, "Small-cell suppression").
///
/// Sums, per quarter and measure: all patients = the medication groups = the psychosocial groups = the arms = the
/// sites; a proportion's numerator is part of its denominator (the rest hidden); a denominator is the cell of the
/// count it equals (``QuarterlyMeasure/Denominator/countOf(_:)``: the retention denominators are the quarter's
/// admissions, the engagement denominator its patients in treatment) or its own cell, part of the count it is drawn
/// from when there is one (``QuarterlyMeasure/Denominator/own(partOf:)``: the opioid-screen denominator of the
/// patients in treatment, the continuity and observed-dosing denominators of the admissions); discharges are the
/// sum of their end reasons. Cells are typed keys, so no label (a site named with `|`, say) can make two counts one.
struct QuarterlyDisclosure {
    /// A count of the ledger: one quarter, measure and group, and which count of the value it is.
    struct Key: Hashable, Sendable {
        enum Part: Hashable, Sendable {
            /// The count, the numerator or the events.
            case numerator
            /// A proportion's own denominator (opioid screens, continuity, PDC, observed dosing, craving).
            case denominator
            /// The hidden rest of a numerator in its denominator.
            case numeratorRest
            /// The hidden rest of a denominator in the count it is part of.
            case denominatorRest
        }

        let quarter: CalendarQuarter
        let measure: String
        let group: QuarterlyGroup
        let part: Part
    }

    let suppression: Suppression<Key>
    let policy: SmallCellPolicy

    init(analysis: QuarterlyAnalysis, policy: SmallCellPolicy) {
        self.policy = policy
        var problem = SuppressionProblem<Key>()
        let groups = analysis.groups
        let partitions = [
            groups.filter { if case .medication = $0 { true } else { false } },
            groups.filter { if case .psychosocial = $0 { true } else { false } },
            groups.filter { if case .arm = $0 { true } else { false } },
            groups.filter { if case .site = $0 { true } else { false } },
        ].filter { !$0.isEmpty }
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
                for denominator in [false, true] where !denominator || any.denominator != nil {
                    func key(_ group: QuarterlyGroup) -> Key? {
                        denominator
                            ? Self.denominatorKey(quarter: quarter, measure: measure, group: group)
                            : Key(quarter: quarter, measure: measure.id, group: group, part: .numerator)
                    }
                    guard let total = key(.all) else { continue }
                    for partition in partitions {
                        problem.addSumIfConsistent(partition.compactMap(key), total: total)
                    }
                }
                if measure.kind == .proportion {
                    for value in measured {
                        guard let denominator = Self.denominatorKey(value) else { continue }
                        let numerator = Self.numeratorKey(value)
                        problem.addPart(
                            numerator, count: value.numerator, of: denominator,
                            rest: Key(quarter: quarter, measure: measure.id, group: value.group, part: .numeratorRest))
                    }
                }
                if case .own(partOf: let whole?) = measure.denominator {
                    for value in measured {
                        guard let denominator = Self.denominatorKey(value), let count = value.denominator else { continue }
                        problem.addPart(
                            denominator, count: count,
                            of: Key(quarter: quarter, measure: whole, group: value.group, part: .numerator),
                            rest: Key(quarter: quarter, measure: measure.id, group: value.group, part: .denominatorRest))
                    }
                }
            }
            for group in groups {
                let reasons = QuarterlyMeasure.dischargeReasons.map {
                    Key(quarter: quarter, measure: QuarterlyMeasure.discharges($0).id, group: group, part: .numerator)
                }
                problem.addSumIfConsistent(
                    reasons, total: Key(quarter: quarter, measure: QuarterlyMeasure.discharges.id, group: group, part: .numerator))
            }
        }
        QuarterlySupportSection.register(analysis, into: &problem)
        suppression = problem.solve(policy)
    }

    /// The cell of a value's numerator (the count of a count measure).
    static func numeratorKey(_ value: QuarterlyValue) -> Key {
        Key(quarter: value.quarter, measure: value.measure.id, group: value.group, part: .numerator)
    }

    /// The cell of a value's denominator; `nil` for values without one.
    static func denominatorKey(_ value: QuarterlyValue) -> Key? {
        denominatorKey(quarter: value.quarter, measure: value.measure, group: value.group)
    }

    /// The denominator cell of `measure`: the cell of the count it equals (retention: the quarter's admissions;
    /// engagement: its patients in treatment), else its own; `nil` for measures that are not proportions.
    static func denominatorKey(quarter: CalendarQuarter, measure: QuarterlyMeasure, group: QuarterlyGroup) -> Key? {
        switch measure.denominator {
        case nil: nil
        case .countOf(let id): Key(quarter: quarter, measure: id, group: group, part: .numerator)
        case .own: Key(quarter: quarter, measure: measure.id, group: group, part: .denominator)
        }
    }

    func isWithheld(_ key: Key) -> Bool { suppression.isSuppressed(key) }

    /// Whether a value's numerator or denominator is withheld (then its value and interval are too).
    func isWithheld(_ value: QuarterlyValue) -> Bool {
        isWithheld(Self.numeratorKey(value)) || (Self.denominatorKey(value).map(isWithheld) ?? false)
    }
}

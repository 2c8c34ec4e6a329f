import OutcomeStats

/// A program's quarters, measured as of the last day of the reported quarter (docs/QuarterlyMeasures.md).
///
/// The analysis sees only ``AsOfCohort``: no record dated after the as-of date can change a number. It shows the
/// plan's `quarterly.quarters` quarters ending with the reported one; a measure that needs follow-up after its
/// quarter (retention at 90 or 180 days, 180-day continuity, PDC, observed dosing, craving at week 12) is computed
/// only for quarters whose follow-up ended by the as-of date (the quarter's last day + days ≤ as-of date), and
/// ``pending`` names the others. Measures that need a table (screens, visits, fills, doses, assessments) are
/// computed only when the cohort has it.
///
/// Every value is computed for all patients, per medication, per psychosocial support label, per arm and per site.
/// - Complexity: O(patients × quarters + rows), one pass over each patient's records.
public struct QuarterlyAnalysis: Sendable {
    /// The reported quarter; its last day is ``asOf``.
    public let quarter: CalendarQuarter
    public let asOf: CivilDate
    /// The quarters shown, oldest first, ending with ``quarter``.
    public let quarters: [CalendarQuarter]
    /// The measures, in report order.
    public let measures: [QuarterlyMeasure]
    /// Every value, by quarter, then measure, then group.
    public let values: [QuarterlyValue]
    /// The position in ``values`` of each quarter, measure and group.
    private let positions: [ValueKey: Int]

    private struct ValueKey: Hashable {
        let quarter: CalendarQuarter
        let measure: QuarterlyMeasure
        let group: QuarterlyGroup
    }
    /// Quarters whose follow-up for a measure has not ended by the as-of date.
    public let pending: [QuarterlyMeasure: [CalendarQuarter]]
    /// Patients admitted by the as-of date (in the as-of cohort).
    public let patientCount: Int
    /// Where the episodes come from.
    public let episodeSource: RetentionEpisodes.Source
    /// Measures the cohort's tables call for that could not be computed, with the reason.
    public let unavailable: [Unavailable]

    /// A measure that could not be computed.
    public struct Unavailable: Sendable, Hashable {
        public let measureID: String
        public let reason: String
    }
    /// The groups with values, in report order: all, each medication, psychosocial label, arm and site present.
    public let groups: [QuarterlyGroup]
    /// The plan it ran under.
    public let plan: AnalysisPlan
    /// Medication alone against medication with psychosocial support among the window's admissions.
    public let supportComparison: QuarterlySupportComparison
    /// Each arm's medication and psychosocial support (for small multiples by medication).
    public let armTreatments: [ArmTreatment]

    /// The cohort is consumed: its tables are released once the as-of cut is made (a million-patient cohort's
    /// tables are gigabytes, and nothing after the cut needs them).
    /// - Parameters:
    ///   - quarter: the reported quarter; `nil` takes the plan's `quarterly.quarter`.
    /// - Throws: ``QuarterlyError`` (no calendar dates, no quarter), ``RetentionDataMissing`` without any episode,
    ///   dose or fill table.
    public init(cohort: consuming Cohort, plan: AnalysisPlan, quarter: CalendarQuarter? = nil) throws {
        guard cohort.hasCalendarDates else { throw QuarterlyError.noCalendarDates }
        guard let quarter = quarter ?? plan.quarterly.quarter.flatMap(CalendarQuarter.init(parsing:)) else {
            throw QuarterlyError.invalidQuarter(plan.quarterly.quarter ?? "")
        }
        self.quarter = quarter
        self.plan = plan
        let asOf = quarter.lastDay
        self.asOf = asOf
        var window = [quarter]
        while window.count < plan.quarterly.quarters { window.insert(window[0].previous, at: 0) }
        quarters = window
        let hasScreens = cohort.screens != nil, hasVisits = cohort.visits != nil
        // The last use of the full cohort: an initialiser's parameter is consumed, so its tables can go now.
        let asOfCohort = try AsOfCohort(cohort, asOf: asOf)
        let spells = try TreatmentSpells(asOfCohort, plan: plan)
        episodeSource = spells.source
        patientCount = asOfCohort.cohort.patients.count
        // The independent parts at the same time: each membership measure, the tally of the spells, the support
        // comparison and the arms' treatments.
        let cut = asOfCohort.cohort, shown = window
        enum Part: Sendable {
            case membership(QuarterlyMembership?)
            case tally(QuarterlyTally)
            case comparison(QuarterlySupportComparison)
            case arms([ArmTreatment])
        }
        let builders = QuarterlyMembership.builders(cut, plan: plan, asOf: asOf)
        let parts = concurrently(builders.map { builder in { @Sendable in Part.membership(try builder.build()) } } + [
            {
                var tally = QuarterlyTally(cohort: cut, quarters: shown, asOf: asOf, plan: plan)
                tally.count(spells: spells)
                return .tally(tally)
            },
            { .comparison(QuarterlySupportComparison(cohort: cut, spells: spells, quarters: shown, plan: plan)) },
            { .arms(ArmTreatment.of(arms: ArmColumns(arm: cut.patients.arm), patients: cut.patients, plan: plan.contrasts)) },
        ])
        var memberships: [QuarterlyMembership] = [], unavailable: [Unavailable] = []
        var tally: QuarterlyTally?, comparison: QuarterlySupportComparison?, arms: [ArmTreatment] = []
        for (index, part) in parts.enumerated() {
            switch part {
            case .success(.membership(let membership?)): memberships.append(membership)
            case .success(.membership(nil)): break
            case .success(.tally(let counted)): tally = counted
            case .success(.comparison(let result)): comparison = result
            case .success(.arms(let result)): arms = result
            case .failure(let error): unavailable.append(Unavailable(measureID: builders[index].id, reason: "\(error)"))
            }
        }
        self.unavailable = unavailable
        armTreatments = arms
        supportComparison = comparison!
        tally!.count(memberships)
        let retention = plan.quarterly.retentionDays.sorted()
        var measures: [QuarterlyMeasure] = [.admissions, .activePatients] + retention.map { QuarterlyMeasure.retained(days: $0) }
        measures += memberships.map(\.measure)
        if hasScreens { measures.append(.opioidNegative) }
        if hasVisits { measures += [.psychosocialSessionsRate, .psychosocialEngaged] }
        measures.append(.discharges)
        measures += QuarterlyMeasure.dischargeReasons.map { QuarterlyMeasure.discharges($0) }
        // In report order (by rank; measures of one rank, such as the retention horizons, keep their order).
        self.measures = measures.enumerated().sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }.map(\.element)
        var pending: [QuarterlyMeasure: [CalendarQuarter]] = [:]
        for measure in self.measures where measure.followUpDays > 0 {
            let open = window.filter { $0.lastDay.adding(days: measure.followUpDays) > asOf }
            if !open.isEmpty { pending[measure] = open }
        }
        self.pending = pending
        let values = tally!.values(measures: self.measures, pending: pending)
        self.values = values
        groups = Array(Set(values.map(\.group))).sorted()
        positions = Dictionary(uniqueKeysWithValues: values.enumerated().map { index, value in
            (ValueKey(quarter: value.quarter, measure: value.measure, group: value.group), index)
        })
    }

    /// The value of `measure` for `group` in `quarter`, if computed.
    public func value(_ measure: QuarterlyMeasure, _ group: QuarterlyGroup, in quarter: CalendarQuarter) -> QuarterlyValue? {
        positions[ValueKey(quarter: quarter, measure: measure, group: group)].map { values[$0] }
    }


}

/// Per-quarter, per-group counts gathered in one pass over each patient's records.
///
/// Counts live in flat integer arrays, one per named count (a *slot*: `admissions`, `retained_90_days/denominator`,
/// …), indexed by group and quarter, so that the pass over a million patients does no hashing.
struct QuarterlyTally: Sendable {
    let cohort: Cohort
    let quarters: [CalendarQuarter]
    let asOf: CivilDate
    let plan: AnalysisPlan
    /// Every group a patient can fall in, and whether some patient does.
    private(set) var groups: [QuarterlyGroup] = []
    private var present: [Bool] = []
    /// The group indexes of each patient, ``groupsPerPatient`` apiece in one flat array (``makeGroups()``): all,
    /// medication, psychosocial label, arm, site.
    private var patientGroups: [Int] = []
    private static let groupsPerPatient = 5
    /// Slot index of each count name.
    private var slots: [String: Int] = [:]
    /// counts[slot][group × quarterCount + quarter].
    private var counts: [[Int]] = []
    /// Patient-days in treatment, by group × quarterCount + quarter.
    private var treatmentDays: [Int] = []

    init(cohort: Cohort, quarters: [CalendarQuarter], asOf: CivilDate, plan: AnalysisPlan) {
        self.cohort = cohort
        self.quarters = quarters
        self.asOf = asOf
        self.plan = plan
    }

    /// The window's quarter holding `date`, by index.
    private func quarterIndex(_ date: CivilDate) -> Int? {
        let first = quarters[0]
        let index = (date.components.year - first.year) * 4 + date.quarter - first.quarter
        return quarters.indices.contains(index) ? index : nil
    }

    /// The slot of the count `name`, added on first use.
    private mutating func slot(_ name: String) -> Int {
        if let slot = slots[name] { return slot }
        slots[name] = counts.count
        counts.append(Array(repeating: 0, count: groups.count * quarters.count))
        return counts.count - 1
    }

    /// The count `name` by group index and quarter index (zeros when nothing was counted).
    private func count(_ name: String, group: Int, quarter: Int) -> Int {
        slots[name].map { counts[$0][group * quarters.count + quarter] } ?? 0
    }

    /// The group indexes of patient `p`.
    private func groups(of p: Int) -> ArraySlice<Int> {
        patientGroups[p * Self.groupsPerPatient ..< (p + 1) * Self.groupsPerPatient]
    }

    private mutating func add(_ slot: Int, _ groupIndexes: ArraySlice<Int>, _ quarter: Int, _ amount: Int = 1) {
        for group in groupIndexes { counts[slot][group * quarters.count + quarter] += amount }
    }

    /// Group indexes: all, then each medication, psychosocial label, arm and site (with a missing group each).
    private mutating func makeGroups() {
        let patients = cohort.patients
        var index: [QuarterlyGroup: Int] = [:]
        func add(_ group: QuarterlyGroup) -> Int {
            if let existing = index[group] { return existing }
            index[group] = groups.count
            groups.append(group)
            return groups.count - 1
        }
        _ = add(.all)
        let medication = Medication.allCases.map { add(.medication($0)) }
        func columnGroups(_ column: CategoricalColumn, _ make: (String?) -> QuarterlyGroup) -> (levels: [Int], missing: Int) {
            (column.levels.map { add(make($0)) }, add(make(nil)))
        }
        let psychosocial = columnGroups(patients.psychosocial, QuarterlyGroup.psychosocial)
        let arm = columnGroups(patients.arm, QuarterlyGroup.arm)
        let site = columnGroups(patients.site, QuarterlyGroup.site)
        func of(_ column: CategoricalColumn, _ groups: (levels: [Int], missing: Int), _ p: Int) -> Int {
            column.codes[p] < 0 ? groups.missing : groups.levels[Int(column.codes[p])]
        }
        present = Array(repeating: false, count: groups.count)
        patientGroups = []
        patientGroups.reserveCapacity(patients.count * Self.groupsPerPatient)
        for p in 0..<patients.count {
            patientGroups.append(0)
            patientGroups.append(medication[Medication.allCases.firstIndex(of: patients.medication[p])!])
            patientGroups.append(of(patients.psychosocial, psychosocial, p))
            patientGroups.append(of(patients.arm, arm, p))
            patientGroups.append(of(patients.site, site, p))
        }
        for group in patientGroups { present[group] = true }
    }

    mutating func count(spells: TreatmentSpells) {
        let patients = cohort.patients
        guard let indexDates = patients.indexDate else { return }
        makeGroups()
        treatmentDays = Array(repeating: 0, count: groups.count * quarters.count)
        let windowStart = quarters[0].firstDay
        let retention = plan.quarterly.retentionDays.map { days in (days: days, numerator: slot("retained_\(days)_days")) }
        let admissionsSlot = slot("admissions"), activeSlot = slot("active_patients")
        let dischargesSlot = slot("discharges")
        let reasonSlot = Dictionary(uniqueKeysWithValues: EpisodeEndReason.allCases.map { ($0, slot("discharges_\($0.rawValue)")) })
        let screenedSlot = slot("opioid_negative/denominator"), negativeSlot = slot("opioid_negative")
        let sessionsSlot = slot("psychosocial_sessions_rate"), engagedSlot = slot("psychosocial_engaged")
        let psychosocialKind = cohort.visits.map { visits in visits.kind.levels.map(plan.isPsychosocial) } ?? []
        let substances = plan.urineScreens.screenedSubstances
        let opioidLevels: [Medication: Set<Int32>] = cohort.screens.map { screens in
            Dictionary(uniqueKeysWithValues: Medication.allCases.map { medication in
                let names = substances.substances(for: medication)
                return (medication, Set(screens.substance.levels.indices.filter { names.contains(screens.substance.levels[$0]) }.map(Int32.init)))
            })
        } ?? [:]
        let quarterCount = quarters.count
        let asOfDay = asOf
        for p in 0..<patients.count {
            let index = indexDates[p]
            let groups = groups(of: p)
            let admission = quarterIndex(index)
            if let admission {
                add(admissionsSlot, groups, admission)
                let first = spells.firstFromIndexDay(of: p)
                // The denominator is the admissions (values of quarters still in follow-up are not shown).
                for (days, numerator) in retention {
                    if let first, first.end - first.start >= days { add(numerator, groups, admission) }
                }
            }
            // Days in treatment per quarter (spells of one patient merged where they overlap).
            var active = [Bool](repeating: false, count: quarterCount)
            var days = [Int](repeating: 0, count: quarterCount)
            var coveredThrough = Int.min
            for spell in spells.byPatient[p] {
                let start = max(spell.start, coveredThrough + 1, index.days(to: windowStart))
                let end = min(spell.end, index.days(to: asOfDay))
                coveredThrough = max(coveredThrough, spell.end)
                guard start <= end else { continue }
                var day = start
                while day <= end {
                    guard let q = quarterIndex(index.adding(days: day)) else { break }
                    let last = min(end, index.days(to: quarters[q].lastDay))
                    active[q] = true
                    days[q] += last - day + 1
                    day = last + 1
                }
            }
            for spell in spells.byPatient[p] where !spell.isOngoing {
                guard let q = quarterIndex(index.adding(days: spell.end)) else { continue }
                add(dischargesSlot, groups, q)
                add(reasonSlot[spell.reason]!, groups, q)
            }
            for q in 0..<quarterCount where active[q] {
                add(activeSlot, groups, q)
                for group in groups { treatmentDays[group * quarterCount + q] += days[q] }
            }
            if let screens = cohort.screens, let opioids = opioidLevels[patients.medication[p]] {
                var screened = [Bool](repeating: false, count: quarterCount), positive = screened
                for row in screens.byPatient.rows(of: p) where opioids.contains(screens.substance.codes[row]) {
                    guard screens.result[row] != .invalid, let q = quarterIndex(index.adding(days: Int(screens.day[row]))), active[q]
                    else { continue }
                    screened[q] = true
                    if screens.result[row] == .positive { positive[q] = true }
                }
                for q in 0..<quarterCount where screened[q] {
                    add(screenedSlot, groups, q)
                    if !positive[q] { add(negativeSlot, groups, q) }
                }
            }
            if let visits = cohort.visits {
                var sessions = [Int](repeating: 0, count: quarterCount)
                for row in visits.byPatient.rows(of: p) where visits.status[row] == .attended {
                    let code = visits.kind.codes[row]
                    guard code >= 0, psychosocialKind[Int(code)],
                          let q = quarterIndex(index.adding(days: Int(visits.day[row]))), active[q]
                    else { continue }
                    sessions[q] += 1
                }
                for q in 0..<quarterCount where active[q] {
                    add(sessionsSlot, groups, q, sessions[q])
                    if sessions[q] >= plan.quarterly.engagedMinimumSessions { add(engagedSlot, groups, q) }
                }
            }
        }
    }

    /// Counts each membership's patients in the quarter of their date: the denominator slot `<id>/denominator`, and
    /// the numerator slot `<id>` for those in the numerator.
    /// - Precondition: ``count(spells:)`` ran (the groups are made).
    mutating func count(_ memberships: [QuarterlyMembership]) {
        let slots = memberships.map { (denominator: slot($0.measure.id + "/denominator"), numerator: slot($0.measure.id)) }
        for p in 0..<patientGroups.count / Self.groupsPerPatient {
            for (membership, slot) in zip(memberships, slots) {
                guard let member = membership.members[p], let q = quarterIndex(member.date) else { continue }
                add(slot.denominator, groups(of: p), q)
                if member.isInNumerator { add(slot.numerator, groups(of: p), q) }
            }
        }
    }

    /// The values of `measures` for every group with patients, skipping pending quarters.
    func values(measures: [QuarterlyMeasure], pending: [QuarterlyMeasure: [CalendarQuarter]]) -> [QuarterlyValue] {
        let order = groups.indices.filter { present[$0] }.sorted { groups[$0] < groups[$1] }
        var values: [QuarterlyValue] = []
        for (q, quarter) in quarters.enumerated() {
            for measure in measures where !(pending[measure]?.contains(quarter) ?? false) {
                for g in order {
                    let group = groups[g]
                    let numerator = count(measure.id, group: g, quarter: q)
                    switch measure.kind {
                    case .count:
                        values.append(QuarterlyValue(
                            quarter: quarter, measure: measure, group: group, numerator: numerator, denominator: nil,
                            patientMonths: nil, value: Double(numerator), lower: nil, upper: nil))
                    case .proportion:
                        let denominator = if case .countOf(let id) = measure.denominator {
                            count(id, group: g, quarter: q)
                        } else {
                            count(measure.id + "/denominator", group: g, quarter: q)
                        }
                        let interval = denominator > 0 ? WilsonScoreInterval(successes: numerator, trials: denominator) : nil
                        values.append(QuarterlyValue(
                            quarter: quarter, measure: measure, group: group, numerator: numerator,
                            denominator: denominator, patientMonths: nil, value: interval?.estimate,
                            lower: interval?.lower, upper: interval?.upper))
                    case .rate:
                        let months = Double(treatmentDays.isEmpty ? 0 : treatmentDays[g * quarters.count + q]) / QuarterlyTally.daysPerMonth
                        let interval = months > 0 ? PoissonRateInterval(events: numerator, exposure: months) : nil
                        values.append(QuarterlyValue(
                            quarter: quarter, measure: measure, group: group, numerator: numerator, denominator: nil,
                            patientMonths: months, value: interval?.estimate, lower: interval?.lower, upper: interval?.upper))
                    }
                }
            }
        }
        return values
    }

    /// Days in a mean month (365.25 / 12).
    static let daysPerMonth = 30.4375
}

import OutcomeStats

/// A cohort's longitudinal series of one instrument, with its trend by arm, change from baseline and reliable
/// improvement: the measures behind the report's "Craving and withdrawal" section.
///
/// Values are totals on the POMP scale (0–100) when the instrument records totals or items, or the harmonised
/// severity level (0 none … 3 severe) when it records only CTN-0094 severity codes: bands are analysed as bands,
/// never as if they were raw totals. Time is weeks since the index day (day / 7).
///
/// ```
/// baseline       the patient's latest value in `baselineDays` (default days −14…0: up to and including the index day)
/// follow-up w    the value closest to day 7w within ± `windowDays` (``ChangeFromBaseline``)
/// model rows     days from the start of the baseline window to 7·(last follow-up week) + window
/// trend          y ~ week + arm + week:arm + (1 + week | patient), REML (``LinearMixedModel``); reference arm the
///                first by label
/// reliability    r_xx = Pearson correlation of test–retest pairs: each patient's first two consecutive assessments
///                both on or after `retestFirstDay` (default 14, after induction) and `retestGapDays` (4–10) apart
/// reliable change (Jacobson–Truax, ``ReliableChange``): baseline → last follow-up week, s₁ = SD of the baselines
/// ```
/// Why not the first two assessments for r_xx: in CTN-0094 they fall at induction and a few days later, while
/// withdrawal is resolving, so their correlation measures change, not test–retest agreement (it is 0.06 there).
public struct SymptomTrajectory: Sendable {
    /// Windows and rules; the defaults are the report's.
    public struct Options: Sendable, Hashable {
        public var baselineDays: ClosedRange<Int32>
        public var followUpWeeks: [Int]
        public var windowDays: Int32
        public var retestFirstDay: Int32
        public var retestGapDays: ClosedRange<Int32>

        public init(baselineDays: ClosedRange<Int32> = -14...0, followUpWeeks: [Int] = [4, 12], windowDays: Int32 = 3,
                    retestFirstDay: Int32 = 14, retestGapDays: ClosedRange<Int32> = 4...10) {
            precondition(!followUpWeeks.isEmpty && windowDays >= 0, "SymptomTrajectory: at least one follow-up week")
            self.baselineDays = baselineDays
            self.followUpWeeks = followUpWeeks
            self.windowDays = windowDays
            self.retestFirstDay = retestFirstDay
            self.retestGapDays = retestGapDays
        }
    }

    /// Per arm and follow-up week: patients with a baseline and a value in the window, and their mean change.
    public struct ChangeSummary: Sendable, Hashable {
        public let arm: String
        public let week: Int
        public let patients: Int
        public let meanChange: Double
        /// SD (n − 1) of the changes; `nil` for a single patient.
        public let standardDeviation: Double?
    }

    /// Per arm: patients with a baseline and a value at the last follow-up week, and those reliably improved.
    public struct ImprovementCount: Sendable, Hashable {
        public let arm: String
        public let patients: Int
        public let improved: Int
    }

    public let instrument: Instrument
    public let options: Options
    /// Whether values are severity levels (true) or POMP totals (false).
    public let usesSeverityLevels: Bool
    /// The series, sorted by patient then day.
    public let patient: [Int32]
    public let day: [Int32]
    public let value: [Double]
    /// Each row's arm, as its index in ``arms``.
    public let armIndex: [Int32]
    /// The arms with a row, by label (a patient without one is "(no arm recorded)").
    public let arms: [String]
    /// The arm label of each row, built from ``armIndex`` on each call.
    public var arm: [String] { armIndex.map { arms[Int($0)] } }
    public var week: [Double] { day.map { Double($0) / 7 } }
    /// The mixed model over the model rows (`nil` when it cannot be fitted), its term names and row count.
    public let fit: LinearMixedModelFit?
    public let terms: [String]
    public let modelRows: Int
    /// Patients with a row in the model, per arm of ``arms`` (a report shows an arm's terms only when this is at
    /// least the small-cell minimum).
    public let modelPatientsByArm: [Int]
    public let changes: [ChangeFromBaseline]
    public let changeSummaries: [ChangeSummary]
    /// r_xx and the number of test–retest pairs it came from (`nil` with fewer than 3 pairs or no spread).
    public let reliability: Double?
    public let retestPairs: Int
    /// s₁, the SD of the baseline values (`nil` with fewer than 2).
    public let baselineStandardDeviation: Double?
    /// Empty when reliable change is not defined (no reliability or no baseline spread).
    public let reliableImprovement: [ImprovementCount]
    /// The Jacobson–Truax rule used (S_diff, critical value); `nil` when reliable change is not defined.
    public let reliableChangeRule: ReliableChange?

    /// The instruments with a total or severity level in `scores`, most assessments first (ties by name).
    public static func instruments(in scores: [InstrumentScore]) -> [String] {
        var counts: [String: Int] = [:]
        for score in scores where score.total != nil || score.severityLevel != nil { counts[score.instrument, default: 0] += 1 }
        return counts.keys.sorted { (counts[$0]!, $1) > (counts[$1]!, $0) }
    }

    /// The trajectory of `instrument`; `nil` when it is not registered or has no scored assessment.
    /// - Precondition: `scores` in patient, day order (as ``InstrumentScoring/score(_:registry:)`` returns them).
    public init?(cohort: Cohort, scores: [InstrumentScore], instrument name: String,
                 registry: InstrumentRegistry = .standard, options: Options = Options()) {
        guard let instrument = registry.instrument(named: name), let series = Series(scores, instrument: instrument)
        else { return nil }
        self.init(cohort: cohort, series: series, instrument: instrument, options: options)
    }

    /// The trajectory of `instrument`'s `series` (a caller analysing several instruments builds their series first
    /// and lets the scores go: at a million patients the scores are about 900 MB, the series a quarter of that).
    init(cohort: Cohort, series: Series, instrument: Instrument, options: Options) {
        self.instrument = instrument
        self.options = options
        usesSeverityLevels = series.usesSeverityLevels
        let (patient, day, value) = (series.patient, series.day, series.value)
        let (armIndex, arms) = Self.arms(of: patient, in: cohort.patients.arm)
        (self.patient, self.day, self.value, self.armIndex, self.arms) = (patient, day, value, armIndex, arms)
        let lastDay = Int32(7 * options.followUpWeeks.max()!) + options.windowDays
        let modelled = patient.indices.filter { day[$0] >= options.baselineDays.lowerBound && day[$0] <= lastDay }
        modelRows = modelled.count
        // Rows are sorted by patient, so each patient's modelled rows are consecutive: a group per patient, numbered
        // in order, with the patient's arm as its level.
        var group = [Int](), groupLevel = [Int]()
        group.reserveCapacity(modelled.count)
        for (position, row) in modelled.enumerated() {
            if position == 0 || patient[modelled[position - 1]] != patient[row] { groupLevel.append(Int(armIndex[row])) }
            group.append(groupLevel.count - 1)
        }
        var modelledPatients = [Int](repeating: 0, count: arms.count)
        for level in groupLevel { modelledPatients[level] += 1 }
        modelPatientsByArm = modelledPatients
        (fit, terms) = Self.trend(rows: modelled, day: day, value: value, group: group, groupLevel: groupLevel,
                                  arms: arms)
        let changes = ChangeFromBaseline.changes(patient: patient, day: day, value: value,
                                                 baselineDays: options.baselineDays, weeks: options.followUpWeeks,
                                                 windowDays: options.windowDays)
        self.changes = changes
        func armOf(_ id: Int32) -> String { cohort.patients.arm.label(at: Int(id)) ?? Self.noArmLabel }
        changeSummaries = Self.summaries(changes, armOf: armOf, arms: arms, weeks: options.followUpWeeks)
        let calibration = Calibration(series, options: options, higherIsWorse: instrument.higherIsWorse)
        retestPairs = calibration.retestPairs
        reliability = calibration.reliability
        baselineStandardDeviation = calibration.baselineStandardDeviation
        reliableChangeRule = calibration.rule
        guard let rule = calibration.rule else {
            reliableImprovement = []
            return
        }
        var tally: [String: (Int, Int)] = [:]
        for change in changes where change.week == options.reliableChangeWeek {
            tally[armOf(change.patient), default: (0, 0)].0 += 1
            if rule.isReliableImprovement(pre: change.baseline, post: change.value) {
                tally[armOf(change.patient), default: (0, 0)].1 += 1
            }
        }
        reliableImprovement = arms.map { ImprovementCount(arm: $0, patients: tally[$0]?.0 ?? 0, improved: tally[$0]?.1 ?? 0) }
    }

    /// The label of a patient without an arm.
    static let noArmLabel = "(no arm recorded)"

    /// Each patient's arm as an index into the sorted labels of the arms present.
    private static func arms(of patient: [Int32], in column: CategoricalColumn) -> ([Int32], [String]) {
        let missing = column.levels.count
        func slot(_ id: Int32) -> Int {
            let code = column.codes[Int(id)]
            return code < 0 ? missing : Int(code)
        }
        var present = [Bool](repeating: false, count: missing + 1)
        for id in patient { present[slot(id)] = true }
        func label(_ slot: Int) -> String { slot == missing ? noArmLabel : column.levels[slot] }
        let arms = present.indices.filter { present[$0] }.map(label).sorted()
        let index = present.indices.map { present[$0] ? Int32(arms.firstIndex(of: label($0))!) : -1 }
        return (patient.map { index[slot($0)] }, arms)
    }

    /// The mixed model on `rows`: intercept, week, arm indicators, week × arm indicators (reference: the first arm)
    /// — the growth model with the arm as its group-level factor, fitted without forming its design
    /// (``LinearMixedModel/fit(response:time:group:groupLevel:levelCount:)``).
    private static func trend(rows: [Int], day: [Int32], value: [Double], group: [Int], groupLevel: [Int],
                              arms: [String]) -> (LinearMixedModelFit?, [String]) {
        let others = Array(arms.dropFirst())
        let terms = ["(Intercept)", "week"] + others.map { "arm: \($0)" } + others.map { "week × arm: \($0)" }
        let fit = try? LinearMixedModel().fit(
            response: rows.map { value[$0] }, time: rows.map { Double(day[$0]) / 7 }, group: group,
            groupLevel: groupLevel, levelCount: arms.count)
        return (fit, terms)
    }

    private static func summaries(_ changes: [ChangeFromBaseline], armOf: (Int32) -> String, arms: [String],
                                  weeks: [Int]) -> [ChangeSummary] {
        arms.flatMap { label in
            weeks.compactMap { week -> ChangeSummary? in
                let values = changes.filter { $0.week == week && armOf($0.patient) == label }.map(\.change)
                guard !values.isEmpty else { return nil }
                let moments = SampleMoments(values)
                return ChangeSummary(arm: label, week: week, patients: values.count, meanChange: moments.mean,
                                     standardDeviation: moments.standardDeviation)
            }
        }
    }
}

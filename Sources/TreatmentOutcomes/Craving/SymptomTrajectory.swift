import OutcomeStats

/// A cohort's longitudinal symptom or craving series from one instrument, with its trend by arm: the measure behind
/// the report's "Craving and withdrawal" section.
///
/// The instrument is the registered one with the most scored assessments. Values are totals on the POMP scale
/// (0–100) when the instrument records totals or items, or the harmonised severity level (0 none … 3 severe) when
/// it records only CTN-0094 severity codes: bands are analysed as bands, never as if they were raw totals.
/// Time is weeks since the index day (day / 7).
///
/// Trend: `y ~ week + arm + week:arm + (1 + week | patient)` by REML (``LinearMixedModel``), reference arm the first
/// by label. Reliable change (``ReliableChange``) compares each patient's first assessment (baseline) with their
/// last, with s₁ the SD of the baseline values and r_xx the correlation of the first and second assessments
/// across patients (a test–retest estimate from the data itself).
public struct SymptomTrajectory: Sendable {
    public let instrument: Instrument
    /// Whether values are severity levels (true) or POMP totals (false).
    public let usesSeverityLevels: Bool
    public let patient: [Int32]
    public let week: [Double]
    public let value: [Double]
    /// The arm label of each row.
    public let arm: [String]
    public let arms: [String]
    public let fit: LinearMixedModelFit?
    public let terms: [String]
    public let reliability: Double?
    /// Per arm: patients with a baseline and a later assessment, and those reliably improved.
    public let reliableImprovement: [(arm: String, patients: Int, improved: Int)]

    public init?(cohort: Cohort, scores: [InstrumentScore], registry: InstrumentRegistry = .standard) {
        var perInstrument: [String: Int] = [:]
        for score in scores where score.total != nil || score.severityLevel != nil {
            perInstrument[score.instrument, default: 0] += 1
        }
        guard let name = perInstrument.max(by: { ($0.value, $1.key) < ($1.value, $0.key) })?.key,
              let instrument = registry.instrument(named: name) else { return nil }
        let chosen = scores.filter { $0.instrument == name && ($0.total != nil || $0.severityLevel != nil) }
        self.instrument = instrument
        usesSeverityLevels = chosen.contains { $0.severityLevel != nil }
        let levels = usesSeverityLevels ? chosen.filter { $0.severityLevel != nil } : chosen.filter { $0.total != nil }
        let patient = levels.map(\.patient)
        let week = levels.map { Double($0.day) / 7 }
        let value = levels.map { score in
            score.severityLevel.map(Double.init) ?? instrument.percentOfMaximumPossible(score.total!)
        }
        let arm = levels.map { cohort.patients.arm.label(at: Int($0.patient)) ?? "(no arm recorded)" }
        let arms = Set(arm).sorted()
        (self.patient, self.week, self.value, self.arm, self.arms) = (patient, week, value, arm, arms)
        // The mixed model: intercept, week, arm indicators, week × arm indicators.
        var groupOf: [Int32: Int] = [:]
        let group = patient.map { id in groupOf[id] ?? { groupOf[id] = groupOf.count; return groupOf.count - 1 }() }
        let others = arms.dropFirst()
        var columns: [[Double]] = [Array(repeating: 1, count: value.count), week]
        columns += others.map { level in arm.map { $0 == level ? 1 : 0 } }
        columns += others.map { level in zip(arm, week).map { $0 == level ? $1 : 0 } }
        terms = ["(Intercept)", "week"] + others.map { "arm: \($0)" } + others.map { "week × arm: \($0)" }
        fit = try? LinearMixedModel().fit(
            response: value, fixedEffects: Matrix(rows: value.count, columns: columns.count, columnMajor: columns.flatMap { $0 }),
            time: week, group: group)
        // Reliable change: first vs last assessment per patient (rows are in patient, day order).
        var firstRow: [Int32: Int] = [:], secondRow: [Int32: Int] = [:], lastRow: [Int32: Int] = [:]
        for row in patient.indices {
            if firstRow[patient[row]] == nil { firstRow[patient[row]] = row }
            else if secondRow[patient[row]] == nil { secondRow[patient[row]] = row }
            lastRow[patient[row]] = row
        }
        let pairs = secondRow.keys.sorted().map { (value[firstRow[$0]!], value[secondRow[$0]!]) }
        let baseline = firstRow.values.map { value[$0] }
        let reliability = Self.correlation(pairs)
        self.reliability = reliability
        let mean = baseline.reduce(0, +) / Double(max(baseline.count, 1))
        let sd = (baseline.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(baseline.count - 1, 1))).squareRoot()
        var tally: [String: (Int, Int)] = [:]
        if let reliability, reliability >= 0, reliability < 1, sd > 0 {
            let rule = ReliableChange(baselineStandardDeviation: sd, reliability: reliability, higherIsWorse: instrument.higherIsWorse)
            for (id, first) in firstRow where secondRow[id] != nil {
                let category = rule.category(pre: value[first], post: value[lastRow[id]!])
                let improved = category == .improved || category == .recovered
                tally[arm[first], default: (0, 0)].0 += 1
                if improved { tally[arm[first], default: (0, 0)].1 += 1 }
            }
        }
        reliableImprovement = arms.map { (arm: $0, patients: tally[$0]?.0 ?? 0, improved: tally[$0]?.1 ?? 0) }
    }

    private static func correlation(_ pairs: [(Double, Double)]) -> Double? {
        guard pairs.count >= 3 else { return nil }
        let n = Double(pairs.count)
        let mx = pairs.reduce(0) { $0 + $1.0 } / n, my = pairs.reduce(0) { $0 + $1.1 } / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (x, y) in pairs { sxy += (x - mx) * (y - my); sxx += (x - mx) * (x - mx); syy += (y - my) * (y - my) }
        guard sxx > 0, syy > 0 else { return nil }
        return sxy / (sxx * syy).squareRoot()
    }
}

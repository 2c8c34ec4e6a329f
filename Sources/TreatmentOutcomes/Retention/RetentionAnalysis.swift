import OutcomeStats

/// Retention of one group: its Kaplan–Meier curve, median and the proportion retained at chosen days.
public struct RetentionGroupSummary: Sendable {
    public let label: String
    public let curve: KaplanMeierEstimate
    /// Patients of the curve with a treatment episode (retention days ≥ 1); the rest never started and are day-0
    /// discontinuations (``RetentionPopulation/assigned``).
    public let started: Int
    /// Median retention days with its interval (R's printed median).
    public let median: SurvivalQuantile
    public let retained: [RetainedAt]
}

/// P(retention days ≥ day) = S just before `day`, with its pointwise interval; `nil` values when `day` lies beyond
/// the group's follow-up (no estimate without extrapolation).
public struct RetainedAt: Sendable, Hashable {
    public let day: Int
    public let estimate: Double?
    public let lower: Double?
    public let upper: Double?

    public init(day: Int, estimate: Double?, lower: Double?, upper: Double?) {
        self.day = day
        self.estimate = estimate
        self.lower = lower
        self.upper = upper
    }

    /// Still in treatment on day `day` by `curve`: S(day − ½) with its log-scale interval (times are whole days, so
    /// an episode of exactly `day` days counts); no estimate when the curve ends before day − 1.
    public init(curve: KaplanMeierEstimate, day: Int, level: ConfidenceLevel = .ninetyFive) {
        guard Double(day - 1) <= (curve.times.last ?? 0) else {
            self.init(day: day, estimate: nil, lower: nil, upper: nil)
            return
        }
        let value = curve.estimate(at: Double(day) - 0.5, type: .log, level: level)
        self.init(day: day, estimate: value.survival, lower: value.lower, upper: value.upper)
    }
}

/// Two arms compared: the log-rank test and the Cox hazard ratio of discontinuation for `comparison` versus
/// `reference`, adjusted for baseline covariates.
public struct RetentionComparison: Sendable {
    public let reference: String
    public let comparison: String
    public let logRank: LogRankTest
    /// The Cox model: column 0 is the arm indicator, then the adjustment columns named in ``terms``.
    public let fit: CoxFit
    public let terms: [String]
    /// Patients left out of the Cox model for a missing adjustment covariate.
    public let excludedForMissingCovariates: Int

    /// The adjusted hazard ratio of discontinuation (comparison vs reference) with its 95% interval; `nil` if
    /// the arm column was not estimable.
    public var hazardRatio: CoefficientInference? { fit.coefficientInference()[0] }
}

/// Retention measures on episodes: per-group curves and two-arm comparisons (docs/Retention.md, "Definitions").
public enum RetentionAnalysis {
    /// The standard retention days: 30, 90, 180 and 365.
    public static let standardDays = [30, 90, 180, 365]

    /// One summary per arm (arms in label order; patients without an arm left out).
    public static func byArm(
        _ episodes: RetentionEpisodes, patients: PatientTable, days: [Int] = standardDays,
        level: ConfidenceLevel = .ninetyFive
    ) -> [RetentionGroupSummary] {
        let arms = patients.arm
        return arms.levels.indices.sorted { arms.levels[$0] < arms.levels[$1] }.compactMap { code in
            let rows = episodes.patient.indices.filter { arms.codes[episodes.patient[$0]] == Int32(code) }
            guard !rows.isEmpty else { return nil }
            return summary(label: arms.levels[code], episodes: episodes, rows: rows, days: days, level: level)
        }
    }

    /// The summary of the episodes at `rows`.
    public static func summary(
        label: String, episodes: RetentionEpisodes, rows: [Int], days: [Int] = standardDays,
        level: ConfidenceLevel = .ninetyFive
    ) -> RetentionGroupSummary {
        let curve = KaplanMeierEstimate(
            times: rows.map { Double(episodes.days[$0]) }, events: rows.map { episodes.discontinued[$0] })
        let retained = days.map { RetainedAt(curve: curve, day: $0, level: level) }
        return RetentionGroupSummary(
            label: label, curve: curve, started: rows.count { episodes.days[$0] > 0 }, median: curve.median(level: level),
            retained: retained)
    }

    /// Compares arm `comparison` with arm `reference`: log-rank test, and a Cox model of discontinuation with an
    /// indicator for `comparison` adjusted for `adjustment` (numeric covariates as they are; categorical ones as
    /// indicators of each level but the first in label order). `nil` when either arm has no episodes.
    public static func compare(
        _ episodes: RetentionEpisodes, patients: PatientTable, reference: String, comparison: String,
        adjustment: [String] = ["age", "sex"]
    ) -> RetentionComparison? {
        guard let referenceCode = patients.arm.code(of: reference), let comparisonCode = patients.arm.code(of: comparison)
        else { return nil }
        let rows = episodes.patient.indices.filter {
            let code = patients.arm.codes[episodes.patient[$0]]
            return code == referenceCode || code == comparisonCode
        }
        let isComparison = rows.map { patients.arm.codes[episodes.patient[$0]] == comparisonCode }
        guard isComparison.contains(true), isComparison.contains(false) else { return nil }
        let logRank = LogRankTest(
            times: rows.map { Double(episodes.days[$0]) }, events: rows.map { episodes.discontinued[$0] },
            groups: isComparison.map { $0 ? 1 : 0 }, groupCount: 2)
        // Design: arm indicator, then the adjustment columns; rows with a missing covariate left out.
        let adjustmentDesign = AdjustmentDesign.columns(adjustment, patients: patients, patientRows: rows.map { episodes.patient[$0] })
        let terms = ["arm: \(comparison)"] + adjustmentDesign.terms
        let columns: [[Double?]] = [isComparison.map { $0 ? 1 : 0 }] + adjustmentDesign.columns
        let complete = AdjustmentDesign.completeRows(columns, count: rows.count)
        let design = AdjustmentDesign.matrix(columns, rows: complete)
        let fit = CoxModel().fit(
            design: design, times: complete.map { Double(episodes.days[rows[$0]]) },
            events: complete.map { episodes.discontinued[rows[$0]] })
        return RetentionComparison(
            reference: reference, comparison: comparison, logRank: logRank, fit: fit, terms: terms,
            excludedForMissingCovariates: rows.count - complete.count)
    }
}

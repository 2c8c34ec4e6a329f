import OutcomeStats

/// Engagement in psychosocial care as a time-varying exposure, and medication with support against medication
/// alone by inverse probability weights (docs/Balance.md; docs/AnalysisPlan.md, "`balance`").
public struct BalancePlan: Sendable, Hashable, Codable {
    /// The look-back window: an interval starting on episode day t is exposed to the attended sessions and the
    /// covered days of days t − lookBackDays … t − 1. Default 28 (four weeks, the naltrexone injection interval).
    public var lookBackDays: Int
    /// The lower bounds of the engagement bands after the band of no session: the default 1, 3, 5 makes the bands
    /// 0, 1–2, 3–4 and 5 or more sessions in the look-back window. Increasing whole numbers ≥ 1.
    public var sessionBandCuts: [Int]
    /// Baseline covariates of the propensity model of support against medication alone. Empty (the default):
    /// ``RetentionPlan/adjustment``, then every other covariate the covariate policy keeps, categorical ones with
    /// at most ``maximumCovariateLevels`` levels, each kept in a comparison only when it is missing for at most
    /// ``maximumMissingShare`` of either group's patients. A list given here is used as it is (patients missing one
    /// of its covariates are left out).
    public var covariates: [String]
    /// A categorical covariate with more levels is left out of the default propensity covariates. Default 12 (as the
    /// relapse-risk model's default covariates).
    public var maximumCovariateLevels: Int
    /// A default propensity covariate missing for more than this share of the support or the alone patients of a
    /// comparison is left out of it (and named), rather than leaving out every patient without it. Default 0.1.
    public var maximumMissingShare: Double
    /// Baseline covariates added to every engagement model (dropout and relapse; docs/Balance.md, "Models"), numeric
    /// as they are and categorical as indicators of each level but the first; patients missing one of them are left
    /// out of the engagement models. `nil` (the default, `null` in JSON): the default propensity covariates
    /// (``BalanceResults/engagementCovariates(patients:plan:)``); empty: none, the exposures only.
    public var engagementCovariates: [String]?
    /// Truncation of the stabilised weights at these two quantile levels of all weights of a comparison, e.g.
    /// `[0.01, 0.99]`. Empty (the default): no truncation.
    public var weightTruncation: [Double]

    public init(
        lookBackDays: Int = 28, sessionBandCuts: [Int] = [1, 3, 5], covariates: [String] = [],
        maximumCovariateLevels: Int = 12, maximumMissingShare: Double = 0.1, weightTruncation: [Double] = [],
        engagementCovariates: [String]? = nil
    ) {
        self.lookBackDays = lookBackDays
        self.sessionBandCuts = sessionBandCuts
        self.covariates = covariates
        self.maximumCovariateLevels = maximumCovariateLevels
        self.maximumMissingShare = maximumMissingShare
        self.weightTruncation = weightTruncation
        self.engagementCovariates = engagementCovariates
    }

    private enum CodingKeys: String, CodingKey {
        case lookBackDays, sessionBandCuts, covariates, maximumCovariateLevels, maximumMissingShare,
            engagementCovariates, weightTruncation
    }

    /// Every setting, `engagementCovariates` as `null` when it is the default (so that a printed plan names it).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(lookBackDays, forKey: .lookBackDays)
        try container.encode(sessionBandCuts, forKey: .sessionBandCuts)
        try container.encode(covariates, forKey: .covariates)
        try container.encode(maximumCovariateLevels, forKey: .maximumCovariateLevels)
        try container.encode(maximumMissingShare, forKey: .maximumMissingShare)
        try container.encode(engagementCovariates, forKey: .engagementCovariates)
        try container.encode(weightTruncation, forKey: .weightTruncation)
    }

    /// The truncation the weights use, `nil` for none.
    public var truncation: InverseProbabilityWeights.Truncation? {
        guard weightTruncation.count == 2 else { return nil }
        return InverseProbabilityWeights.Truncation(lower: weightTruncation[0], upper: weightTruncation[1])
    }

    /// The problem with these settings, as (setting, message), or `nil` when they are usable.
    func problem() -> (path: String, message: String)? {
        if lookBackDays < 1 { return ("balance.lookBackDays", "must be at least 1") }
        let increasing = zip(sessionBandCuts, sessionBandCuts.dropFirst()).allSatisfy { $0 < $1 }
        if (sessionBandCuts.first ?? 0) < 1 || !increasing {
            return ("balance.sessionBandCuts", "one or more increasing whole numbers, the first at least 1")
        }
        if maximumCovariateLevels < 2 { return ("balance.maximumCovariateLevels", "must be at least 2") }
        if !(0...1).contains(maximumMissingShare) { return ("balance.maximumMissingShare", "must lie in [0, 1]") }
        if !weightTruncation.isEmpty {
            guard weightTruncation.count == 2, weightTruncation[0] >= 0, weightTruncation[0] < weightTruncation[1],
                  weightTruncation[1] <= 1
            else { return ("balance.weightTruncation", "empty, or two quantile levels a < b in [0, 1]") }
        }
        return nil
    }
}

/// The true parameters of the synthetic cohort's generative model (docs/SyntheticCohort.md).
///
/// Every value here is written to `truth.json` under the same name in snake case, so an analysis of a generated
/// cohort can be checked against the parameters that produced it. Names carry their unit and scale
/// (`ratePerDay`, `logHazardRatioPerTenYearsOfAge`, `slopePerWeek`). Level effects are relative to the first
/// (reference) level, whose effect is 0. The parameters are fixed for a given ``SyntheticGeneratorVersion``;
/// version 2 adds ``supportAssignment``, ``engagement`` and ``estimands`` (absent from version 1's truth.json) and
/// moves the effect of psychosocial support on dropout into the sessions attended (docs/SyntheticCohort.md,
/// "Version 2").
public struct SyntheticCohortParameters: Sendable, Encodable {
    public let calendar = CalendarParameters()
    public let population = PopulationParameters()
    public let retention: RetentionParameters
    public let adherence = AdherenceParameters()
    public let craving = CravingParameters()
    public let urineScreens = UrineScreenParameters()
    public let relapse = RelapseParameters()
    public let visits = VisitParameters()
    /// Version 2: support (against medication alone) assigned from baseline covariates; `nil` in version 1.
    public let supportAssignment: SupportAssignmentParameters?
    /// Version 2: the time-varying effect of attended sessions on the dropout hazard; `nil` in version 1.
    public let engagement: EngagementParameters?
    /// Version 2: the true values of the estimands of docs/Balance.md; `nil` in version 1.
    public let estimands: SyntheticEstimands?

    /// The parameters of version 1.0.0.
    public init() {
        self.init(version: .one)
    }

    public init(version: SyntheticGeneratorVersion) {
        switch version {
        case .one:
            retention = RetentionParameters()
            supportAssignment = nil
            engagement = nil
            estimands = nil
        case .two:
            retention = .version2
            supportAssignment = SupportAssignmentParameters()
            engagement = EngagementParameters()
            estimands = SyntheticEstimands()
        }
    }
}

/// The generative models of ``SyntheticCohortGenerator``. The files of one version never change for the same N and
/// seed; a change to them is a new version.
public enum SyntheticGeneratorVersion: Int, Sendable, CaseIterable {
    /// 1.0.0: covariates, arm and outcomes drawn as in docs/SyntheticCohort.md §1–7 (the default).
    case one = 1
    /// 2.0.0: support assigned from the covariates that also drive dropout, and a dropout hazard that falls with the
    /// psychosocial sessions attended in the last 28 days (docs/SyntheticCohort.md, "Version 2").
    case two = 2

    /// `1.0.0`, `2.0.0`: written to truth.json as `generator_version`.
    public var semanticVersion: String { "\(rawValue).0.0" }
}

/// A level of a categorical variable and its probability in the population.
public struct LevelProbability: Sendable, Encodable {
    public let level: String
    public let probability: Double
}

/// A level and its effect on a linear predictor (log hazard ratio, log odds, …), relative to the reference level.
public struct LevelEffect: Sendable, Encodable {
    public let level: String
    public let effect: Double
}

/// The calendar frame: when patients start and when the data are cut.
public struct CalendarParameters: Sendable, Encodable {
    public let formula = "index_date ~ Uniform{first_index_date … last_index_date} (every day equally likely)"
    public let firstIndexDate = "2024-01-01"
    public let lastIndexDate = "2025-12-31"
    /// Follow-up ends here for everyone; episodes still running are `ongoing` (administratively censored).
    public let dataCutoffDate = "2026-03-31"
    /// Episodes that last this many days end as `completed`.
    public let protocolEndDays = 365
}

/// Baseline characteristics: site, arm (medication × psychosocial support) and covariates.
public struct PopulationParameters: Sendable, Encodable {
    public let formula = """
        site, medication, psychosocial ~ independent categorical; arm = medication + "+" + psychosocial; \
        age = clamp(round(Normal(age_mean_years, age_standard_deviation_years)), age_minimum_years, age_maximum_years); \
        sex = female with female_probability; iv_use, homeless ~ Bernoulli; prior_episodes ~ Poisson(prior_episodes_mean), \
        left empty (missing completely at random) with prior_episodes_missing_probability
        """
    public let sites: [LevelProbability] = [
        .init(level: "site-A", probability: 0.25), .init(level: "site-B", probability: 0.20),
        .init(level: "site-C", probability: 0.20), .init(level: "site-D", probability: 0.15),
        .init(level: "site-E", probability: 0.12), .init(level: "site-F", probability: 0.08),
    ]
    public let medications: [LevelProbability] = [
        .init(level: "methadone", probability: 0.30), .init(level: "buprenorphine", probability: 0.50),
        .init(level: "naltrexone", probability: 0.20),
    ]
    /// `none` and `standard` (medication management) versus the enhanced supports.
    public let psychosocialSupports: [LevelProbability] = [
        .init(level: "none", probability: 0.20), .init(level: "standard", probability: 0.25),
        .init(level: "counseling", probability: 0.20), .init(level: "CBT", probability: 0.17),
        .init(level: "contingency-management", probability: 0.18),
    ]
    public let ageMeanYears = 38.0
    public let ageStandardDeviationYears = 11.0
    public let ageMinimumYears = 18
    public let ageMaximumYears = 70
    public let femaleProbability = 0.36
    public let injectionUseProbability = 0.42
    public let homelessProbability = 0.14
    public let priorEpisodesMean = 1.2
    public let priorEpisodesMissingProbability = 0.04
}

/// Effects of the baseline covariates on one linear predictor. The age term is `(age − 40)/10`, so the
/// intercept or baseline refers to a 40-year-old man without injection use, housed, with no prior episodes,
/// at the reference site on methadone without psychosocial support.
public struct CovariateEffects: Sendable, Encodable {
    public let medication: [LevelEffect]
    public let psychosocial: [LevelEffect]
    public let site: [LevelEffect]
    public let perTenYearsOfAgeAbove40: Double
    public let female: Double
    public let injectionUse: Double
    public let homeless: Double
    public let perPriorEpisode: Double
}

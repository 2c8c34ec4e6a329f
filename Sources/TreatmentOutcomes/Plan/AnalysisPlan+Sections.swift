/// The fixed schedule of one or more arms (a trial protocol), in days from the index day.
public struct ArmProtocol: Sendable, Hashable, Codable {
    /// The arm labels the protocol applies to.
    public var arms: [String]
    /// What the protocol is (printed in the report's methods text), e.g. "CTN-0027: 24 weeks of treatment".
    public var description: String
    /// Patients are observed through day `followUpDays − 1`: retention episodes still running then are censored,
    /// not counted as dropout.
    public var followUpDays: Int
    /// The medication phase, days `0 … medicationPhaseDays − 1`: the window of observed-dosing adherence.
    public var medicationPhaseDays: Int
    /// Facts of the protocol that change how its results read (a taper, an induction hurdle, a second
    /// randomisation), printed in the methods and beside the retention table. Optional.
    public var note: String?

    public init(arms: [String], description: String, followUpDays: Int, medicationPhaseDays: Int, note: String? = nil) {
        self.arms = arms
        self.description = description
        self.followUpDays = followUpDays
        self.medicationPhaseDays = medicationPhaseDays
        self.note = note
    }
}

/// The baseline section: how patients are grouped and which covariates are summarised.
public struct BaselinePlan: Sendable, Hashable, Codable {
    /// The covariate cross-tabulated with arm (`site` when the cohort has no such covariate). Default `site`.
    public var groupingCovariate: String
    /// The numeric covariate drawn as box plots by arm. Default `age`.
    public var chartedCovariate: String
    /// A categorical covariate with more levels than this is not summarised (its labels could identify
    /// patients). Default 20.
    public var maximumLevels: Int

    public init(groupingCovariate: String = "site", chartedCovariate: String = "age", maximumLevels: Int = 20) {
        self.groupingCovariate = groupingCovariate
        self.chartedCovariate = chartedCovariate
        self.maximumLevels = maximumLevels
    }
}

/// Retention in treatment (docs/Retention.md).
public struct RetentionPlan: Sendable, Hashable, Codable {
    /// G: an episode ends at the last covered day before the first run of more than G uncovered days. Default 7
    /// (HEDIS/NQF); 14, 30 and 60 are also used.
    public var allowedGapDays: Int
    /// Days at which the proportion retained is reported. Default 30, 90, 180, 365.
    public var horizonDays: [Int]
    /// Baseline covariates the Cox hazard ratios of each contrast are adjusted for. Default age and sex.
    public var adjustment: [String]
    /// Whose retention is measured. Default ``RetentionPopulation/assigned`` (intention to treat).
    public var population: RetentionPopulation

    public init(
        allowedGapDays: Int = 7, horizonDays: [Int] = [30, 90, 180, 365], adjustment: [String] = ["age", "sex"],
        population: RetentionPopulation = .assigned
    ) {
        self.allowedGapDays = allowedGapDays
        self.horizonDays = horizonDays
        self.adjustment = adjustment
        self.population = population
    }
}

/// The patients retention is measured on (docs/Retention.md, "Who is counted").
public enum RetentionPopulation: String, Sendable, Hashable, Codable, CaseIterable {
    /// Every patient of the arm (intention to treat): a patient with no treatment episode within the arm's
    /// observation (never started, or started after it ended) is retained 0 days, a discontinuation on day 0. The
    /// arm's N is the N of every other table, and the share that started is reported beside it (for a trial arm
    /// that starts after detoxification, its induction).
    case assigned
    /// Only patients with a treatment episode (those who started): retention from each patient's first covered day.
    case started
}

/// Adherence (docs/Adherence.md).
public struct AdherencePlan: Sendable, Hashable, Codable {
    /// Observed-dosing window of arms without a protocol: days `0 … windowDays − 1`. Default 180.
    public var windowDays: Int
    /// Whether a recorded discharge (episodes.csv) ends the window early. Default true.
    public var windowEndsAtDischarge: Bool
    /// Adherent = at least this share of expected days covered (observed dosing) or PDC (pharmacy). Default 0.8.
    public var threshold: Double
    /// Runs of at least this many consecutive missed dosing days are counted. Default 3.
    public var missedRunDays: Int
    /// Proportion of days covered from pharmacy fills: days of follow-up from the first fill. Default 180.
    public var pharmacyFollowUpDays: Int

    public init(
        windowDays: Int = 180, windowEndsAtDischarge: Bool = true, threshold: Double = 0.8, missedRunDays: Int = 3,
        pharmacyFollowUpDays: Int = 180
    ) {
        self.windowDays = windowDays
        self.windowEndsAtDischarge = windowEndsAtDischarge
        self.threshold = threshold
        self.missedRunDays = missedRunDays
        self.pharmacyFollowUpDays = pharmacyFollowUpDays
    }
}

/// Two arms to compare: `comparison` against `reference`.
public struct ArmPair: Sendable, Hashable, Codable {
    public var reference: String
    public var comparison: String

    public init(reference: String, comparison: String) {
        self.reference = reference
        self.comparison = comparison
    }
}

/// Which arms are compared, and what "medication alone" means.
public struct ContrastPlan: Sendable, Hashable, Codable {
    /// Psychosocial labels (compared case-insensitively) that mean medication alone: no support, or standard
    /// medical management only. Default `none`, `standard`.
    public var medicationAloneSupports: [String]
    /// The arm pairs to compare. Empty (the default): each arm with psychosocial support against the
    /// medication-alone arm of the same medication (the first of ``medicationAloneSupports`` that has an arm).
    public var pairs: [ArmPair]

    public init(medicationAloneSupports: [String] = ["none", "standard"], pairs: [ArmPair] = []) {
        self.medicationAloneSupports = medicationAloneSupports
        self.pairs = pairs
    }
}

/// Urine-screen outcomes (docs/UrineScreenOutcomes.md).
public struct UrineScreenPlan: Sendable, Hashable, Codable {
    /// Where the weekly use-pattern words come from.
    public enum WordSource: String, Sendable, Hashable, Codable, CaseIterable {
        /// The cohort's published words (named in its manifest) when it has them, else words built from screens.
        case publishedWhenAvailable
        /// Always words built from the cohort's screens and visits.
        case builtFromScreens
    }

    /// Default ``WordSource/publishedWhenAvailable``.
    public var words: WordSource
    /// Substances (as in screens.csv) that make a week positive. Empty (the default): the non-study opioids of
    /// each patient's medication.
    public var substances: [String]
    /// Weeks at which the proportion not relapsed is reported. Default 4, 8, 12.
    public var relapseWeeks: [Int]

    public init(words: WordSource = .publishedWhenAvailable, substances: [String] = [], relapseWeeks: [Int] = [4, 8, 12]) {
        self.words = words
        self.substances = substances
        self.relapseWeeks = relapseWeeks
    }

    /// The substances as the word builder takes them.
    public var screenedSubstances: ScreenedSubstances {
        substances.isEmpty ? .nonStudyOpioids : .named(Set(substances))
    }
}

/// Craving and withdrawal trends (docs/Craving.md).
public struct CravingPlan: Sendable, Hashable, Codable {
    /// Instruments to analyse (registry names). Empty (the default): every scored instrument.
    public var instruments: [String]
    /// Baseline: each patient's latest value on days `baselineFirstDay … baselineLastDay`. Default −14 … 0.
    public var baselineFirstDay: Int
    public var baselineLastDay: Int
    /// Follow-up weeks of change from baseline; the last one is the reliable-change week. Default 4 and 12.
    public var followUpWeeks: [Int]
    /// Follow-up value: the assessment closest to day 7·week within ± this many days. Default 3.
    public var windowDays: Int
    /// Test–retest pairs for the reliability: both assessments on or after this day… Default 14.
    public var retestFirstDay: Int
    /// …and this many days apart. Default 4 … 10.
    public var retestMinimumGapDays: Int
    public var retestMaximumGapDays: Int

    public init(
        instruments: [String] = [], baselineFirstDay: Int = -14, baselineLastDay: Int = 0, followUpWeeks: [Int] = [4, 12],
        windowDays: Int = 3, retestFirstDay: Int = 14, retestMinimumGapDays: Int = 4, retestMaximumGapDays: Int = 10
    ) {
        self.instruments = instruments
        self.baselineFirstDay = baselineFirstDay
        self.baselineLastDay = baselineLastDay
        self.followUpWeeks = followUpWeeks
        self.windowDays = windowDays
        self.retestFirstDay = retestFirstDay
        self.retestMinimumGapDays = retestMinimumGapDays
        self.retestMaximumGapDays = retestMaximumGapDays
    }
}

/// The relapse-risk model (docs/RelapseRisk.md).
public struct RelapseRiskPlan: Sendable, Hashable, Codable {
    /// Features use only records up to the end of this week. Default 3.
    public var landmarkWeek: Int
    /// The outcome, as `risk fit --outcome` takes it. Default `relapse` (CTN-0094 relapse by week 12).
    public var outcome: String
    /// Default ridge.
    public var penalty: RelapseRiskOptions.Penalty
    /// Cross-validation folds. Default 10.
    public var folds: Int
    /// Seed of the folds. Default 1.
    public var seed: UInt64
    /// A model is fitted only with at least this many patients with and without the outcome. Default 50.
    public var minimumPerOutcome: Int
    /// Baseline covariates. Empty (the default): every covariate but `trial`, categorical ones with at most 12 levels.
    public var covariates: [String]

    public init(
        landmarkWeek: Int = 3, outcome: String = "relapse", penalty: RelapseRiskOptions.Penalty = .ridge, folds: Int = 10,
        seed: UInt64 = 1, minimumPerOutcome: Int = 50, covariates: [String] = []
    ) {
        self.landmarkWeek = landmarkWeek
        self.outcome = outcome
        self.penalty = penalty
        self.folds = folds
        self.seed = seed
        self.minimumPerOutcome = minimumPerOutcome
        self.covariates = covariates
    }
}

/// Small-cell disclosure control (docs/ReportingConventions.md).
public struct DisclosurePlan: Sendable, Hashable, Codable {
    /// Counts from 1 to this minus 1 are withheld (CMS cell-size policy: 11). `--min-cell` overrides it.
    public var minimumCellSize: Int

    public init(minimumCellSize: Int = 11) {
        self.minimumCellSize = minimumCellSize
    }

    /// How a published median, quartile or percentile of patients' values is computed: the mean of the
    /// ``minimumCellSize`` order statistics around it (``QuantileRule/meanOfNeighbours(_:)``), so that it is never
    /// one patient's value (docs/ReportingConventions.md, "Quantiles"). Covariates declared with quantiles in the
    /// cohort manifest keep R's type 7 (the program has judged their values safe to show).
    public var publishedQuantiles: QuantileRule { .meanOfNeighbours(minimumCellSize) }
}

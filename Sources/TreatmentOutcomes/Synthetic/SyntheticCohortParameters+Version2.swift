/// Version 2: psychosocial support assigned from the baseline covariates that also drive dropout (confounding by
/// indication), instead of independently of them (docs/SyntheticCohort.md, "Version 2").
///
/// ```
/// within each medication:  P(support_i = 1 | x_i) = logistic(intercept + γ·x_i)
/// γ·x = per_ten_years_of_age_above40·(age − 40)/10 + injection_use·iv_use + homeless·homeless
///       + per_prior_episode·prior_episodes
/// support = 1: psychosocial ∈ support_levels, 0: ∈ alone_levels, each with the population's probabilities renormalised
/// ```
/// The signs make sicker patients (younger, injecting, homeless, more prior episodes) more likely to be given support,
/// and the same covariates raise the dropout hazard, so the crude support-against-alone contrast is biased towards
/// harm. The alone levels are the analysis plan's default `contrasts.medicationAloneSupports` (docs/Balance.md).
public struct SupportAssignmentParameters: Sendable, Encodable {
    public let formula = """
        within each medication, P(support_i = 1 | x_i) = logistic(intercept \
        + per_ten_years_of_age_above40·(age − 40)/10 + injection_use·iv_use + homeless·homeless \
        + per_prior_episode·prior_episodes) (log odds ratios); \
        support = 1: psychosocial drawn from support_levels, 0: from alone_levels, each with the probabilities of \
        population.psychosocial_supports renormalised within the group; the medication, site and covariates are \
        drawn as in population (same stream and order as version 1)
        """
    public let intercept = -0.55
    public let logOddsRatioPerTenYearsOfAgeAbove40 = -0.30
    public let logOddsRatioInjectionUse = 0.60
    public let logOddsRatioHomeless = 0.80
    public let logOddsRatioPerPriorEpisode = 0.30
    public let supportLevels = ["counseling", "CBT", "contingency-management"]
    public let aloneLevels = ["none", "standard"]
}

/// Version 2: the dropout hazard falls with the psychosocial sessions attended in the look-back window, the exposure
/// of docs/Balance.md ("Exposures"), evaluated day by day.
///
/// ```
/// h(t | x, S) = h₀(t)·exp(β·x + log_hazard_ratio_per_session·S(d))     t ∈ (d − 1, d], d = 1, 2, …
/// S(d) = attended visits of session_visit_kinds on days d − look_back_days … d − 1
/// ```
/// On the analysis clock (retention days = end day + 1) the interval (d, d + 1] holding a dropout on day d has the
/// exposure of record days d − L … d − 1, the same S(d), so the Cox model of docs/Balance.md is the true model up to
/// the unspecified baseline hazard.
public struct EngagementParameters: Sendable, Encodable {
    public let formula = """
        dropout hazard on (d − 1, d] multiplied by exp(log_hazard_ratio_per_session·S(d)), S(d) = visits of \
        session_visit_kinds with status attended on days d − look_back_days … d − 1; attendance a_i ~ \
        Beta(visits.attendance_beta_alpha, visits.attendance_beta_beta) from the patient's engagement stream, which \
        also draws the status of every psychosocial visit scheduled up to protocol_end_days (attended with \
        probability a_i·visits.psychosocial_attendance_factor) before the episode is drawn; the visits written are \
        those on days up to the episode end; medical visits use the same a_i; attendance does not affect dropout \
        except through S
        """
    public let logHazardRatioPerSession = -0.15
    public let lookBackDays = 28
    public let sessionVisitKinds = ["counseling", "group", "peer"]
}

/// Version 2: what the analyses of docs/Balance.md estimate on a version-2 cohort, and their true values.
///
/// - Engagement (``EngagementAnalysis``, by medication, adjusted for age, sex, iv_use, homeless and prior_episodes
///   by the default `balance.engagementCovariates`, the propensity covariates; site is not a covariate of the
///   input format): the log hazard ratio
///   per session is ``EngagementParameters/logHazardRatioPerSession`` and that of the covered proportion 0.
/// - Support against alone (``SupportComparison``): a marginal hazard ratio, which differs from any conditional one
///   (hazard ratios are not collapsible). Its true value is the Cox log hazard ratio of support in a counterfactual
///   cohort where every patient of the medication is simulated once with support and once alone (same covariates,
///   same censoring), estimated by Monte Carlo (Austin, Stat Med 2013;32:2837, doi:10.1002/sim.5705): the mean over
///   `monte_carlo_replicates` replicates of `monte_carlo_patients_per_replicate` patients, with its Monte Carlo
///   standard error SD/√replicates. The naive value is the unweighted Cox log hazard ratio of the observed (confounded)
///   assignment on the same patients: what the crude contrast converges to.
public struct SyntheticEstimands: Sendable, Encodable {
    public let engagementFormula = """
        by-medication Cox model of dropout on the engagement intervals, adjusted for every baseline covariate of the \
        dropout hazard: coefficient of sessions = engagement.log_hazard_ratio_per_session, of covered proportion = \
        covered_proportion_log_hazard_ratio
        """
    public let engagementLogHazardRatioPerSession = EngagementParameters().logHazardRatioPerSession
    public let coveredProportionLogHazardRatio = 0.0
    public let supportFormula = """
        per medication m: log_hazard_ratio = mean over replicates of the Cox (Efron) coefficient of support in a \
        cohort of monte_carlo_patients_per_replicate patients of medication m each simulated with support and alone \
        (time = end day + 1, event = dropout, others censored); naive_log_hazard_ratio = the same with the observed \
        assignment, unweighted; monte_carlo_standard_error = SD over replicates / √monte_carlo_replicates
        """
    public let monteCarloReplicates = 20
    public let monteCarloPatientsPerReplicate = 100_000
    public let monteCarloSeed: UInt64 = 20_261_206
    /// From `synthetic-coverage --truth` (release build, 89 s): 20 replicates of 100,000 patients per medication.
    public let supportAgainstAlone: [MarginalHazardRatio] = [
        .init(medication: "methadone", logHazardRatio: -0.20393, monteCarloStandardError: 0.00033,
              naiveLogHazardRatio: -0.05705, naiveMonteCarloStandardError: 0.00139),
        .init(medication: "buprenorphine", logHazardRatio: -0.20214, monteCarloStandardError: 0.00029,
              naiveLogHazardRatio: -0.05717, naiveMonteCarloStandardError: 0.00141),
        .init(medication: "naltrexone", logHazardRatio: -0.19663, monteCarloStandardError: 0.00024,
              naiveLogHazardRatio: -0.05467, naiveMonteCarloStandardError: 0.00145),
    ]
}

/// The true marginal log hazard ratio of support against medication alone for one medication, and the value the
/// crude (unweighted) contrast converges to, each with its Monte Carlo standard error.
public struct MarginalHazardRatio: Sendable, Encodable {
    public let medication: String
    public let logHazardRatio: Double
    public let monteCarloStandardError: Double
    public let naiveLogHazardRatio: Double
    public let naiveMonteCarloStandardError: Double
}

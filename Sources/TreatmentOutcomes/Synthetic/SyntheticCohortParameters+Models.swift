/// Retention: time to dropout with competing discharge reasons, completion and administrative censoring.
public struct RetentionParameters: Sendable, Encodable {
    public let formula: String
    public let dropoutWeibullShape = 0.75
    public let dropoutWeibullScaleDays = 200.0
    public let dropoutLogHazardRatios: CovariateEffects
    public let competingRisks: [CompetingRisk] = [
        CompetingRisk(endReason: "transferred", ratePerDay: 0.0004),
        CompetingRisk(endReason: "incarcerated", ratePerDay: 0.00015, logHazardRatioInjectionUse: 0.30,
                      logHazardRatioHomeless: 0.60),
        CompetingRisk(endReason: "died", ratePerDay: 0.00004, logHazardRatioInjectionUse: 0.70,
                      logHazardRatioPerTenYearsOfAgeAbove40: 0.40),
        CompetingRisk(endReason: "administrative", ratePerDay: 0.0002),
    ]

    /// Version 1.
    public init() {
        self.init(formula: Self.version1Formula, dropoutLogHazardRatios: Self.version1DropoutLogHazardRatios)
    }

    private init(formula: String, dropoutLogHazardRatios: CovariateEffects) {
        self.formula = formula
        self.dropoutLogHazardRatios = dropoutLogHazardRatios
    }

    static let version1Formula = """
        T_dropout: Weibull proportional hazards, h(t | x) = (k/λ)·(t/λ)^(k−1)·exp(β·x), t in days since index, \
        k = dropout_weibull_shape, λ = dropout_weibull_scale_days, β = dropout_log_hazard_ratios; \
        T_r for each competing reason r: exponential, h_r(t | x) = rate_per_day·exp(β_r·x); \
        T = min over all causes, end day = max(1, ceil(T)); if end day > protocol_end_days the episode is \
        completed at day protocol_end_days; if the end day is after the data cut-off the episode is ongoing \
        and ends at the cut-off date
        """
    static let version1DropoutLogHazardRatios = CovariateEffects(
        medication: [.init(level: "methadone", effect: 0), .init(level: "buprenorphine", effect: 0.20),
                     .init(level: "naltrexone", effect: 0.55)],
        psychosocial: [.init(level: "none", effect: 0), .init(level: "standard", effect: -0.10),
                       .init(level: "counseling", effect: -0.25), .init(level: "CBT", effect: -0.30),
                       .init(level: "contingency-management", effect: -0.45)],
        site: [.init(level: "site-A", effect: 0), .init(level: "site-B", effect: 0.10),
               .init(level: "site-C", effect: -0.10), .init(level: "site-D", effect: 0.20),
               .init(level: "site-E", effect: -0.15), .init(level: "site-F", effect: 0.05)],
        perTenYearsOfAgeAbove40: -0.20, female: -0.10, injectionUse: 0.30, homeless: 0.40, perPriorEpisode: 0.05)

    /// Version 2: no direct effect of the psychosocial level; support acts through the sessions attended
    /// (``EngagementParameters``), and the hazard is simulated day by day.
    static let version2 = RetentionParameters(
        formula: """
            T_dropout: h(t | x, S) = (k/λ)·(t/λ)^(k−1)·exp(β·x + engagement.log_hazard_ratio_per_session·S(d)) \
            for t in (d − 1, d], d = 1, 2, …, t in days since index, S(d) = psychosocial sessions attended on \
            days d − engagement.look_back_days … d − 1 (see engagement), k = dropout_weibull_shape, \
            λ = dropout_weibull_scale_days, β = dropout_log_hazard_ratios (psychosocial effects 0: support acts \
            through sessions); \
            T_r for each competing reason r: exponential, h_r(t | x) = rate_per_day·exp(β_r·x); \
            T = min over all causes, end day = max(1, ceil(T)); if end day > protocol_end_days the episode is \
            completed at day protocol_end_days; if the end day is after the data cut-off the episode is ongoing \
            and ends at the cut-off date
            """,
        dropoutLogHazardRatios: CovariateEffects(
            medication: version1DropoutLogHazardRatios.medication,
            psychosocial: version1DropoutLogHazardRatios.psychosocial.map { .init(level: $0.level, effect: 0) },
            site: version1DropoutLogHazardRatios.site,
            perTenYearsOfAgeAbove40: version1DropoutLogHazardRatios.perTenYearsOfAgeAbove40,
            female: version1DropoutLogHazardRatios.female, injectionUse: version1DropoutLogHazardRatios.injectionUse,
            homeless: version1DropoutLogHazardRatios.homeless,
            perPriorEpisode: version1DropoutLogHazardRatios.perPriorEpisode))
}

/// A discharge reason that competes with dropout: constant baseline hazard with a few covariate effects.
public struct CompetingRisk: Sendable, Encodable {
    public let endReason: String
    public let ratePerDay: Double
    public var logHazardRatioInjectionUse = 0.0
    public var logHazardRatioHomeless = 0.0
    public var logHazardRatioPerTenYearsOfAgeAbove40 = 0.0
}

/// Adherence: observed methadone doses, buprenorphine fills, naltrexone injections.
public struct AdherenceParameters: Sendable, Encodable {
    public let methadoneFormula = """
        p_i ~ Beta(dose_probability_beta_alpha, dose_probability_beta_beta); on each day 0…end of the episode a \
        dose is observed with probability p_i; amount = min(target_i, induction_dose_mg + \
        titration_step_mg·floor(day / titration_interval_days)), target_i ~ Uniform{60, 65, …, 120} mg
        """
    public let doseProbabilityBetaAlpha = 6.0
    public let doseProbabilityBetaBeta = 2.0
    public let inductionDoseMg = 30
    public let titrationStepMg = 10
    public let titrationIntervalDays = 3
    public let targetDoseMinimumMg = 60
    public let targetDoseMaximumMg = 120
    public let targetDoseStepMg = 5

    public let buprenorphineFormula = """
        fills on day 0 and then on previous fill day + days_supply + lateness while the fill day is within the \
        episode; the first induction_fills fills supply induction_supply_days; later fills supply s_i, drawn once \
        per patient from maintenance_supply_days; lateness = floor(m_i·E), E ~ Exponential(1), \
        m_i ~ Exponential(mean = buprenorphine_mean_lateness_days)
        """
    public let buprenorphineDrug = "buprenorphine-naloxone"
    public let inductionSupplyDays = 7
    public let inductionFills = 2
    public let maintenanceSupplyDays: [LevelProbability] = [
        .init(level: "14", probability: 0.6), .init(level: "28", probability: 0.4),
    ]
    public let buprenorphineMeanLatenessDays = 2.5

    public let naltrexoneFormula = """
        extended-release injections recorded in doses.csv with amount 1 on day 0 and then every \
        injection_interval_days + lateness days while within the episode; lateness as for buprenorphine with \
        mean naltrexone_mean_lateness_days
        """
    public let injectionIntervalDays = 28
    public let naltrexoneMeanLatenessDays = 3.0
}

/// Craving: a linear mixed model on the Brief Substance Craving Scale total (0–12), observed through items and a VAS.
public struct CravingParameters: Sendable, Encodable {
    public let formula = """
        y_ij = intercept + slope_per_week·t_ij + enhanced_intercept·E_i + enhanced_slope_per_week·E_i·t_ij \
        + b0_i + b1_i·t_ij + ε_ij, t in weeks since index (day/7), E_i = 1 for counseling, CBT or \
        contingency-management; (b0_i, b1_i) ~ N(0, random_effects_covariance), ε_ij ~ N(0, residual_standard_deviation²); \
        observed: BSCS items intensity, frequency, duration = clamp(round(y/3 + N(0, item_noise_standard_deviation²)), 0, 4); \
        craving VAS total = clamp(round(100·y/12), 0, 100)
        """
    public let intercept = 7.0
    public let slopePerWeek = -0.06
    public let enhancedIntercept = 0.0
    public let enhancedSlopePerWeek = -0.04
    public let randomInterceptStandardDeviation = 2.0
    public let randomSlopeStandardDeviationPerWeek = 0.08
    public let randomEffectsCorrelation = -0.3
    /// [[var(b0), cov(b0, b1)], [cov(b0, b1), var(b1)]] in score², score²/week and score²/week²; equals
    /// correlation·SD·SD off the diagonal (checked by a test).
    public let randomEffectsCovariance: [[Double]] = [[4.0, -0.048], [-0.048, 0.0064]]
    public let residualStandardDeviation = 1.5
    public let itemNoiseStandardDeviation = 0.4
    public let scheduleFormula = """
        assessments on day 0 and then every 14 + Uniform{0…14} days while within the episode; each is skipped \
        with probability missed_assessment_probability; the sites in vas_sites record the craving VAS, the \
        others the three BSCS items
        """
    public let missedAssessmentProbability = 0.10
    public let vasSites = ["site-C", "site-E"]
    public let withdrawalFormula = """
        COWS total = clamp(round(N(cows_day0_mean + cows_injection_use_increase·iv_use, cows_standard_deviation²)), 0, 48) \
        on day 0; buprenorphine patients also on day 1 with mean lowered by cows_day1_decrease
        """
    public let cowsDay0Mean = 11.0
    public let cowsInjectionUseIncrease = 3.0
    public let cowsDay1Decrease = 5.0
    public let cowsStandardDeviation = 4.0

}

/// Urine drug screens at attended medical visits.
public struct UrineScreenParameters: Sendable, Encodable {
    public let formula = """
        a specimen is collected at each attended medical visit (none at missed ones); week w = day/7; \
        logit P(opioid positive) = baseline_log_odds + u_i on day 0 and intercept + medication + psychosocial \
        + u_i + relapse_log_odds_ratio·1[day ≥ relapse day] after it, u_i ~ N(0, random_intercept_standard_deviation²); \
        fentanyl tested when w is a multiple of 4: P(+) = fentanyl_positive_given_opioid_positive or …_negative; \
        cocaine tested when w is a multiple of 8: logit P(+) = cocaine_intercept + cocaine_injection_use·iv_use \
        + cocaine_after_relapse·1[relapsed]; with probability invalid_specimen_probability every result of the \
        specimen is invalid
        """
    public let baselineLogOdds = 1.5
    public let intercept = -1.4
    public let medicationLogOdds: [LevelEffect] = [
        .init(level: "methadone", effect: 0), .init(level: "buprenorphine", effect: 0.20),
        .init(level: "naltrexone", effect: 0.40),
    ]
    public let psychosocialLogOdds: [LevelEffect] = [
        .init(level: "none", effect: 0), .init(level: "standard", effect: -0.10),
        .init(level: "counseling", effect: -0.30), .init(level: "CBT", effect: -0.35),
        .init(level: "contingency-management", effect: -0.60),
    ]
    public let randomInterceptStandardDeviation = 1.2
    public let relapseLogOddsRatio = 2.5
    public let fentanylPositiveGivenOpioidPositive = 0.6
    public let fentanylPositiveGivenOpioidNegative = 0.03
    public let cocaineIntercept = -2.2
    public let cocaineInjectionUse = 0.8
    public let cocaineAfterRelapse = 0.5
    public let invalidSpecimenProbability = 0.015
}

/// Relapse: a latent patient-level return to use that raises screen positivity from its day on.
public struct RelapseParameters: Sendable, Encodable {
    public let formula = """
        logit P(relapse_i) = intercept + β·x_i (β = log_odds_ratios); for those who relapse, \
        relapse day = minimum_day + floor(mean_delay_days·E), E ~ Exponential(1); relapse is independent of \
        retention given the covariates
        """
    public let intercept = -0.30
    public let logOddsRatios = CovariateEffects(
        medication: [.init(level: "methadone", effect: 0), .init(level: "buprenorphine", effect: 0.10),
                     .init(level: "naltrexone", effect: 0.35)],
        psychosocial: [.init(level: "none", effect: 0), .init(level: "standard", effect: -0.10),
                       .init(level: "counseling", effect: -0.30), .init(level: "CBT", effect: -0.35),
                       .init(level: "contingency-management", effect: -0.50)],
        site: [.init(level: "site-A", effect: 0), .init(level: "site-B", effect: 0),
               .init(level: "site-C", effect: 0), .init(level: "site-D", effect: 0),
               .init(level: "site-E", effect: 0), .init(level: "site-F", effect: 0)],
        perTenYearsOfAgeAbove40: -0.25, female: -0.10, injectionUse: 0.60, homeless: 0.45, perPriorEpisode: 0.10)
    public let minimumDay = 14
    public let meanDelayDays = 45.0
}

/// Scheduled visits and attendance.
public struct VisitParameters: Sendable, Encodable {
    public let formula = """
        medical visits on days 0, 7, 14, … within the episode; psychosocial visits on day 3 of a week: \
        counseling and CBT → kind counseling, contingency-management → kind group, both weekly in weeks \
        0–11 and then in even weeks; \
        standard → kind peer every 28 days, none → no visits; a_i ~ Beta(attendance_beta_alpha, attendance_beta_beta); \
        medical visit attended with probability a_i, psychosocial with a_i·psychosocial_attendance_factor; \
        otherwise missed, cancelled or excused with non_attendance_status_probabilities
        """
    public let attendanceBetaAlpha = 9.0
    public let attendanceBetaBeta = 2.0
    public let psychosocialAttendanceFactor = 0.9
    public let nonAttendanceStatusProbabilities: [LevelProbability] = [
        .init(level: "missed", probability: 0.60), .init(level: "cancelled", probability: 0.25),
        .init(level: "excused", probability: 0.15),
    ]
}

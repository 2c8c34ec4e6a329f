import OutcomeStats

/// The options of each measure, derived from the plan: the only place the report, the CLI and library callers get
/// them from, so that one setting means one thing everywhere.
extension AnalysisPlan {
    /// Retention episodes: the plan's gap rule and injection coverage; protocol arms observed through their
    /// follow-up day, every other patient through their last record.
    public var retentionOptions: RetentionOptions {
        var followUp: [String: Int] = [:]
        for entry in protocols { for arm in entry.arms { followUp[arm] = entry.followUpDays } }
        return RetentionOptions(
            allowedGapDays: retention.allowedGapDays,
            observationEnd: followUp.isEmpty ? .lastRecord : .throughDayByArm(followUp),
            naltrexoneDoseCoverageDays: naltrexoneInjectionCoverageDays)
    }

    /// Observed-dosing windows: a protocol arm's medication phase (days `0 … medicationPhaseDays − 1`), else days
    /// `0 … adherence.windowDays − 1`; cut at a recorded discharge when ``AdherencePlan/windowEndsAtDischarge``.
    public func treatmentWindows(for cohort: Cohort) -> TreatmentWindows {
        let arm = cohort.patients.arm
        let fixed = DayInterval(first: 0, length: adherence.windowDays)
        let byCode = arm.levels.map { label in
            protocolOf(arm: label).map { DayInterval(first: 0, length: $0.medicationPhaseDays) } ?? fixed
        }
        return TreatmentWindows(cohort: cohort, endsAtDischarge: adherence.windowEndsAtDischarge) { patient in
            let code = arm.codes[patient]
            return code < 0 ? fixed : byCode[Int(code)]
        }
    }

    public var observedDosingOptions: ObservedDosingOptions {
        ObservedDosingOptions(missedRunThreshold: adherence.missedRunDays, injectionDays: naltrexoneInjectionCoverageDays)
    }

    public var quarterlyPDCOptions: QuarterlyPDCOptions {
        QuarterlyPDCOptions(cohort: .inducted(followUpDays: adherence.pharmacyFollowUpDays), threshold: adherence.threshold)
    }

    /// Proportion of days covered per patient: the period is days 0 … pharmacyFollowUpDays − 1 after the index
    /// day, the treatment period starting at the first fill in it (PQA), adherent at the plan's threshold. Where the
    /// index day is the first fill (program records usually index on it) this is the quarterly PDC's "follow-up days
    /// from the first fill"; a first fill later than the index day gets the rest of the period.
    public var pdcOptions: PDCOptions {
        PDCOptions(
            period: DayInterval(first: 0, length: adherence.pharmacyFollowUpDays), startsAtFirstFill: true,
            threshold: adherence.threshold)
    }

    /// Words built from screens: the plan's week convention and substances.
    public var weeklyUsePatternOptions: WeeklyUsePatternOptions {
        WeeklyUsePatternOptions(substances: urineScreens.screenedSubstances, firstDayOfWeekOne: weekOneStartDay)
    }

    /// Where a cohort's words come from under this plan: its published words when it has them and the plan allows,
    /// else words built from its screens.
    public func usePatternProvider(for cohort: Cohort) -> UsePatternProvider {
        if urineScreens.words == .publishedWhenAvailable, let published = cohort.publishedUsePatterns {
            return .published(published.file, description: published.description)
        }
        return .builtFromScreens(weeklyUsePatternOptions)
    }

    /// The relapse-risk model: landmark at the end of ``RelapseRiskPlan/landmarkWeek`` under the plan's week
    /// convention; indicators need the small-cell minimum on each side; covariates screened by the plan's
    /// covariate policy.
    /// - Throws: ``RelapseRiskError`` for an outcome that does not parse (a checked plan never has one).
    public func relapseRiskOptions(featureSet: RelapseRiskOptions.FeatureSet = .landmark) throws -> RelapseRiskOptions {
        RelapseRiskOptions(
            landmark: RelapseRiskLandmark(week: relapseRisk.landmarkWeek, firstDayOfWeekOne: weekOneStartDay),
            featureSet: featureSet, outcome: try RelapseOutcome(parsing: relapseRisk.outcome),
            covariates: relapseRisk.covariates.isEmpty ? nil : relapseRisk.covariates, penalty: relapseRisk.penalty,
            foldCount: relapseRisk.folds, seed: relapseRisk.seed,
            minimumIndicatorCount: disclosure.minimumCellSize, covariatePolicy: CovariatePolicy(plan: self),
            substances: urineScreens.screenedSubstances,
            naltrexoneInjectionCoverageDays: naltrexoneInjectionCoverageDays)
    }

    public var symptomTrajectoryOptions: SymptomTrajectory.Options {
        SymptomTrajectory.Options(
            baselineDays: Int32(craving.baselineFirstDay)...Int32(craving.baselineLastDay),
            followUpWeeks: craving.followUpWeeks, windowDays: Int32(craving.windowDays),
            retestFirstDay: Int32(craving.retestFirstDay),
            retestGapDays: Int32(craving.retestMinimumGapDays)...Int32(craving.retestMaximumGapDays))
    }
}

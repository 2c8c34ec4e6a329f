import Foundation
import OutcomeStats

/// How a relapse-risk model is fitted and validated.
public struct RelapseRiskOptions: Sendable, Hashable {
    /// How the logistic likelihood is penalised.
    public enum Penalty: String, Sendable, Hashable, CaseIterable, Codable {
        /// Maximum likelihood (R's glm).
        case none
        /// Ridge with λ chosen by seeded stratified cross-validation inside each training set.
        case ridge
        /// Firth's bias-reduced likelihood (rare outcomes, separation).
        case firth
    }

    /// Which features enter.
    public enum FeatureSet: String, Sendable, Hashable, CaseIterable, Codable {
        /// Baseline covariates, arm, and everything observed in treatment up to the landmark.
        case landmark
        /// Baseline covariates and arm only (what the published CTN-0094 comparisons used).
        case baseline
    }

    public var landmark: RelapseRiskLandmark
    public var featureSet: FeatureSet
    public var outcome: RelapseOutcome
    /// Baseline covariates to use; `nil` for every covariate the covariate policy lets through except `trial` and
    /// categorical ones with more than ``maximumLevels`` levels. Naming one the policy leaves out is an error.
    public var covariates: [String]?
    public var penalty: Penalty
    /// The ridge λ grid (per standardised coefficient).
    public var ridgeGrid: [Double]
    public var foldCount: Int
    public var seed: UInt64
    /// When set, this share of patients (stratified, seeded) is held out: the model is fitted and cross-validated
    /// on the rest and evaluated once on them.
    public var heldOutFraction: Double?
    /// An indicator (a categorical level, an arm, a missing flag) enters only when at least this many training
    /// patients have it and at least this many do not (11, the small-cell minimum, as ``AnalysisPlan`` gives it).
    public var minimumIndicatorCount: Int
    /// Categorical covariates with more levels than this are left out of the default covariates.
    public var maximumLevels: Int
    /// Which covariates may enter the model, and so its file (``CovariatePolicy``): the fit screens the cohort's
    /// covariates first (rare levels merged into `Other`). Default: the policy at ``minimumIndicatorCount``.
    public var covariatePolicy: CovariatePolicy
    /// Which screen results make a week positive.
    public var substances: ScreenedSubstances
    /// Days one extended-release naltrexone injection covers in the observed-dosing features
    /// (``AnalysisPlan/naltrexoneInjectionCoverageDays``).
    public var naltrexoneInjectionCoverageDays: Int

    public init(
        landmark: RelapseRiskLandmark = RelapseRiskLandmark(), featureSet: FeatureSet = .landmark, outcome: RelapseOutcome = .ctn0094Relapse,
        covariates: [String]? = nil, penalty: Penalty = .ridge,
        ridgeGrid: [Double] = (0..<9).map { pow(10, -2 + Double($0) / 2) }, foldCount: Int = 10, seed: UInt64 = 1,
        heldOutFraction: Double? = nil, minimumIndicatorCount: Int = 11, maximumLevels: Int = 12,
        covariatePolicy: CovariatePolicy? = nil, substances: ScreenedSubstances = .nonStudyOpioids,
        naltrexoneInjectionCoverageDays: Int = 28
    ) {
        precondition(foldCount >= 2, "Cross-validation needs at least two folds")
        precondition(heldOutFraction.map { $0 > 0 && $0 < 0.5 } ?? true, "A held-out fraction lies in (0, 0.5)")
        self.landmark = landmark
        self.featureSet = featureSet
        self.outcome = outcome
        self.covariates = covariates
        self.penalty = penalty
        self.ridgeGrid = ridgeGrid
        self.foldCount = foldCount
        self.seed = seed
        self.heldOutFraction = heldOutFraction
        self.minimumIndicatorCount = minimumIndicatorCount
        self.maximumLevels = maximumLevels
        self.covariatePolicy = covariatePolicy ?? CovariatePolicy(minimumCellSize: minimumIndicatorCount)
        self.substances = substances
        self.naltrexoneInjectionCoverageDays = naltrexoneInjectionCoverageDays
    }

    /// The cohort with its covariates screened by ``covariatePolicy``, the covariates the model may use (``covariates``,
    /// or by default every screened one but `trial` and categorical ones with more than ``maximumLevels`` levels), and
    /// those of them whose rare levels were merged into `Other`.
    /// - Throws: ``RelapseRiskError`` `.excludedCovariate` when ``covariates`` names one the policy leaves out.
    func screening(_ cohort: Cohort) throws(RelapseRiskError) -> (cohort: Cohort, covariates: [String], merged: [String]) {
        let (screened, screening) = covariatePolicy.screen(cohort)
        let names: [String]
        if let covariates {
            if let excluded = screening.exclusions.first(where: { covariates.contains($0.name) }) {
                throw RelapseRiskError(
                    .excludedCovariate,
                    "covariate '\(excluded.name)' is left out by the covariate policy (\(excluded.reason)); "
                        + "see docs/CovariatePolicy.md")
            }
            names = covariates
        } else {
            names = screened.patients.covariates.filter { covariate in
                guard covariate.name != "trial" else { return false }
                if case .categorical(let column) = covariate.values { return column.levels.count <= maximumLevels }
                return true
            }.map(\.name)
        }
        return (screened, names, screening.pooled.filter(names.contains))
    }

    var patternOptions: WeeklyUsePatternOptions {
        WeeklyUsePatternOptions(
            substances: substances, firstDayOfWeekOne: landmark.firstDayOfWeekOne, minimumWeeks: landmark.week)
    }

    var substanceNames: [String]? {
        if case .named(let names) = substances { return names.sorted() }
        return nil
    }
}

import OutcomeStats

/// Discrimination and calibration of predicted risks against observed 0/1 outcomes.
public struct PredictionPerformance: Sendable {
    public let count: Int
    public let events: Int
    /// `nil` when all outcomes are equal.
    public let auc: AreaUnderCurve?
    public let calibration: ProbabilityCalibration
    public let deciles: CalibrationTable

    public init(outcome: [Double], risks: [Double]) {
        count = outcome.count
        events = Int(outcome.reduce(0, +))
        auc = AreaUnderCurve(outcome: outcome, scores: risks)
        calibration = ProbabilityCalibration(outcome: outcome, probabilities: risks)
        deciles = CalibrationTable(outcome: outcome, probabilities: risks)
    }
}

/// How well a relapse-risk model predicts, honestly.
///
/// - apparent: the final model's predictions on the patients it was fitted on (optimistic);
/// - cross-validated: k-fold, stratified, seeded; every step that learns from data (choice of indicator levels,
///   imputation, standardisation, the ridge λ by an inner cross-validation, the coefficients) is redone on each
///   training part, and each patient is predicted by the model that did not see them; the pooled out-of-fold
///   predictions are scored;
/// - optimism = apparent − cross-validated (AUC; Brier the other way round);
/// - held-out: when asked, a stratified share never used in fitting or cross-validation, scored once.
public struct RelapseRiskValidation: Sendable {
    public let apparent: PredictionPerformance
    public let crossValidated: PredictionPerformance
    /// Out-of-fold risks, aligned with ``rows``.
    public let outOfFoldRisks: [Double]
    /// The patient indices (cohort order) fitted and cross-validated: every patient, or those not held out.
    public let rows: [Int]
    public let folds: StratifiedFolds
    public let heldOut: PredictionPerformance?
    public let heldOutRows: [Int]

    /// Apparent AUC − cross-validated AUC.
    public var aucOptimism: Double? {
        guard let apparent = apparent.auc, let validated = crossValidated.auc else { return nil }
        return apparent.estimate - validated.estimate
    }
}

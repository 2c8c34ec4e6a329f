import Foundation

/// Accuracy and calibration of predicted probabilities pᵢ for 0/1 outcomes yᵢ.
///
/// ```
/// Brier = (1/n) Σ (yᵢ − pᵢ)²;  scaled Brier = 1 − Brier / (ȳ(1 − ȳ))
/// calibration-in-the-large a:  logit P(y) = a + offset(logit p)
/// weak calibration (a, b):     logit P(y) = a + b·logit p
/// p clamped to [1e-15, 1 − 1e-15] before the logit
/// ```
/// Steyerberg E.W. et al., "Assessing the performance of prediction models", Epidemiology 21 (2010) 128–138,
/// doi:10.1097/EDE.0b013e3181c30fb2; Van Calster B. et al., J. Clin. Epidemiol. 74 (2016) 167–176. The scaled Brier
/// uses ȳ; OHDSI PatientLevelPrediction uses the mean prediction p̄ instead (``scaledBrierUsingMeanPrediction``).
/// The intercept and slope are maximum-likelihood logistic fits (R's `glm`); with perfect separation of y by p they
/// carry the fit's warnings in ``calibrationConvergence``.
public struct ProbabilityCalibration: Sendable {
    public let count: Int
    public let observedRate: Double
    public let meanPrediction: Double
    public let brier: Double
    /// `nil` when all outcomes are equal (ȳ(1 − ȳ) = 0).
    public let scaledBrier: Double?
    public let scaledBrierUsingMeanPrediction: Double?
    /// `nil` when all outcomes are equal.
    public let calibrationInTheLarge: Double?
    public let calibrationIntercept: Double?
    public let calibrationSlope: Double?
    public let calibrationConvergence: ConvergenceReport?

    /// - Precondition: equal lengths, at least one row, outcomes 0/1, probabilities in [0, 1].
    public init(outcome: [Double], probabilities: [Double]) {
        precondition(outcome.count == probabilities.count && !outcome.isEmpty, "Calibration needs paired, non-empty data")
        precondition(probabilities.allSatisfy { $0 >= 0 && $0 <= 1 }, "Probabilities must lie in [0, 1]")
        let n = Double(outcome.count)
        count = outcome.count
        observedRate = outcome.reduce(0, +) / n
        meanPrediction = probabilities.reduce(0, +) / n
        brier = zip(outcome, probabilities).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / n
        let spread = observedRate * (1 - observedRate), predictedSpread = meanPrediction * (1 - meanPrediction)
        scaledBrier = spread > 0 ? 1 - brier / spread : nil
        scaledBrierUsingMeanPrediction = predictedSpread > 0 ? 1 - brier / predictedSpread : nil
        let logits = probabilities.map { p -> Double in
            let clamped = min(max(p, 1e-15), 1 - 1e-15)
            return log(clamped / (1 - clamped))
        }
        guard spread > 0 else {
            calibrationInTheLarge = nil
            calibrationIntercept = nil
            calibrationSlope = nil
            calibrationConvergence = nil
            return
        }
        calibrationInTheLarge = Self.interceptWithOffset(outcome: outcome, offsets: logits)
        var design = Matrix(rows: outcome.count, columns: 2, repeating: 1)
        for (i, value) in logits.enumerated() { design[i, 1] = value }
        let weak = try? LogisticRegression().fit(design: design, outcome: outcome)
        calibrationIntercept = weak?.coefficients[0]
        calibrationSlope = weak?.coefficients[1] ?? nil
        calibrationConvergence = weak?.convergence
    }

    /// The root a of Σ (yᵢ − expit(a + oᵢ)) = 0 by safeguarded Newton (the score is monotone in a).
    static func interceptWithOffset(outcome: [Double], offsets: [Double]) -> Double {
        var a = 0.0
        for _ in 0..<100 {
            var score = 0.0, information = 0.0
            for (y, offset) in zip(outcome, offsets) {
                let p = 1 / (1 + exp(-(a + offset)))
                score += y - p
                information += p * (1 - p)
            }
            let step = max(-5, min(5, score / information))
            a += step
            if abs(step) < 1e-13 * max(1, abs(a)) { break }
        }
        return a
    }
}

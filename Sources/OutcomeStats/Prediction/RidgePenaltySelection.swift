import Foundation

/// Chooses the ridge penalty λ of ``LogisticRegression/Penalty/ridge(lambda:)`` by seeded, stratified k-fold
/// cross-validation: for each λ on the grid, fit on k − 1 folds and sum the held-out binomial deviance
/// −2 Σ [y log p + (1 − y) log(1 − p)] over all folds; the λ with the least total wins (the smallest λ on ties).
///
/// The default grid is 25 values log-spaced from 10⁻³ to 10³ (penalty per standardised coefficient, on the
/// log-likelihood scale). Each fold's design is standardised on its own training rows (the fitter does it), so no
/// held-out information enters the fit.
/// - Complexity: O(grid × k × IRLS fit).
public struct RidgePenaltySelection: Sendable {
    public struct Point: Sendable, Hashable {
        public let lambda: Double
        /// Held-out deviance summed over folds.
        public let crossValidatedDeviance: Double
    }

    public let folds: StratifiedFolds
    public let path: [Point]
    public let selectedLambda: Double

    public static let defaultGrid: [Double] = (0..<25).map { pow(10, -3 + 6 * Double($0) / 24) }

    /// - Throws: ``LogisticRegressionError`` for bad input (as the fitter).
    /// - Precondition: `grid` non-empty with non-negative values; `outcome.count == design.rows`.
    public init(
        design: Matrix, outcome: [Double], grid: [Double] = RidgePenaltySelection.defaultGrid, foldCount: Int = 10,
        seed: UInt64, options: LogisticRegressionOptions = LogisticRegressionOptions()
    ) throws(LogisticRegressionError) {
        precondition(!grid.isEmpty && grid.allSatisfy { $0 >= 0 }, "A ridge grid needs non-negative values")
        try LogisticRegressionError.validate(design: design, outcome: outcome)
        folds = StratifiedFolds(outcome: outcome, foldCount: foldCount, seed: seed)
        let allColumns = Array(0..<design.columns)
        let splits = (0..<foldCount).map(folds.split)
        var totals = [Double](repeating: 0, count: grid.count)
        for split in splits where !split.heldOut.isEmpty {
            let training = design.submatrix(rows: split.training, columns: allColumns)
            let trainingOutcome = split.training.map { outcome[$0] }
            let heldOutRows = split.heldOut.map { design.row($0) }
            for (position, lambda) in grid.enumerated() {
                let fit = try LogisticRegression(penalty: .ridge(lambda: lambda), options: options).fit(
                    design: training, outcome: trainingOutcome)
                for (row, values) in zip(split.heldOut, heldOutRows) {
                    let p = min(max(fit.probability(values), 1e-15), 1 - 1e-15)
                    totals[position] -= 2 * (outcome[row] == 1 ? log(p) : log(1 - p))
                }
            }
        }
        let path = zip(grid, totals).map { Point(lambda: $0, crossValidatedDeviance: $1) }
        self.path = path
        selectedLambda = path.min { ($0.crossValidatedDeviance, $0.lambda) < ($1.crossValidatedDeviance, $1.lambda) }!.lambda
    }
}

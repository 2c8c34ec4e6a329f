import Foundation

/// Chooses the ridge penalty λ of ``LogisticRegression/Penalty/ridge(lambda:)`` by seeded, stratified k-fold
/// cross-validation: for each λ on the grid, fit on k − 1 folds and sum the held-out binomial deviance
/// −2 Σ [y log p + (1 − y) log(1 − p)] over all folds; the λ with the least total wins (the smallest λ on ties).
///
/// The default grid is 25 values log-spaced from 10⁻³ to 10³ (penalty per standardised coefficient, on the
/// log-likelihood scale). Each fold's design is standardised on its own training rows (the fitter does it), so no
/// held-out information enters the fit. Within a fold the grid is fitted as a warm-started path, largest λ first
/// (``LogisticRidgePath``); held-out probabilities are clamped to [10⁻¹⁵, 1 − 10⁻¹⁵].
///
/// The folds are independent and, with ``Execution/concurrentFolds``, run at the same time on the machine's cores.
/// Each fold's deviances are summed over its held-out rows in row order, and the folds' sums are added in fold order
/// whatever order they finish in, so the path and the chosen λ are the same bits serially and concurrently.
/// - Complexity: O(k × IRLS steps along the path × n·p²/2).
public struct RidgePenaltySelection: Sendable {
    public struct Point: Sendable, Hashable {
        public let lambda: Double
        /// Held-out deviance summed over folds.
        public let crossValidatedDeviance: Double
    }

    /// How the folds are run.
    public enum Execution: Sendable, Hashable {
        /// One after another, on the calling thread: for a caller that already runs selections concurrently (e.g.
        /// one per fold of an outer cross-validation), so that work is not split twice.
        case serial
        /// All at once, as many as the machine has cores.
        case concurrentFolds
    }

    public let folds: StratifiedFolds
    public let path: [Point]
    public let selectedLambda: Double

    public static let defaultGrid: [Double] = (0..<25).map { pow(10, -3 + 6 * Double($0) / 24) }

    /// - Throws: ``LogisticRegressionError`` for bad input (as the fitter), the first fold's in fold order.
    /// - Precondition: `grid` non-empty with finite non-negative values; `outcome.count == design.rows`.
    public init(
        design: Matrix, outcome: [Double], grid: [Double] = RidgePenaltySelection.defaultGrid, foldCount: Int = 10,
        seed: UInt64, options: LogisticRegressionOptions = LogisticRegressionOptions(),
        execution: Execution = .concurrentFolds
    ) throws(LogisticRegressionError) {
        precondition(!grid.isEmpty && grid.allSatisfy { $0 >= 0 && $0.isFinite }, "A ridge grid needs non-negative values")
        precondition(outcome.count == design.rows, "Ridge selection needs one outcome per design row")
        try LogisticRegressionError.validate(design: design, outcome: outcome)
        let folds = StratifiedFolds(outcome: outcome, foldCount: foldCount, seed: seed)
        self.folds = folds
        let work = (0..<foldCount).map { fold in
            { @Sendable () -> Result<[Double], LogisticRegressionError> in
                Result { () throws(LogisticRegressionError) in
                    try Self.heldOutDeviances(
                        design: design, outcome: outcome, split: folds.split(fold), grid: grid, options: options)
                }
            }
        }
        let perFold: [Result<[Double], LogisticRegressionError>]
        switch execution {
        case .serial: perFold = work.map { $0() }
        case .concurrentFolds: perFold = concurrently(work).map { try! $0.get() }
        }
        var totals = [Double](repeating: 0, count: grid.count)
        for result in perFold {
            for (position, deviance) in try result.get().enumerated() { totals[position] += deviance }
        }
        let path = zip(grid, totals).map { Point(lambda: $0, crossValidatedDeviance: $1) }
        self.path = path
        selectedLambda = path.min { ($0.crossValidatedDeviance, $0.lambda) < ($1.crossValidatedDeviance, $1.lambda) }!.lambda
    }

    /// One fold: the warm-started path on its training rows, and each λ's deviance on its held-out rows (all zero
    /// for an empty fold).
    private static func heldOutDeviances(
        design: Matrix, outcome: [Double], split: (training: [Int], heldOut: [Int]), grid: [Double],
        options: LogisticRegressionOptions
    ) throws(LogisticRegressionError) -> [Double] {
        guard !split.heldOut.isEmpty else { return [Double](repeating: 0, count: grid.count) }
        // The training rows' copy lives only while the path is set up (the path keeps its own standardised copy).
        let path = try { () throws(LogisticRegressionError) -> LogisticRidgePath in
            let training = design.submatrix(rows: split.training, columns: Array(0..<design.columns))
            let trainingOutcome = split.training.map { outcome[$0] }
            try LogisticRegressionError.validate(design: training, outcome: trainingOutcome)
            return LogisticRidgePath(design: training, outcome: trainingOutcome, options: options)
        }()
        let heldOut = design.submatrix(rows: split.heldOut, columns: Array(0..<design.columns))
        return path.coefficients(lambdas: grid).map { coefficients in
            var deviance = 0.0
            for (position, eta) in heldOut.multiplied(by: coefficients).enumerated() {
                let p = min(max(1 / (1 + exp(-eta)), 1e-15), 1 - 1e-15)
                deviance -= 2 * (outcome[split.heldOut[position]] == 1 ? log(p) : log(1 - p))
            }
            return deviance
        }
    }
}

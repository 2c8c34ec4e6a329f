/// Ridge logistic fits of one data set along a path of penalties, each started from the solution at the previous
/// (larger) λ — a warm start, as glmnet walks its λ sequence (Friedman, Hastie & Tibshirani, "Regularization paths for
/// generalized linear models via coordinate descent", J. Stat. Softw. 33 (2010), doi:10.18637/jss.v033.i01).
///
/// ```
/// λ₁ ≥ λ₂ ≥ … :  β̂(λ₁) by IRLS from glm's start;  β̂(λₘ) by IRLS from β̂(λₘ₋₁)
/// ```
/// Each fit is the one ``LogisticRegression`` makes with `.ridge(lambda:)` — the same aliased columns, standardisation
/// and stopping rule |D − D_old|/(|D| + 0.1) < ε — so the coefficients agree with cold fits to within that rule's
/// tolerance; only the number of IRLS steps falls (typically from 4–6 to 2–3). The aliased columns, the standardised
/// design and its row-major copy are made once for the whole path. No covariance is computed: this serves
/// cross-validation, which needs only predictions.
/// - Complexity: O(steps · n·p²/2) over the path.
struct LogisticRidgePath {
    private let columns: LogisticColumns
    /// From the standardised coefficients to the original columns' (``StandardisedDesign/transform``).
    private let transform: Matrix
    private let fitter: LogisticIRLS

    /// - Precondition: the design and outcome passed ``LogisticRegressionError/validate(design:outcome:)``.
    init(design: Matrix, outcome: [Double], options: LogisticRegressionOptions) {
        columns = LogisticColumns(design: design, aliasTolerance: options.aliasTolerance)
        let standardised = StandardisedDesign(columns.independentPart(of: design))
        transform = standardised.transform
        fitter = LogisticIRLS(
            rowMajor: standardised.rowMajor, outcome: outcome, options: options, lambda: 0,
            interceptColumn: standardised.interceptColumn)
    }

    /// The coefficients for every design column at each of `lambdas` (in the order given; 0 for an aliased column,
    /// as ``LogisticFit/probability(_:)`` counts them), fitted from the largest λ down.
    /// - Precondition: every λ finite and non-negative.
    func coefficients(lambdas: [Double]) -> [[Double]] {
        precondition(lambdas.allSatisfy { $0 >= 0 && $0.isFinite }, "A ridge penalty must be finite and non-negative")
        let descending = lambdas.indices.sorted { (lambdas[$1], $0) < (lambdas[$0], $1) }
        var result = [[Double]](repeating: [], count: lambdas.count)
        var start: [Double]?
        for position in descending {
            let iteration = fitter.with(lambda: lambdas[position]).iterate(from: start)
            start = iteration.coefficients
            let original = transform.multiplied(by: iteration.coefficients)
            var full = [Double](repeating: 0, count: columns.count)
            for (value, column) in zip(original, columns.independent) { full[column] = value }
            result[position] = full
        }
        return result
    }
}

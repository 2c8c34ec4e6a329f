import Foundation

/// A linear mixed model with one grouping factor, a random intercept and (optionally) a random slope on time
/// with an unstructured covariance, fitted by REML or ML as `lme4::lmer(y ~ X + (1 + t | g))` does.
///
/// ```
/// y_gj = x_gjᵀ β + b_g0 + b_g1 t_gj + ε_gj,   b_g ~ N(0, σ² Λ Λᵀ),   ε ~ N(0, σ²)
/// ```
/// The data are reduced in one pass to per-group 2 × 2 blocks (`GroupedCrossProducts`); the deviance is then
/// profiled over β and σ² (`ProfiledDeviance`) and minimised over θ (three numbers, one without a slope) by
/// Newton steps on its exact gradient (`GradientNewton`). Bates et al., J. Stat. Softw. 67(1) (2015), doi:10.18637/jss.v067.i01.
///
/// Edge cases: aliased fixed-effect columns (numerical rank of XᵀX, relative tolerance 1e-7) are dropped
/// before fitting, reported as `nil` coefficients and flagged ``ConvergenceWarning/Code/aliasedColumns``; a
/// variance parameter that ends on the boundary (zero slope variance, |correlation| = 1 or zero intercept
/// variance) is fitted on the boundary and flagged ``ConvergenceWarning/Code/varianceOnBoundary``, as
/// `lme4` reports "boundary (singular) fit".
/// - Complexity: O(n·p²) once, then O(G·p²) per deviance-and-gradient evaluation (1 + k per iteration for k
/// variance parameters).
public struct LinearMixedModel: Sendable {
    public let options: LinearMixedModelOptions

    public init(options: LinearMixedModelOptions = LinearMixedModelOptions()) {
        self.options = options
    }

    /// Fits the model.
    /// - Parameters:
    ///   - response: y, one value per row.
    ///   - fixedEffects: X, n × p, including the intercept column if wanted.
    ///   - time: t, the random slope's covariate (ignored with a random intercept only).
    ///   - group: the 0-based group of each row; rows may come in any order.
    /// - Throws: ``MixedModelInputError`` for mismatched lengths, non-finite values, a negative group, no
    ///   fixed effects, or fewer observations than estimable fixed effects plus one.
    public func fit(response: [Double], fixedEffects: Matrix, time: [Double], group: [Int]) throws
        -> LinearMixedModelFit
    {
        let n = response.count
        guard fixedEffects.rows == n, time.count == n, group.count == n else {
            throw MixedModelInputError("response, fixed effects, time and group need the same number of rows")
        }
        guard fixedEffects.columns > 0 else { throw MixedModelInputError("the model has no fixed effects") }
        let groupCount = try Self.checkedGroupCount(response: response, time: time, group: group)
        guard fixedEffects.storage.allSatisfy(\.isFinite) else {
            throw MixedModelInputError("the fixed-effects design has a non-finite value")
        }
        let (design, kept) = try Self.dropAliasedColumns(fixedEffects)
        guard n > design.columns else {
            throw MixedModelInputError("\(n) observations cannot estimate \(design.columns) fixed effects and a residual variance")
        }
        let data = GroupedCrossProducts(
            response: response, fixedEffects: design, time: time, group: group, groupCount: groupCount)
        let deviance = ProfiledDeviance(
            data: data, restricted: options.criterion == .restrictedMaximumLikelihood,
            randomSlope: options.randomEffects == .interceptAndSlope)
        return try fit(deviance, keptColumns: kept, columnCount: fixedEffects.columns, response: response, group: group)
    }

    /// θ̂ by ``minimize(_:)``, then the fit at θ̂ with the identifiability warnings.
    func fit(_ deviance: some ProfiledCriterion, keptColumns kept: [Int], columnCount: Int, response: [Double],
             group: [Int]) throws -> LinearMixedModelFit {
        let optimum = minimize(deviance)
        let evaluation = try deviance.evaluate(optimum.theta)
        let distinctGroups = Set(group).count
        let fit = LinearMixedModelFit(
            options: options, evaluation: evaluation, theta: optimum.theta, keptColumns: kept,
            columnCount: columnCount, observationCount: response.count, groupCount: distinctGroups,
            convergence: optimum.report)
        return fit.adding(Self.identifiabilityWarnings(fit, response: response, groups: distinctGroups))
    }

    /// The number of group indices (the largest plus one), after checking that response and time are finite and
    /// no group index is negative.
    static func checkedGroupCount(response: [Double], time: [Double], group: [Int]) throws -> Int {
        if let row = response.indices.first(where: { !response[$0].isFinite || !time[$0].isFinite }) {
            throw MixedModelInputError("row \(row + 1): response and time must be finite")
        }
        if let row = group.firstIndex(where: { $0 < 0 }) {
            throw MixedModelInputError("row \(row + 1): group index must be non-negative")
        }
        return (group.max() ?? -1) + 1
    }

    /// Data that cannot identify the model, said as warnings (lme4 refuses some of these outright): a response
    /// that does not vary, a single group, one observation per group, and any non-finite result.
    static func identifiabilityWarnings(_ fit: LinearMixedModelFit, response: [Double], groups: Int) -> [ConvergenceWarning] {
        var warnings: [ConvergenceWarning] = []
        if let first = response.first, response.allSatisfy({ $0 == first }) {
            warnings.append(ConvergenceWarning(
                code: .constantResponse,
                message: "the response is \(first) in every row: there is no variance to partition"))
        }
        if groups < 2 {
            warnings.append(ConvergenceWarning(
                code: .varianceOnBoundary,
                message: "one group only: the between-group variances cannot be estimated"))
        } else if groups == fit.observationCount {
            warnings.append(ConvergenceWarning(
                code: .varianceOnBoundary,
                message: "one observation per group: the group variances cannot be told apart from the residual"))
        }
        let values = [fit.logLikelihood, fit.residualStandardDeviation, fit.interceptStandardDeviation]
            + fit.coefficients.compactMap { $0 } + fit.standardErrors.compactMap { $0 }
        if values.contains(where: { !$0.isFinite }) {
            warnings.append(ConvergenceWarning(
                code: .nonFiniteValues, message: "the fit produced values that are not finite numbers"))
        }
        return warnings
    }

    /// The columns of X that are linearly independent (R's order: a column dependent on earlier ones is the
    /// one dropped), and X restricted to them.
    private static func dropAliasedColumns(_ x: Matrix) throws -> (Matrix, [Int]) {
        let kept = try estimableColumns(of: Matrix.product(x, transposingLeft: true, x))
        guard kept.count < x.columns else { return (x, kept) }
        return (x.submatrix(rows: Array(0..<x.rows), columns: kept), kept)
    }

    /// The estimable columns given XᵀX: its numerical rank by pivoted Cholesky (relative tolerance 1e-7).
    static func estimableColumns(of gram: Matrix) throws -> [Int] {
        let pivoted = try PivotedCholeskyFactorization(gram, relativeTolerance: 1e-7)
        return pivoted.isFullRank ? Array(0..<gram.columns) : pivoted.independentColumns
    }

    /// θ̂: Newton with the exact gradient (``ProfiledDeviance/valueAndGradient(_:)``) from lme4's start
    /// (θ₁ = θ₃ = 1, θ₂ = 0), signs made canonical (θ₁, θ₃ ≥ 0), then each bounded parameter within
    /// `singularTolerance` of 0 set to 0 with the others re-optimised, kept when the deviance does not rise (so a
    /// boundary optimum is reported exactly on the boundary, as lme4 does).
    func minimize(_ deviance: some ProfiledCriterion) -> (theta: [Double], report: ConvergenceReport) {
        let newton = GradientNewton(maximumIterations: options.maximumIterations, tolerance: options.tolerance)
        let slope = deviance.randomSlope
        let start: [Double] = slope ? [1, 0, 1] : [1]
        let first = newton.minimize({ try? deviance.valueAndGradient($0) }, from: start)
        var theta = Self.canonical(first.minimizer)
        var value = first.minimum
        var iterations = first.iterations
        let bounded = slope ? [0, 2] : [0]
        for index in bounded where theta[index] < options.singularTolerance {
            let free = (0..<theta.count).filter { $0 != index }
            let base = theta
            func full(_ reduced: [Double]) -> [Double] {
                var point = base
                point[index] = 0
                for (position, variable) in free.enumerated() { point[variable] = reduced[position] }
                return point
            }
            var candidate = full(free.map { theta[$0] })
            if !free.isEmpty {
                let polished = newton.minimize({ reduced in
                    guard let point = try? deviance.valueAndGradient(full(reduced)) else { return nil }
                    return (point.value, free.map { point.gradient[$0] })
                }, from: free.map { theta[$0] })
                iterations += polished.iterations
                candidate = full(polished.minimizer)
            }
            let candidateValue = deviance.deviance(candidate)
            if candidateValue <= value + options.tolerance * abs(value) {
                theta = Self.canonical(candidate)
                value = min(value, candidateValue)
            }
        }
        var warnings = first.warnings
        for index in bounded where theta[index] < options.singularTolerance {
            warnings.append(ConvergenceWarning(
                code: .varianceOnBoundary, index: index,
                message: "boundary (singular) fit: variance parameter θ\(index + 1) = \(theta[index]) is at its lower bound 0"))
        }
        let report = ConvergenceReport(
            converged: first.converged, iterations: iterations,
            maximumIterations: options.maximumIterations, tolerance: options.tolerance,
            finalChange: first.finalChange, warnings: warnings)
        return (theta, report)
    }

    /// θ with θ₁ ≥ 0 and θ₃ ≥ 0: Λ and ΛD give the same model for D = diag(±1, ±1).
    private static func canonical(_ theta: [Double]) -> [Double] {
        var result = theta
        if result[0] < 0 {
            result[0] = -result[0]
            if result.count == 3 { result[1] = -result[1] }
        }
        if result.count == 3 && result[2] < 0 { result[2] = -result[2] }
        return result
    }
}

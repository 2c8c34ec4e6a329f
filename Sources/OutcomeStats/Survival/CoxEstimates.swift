/// What a Cox fit estimated, without the data it was fitted on: the coefficients, their variances, the tests and the
/// convergence report of a ``CoxFit``. A ``CoxFit`` keeps its sorted risk sets (a copy of the design, times and
/// events) for residuals, baseline hazards, the proportional-hazards test and Harrell's concordance
/// (``CoxFit/concordance``, which needs the rows); an analysis that fits many models on millions of rows and needs
/// only their estimates keeps these instead (each is a few numbers per coefficient, whatever the number of rows).
public struct CoxEstimates: Sendable, Hashable {
    public let options: CoxOptions
    /// β̂ per design column; `nil` for an aliased column.
    public let coefficients: [Double?]
    /// I(β̂)⁻¹, p × p over all design columns (zeros for aliased ones).
    public let modelVariance: Matrix
    /// The robust (sandwich) variance, when asked for.
    public let robustVariance: Matrix?
    /// ℓ(0), the log partial likelihood of the null model.
    public let logLikelihoodNull: Double
    /// ℓ(β̂).
    public let logLikelihood: Double
    /// u(0)ᵀ I(0)⁻¹ u(0) on the estimable columns (R's "Score (logrank) test").
    public let scoreTest: ChiSquaredTest
    /// 2(ℓ(β̂) − ℓ(0)).
    public let likelihoodRatioTest: ChiSquaredTest
    /// β̂ᵀ V⁻¹ β̂ with V = ``variance``.
    public let waldTest: ChiSquaredTest
    /// The number of rows (R's `n`; intervals, not subjects, for counting-process data).
    public let subjectCount: Int
    /// The number of rows ending in the event, unweighted (R's `nevent`).
    public let eventCount: Int
    /// Newton–Raphson's report, with aliased columns, possibly infinite coefficients and an information matrix
    /// that is not positive definite among its warnings.
    public let convergence: ConvergenceReport
    /// Whether the rows had entry times, (start, stop] intervals.
    public let hasEntryTimes: Bool
    /// Whether any row had a case weight other than 1.
    public let isWeighted: Bool

    /// ``robustVariance`` when present, else ``modelVariance``.
    public var variance: Matrix { robustVariance ?? modelVariance }
    /// √ of the diagonal of ``modelVariance``; `nil` for aliased columns.
    public var standardErrors: [Double?] { Self.roots(modelVariance, coefficients) }
    /// √ of the diagonal of ``robustVariance``; `nil` when the fit is not robust or the column aliased.
    public var robustStandardErrors: [Double?]? { robustVariance.map { Self.roots($0, coefficients) } }

    static func roots(_ matrix: Matrix, _ coefficients: [Double?]) -> [Double?] {
        coefficients.indices.map { coefficients[$0] == nil ? nil : matrix[$0, $0].squareRoot() }
    }
}

extension CoxEstimates: WaldInferable {
    /// Robust standard errors when the fit has them (as R's `summary.coxph`), else the model's.
    public var inferenceStandardErrors: [Double?] { robustStandardErrors ?? standardErrors }
}

/// What a Cox fit estimated, without the data it was fitted on: the coefficients, their variances, the tests, the
/// concordance and the convergence report of a ``CoxFit``. A ``CoxFit`` keeps its sorted risk sets (a copy of the
/// design, times and events) for residuals, baseline hazards and the proportional-hazards test; an analysis that
/// fits many models on millions of rows and needs only their estimates keeps these instead (each is a few numbers
/// per coefficient, whatever the number of rows).
public struct CoxEstimates: Sendable, Hashable {
    public let options: CoxOptions
    /// β̂ per design column; `nil` for an aliased column.
    public let coefficients: [Double?]
    public let modelVariance: Matrix
    public let robustVariance: Matrix?
    public let logLikelihoodNull: Double
    public let logLikelihood: Double
    public let scoreTest: ChiSquaredTest
    public let likelihoodRatioTest: ChiSquaredTest
    public let waldTest: ChiSquaredTest
    public let concordance: Double
    public let subjectCount: Int
    public let eventCount: Int
    public let convergence: ConvergenceReport
    public let hasEntryTimes: Bool
    public let isWeighted: Bool

    /// The estimates of `fit`.
    public init(_ fit: CoxFit) {
        options = fit.options
        coefficients = fit.coefficients
        modelVariance = fit.modelVariance
        robustVariance = fit.robustVariance
        logLikelihoodNull = fit.logLikelihoodNull
        logLikelihood = fit.logLikelihood
        scoreTest = fit.scoreTest
        likelihoodRatioTest = fit.likelihoodRatioTest
        waldTest = fit.waldTest
        concordance = fit.concordance
        subjectCount = fit.subjectCount
        eventCount = fit.eventCount
        convergence = fit.convergence
        hasEntryTimes = fit.hasEntryTimes
        isWeighted = fit.isWeighted
    }

    /// ``robustVariance`` when present, else ``modelVariance``.
    public var variance: Matrix { robustVariance ?? modelVariance }
    /// √ of the diagonal of ``modelVariance``; `nil` for aliased columns.
    public var standardErrors: [Double?] { CoxFit.roots(modelVariance, coefficients) }
    /// √ of the diagonal of ``robustVariance``; `nil` when the fit is not robust or the column aliased.
    public var robustStandardErrors: [Double?]? { robustVariance.map { CoxFit.roots($0, coefficients) } }
}

extension CoxEstimates: WaldInferable {
    /// Robust standard errors when the fit has them (as R's `summary.coxph`), else the model's.
    public var inferenceStandardErrors: [Double?] { robustStandardErrors ?? standardErrors }
}

extension CoxFit {
    /// The estimates alone, without the risk sets (``CoxEstimates``).
    public var estimates: CoxEstimates { CoxEstimates(self) }
}

/// How an iterative fit stopped: whether it met its tolerance, after how many iterations, the value of the
/// stopping criterion at the end, and every numerical warning met on the way. Every iterative fit in
/// OutcomeStats (Newton–Raphson, IRLS, mixed-model optimisation) carries one, so a failure to converge is
/// part of the result rather than a log line.
///
/// The criterion `finalChange` is whatever the fitter compares with `tolerance` (for example R's `coxph`
/// uses the relative change in the log partial likelihood, |ℓₖ − ℓₖ₋₁|/|ℓₖ|); the fitter documents which.
public struct ConvergenceReport: Sendable, Hashable, CustomStringConvertible {
    /// Whether the stopping criterion was met (`finalChange ≤ tolerance`) before the iteration limit.
    public let converged: Bool
    /// Iterations performed.
    public let iterations: Int
    /// The limit on iterations.
    public let maximumIterations: Int
    /// The tolerance the criterion was compared with.
    public let tolerance: Double
    /// The criterion's value when the iteration stopped.
    public let finalChange: Double
    /// Numerical trouble, in the order met.
    public let warnings: [ConvergenceWarning]

    /// A report as the fitter observed it. When `converged` is false and `iterations` has reached
    /// `maximumIterations`, add ``ConvergenceWarning/iterationLimitReached(maximumIterations:finalChange:tolerance:)``
    /// yourself or use ``stopped(iterations:maximumIterations:tolerance:finalChange:warnings:)``.
    /// - Precondition: `iterations ≥ 0`, `maximumIterations ≥ 0`, `tolerance ≥ 0`.
    public init(
        converged: Bool, iterations: Int, maximumIterations: Int, tolerance: Double, finalChange: Double,
        warnings: [ConvergenceWarning] = []
    ) {
        precondition(iterations >= 0 && maximumIterations >= 0, "Iteration counts must be non-negative")
        precondition(tolerance >= 0, "A convergence tolerance must be non-negative")
        self.converged = converged
        self.iterations = iterations
        self.maximumIterations = maximumIterations
        self.tolerance = tolerance
        self.finalChange = finalChange
        self.warnings = warnings
    }

    /// The report for an iteration that stopped with criterion `finalChange`: converged when
    /// `finalChange ≤ tolerance` (a NaN criterion never converges), and with an
    /// ``ConvergenceWarning/Code/iterationLimitReached`` warning appended when it did not converge and used up
    /// its iterations.
    public static func stopped(
        iterations: Int, maximumIterations: Int, tolerance: Double, finalChange: Double,
        warnings: [ConvergenceWarning] = []
    ) -> ConvergenceReport {
        let converged = finalChange <= tolerance
        var allWarnings = warnings
        if !converged && iterations >= maximumIterations {
            allWarnings.append(.iterationLimitReached(
                maximumIterations: maximumIterations, finalChange: finalChange, tolerance: tolerance))
        }
        return ConvergenceReport(
            converged: converged, iterations: iterations, maximumIterations: maximumIterations,
            tolerance: tolerance, finalChange: finalChange, warnings: allWarnings)
    }

    /// Whether the fit converged with no warnings at all.
    public var isClean: Bool { converged && warnings.isEmpty }

    /// The warnings with the given code.
    public func warnings(_ code: ConvergenceWarning.Code) -> [ConvergenceWarning] {
        warnings.filter { $0.code == code }
    }

    /// Whether any warning has the given code.
    public func hasWarning(_ code: ConvergenceWarning.Code) -> Bool {
        warnings.contains { $0.code == code }
    }

    /// A copy with `more` warnings appended (reports are immutable values).
    public func adding(_ more: [ConvergenceWarning]) -> ConvergenceReport {
        ConvergenceReport(
            converged: converged, iterations: iterations, maximumIterations: maximumIterations,
            tolerance: tolerance, finalChange: finalChange, warnings: warnings + more)
    }

    /// One line, then one line per warning, e.g.
    /// `converged after 4 of 20 iterations (change 3.1e-12, tolerance 1e-09)`.
    public var description: String {
        let status = converged
            ? "converged after \(iterations) of \(maximumIterations) iterations"
            : "did not converge: stopped after \(iterations) of \(maximumIterations) iterations"
        let summary = "\(status) (change \(finalChange), tolerance \(tolerance))"
        return ([summary] + warnings.map { "  warning \($0)" }).joined(separator: "\n")
    }
}

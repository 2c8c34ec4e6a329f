/// One piece of numerical trouble met by an iterative fit, stored on the result so that reports can show it
/// (never hidden as a NaN, never only printed).
///
/// `code` says what kind of trouble; `index` and `term` locate it when it concerns one coefficient or
/// variance component (`index` is the 0-based position in the fitter's parameter vector, `term` the name the
/// domain layer attached, if any); `message` is a sentence for people.
public struct ConvergenceWarning: Sendable, Hashable, CustomStringConvertible {
    /// The kind of trouble. A struct with static constants rather than an enum, so kinds can be added
    /// without breaking clients; `rawValue` is a stable, machine-readable identifier.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String

        public init(rawValue: String) { self.rawValue = rawValue }

        /// A coefficient grew without bound (e.g. monotone likelihood, complete separation).
        public static let coefficientMayBeInfinite = Code(rawValue: "coefficient-may-be-infinite")
        /// The information (negative Hessian) was not positive definite at the estimate.
        public static let hessianNotPositiveDefinite = Code(rawValue: "hessian-not-positive-definite")
        /// A variance component was estimated on the boundary of its parameter space (zero).
        public static let varianceOnBoundary = Code(rawValue: "variance-on-boundary")
        /// The iteration stopped at its maximum without meeting the tolerance.
        public static let iterationLimitReached = Code(rawValue: "iteration-limit-reached")
        /// Step halving could not find a step that improved the objective.
        public static let stepHalvingFailed = Code(rawValue: "step-halving-failed")
        /// Columns of the design were linearly dependent; their coefficients are not estimable.
        public static let aliasedColumns = Code(rawValue: "aliased-columns")
        /// The fit produced a value that is not a finite number (an estimate, a standard error, the objective).
        public static let nonFiniteValues = Code(rawValue: "non-finite-values")
        /// The response does not vary (every outcome 0, or every outcome 1, or a constant response): the data
        /// cannot identify what was asked.
        public static let constantResponse = Code(rawValue: "constant-response")

        public var description: String { rawValue }
    }

    /// What kind of trouble.
    public let code: Code
    /// The 0-based parameter the warning concerns, if it concerns one.
    public let index: Int?
    /// The parameter's name, when the domain layer supplied one.
    public let term: String?
    /// A sentence for people, e.g. "coefficient 2 may be infinite: it kept growing (|β| = 23.1)".
    public let message: String

    public init(code: Code, index: Int? = nil, term: String? = nil, message: String) {
        self.code = code
        self.index = index
        self.term = term
        self.message = message
    }

    /// The same warning with the parameter's name attached (the domain layer knows names; fitters don't).
    public func naming(_ term: String) -> ConvergenceWarning {
        ConvergenceWarning(code: code, index: index, term: term, message: message)
    }

    /// `"[code] term: message"`, the term (or `#index`) present only when set.
    public var description: String {
        let location = term ?? index.map { "#\($0)" }
        return "[\(code.rawValue)] " + (location.map { "\($0): " } ?? "") + message
    }
}

extension ConvergenceWarning {
    /// The standard warning for an iteration that stopped at its limit.
    public static func iterationLimitReached(maximumIterations: Int, finalChange: Double, tolerance: Double)
        -> ConvergenceWarning
    {
        ConvergenceWarning(
            code: .iterationLimitReached,
            message: "stopped after the maximum of \(maximumIterations) iterations with change \(finalChange)"
                + " above the tolerance \(tolerance)")
    }

    /// The standard warning for a coefficient that diverges, at 0-based `index`.
    public static func coefficientMayBeInfinite(index: Int, estimate: Double) -> ConvergenceWarning {
        ConvergenceWarning(
            code: .coefficientMayBeInfinite, index: index,
            message: "coefficient \(index) may be infinite: it kept growing (estimate \(estimate))")
    }

    /// The standard warning for aliased (linearly dependent) columns, one warning per column.
    public static func aliasedColumn(index: Int) -> ConvergenceWarning {
        ConvergenceWarning(
            code: .aliasedColumns, index: index,
            message: "column \(index) is a linear combination of other columns; its coefficient is not estimable")
    }
}

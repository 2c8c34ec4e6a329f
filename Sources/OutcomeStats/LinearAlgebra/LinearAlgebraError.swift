/// A failure of a dense linear-algebra routine on a matrix that is valid to pass but cannot be
/// factorised or solved as asked (not positive definite, rank deficient, non-finite entries, …).
///
/// A public struct rather than an enum, so new kinds can be added without breaking clients
/// (the `CleanExit` pattern of swift-argument-parser). Dimension mismatches are programmer errors and
/// stop with a precondition failure instead.
public struct LinearAlgebraError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        /// A stable identifier, e.g. `"not-positive-definite"`.
        public let name: String

        private init(_ name: String) { self.name = name }

        /// The leading minor of order ``LinearAlgebraError/index`` is not positive (Cholesky).
        public static let notPositiveDefinite = Kind("not-positive-definite")
        /// The matrix has (numerically) lower column rank than required; ``LinearAlgebraError/index`` is the
        /// 1-based position of the first negligible diagonal element of the triangular factor.
        public static let rankDeficient = Kind("rank-deficient")
        /// An entry is NaN or infinite; ``LinearAlgebraError/index`` is the 1-based column-major position.
        public static let nonFiniteValue = Kind("non-finite-value")
        /// An iterative LAPACK algorithm (e.g. the eigen-solver) failed to converge.
        public static let noConvergence = Kind("no-convergence")

        public var description: String { name }
    }

    /// What went wrong.
    public let kind: Kind
    /// The LAPACK routine that reported the problem (e.g. `"dpotrf"`), or the check that found it.
    public let routine: String
    /// A 1-based position that locates the problem; its meaning depends on ``kind`` (for
    /// ``Kind/notPositiveDefinite`` the order of the leading minor that is not positive, as LAPACK reports it).
    public let index: Int?

    public init(kind: Kind, routine: String, index: Int?) {
        self.kind = kind
        self.routine = routine
        self.index = index
    }

    public var description: String {
        switch kind {
        case .notPositiveDefinite:
            "matrix is not positive definite: the leading minor of order \(index ?? 0) is not positive (\(routine))"
        case .rankDeficient:
            "matrix is rank deficient: column \(index ?? 0) is (numerically) a linear combination of earlier columns"
                + " (\(routine))"
        case .nonFiniteValue:
            "matrix entry \(index ?? 0) (column-major, 1-based) is NaN or infinite (\(routine))"
        case .noConvergence:
            "\(routine) did not converge" + (index.map { " (\($0) off-diagonal elements did not reach zero)" } ?? "")
        default:
            "\(kind.name) in \(routine)" + (index.map { " at \($0)" } ?? "")
        }
    }

    /// Throws ``Kind/nonFiniteValue`` for the first NaN or infinite element of `values`.
    static func checkFinite(_ values: [Double], routine: String) throws(LinearAlgebraError) {
        if let position = values.firstIndex(where: { !$0.isFinite }) {
            throw LinearAlgebraError(kind: .nonFiniteValue, routine: routine, index: position + 1)
        }
    }
}

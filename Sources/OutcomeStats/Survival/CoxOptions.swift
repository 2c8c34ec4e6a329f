/// How tied event times enter the Cox partial likelihood.
public enum CoxTies: String, Sendable, Hashable, CaseIterable {
    /// Efron (1977), JASA 72:557, doi:10.1080/01621459.1977.10480613: R's default.
    case efron
    /// Breslow (1974), Biometrics 30:89, doi:10.2307/2529620.
    case breslow
}

/// The options of a Cox fit. Defaults are R's `coxph.control()`.
public struct CoxOptions: Sendable, Hashable {
    public var ties: CoxTies
    /// Iteration stops when |1 − ℓₖ₋₁/ℓₖ| ≤ this (R `eps`, 1e-9).
    public var convergenceTolerance: Double
    /// A pivot of the information matrix at most this times its largest diagonal marks an aliased column
    /// (R `toler.chol`, ε^0.75 ≈ 1.8e-12).
    public var choleskyTolerance: Double
    /// Newton–Raphson iterations allowed (R `iter.max`, 20).
    public var maximumIterations: Int
    /// A coefficient is flagged as possibly infinite when the next Newton step for it exceeds both the
    /// convergence tolerance and this times |β| (R `toler.inf`, √eps ≈ 3.2e-5).
    public var infiniteCoefficientTolerance: Double

    public init(
        ties: CoxTies = .efron, convergenceTolerance: Double = 1e-9,
        choleskyTolerance: Double = Double.ulpOfOne.squareRoot() * Double.ulpOfOne.squareRoot().squareRoot(),
        maximumIterations: Int = 20, infiniteCoefficientTolerance: Double = 1e-9.squareRoot()
    ) {
        precondition(convergenceTolerance > 0 && choleskyTolerance > 0 && maximumIterations >= 0
                     && infiniteCoefficientTolerance > 0, "Cox options must be positive")
        self.ties = ties
        self.convergenceTolerance = convergenceTolerance
        self.choleskyTolerance = choleskyTolerance
        self.maximumIterations = maximumIterations
        self.infiniteCoefficientTolerance = infiniteCoefficientTolerance
    }
}

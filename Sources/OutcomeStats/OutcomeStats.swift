// OutcomeStats: the pure numeric core (linear algebra on LAPACK, distributions, convergence reports).
// No clinical vocabulary lives here.
//
// LinearAlgebra/  Matrix (column-major, BLAS products), CholeskyFactorization, PivotedCholeskyFactorization,
//                 LeastSquares (QR), SymmetricEigendecomposition, LinearAlgebraError.
// Distributions/  Normal, ChiSquared, IncompleteGamma (regularised P and Q), Tail.
// Optimization/   ConvergenceReport, ConvergenceWarning.
// Survival/       KaplanMeierEstimate, LogRankTest, CoxModel → CoxFit (residuals, concordance, baseline hazard,
//                 proportional-hazards test), CumulativeIncidence (Aalen–Johansen).
// Inference/      ChiSquaredTest.

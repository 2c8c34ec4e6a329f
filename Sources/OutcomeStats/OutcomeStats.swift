// OutcomeStats: the pure numeric core. No clinical vocabulary lives here; the module's DocC catalog
// (OutcomeStats.docc) describes the methods, the differences from R and the validation.
//
// LinearAlgebra/  Matrix (column-major, BLAS products), CholeskyFactorization, PivotedCholeskyFactorization,
//                 LeastSquares (QR), SymmetricEigendecomposition, LinearAlgebraError, RowMajorDesign (XᵀWX for IRLS).
// Concurrency/    concurrently (`package`): independent parts at once, results in the order given.
// Distributions/  Normal, ChiSquared, IncompleteGamma (regularised P and Q), Tail.
// Optimization/   ConvergenceReport, ConvergenceWarning, GradientNewton.
// Survival/       KaplanMeierEstimate, LogRankTest, CoxModel → CoxFit (residuals, concordance, baseline hazard,
//                 proportional-hazards test, JSON form), CumulativeIncidence (Aalen–Johansen).
// Regression/     LogisticRegression → LogisticFit (IRLS, ridge, Firth; JSON form), SimpleLinearRegression.
// MixedModels/    LinearMixedModel → LinearMixedModelFit (profiled REML/ML deviance, exact gradient; JSON form).
// Prediction/     AreaUnderCurve (DeLong), ProbabilityCalibration, CalibrationTable, ConcordanceIndex,
//                 StratifiedFolds, RidgePenaltySelection, CoxAbsoluteRisk.
// Inference/      ChiSquaredTest, WilsonScoreInterval, WaldInferable / CoefficientInference / ConfidenceInterval
//                 (one interval API for every fit).
// Descriptive/    SampleMoments, SampleSummary, SampleQuantile (R's type 7).
// Coverage/       DayInterval, CoverageSummary; the coverage kernels are `package` (used by TreatmentOutcomes).
// Random/         SplitMix64.

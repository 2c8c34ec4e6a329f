// The domain's results are built from OutcomeStats values (Kaplan–Meier curves, Cox, logistic and mixed-model fits,
// Wilson intervals), so a program that imports TreatmentOutcomes gets them too, and the layers above import only
// this module.
@_exported import OutcomeStats

// Reports are views of TreatmentOutcomes' analyses: a program (or the CLI) that imports OutcomeReports gets the
// domain and numeric types it renders, and imports only this module.
@_exported import TreatmentOutcomes

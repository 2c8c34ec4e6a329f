import ArgumentParser
import Foundation
import OutcomeReports

/// `outcome-report risk fit|score`: relapse-risk models saved as JSON, and per-patient scores.
struct RiskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "risk",
        abstract: "Fit a relapse-risk model at a landmark and save it, or score a cohort with a saved model.",
        subcommands: [RiskFitCommand.self, RiskScoreCommand.self])
}

struct RiskFitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Fit and cross-validate a relapse-risk model on a cohort; save it as JSON.",
        discussion: """
            The outcome (--outcome): relapse (default: RsE_ctnNinetyFour_2023 by week 12, four consecutive \
            positive-or-missing weeks starting by week 12), dropout (DrE_ctnNinetyFour_2023 by week 12), any event \
            or TRUE/FALSE column of the urine-screen library as COLUMN or COLUMN@WEEK, or retention<N (retained fewer \
            than N days: last dose or attended visit).

            Defaults come from the analysis plan (the library's, then the cohort's cohort.json, then --plan), as in \
            the report: the same cohort gives the same model here and in the report's relapse-risk section.

            Features use only records on or before the landmark (end of --landmark-week; week 1 starts on \
            --first-week-day): baseline covariates (--covariates, default all but trial), arm, weeks negative / \
            positive / missing / mixed on urine screens, observed dosing adherence and the longest missed-dose run, \
            each instrument's mean, slope and missingness, and attended visits. Missing values are imputed with the \
            training mean; features are standardised. --penalty ridge (default) picks λ by an inner 5-fold \
            cross-validation.

            Standard output (CSV): measure,apparent,cross_validated,held_out: patients, events, AUC with DeLong 95% \
            limits, Brier, scaled Brier, calibration in the large, calibration intercept and slope. A column whose \
            patients, events or non-events number 1 to 10 (the plan's disclosure.minimumCellSize − 1) is left \
            empty, and standard error says so. Cross-validated \
            values come from --folds stratified folds (--seed) with every fitting step redone inside each fold; \
            --held-out F keeps a stratified share F out of everything and scores it once. The model file holds \
            the coefficients, feature definitions, imputation and standardisation, landmark and version: no patient \
            data.

            Covariates go through the covariate policy first (docs/CovariatePolicy.md), as in the report: only \
            those cohort.json declares, when it declares any, else none that identifies patients, holds dates or \
            free text; levels with fewer patients than the small-cell minimum are merged into Other. So the model \
            file names no identifier, date or free-text value. --covariates naming a covariate the policy leaves \
            out is an error.
            """)

    @Option(name: .long, help: ArgumentHelp("The cohort folder.", valueName: "dir")) var cohort: String
    @Option(name: .customLong("plan"), help: ArgumentHelp(
        "An analysis plan laid over the defaults and the cohort's cohort.json; the options below override it.",
        valueName: "file"))
    var planPath: String?
    @Option(name: .long, help: ArgumentHelp("The outcome (see below; default: the plan's, relapse).", valueName: "outcome"))
    var outcome: String?
    @Option(name: .customLong("landmark-week"), help: ArgumentHelp(
        "Landmark: the end of this week (default: the plan's, 3).", valueName: "w"))
    var landmarkWeek: Int?
    @Option(name: .customLong("first-week-day"), help: ArgumentHelp(
        "Day (since index) on which week 1 starts (default: the plan's weekOneStartDay: 1, or 0 for CTN-0094).",
        valueName: "d"))
    var firstWeekDay: Int?
    @Option(name: .long, help: ArgumentHelp("Comma-separated baseline covariates.", valueName: "columns"))
    var covariates: String?
    @Option(name: .long, help: "landmark (default: baseline and in-treatment features) or baseline (covariates and arm only).")
    var features: RelapseRiskOptions.FeatureSet = .landmark
    @Option(name: .long, help: "ridge, none or firth (default: the plan's, ridge).") var penalty: RelapseRiskOptions.Penalty?
    @Option(name: .long, help: ArgumentHelp("Cross-validation folds (default: the plan's, 10).", valueName: "k"))
    var folds: Int?
    @Option(name: .long, help: ArgumentHelp("Seed of the folds (default: the plan's, 1).", valueName: "n")) var seed: UInt64?
    @Option(name: .customLong("held-out"), help: ArgumentHelp("Share of patients held out (0–0.5).", valueName: "f"))
    var heldOut: Double?
    @Option(name: .long, help: ArgumentHelp("Where to write the model JSON.", valueName: "file")) var model: String
    @Flag(name: .long, help: "Replace an existing model file.") var force = false

    func validate() throws {
        if let landmarkWeek, landmarkWeek < 1 {
            throw ValidationError("--landmark-week must be at least 1 (got \(landmarkWeek))")
        }
        if let folds, folds < 2 { throw ValidationError("--folds must be at least 2 (got \(folds))") }
        if let heldOut, !(heldOut > 0 && heldOut < 0.5) {
            throw ValidationError("--held-out must be between 0 and 0.5 (got \(heldOut))")
        }
    }

    func run() throws {
        let text = try reportingFailures { () throws -> String in
            // before anything is read: the model must not replace an input or, without --force, an existing file
            let inputs = [URL(fileURLWithPath: cohort)] + (planPath.map { [URL(fileURLWithPath: $0)] } ?? [])
            try OutputSafety.check(URL(fileURLWithPath: model), inputs: inputs, force: force, option: "--model")
            let loaded = try CohortLoader.load(from: URL(fileURLWithPath: cohort))
            var plan = try AnalysisPlan.effective(for: loaded, overrides: planPath.map { URL(fileURLWithPath: $0) })
            if let outcome { plan.relapseRisk.outcome = outcome }
            if let landmarkWeek { plan.relapseRisk.landmarkWeek = landmarkWeek }
            if let firstWeekDay { plan.weekOneStartDay = firstWeekDay }
            if let covariates {
                plan.relapseRisk.covariates = covariates.split(separator: ",").map {
                    String($0).trimmingCharacters(in: .whitespaces)
                }
            }
            if let penalty { plan.relapseRisk.penalty = penalty }
            if let folds { plan.relapseRisk.folds = folds }
            if let seed { plan.relapseRisk.seed = seed }
            var options = try plan.relapseRiskOptions(featureSet: features)
            options.heldOutFraction = heldOut
            let fit = try RelapseRiskFit(
                cohort: loaded, options: options, outcome: try RelapseRiskResults.outcome(cohort: loaded, plan: plan).outcome)
            try fit.model.jsonData().write(to: URL(fileURLWithPath: model), options: .atomic)
            if !fit.model.aliasedFeatures.isEmpty {
                printToStandardError("risk fit: aliased features left out: \(fit.model.aliasedFeatures.joined(separator: "; "))\n")
            }
            for warning in fit.logisticFit.convergence.warnings where warning.code != .aliasedColumns {
                printToStandardError("risk fit: warning: \(warning.message)\n")
            }
            if !fit.logisticFit.convergence.converged {
                printToStandardError("risk fit: the final fit did not converge (\(fit.logisticFit.convergence.iterations) iterations)\n")
            }
            let policy = SmallCellPolicy(minimumCount: plan.disclosure.minimumCellSize)
            let withheld = LogisticTables.withheldColumns(fit.validation, policy: policy)
            if !withheld.isEmpty {
                printToStandardError("risk fit: withheld (fewer than \(policy.minimumCount) patients, events or non-events): "
                    + withheld.joined(separator: ", ") + "\n")
            }
            return CSVRenderer.render(LogisticTables.performance(fit.validation, policy: policy))
        }
        try writeToStandardOutput(text)
    }
}

extension RelapseRiskOptions.Penalty: ExpressibleByArgument {}
extension RelapseRiskOptions.FeatureSet: ExpressibleByArgument {}

struct RiskScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score every patient of a cohort with a saved relapse-risk model: patient_id,risk.",
        discussion: """
            Computes each patient's features from their records up to the model's landmark and prints \
            patient_id,risk (CSV, cohort order) to --output or standard output. This is patient-level output for \
            the care team: it never goes into an aggregate report. A covariate the model needs that is absent, or \
            a categorical level or arm the model has not seen, is an error naming it.
            """)

    @Option(name: .long, help: ArgumentHelp("The cohort folder.", valueName: "dir")) var cohort: String
    @Option(name: .long, help: ArgumentHelp("The model JSON from risk fit.", valueName: "file")) var model: String
    @Option(name: .long, help: ArgumentHelp("Write the CSV here instead of standard output.", valueName: "file"))
    var output: String?
    @Flag(name: .long, help: "Replace an existing --output file.") var force = false

    func run() throws {
        let text = try reportingFailures { () throws -> String in
            if let output {
                try OutputSafety.check(
                    URL(fileURLWithPath: output), inputs: [URL(fileURLWithPath: cohort), URL(fileURLWithPath: model)],
                    force: force, option: "--output")
            }
            let data: Data
            do { data = try FileContents.read(URL(fileURLWithPath: model)) } catch {
                throw ValidationError("cannot read the model file \(model)")
            }
            let saved = try RelapseRiskModel(jsonData: data)
            let loaded = try CohortLoader.load(from: URL(fileURLWithPath: cohort))
            let risks = try saved.score(loaded)
            return CSVRenderer.render(LogisticTables.patientRisks(identifiers: loaded.patients.identifiers, risks: risks))
        }
        if let output {
            try reportingFailures { try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic) }
        } else {
            try writeToStandardOutput(text)
        }
    }
}

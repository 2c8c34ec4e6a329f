import ArgumentParser
import Foundation
import OutcomeReports

/// `outcome-report logistic`: logistic regression (as R's glm(family = binomial)), ridge or Firth.
struct LogisticCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logistic",
        abstract: "Fit a logistic regression (as R's glm(family = binomial)), optionally ridge- or Firth-penalised.",
        discussion: """
            Fits logit P(OUTCOME = 1) = (Intercept) + COVARIATES. The outcome column takes 0/1 or TRUE/FALSE; rows \
            with an empty outcome are left out and counted on standard error. A covariate is a numeric column, or a \
            text column that becomes indicators of its levels after the first in sorted order (named column+level, \
            as R names them).

            --penalty none (default): maximum likelihood by IRLS with glm's starting values and stopping rule \
            (|ΔD|/(|D| + 0.1) < 1e-8). ridge: L2 penalty λ/2·Σβ² on covariates standardised by mean and SD, λ \
            chosen from 25 values 1e-3…1e3 by stratified --folds-fold cross-validation of the deviance with --seed; \
            SEs are the sandwich H⁻¹(X'WX)H⁻¹. firth: Firth's bias-reduced likelihood (finite under separation).

            CSV: term,coef,se,z,p,lower95,upper95 (Wald), intercept named (Intercept); an aliased (linearly \
            dependent) column has empty fields. JSON adds deviance, null_deviance, aic, auc and brier (of the \
            fitted probabilities), n, converged, iterations, lambda, cv_deviance (held-out deviance per row at \
            that λ, as glmnet's cvm) and cv_folds (ridge) and warnings: aliased columns, \
            separation (fitted probabilities numerically 0 or 1) and non-convergence are reported, never hidden.
            """)

    @Option(name: .long, help: ArgumentHelp("The CSV file.", valueName: "file"))
    var input: String
    @Option(name: .long, help: ArgumentHelp("The 0/1 outcome column.", valueName: "column"))
    var outcome: String
    @Option(name: .long, help: ArgumentHelp("Comma-separated covariate columns.", valueName: "columns"))
    var covariates: String
    @Option(name: .long, help: "none (default), ridge or firth.")
    var penalty: PenaltyChoice = .none
    @Option(name: .long, help: ArgumentHelp("Cross-validation folds for the ridge penalty.", valueName: "k"))
    var folds: Int = 10
    @Option(name: .long, help: ArgumentHelp("Seed of the ridge cross-validation folds.", valueName: "n"))
    var seed: UInt64 = 1
    @Option(name: .long, help: "csv (default) or json.")
    var format: Format = .csv

    enum PenaltyChoice: String, ExpressibleByArgument, CaseIterable { case none, ridge, firth }
    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, json }

    func validate() throws {
        guard folds >= 2 else { throw ValidationError("--folds must be at least 2 (got \(folds))") }
        guard !terms.isEmpty else { throw ValidationError("--covariates needs at least one column") }
    }

    var terms: [String] {
        covariates.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func run() throws {
        let text = try reportingFailures {
            let table = try InputTable(url: URL(fileURLWithPath: input), displayName: input)
            try table.requireRows(for: "a logistic regression")
            let design = try BinaryOutcomeDesign(table: table, outcome: outcome, covariates: terms)
            var selection: RidgePenaltySelection?
            let chosen: LogisticRegression.Penalty
            switch penalty {
            case .none: chosen = .none
            case .firth: chosen = .firth
            case .ridge:
                let selected = try RidgePenaltySelection(
                    design: design.design, outcome: design.outcome, foldCount: folds, seed: seed)
                selection = selected
                chosen = .ridge(lambda: selected.selectedLambda)
            }
            let fit = try LogisticRegression(penalty: chosen).fit(design: design.design, outcome: design.outcome)
            if design.droppedMissingOutcome > 0 {
                printToStandardError("logistic: left out \(design.droppedMissingOutcome) rows with an empty \(outcome)\n")
            }
            // numerical trouble on standard error in every format (the JSON also carries it)
            for warning in fit.convergence.warnings {
                let named = warning.index.map { warning.naming(design.terms[$0]) } ?? warning
                printToStandardError("logistic: warning: \(named)\n")
            }
            if !fit.convergence.converged {
                printToStandardError("logistic: the fit did not converge (\(fit.convergence.iterations) iterations)\n")
            }
            switch format {
            case .csv:
                return CSVRenderer.render(checkedForNonFiniteValues(LogisticTables.coefficients(fit, terms: design.terms), command: "logistic"))
            case .json: return try jsonText(LogisticFitJSON(fit, terms: design.terms, outcome: design.outcome, selection: selection))
            }
        }
        try writeToStandardOutput(text)
    }
}

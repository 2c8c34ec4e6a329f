import ArgumentParser
import Foundation
import OutcomeReports

/// `outcome-report lmm`: a linear mixed model with a random intercept (and slope) per group, as `lme4::lmer`.
struct LmmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lmm",
        abstract: "Fit a linear mixed model with a random intercept and slope per group (as lme4::lmer).",
        discussion: """
            Fits OUTCOME ~ TIME + COVARIATES + (1 + TIME | GROUP) (or (1 | GROUP) with --random intercept) by REML \
            (default) or ML, with the covariance of the random intercept and slope unstructured. A covariate is a \
            column name or a product of columns joined by ':' (e.g. --covariates arm,week:arm); a text column \
            becomes indicators of its levels after the first in sorted order, named column+level as in R. Rows \
            with an empty outcome are left out and counted on standard error.

            JSON: fixed_effects [{term, estimate, se}], random_effects {sd_intercept, sd_slope, correlation}, \
            sd_residual, loglik (restricted for REML), reml_criterion (REML only), n_obs, n_groups, converged, \
            iterations, singular and warnings. A singular fit (zero slope variance or |correlation| = 1) is fitted \
            on the boundary and flagged, as lme4 flags "boundary (singular) fit".
            """)

    @Option(name: .long, help: ArgumentHelp("The CSV file.", valueName: "file"))
    var input: String
    @Option(name: .long, help: ArgumentHelp("The outcome column.", valueName: "column"))
    var outcome: String
    @Option(name: .long, help: ArgumentHelp("The time column (fixed effect and random slope).", valueName: "column"))
    var time: String
    @Option(name: .long, help: ArgumentHelp("The grouping column (patient).", valueName: "column"))
    var group: String
    @Option(name: .long, help: ArgumentHelp("Comma-separated covariate terms; a:b is a product.", valueName: "terms"))
    var covariates: String?
    @Option(name: .long, help: "reml (default) or ml.")
    var method: LinearMixedModelOptions.Criterion = .restrictedMaximumLikelihood
    @Option(name: .long, help: "slope (default: random intercept and slope) or intercept.")
    var random: RandomTerm = .slope
    @Option(name: .long, help: "csv (default), json or markdown.")
    var format: OutputFormat = .csv

    enum RandomTerm: String, ExpressibleByArgument, CaseIterable {
        case intercept, slope
    }

    func run() throws {
        let text = try reportingFailures {
            let table = try InputTable(url: URL(fileURLWithPath: input), displayName: input)
            try table.requireRows(for: "a mixed model")
            let terms = covariates.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } } ?? []
            let design = try GroupedDesign(table: table, outcome: outcome, time: time, group: group, covariates: terms)
            let options = LinearMixedModelOptions(
                criterion: method, randomEffects: random == .slope ? .interceptAndSlope : .intercept)
            let fit = try LinearMixedModel(options: options).fit(
                response: design.response, fixedEffects: design.fixedEffects, time: design.time, group: design.group)
            if design.droppedMissingOutcome > 0 {
                printToStandardError("lmm: left out \(design.droppedMissingOutcome) rows with an empty \(outcome)\n")
            }
            // numerical trouble on standard error in every format (the JSON also carries it)
            for warning in fit.convergence.warnings {
                let named = warning.index.flatMap { $0 < design.terms.count ? warning.naming(design.terms[$0]) : nil } ?? warning
                printToStandardError("lmm: warning: \(named)\n")
            }
            if fit.isSingular { printToStandardError("lmm: singular fit: a variance component is on its boundary\n") }
            if !fit.convergence.converged {
                printToStandardError("lmm: the fit did not converge (\(fit.convergence.iterations) iterations)\n")
            }
            switch format {
            case .json: return try jsonText(LinearMixedModelFitJSON(fit, terms: design.terms))
            case .csv, .markdown:
                return format.render(checkedForNonFiniteValues(CravingModelTables.mixedModel(fit, terms: design.terms), command: "lmm"))
            }
        }
        try writeToStandardOutput(text)
    }
}

extension LinearMixedModelOptions.Criterion: ExpressibleByArgument {}

import OutcomeStats

/// Fits and validates a relapse-risk model on a cohort (see ``RelapseRiskOptions``, ``RelapseRiskValidation``).
public struct RelapseRiskFit: Sendable {
    public let options: RelapseRiskOptions
    public let model: RelapseRiskModel
    /// The final logistic fit on the standardised design (column 0 the intercept, then ``RelapseRiskModel/features``).
    public let logisticFit: LogisticFit
    /// The outcome of every patient, in cohort order.
    public let outcome: [Double]
    public let validation: RelapseRiskValidation
    /// Per feature of ``model`` (same order): the outcome counts of an indicator over the final fit's rows; `nil`
    /// for a feature that is not an indicator. Not saved with the model.
    public let indicatorOutcomes: [RelapseRiskIndicatorOutcomes?]

    /// - Parameter outcomeWords: words to read an endpoint outcome from (e.g. the published CTN-0094 words), one per
    ///   patient; `nil` builds them from the cohort's screens and visits. Features never use them: they always come
    ///   from the records up to the landmark.
    /// - Throws: ``RelapseRiskError``, ``MissingTableError``, `LogisticRegressionError`.
    public init(cohort: Cohort, options: RelapseRiskOptions = RelapseRiskOptions(), outcomeWords: [UsePattern?]? = nil) throws {
        let outcome = try outcomeWords.map { words in
            try options.outcome.evaluate(words: words, identifiers: cohort.patients.identifiers)
        } ?? options.outcome.evaluate(
            cohort, substances: options.substances, firstDayOfWeekOne: options.landmark.firstDayOfWeekOne)
        try self.init(cohort: cohort, options: options, outcome: outcome)
    }

    /// Fits with an outcome already evaluated (0/1 per patient, cohort order), as ``CohortAnalysis`` does to
    /// evaluate it once for the landmark and the baseline-only model.
    ///
    /// Covariates: only those the options' covariate policy lets through, with rare levels merged into `Other`
    /// (``RelapseRiskOptions/covariatePolicy``), so the model and its file hold no identifier, date or free text.
    /// - Precondition: one value per patient.
    public init(cohort given: Cohort, options: RelapseRiskOptions, outcome: [Double]) throws {
        precondition(outcome.count == given.patients.count, "RelapseRiskFit: one outcome per patient")
        self.options = options
        self.outcome = outcome
        let (cohort, covariates, merged) = try options.screening(given)
        // The landmark cohort and its feature table live only while the candidate columns are computed.
        let builder = try RelapseRiskBuilder(
            table: RelapseRiskFeatureTable(
                landmark: LandmarkCohort(cohort, throughDay: options.landmark.day),
                landmarkWeek: options.landmark.week, patternOptions: options.patternOptions,
                dosingOptions: ObservedDosingOptions(injectionDays: options.naltrexoneInjectionCoverageDays)),
            covariates: covariates, outcome: outcome, options: options, mergedIntoOther: merged)
        let all = Array(0..<cohort.patients.count)
        var rows = all, heldOutRows: [Int] = []
        if let fraction = options.heldOutFraction {
            let split = StratifiedFolds(outcome: outcome, foldCount: Int((1 / fraction).rounded()), seed: options.seed ^ 0x5eed)
                .split(0)
            (rows, heldOutRows) = (split.training, split.heldOut)
        }
        guard Set(rows.map { outcome[$0] }).count == 2 else {
            throw RelapseRiskError(.constantOutcome, "the outcome (\(options.outcome)) is the same for every patient: nothing to predict")
        }
        let rowOutcome = rows.map { outcome[$0] }
        let folds = StratifiedFolds(outcome: rowOutcome, foldCount: options.foldCount, seed: options.seed)
        let (outOfFold, model, fit) = try Self.trainConcurrently(builder, rows: rows, folds: folds)
        self.model = model
        logisticFit = fit
        indicatorOutcomes = builder.indicatorOutcomes(model, rows: rows)
        var heldOut: PredictionPerformance?
        if !heldOutRows.isEmpty {
            heldOut = PredictionPerformance(
                outcome: heldOutRows.map { outcome[$0] }, risks: try builder.risks(model, rows: heldOutRows))
        }
        validation = RelapseRiskValidation(
            apparent: PredictionPerformance(outcome: rowOutcome, risks: try builder.risks(model, rows: rows)),
            crossValidated: PredictionPerformance(outcome: rowOutcome, risks: outOfFold),
            outOfFoldRisks: outOfFold, rows: rows, folds: folds, heldOut: heldOut, heldOutRows: heldOutRows)
    }

    /// The model of every fold (its out-of-fold risks, in `rows` positions) and the final model, fitted at the same
    /// time: they are independent, and each inner λ search is serial so the work is split once. Gathered in fold
    /// order, so the result is the same whatever the number of cores; the first error in fold order is thrown.
    private static func trainConcurrently(
        _ builder: RelapseRiskBuilder, rows: [Int], folds: StratifiedFolds
    ) throws -> (outOfFold: [Double], model: RelapseRiskModel, fit: LogisticFit) {
        let work = (0..<folds.foldCount).map { fold in
            { @Sendable () throws -> TrainingPart in
                let split = folds.split(fold)
                guard !split.heldOut.isEmpty else { return .fold(risks: []) }
                let (foldModel, _) = try builder.train(rows: split.training.map { rows[$0] })
                return .fold(risks: try builder.risks(foldModel, rows: split.heldOut.map { rows[$0] }))
            }
        } + [{ @Sendable () throws -> TrainingPart in .final(try builder.train(rows: rows)) }]
        var outOfFold = [Double](repeating: .nan, count: rows.count)
        var final: (RelapseRiskModel, LogisticFit)?
        for (fold, result) in concurrently(work).enumerated() {
            switch try result.get() {
            case .fold(let risks):
                for (position, index) in folds.split(fold).heldOut.enumerated() { outOfFold[index] = risks[position] }
            case .final(let trained): final = trained
            }
        }
        return (outOfFold, final!.0, final!.1)
    }
}

/// What one concurrent part of ``RelapseRiskFit`` returns: a fold's out-of-fold risks (its held-out rows in order;
/// empty for an empty fold) or the final model.
private enum TrainingPart: Sendable {
    case fold(risks: [Double])
    case final((RelapseRiskModel, LogisticFit))
}

/// The steps that learn from training rows, shared by the final fit and every cross-validation fold.
struct RelapseRiskBuilder {
    let outcome: [Double]
    let options: RelapseRiskOptions
    /// Covariates whose rare levels were merged into `Other` (recorded in the model for scoring).
    let mergedIntoOther: [String]
    let candidates: [RelapseRiskFeature.Source]
    let columns: [RelapseRiskFeature.Source: FeatureValues]

    /// Computes every candidate column of the options' feature set once, from the landmark cohort's `table`, which
    /// is not kept.
    init(table: RelapseRiskFeatureTable, covariates: [String], outcome: [Double], options: RelapseRiskOptions,
         mergedIntoOther: [String] = []) throws {
        var table = table
        self.outcome = outcome
        self.options = options
        self.mergedIntoOther = mergedIntoOther
        let featureSet = options.featureSet
        candidates = try table.candidateSources(covariates: covariates).filter { source in
            featureSet == .landmark || source.isBaseline
        }
        var columns: [RelapseRiskFeature.Source: FeatureValues] = [:]
        for source in candidates { columns[source] = FeatureValues(try table.values(source)) }
        self.columns = columns
    }

    func risks(_ model: RelapseRiskModel, rows: [Int]) throws -> [Double] {
        model.risks(rows: rows) { columns[$0]! }
    }

    /// Fits on `rows`: chooses indicators (each with ≥ m patients on both sides; per categorical covariate and for
    /// arm the most frequent level is the reference and gets no column), imputes and standardises, picks the ridge λ
    /// by inner cross-validation, and fits.
    func train(rows: [Int]) throws -> (RelapseRiskModel, LogisticFit) {
        var features: [RelapseRiskFeature] = []
        var knownLevels: [String: [String]] = [:]
        let references = referenceLevels(rows: rows)
        let minimum = options.minimumIndicatorCount
        for source in candidates {
            let values = columns[source]!
            if let (key, level) = source.categoricalLevel {
                let count = rows.filter { values[$0] == 1 }.count
                if count > 0 { knownLevels[key, default: []].append(level) }
                if level == references[key] || count < minimum || rows.count - count < minimum { continue }
            } else if source.isMissingIndicator {
                let count = rows.filter { values[$0] == 1 }.count
                if count < minimum || rows.count - count < minimum { continue }
            }
            guard let feature = RelapseRiskFeature(source: source, values: values, rows: rows) else { continue }
            // A column identical on the training rows to one already chosen adds nothing (e.g. the same
            // covariates missing for a whole trial): keep the first.
            let duplicate = features.contains { earlier in
                let other = columns[earlier.source]!
                return rows.allSatisfy { values[$0] == other[$0] }
            }
            if !duplicate { features.append(feature) }
        }
        var design = Matrix(rows: rows.count, columns: features.count + 1, repeating: 1)
        for (k, feature) in features.enumerated() {
            let values = columns[feature.source]!
            for (i, row) in rows.enumerated() { design[i, k + 1] = feature.standardised(values[row]) }
        }
        let y = rows.map { outcome[$0] }
        let penalty: LogisticRegression.Penalty
        var lambda: Double?
        switch options.penalty {
        case .none: penalty = .none
        case .firth: penalty = .firth
        case .ridge:
            let chosen = try RidgePenaltySelection(
                design: design, outcome: y, grid: options.ridgeGrid, foldCount: 5, seed: options.seed &+ 1,
                execution: .serial).selectedLambda
            lambda = chosen
            penalty = .ridge(lambda: chosen)
        }
        let fit = try LogisticRegression(penalty: penalty).fit(design: design, outcome: y)
        let coefficients = fit.coefficients.dropFirst().map { $0 ?? 0 }
        let aliased = fit.aliasedColumns.filter { $0 > 0 }.map { features[$0 - 1].name }
        let model = RelapseRiskModel(
            landmark: options.landmark, outcome: options.outcome, substances: options.substanceNames,
            penalty: options.penalty.rawValue, lambda: lambda, features: features, intercept: fit.coefficients[0] ?? 0,
            coefficients: Array(coefficients), aliasedFeatures: aliased,
            knownLevels: knownLevels.mapValues { $0.sorted() },
            mergedIntoOther: mergedIntoOther.filter { knownLevels[$0] != nil }, trainingPatients: rows.count,
            trainingEvents: Int(y.reduce(0, +)), naltrexoneInjectionCoverageDays: options.naltrexoneInjectionCoverageDays)
        return (model, fit)
    }

    /// Per categorical covariate (and `arm`), the level most training patients have (ties: the first level).
    private func referenceLevels(rows: [Int]) -> [String: String] {
        var best: [String: (level: String, count: Int)] = [:]
        for source in candidates {
            guard let (key, level) = source.categoricalLevel else { continue }
            let count = rows.filter { columns[source]![$0] == 1 }.count
            if count > (best[key]?.count ?? -1) { best[key] = (level, count) }
        }
        return best.mapValues(\.level)
    }
}

extension RelapseRiskFeature.Source {
    /// (covariate name or `arm`, level) for a level indicator.
    var categoricalLevel: (key: String, level: String)? {
        switch self {
        case .covariateLevel(let name, let level): (name, level)
        case .arm(let level): ("arm", level)
        default: nil
        }
    }

    /// Known at day 0: a baseline covariate or the arm.
    var isBaseline: Bool {
        switch self {
        case .covariate, .covariateLevel, .covariateMissing, .arm: true
        default: false
        }
    }

    var isMissingIndicator: Bool {
        switch self {
        case .covariateMissing, .assessmentMissing: true
        default: false
        }
    }
}

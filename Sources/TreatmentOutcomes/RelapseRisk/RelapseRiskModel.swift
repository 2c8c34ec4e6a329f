import Foundation
import OutcomeStats

/// A fitted relapse-risk model as a value: everything needed to score new patients, and nothing about the patients
/// it was fitted on beyond their counts. It saves to and loads from JSON, so a program can fit on last year's
/// patients and score next quarter's with the same definitions.
///
/// ```
/// risk = 1 / (1 + exp(−(intercept + Σₖ βₖ zₖ))),   zₖ = ((xₖ ?? imputationₖ) − meanₖ) / sdₖ
/// ```
/// xₖ is feature k's raw value from the patient's records up to the landmark day (``LandmarkCohort``). Scoring
/// throws for a covariate that is absent or changed type, or a categorical level (or arm) not seen in fitting; in a
/// covariate whose rare levels were merged into `Other` when fitting (``mergedIntoOther``), a level the model does
/// not know counts as `Other`.
///
/// Its covariates passed the covariate policy when it was fitted (``RelapseRiskOptions/covariatePolicy``), so its
/// feature names and ``knownLevels`` hold no identifier, date or free text, and no level of fewer patients than the
/// small-cell minimum.
public struct RelapseRiskModel: Sendable, Hashable, Codable {
    public static let formatName = "treatment-outcomes/relapse-risk-model"
    public static let currentVersion = 1

    public let format: String
    public let version: Int
    public let landmark: RelapseRiskLandmark
    public let outcome: RelapseOutcome
    /// The screened substances that make a week positive: `nil` for the non-study opioids of each medication.
    public let substances: [String]?
    public let penalty: String
    /// The ridge penalty used, when `penalty` is ridge.
    public let lambda: Double?
    public let features: [RelapseRiskFeature]
    public let intercept: Double
    /// One per feature, on the standardised scale; 0 for a feature the fit found aliased (listed in ``aliasedFeatures``).
    public let coefficients: [Double]
    public let aliasedFeatures: [String]
    /// Covariate name (or `arm`) → the levels seen when fitting.
    public let knownLevels: [String: [String]]
    /// Covariates whose levels with fewer patients than the small-cell minimum were merged into `Other` when
    /// fitting; `nil` when none was (and in files written before this was recorded).
    public let mergedIntoOther: [String]?
    public let trainingPatients: Int
    public let trainingEvents: Int
    /// Days one naltrexone injection covers in the dosing features; absent in files written before it was
    /// recorded, which used 28.
    public let naltrexoneInjectionCoverageDays: Int?

    init(
        landmark: RelapseRiskLandmark, outcome: RelapseOutcome, substances: [String]?, penalty: String,
        lambda: Double?, features: [RelapseRiskFeature], intercept: Double, coefficients: [Double],
        aliasedFeatures: [String], knownLevels: [String: [String]], mergedIntoOther: [String] = [], trainingPatients: Int,
        trainingEvents: Int, naltrexoneInjectionCoverageDays: Int
    ) {
        format = Self.formatName
        version = Self.currentVersion
        self.landmark = landmark
        self.outcome = outcome
        self.substances = substances
        self.penalty = penalty
        self.lambda = lambda
        self.features = features
        self.intercept = intercept
        self.coefficients = coefficients
        self.aliasedFeatures = aliasedFeatures
        self.knownLevels = knownLevels
        self.mergedIntoOther = mergedIntoOther.isEmpty ? nil : mergedIntoOther
        self.trainingPatients = trainingPatients
        self.trainingEvents = trainingEvents
        self.naltrexoneInjectionCoverageDays = naltrexoneInjectionCoverageDays
    }

    var patternOptions: WeeklyUsePatternOptions {
        WeeklyUsePatternOptions(
            substances: substances.map { .named(Set($0)) } ?? .nonStudyOpioids,
            firstDayOfWeekOne: landmark.firstDayOfWeekOne, minimumWeeks: landmark.week)
    }

    /// The predicted risk of every patient of `cohort`, in patient order, from their records up to the landmark.
    /// - Throws: ``RelapseRiskError`` for an absent covariate, a changed type or an unseen level;
    ///   ``MissingTableError`` when a table a feature needs is absent.
    public func score(_ given: Cohort) throws -> [Double] {
        let cohort = mergingUnknownLevels(given)
        var table = RelapseRiskFeatureTable(
            landmark: LandmarkCohort(cohort, throughDay: landmark.day), landmarkWeek: landmark.week,
            patternOptions: patternOptions,
            dosingOptions: ObservedDosingOptions(injectionDays: naltrexoneInjectionCoverageDays ?? 28))
        try checkLevels(cohort.patients)
        return try risks(rows: Array(0..<cohort.patients.count)) { try table.values($0) }
    }

    /// Risks at `rows` from raw feature columns.
    func risks<Values: RandomAccessCollection<Double?>>(
        rows: [Int], values: (RelapseRiskFeature.Source) throws -> Values
    ) rethrows -> [Double] where Values.Index == Int {
        var eta = [Double](repeating: intercept, count: rows.count)
        for (feature, coefficient) in zip(features, coefficients) where coefficient != 0 {
            let column = try values(feature.source)
            for (position, row) in rows.enumerated() { eta[position] += coefficient * feature.standardised(column[row]) }
        }
        return eta.map { 1 / (1 + exp(-$0)) }
    }

    /// `cohort` with each level of a ``mergedIntoOther`` covariate that the model does not know relabelled `Other`.
    func mergingUnknownLevels(_ cohort: Cohort) -> Cohort {
        guard let merged = mergedIntoOther, !merged.isEmpty else { return cohort }
        let covariates = cohort.patients.covariates.map { covariate -> Covariate in
            guard merged.contains(covariate.name), let known = knownLevels[covariate.name],
                  case .categorical(let column) = covariate.values
            else { return covariate }
            let knownSet = Set(known)
            let labels = (0..<column.count).map { row in
                column.label(at: row).map { knownSet.contains($0) ? $0 : CovariatePolicy.otherLevel }
            }
            return Covariate(name: covariate.name, values: .categorical(CategoricalColumn(labels: labels)))
        }
        return cohort.replacingPatients(cohort.patients.replacingCovariates(covariates))
    }

    private func checkLevels(_ patients: PatientTable) throws(RelapseRiskError) {
        for (name, levels) in knownLevels.sorted(by: { $0.key < $1.key }) {
            let column: CategoricalColumn
            if name == "arm" {
                column = patients.arm
            } else {
                guard let covariate = patients.covariate(named: name) else {
                    throw RelapseRiskError(.missingCovariate, "the model needs covariate '\(name)', which patients.csv does not have")
                }
                guard case .categorical(let categorical) = covariate.values else {
                    throw RelapseRiskError(.covariateTypeMismatch, "covariate '\(name)' is numeric here but categorical in the model")
                }
                column = categorical
            }
            let known = Set(levels)
            for code in Set(column.codes) where code >= 0 && !known.contains(column.levels[Int(code)]) {
                throw RelapseRiskError(.unseenLevel, "\(name) has level '\(column.levels[Int(code)])', not seen when the model was "
                    + "fitted (known: \(levels.joined(separator: ", ")))")
            }
        }
    }

    /// Sorted-key, pretty-printed JSON. Numbers are written in their shortest round-tripping form, so loading gives
    /// back exactly the same model.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// Loads a model saved by ``jsonData()``.
    /// - Throws: ``RelapseRiskError`` when the JSON is not a relapse-risk model of a version this build reads.
    public init(jsonData data: Data) throws {
        let decoded: RelapseRiskModel
        do {
            decoded = try JSONDecoder().decode(RelapseRiskModel.self, from: data)
        } catch {
            throw RelapseRiskError(.invalidModelFile, "not a relapse-risk model file: \(error)")
        }
        guard decoded.format == Self.formatName else {
            throw RelapseRiskError(.invalidModelFile, "not a relapse-risk model file (format '\(decoded.format)')")
        }
        guard decoded.version <= Self.currentVersion else {
            throw RelapseRiskError(.invalidModelFile, "model version \(decoded.version) is newer than this tool reads (\(Self.currentVersion))")
        }
        guard decoded.coefficients.count == decoded.features.count else {
            throw RelapseRiskError(.invalidModelFile, "the model has \(decoded.features.count) features but \(decoded.coefficients.count) coefficients")
        }
        self = decoded
    }
}

/// The relapse-risk model of the report (docs/RelapseRisk.md): the landmark model and a baseline-only model,
/// cross-validated, with observed relapse by predicted-risk third and arm.
public struct RelapseRiskResults: Sendable {
    /// Patients and outcomes in one predicted-risk third of one arm column.
    public struct RiskGroup: Sendable, Hashable {
        public let armColumn: Int
        /// 0 low, 1 middle, 2 high.
        public let third: Int
        public let patients: Int
        public let events: Int
        /// The observed rate with its 95% Wilson interval; `nil` without patients.
        public var observed: WilsonScoreInterval? {
            patients == 0 ? nil : WilsonScoreInterval(successes: events, trials: patients)
        }
    }

    /// Where the outcome was read from, e.g. "the published CTNote words (use_patterns.csv)".
    public let outcomeSource: String
    public let fit: RelapseRiskFit
    /// The same model with baseline covariates and arm only; `nil` when it could not be fitted.
    public let baselineFit: RelapseRiskFit?
    /// The cut points of the thirds of cross-validated risk: low < cuts[0] ≤ middle < cuts[1] ≤ high.
    public let riskThirdCuts: [Double]
    /// Per arm column, three groups (low, middle, high).
    public let riskGroups: [RiskGroup]

    public var relapseCount: Int { Int(fit.outcome.reduce(0, +)) }

    /// The plan's relapse-risk outcome, 0/1 per patient, and where it was read from: the cohort's published words
    /// when the plan uses them (as the urine-screen section does), else words built from its screens and visits.
    /// The report and `outcome-report risk fit` both evaluate it here.
    /// - Throws: ``RelapseRiskError``, ``MissingTableError``, ``UsePatternMatchError``.
    public static func outcome(cohort: Cohort, plan: AnalysisPlan) throws -> (outcome: [Double], source: String) {
        let options = try plan.relapseRiskOptions()
        switch plan.usePatternProvider(for: cohort) {
        case .published(let file, let description) where options.outcome.isEndpoint:
            let words = try UsePatternProvider.published(file, description: description).patterns(for: cohort)
            return (try options.outcome.evaluate(words: words.patterns, identifiers: cohort.patients.identifiers), description)
        case .published, .builtFromScreens:
            let outcome = try options.outcome.evaluate(
                cohort, substances: options.substances, firstDayOfWeekOne: options.landmark.firstDayOfWeekOne)
            return (outcome, "words built from the cohort's screens and visits")
        }
    }

    /// Fits both models, one after the other (each spreads its folds over the cores the report's serial parts leave
    /// free; two models' training sets at once cost memory and no time). `outcome` is the 0/1 outcome per patient,
    /// evaluated once by the caller.
    /// - Throws: what ``RelapseRiskFit`` throws for the landmark model.
    public static func fitting(
        cohort: Cohort, plan: AnalysisPlan, outcome: [Double], outcomeSource: String, arms: ArmColumns
    ) async throws -> RelapseRiskResults {
        let landmarkOptions = try plan.relapseRiskOptions()
        let baselineOptions = try plan.relapseRiskOptions(featureSet: .baseline)
        let fit = try RelapseRiskFit(cohort: cohort, options: landmarkOptions, outcome: outcome)
        let baseline = try? RelapseRiskFit(cohort: cohort, options: baselineOptions, outcome: outcome)
        return RelapseRiskResults(fit: fit, baselineFit: baseline, outcomeSource: outcomeSource, arms: arms)
    }

    /// The results of fitted models: risk thirds and groups by arm from the landmark model's cross-validated risks.
    public init(fit: RelapseRiskFit, baselineFit: RelapseRiskFit?, outcomeSource: String, arms: ArmColumns) {
        self.outcomeSource = outcomeSource
        self.fit = fit
        self.baselineFit = baselineFit
        let validation = fit.validation
        let sorted = validation.outOfFoldRisks.sorted()
        let cuts = [sorted[sorted.count / 3], sorted[2 * sorted.count / 3]]
        riskThirdCuts = cuts
        var patients = [[Int]](repeating: [0, 0, 0], count: arms.count), events = patients
        for (position, row) in validation.rows.enumerated() {
            let risk = validation.outOfFoldRisks[position]
            let third = risk < cuts[0] ? 0 : risk < cuts[1] ? 1 : 2
            patients[arms.columnOfPatient[row]][third] += 1
            events[arms.columnOfPatient[row]][third] += Int(fit.outcome[row])
        }
        riskGroups = (0..<arms.count).flatMap { column in
            (0..<3).map {
                RiskGroup(armColumn: column, third: $0, patients: patients[column][$0], events: events[column][$0])
            }
        }
    }
}

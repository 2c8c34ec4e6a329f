/// Which covariates of `patients.csv` may be summarised, modelled or saved, and what of them may be published
/// (docs/CovariatePolicy.md). The baseline table, the grouping covariate, the retention adjustment and the
/// relapse-risk model (and its JSON file) all read covariates through it.
///
/// 1. **Declared** (the manifest has a `covariates` list, ``CovariateDeclaration``): the list is complete; a column
///    it does not declare is left out. Declared covariates are trusted as to type and levels.
/// 2. **Undeclared** (no list): each column is judged from its values and name (`inferredExclusion`);
///    the first rule that fires leaves it out: date values; free text; contact details or a value equal to a
///    patient identifier or distinct values for most patients (identifies patients); identifier-like numbers; an
///    identifying name; more than ``maximumLevels`` levels.
/// 3. **Rare levels**, declared or not: a level with fewer than ``minimumCellSize`` patients in the whole cohort
///    (missing values aside) is merged into ``otherLevel`` (with a level already called `Other`). An `Other` that is
///    itself small stays, and its count is withheld by the small-cell rules like any other: its label names no one.
///    A covariate whose every patient would be `Other` is left out.
/// 4. **Numbers**: a numeric covariate publishes its mean and SD; its median and quartiles (and box plots) only when
///    declared with `"quantiles": true`, since a sample quantile (type 7) is often one patient's value.
///
/// Reference: HIPAA Safe Harbor, 45 CFR 164.514(b)(2) (identifiers, every date element but the year, small-area
/// geography); CMS cell-size suppression policy (cells of 1–10).
public struct CovariatePolicy: Sendable, Hashable {
    /// The small-cell minimum: rarer levels merge into ``otherLevel`` (``DisclosurePlan/minimumCellSize``, 11).
    public var minimumCellSize: Int
    /// An undeclared categorical covariate with more levels is left out (``BaselinePlan/maximumLevels``, 20).
    public var maximumLevels: Int

    /// The level rare levels merge into.
    public static let otherLevel = "Other"
    /// A value longer than this many characters is free text.
    public static let longTextCharacters = 40
    /// A value of this many words (whitespace-separated) or more is free text.
    public static let freeTextWords = 5
    /// More distinct values than this, most of them with a space, are free text (names, phrases).
    public static let freeTextDistinctValues = 10
    /// A value with this many digits or more is contact details or a record number (phone numbers have 7–15).
    public static let contactDigits = 7
    /// Whole numbers from this magnitude up (four digits), distinct for most patients, are identifier-like.
    public static let identifierMagnitude = 1000.0

    public init(minimumCellSize: Int = 11, maximumLevels: Int = 20) {
        precondition(minimumCellSize >= 1 && maximumLevels >= 1, "CovariatePolicy: thresholds are at least 1")
        self.minimumCellSize = minimumCellSize
        self.maximumLevels = maximumLevels
    }

    /// The plan's small-cell minimum and maximum levels.
    public init(plan: AnalysisPlan) {
        self.init(minimumCellSize: plan.disclosure.minimumCellSize, maximumLevels: plan.baseline.maximumLevels)
    }

    /// Screens every covariate of `patients` under `declarations` (`nil`: none, judge each column from its values),
    /// and `groupingCovariate` as a grouping.
    /// - Complexity: O(patients × covariates), plus O(characters) for the distinct values of each categorical one.
    public func screen(
        _ patients: PatientTable, declarations: [CovariateDeclaration]?, groupingCovariate: String? = nil
    ) -> CovariateScreening {
        let declared = Dictionary((declarations ?? []).map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let identifiers = Set(patients.identifiers)
        var kept: [Covariate] = [], exclusions: [CovariateScreening.Exclusion] = [], pooled: [String] = []
        for covariate in patients.covariates {
            if declarations != nil && declared[covariate.name] == nil {
                exclusions.append(.init(name: covariate.name, rule: .notDeclared))
            } else if declared[covariate.name] == nil, let rule = inferredExclusion(covariate, identifiers: identifiers) {
                exclusions.append(.init(name: covariate.name, rule: rule))
            } else if case .categorical(let column) = covariate.values {
                guard let (merged, didPool) = poolingRareLevels(column) else {
                    exclusions.append(.init(name: covariate.name, rule: .levelsTooSmall(minimum: minimumCellSize)))
                    continue
                }
                kept.append(Covariate(name: covariate.name, values: .categorical(merged)))
                if didPool { pooled.append(covariate.name) }
            } else {
                kept.append(covariate)
            }
        }
        var grouping: PatientGrouping?
        if let name = groupingCovariate, let covariate = kept.first(where: { $0.name == name }) {
            switch covariate.values {
            case .categorical(let column): grouping = PatientGrouping(name: name, column: column)
            case .numeric(let numbers):
                let labels = CategoricalColumn(labels: numbers.map { $0.map(PatientGrouping.label(of:)) })
                let asLabels = Covariate(name: name, values: .categorical(labels))
                if declared[name] == nil, let rule = inferredExclusion(asLabels, identifiers: identifiers) {
                    exclusions.append(.init(name: name, rule: rule, asGrouping: true))
                } else if let (merged, _) = poolingRareLevels(labels) {
                    grouping = PatientGrouping(name: name, column: merged)
                } else {
                    exclusions.append(.init(name: name, rule: .levelsTooSmall(minimum: minimumCellSize), asGrouping: true))
                }
            }
        }
        return CovariateScreening(
            patients: patients.replacingCovariates(kept), exclusions: exclusions, pooled: pooled,
            quantiles: Set(declared.values.filter(\.allowsQuantiles).map(\.name)), grouping: grouping)
    }

    /// The cohort with only the covariates the policy lets through (rare levels merged), and the screening.
    public func screen(_ cohort: Cohort, groupingCovariate: String? = nil) -> (cohort: Cohort, screening: CovariateScreening) {
        let screening = screen(
            cohort.patients, declarations: cohort.manifest?.covariates, groupingCovariate: groupingCovariate)
        return (cohort.replacingPatients(screening.patients), screening)
    }
}

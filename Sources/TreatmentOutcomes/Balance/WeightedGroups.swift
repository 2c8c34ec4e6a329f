import OutcomeStats

/// Two groups of patients (exposed: T = 1, unexposed: T = 0) made alike on baseline covariates by inverse probability
/// of treatment weights, with their weighted and unweighted retention and hazard ratios: the computation shared by
/// ``SupportComparison`` (arms of one medication) and the quarterly report's comparison (a window's admissions).
///
/// ```
/// e(x) = P(T = 1 | x)                                  logistic propensity model on the covariate matrix x
/// w = T·P(T = 1)/e(x) + (1 − T)·P(T = 0)/(1 − e(x))    stabilised weights (optionally truncated)
/// S_w(t) per group                                     weighted Kaplan–Meier; S(t) per group without weights
/// h(t | T) = h₀(t) exp(β T)                            Cox, weights w, robust variance; and without weights
/// ```
/// Austin & Stuart, Stat. Med. 34 (2015) 3661, doi:10.1002/sim.6607; Cole & Hernán, Comput. Methods Programs Biomed.
/// 75 (2004) 45, doi:10.1016/j.cmpb.2003.10.004.
public struct WeightedGroups: Sendable {
    public let propensity: PropensityScoreFit
    public let weights: InverseProbabilityWeights
    public let balance: CovariateBalance
    public let exposedCurve: WeightedKaplanMeierEstimate
    public let unexposedCurve: WeightedKaplanMeierEstimate
    /// The groups' curves without weights: the counts behind the weighted ones.
    public let exposedCrudeCurve: KaplanMeierEstimate
    public let unexposedCrudeCurve: KaplanMeierEstimate
    /// The weighted Cox model (column 0 = exposed), robust variance.
    public let weightedFit: CoxFit
    /// The same model without weights (model-based variance).
    public let unweightedFit: CoxFit

    /// The largest absolute standardised mean difference over the covariate terms, before or after weighting
    /// (`nil` without a term).
    public func largestStandardisedDifference(weighted: Bool) -> Double? {
        balance.terms.compactMap { weighted ? $0.weightedStandardisedDifference : $0.standardisedDifference }.map(abs).max()
    }

    /// Why two groups could not be weighted: the propensity model failed or separates them.
    public struct Unavailable: Error, Sendable, Hashable, CustomStringConvertible {
        public let description: String
    }

    /// - Precondition: equal lengths; both groups present.
    /// - Throws: ``Unavailable`` when the propensity model cannot be fitted or gives a score of 0 or 1.
    public static func make(
        covariates: Matrix, exposure: [Bool], times: [Double], events: [Bool],
        truncation: InverseProbabilityWeights.Truncation?
    ) throws(Unavailable) -> WeightedGroups {
        let propensity: PropensityScoreFit
        do { propensity = try PropensityScoreModel().fit(covariates: covariates, exposure: exposure) } catch {
            throw .init(description: "the propensity model could not be fitted: \(error)")
        }
        guard propensity.scores.allSatisfy({ $0 > 0 && $0 < 1 }) else {
            throw .init(description: "the propensity model separates the groups (scores of 0 or 1): no overlap to weight")
        }
        let weights = propensity.weights(.stabilised, truncation: truncation)
        func members(_ group: Bool) -> [Int] { exposure.indices.filter { exposure[$0] == group } }
        func curve(_ group: Bool) -> WeightedKaplanMeierEstimate {
            let rows = members(group)
            return WeightedKaplanMeierEstimate(
                times: rows.map { times[$0] }, events: rows.map { events[$0] }, weights: rows.map { weights.weights[$0] })
        }
        func crudeCurve(_ group: Bool) -> KaplanMeierEstimate {
            let rows = members(group)
            return KaplanMeierEstimate(times: rows.map { times[$0] }, events: rows.map { events[$0] })
        }
        let indicator = Matrix(rows: exposure.count, columns: 1, columnMajor: exposure.map { $0 ? 1 : 0 })
        return WeightedGroups(
            propensity: propensity, weights: weights,
            balance: CovariateBalance(covariates: covariates, exposure: exposure, weights: weights.weights),
            exposedCurve: curve(true), unexposedCurve: curve(false),
            exposedCrudeCurve: crudeCurve(true), unexposedCrudeCurve: crudeCurve(false),
            weightedFit: CoxModel().fit(design: indicator, times: times, events: events, weights: weights.weights, robust: true),
            unweightedFit: CoxModel().fit(design: indicator, times: times, events: events))
    }
}

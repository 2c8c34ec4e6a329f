/// The outcome counts behind one indicator feature of a relapse-risk model (an arm, a covariate level, a covariate
/// missing): its patients among the final fit's rows and how many of them relapsed.
///
/// A report needs them to decide whether the indicator's odds ratio may be shown: its standard error is about
/// √(1/a + 1/b + 1/c + 1/d) over the relapsed and not-relapsed counts with and without the indicator, so an odds
/// ratio resting on a small count estimates it (docs/ReportingConventions.md, "Model estimates").
public struct RelapseRiskIndicatorOutcomes: Sendable, Hashable {
    /// Patients of the fit with the indicator.
    public let patients: Int
    /// Of those, relapsed.
    public let relapsed: Int
    /// Patients of the fit without the indicator.
    public let patientsWithout: Int
    /// Of those, relapsed.
    public let relapsedWithout: Int

    /// The four counts of the indicator's 2 × 2 table: with and without it, relapsed and not.
    public var cells: [Int] {
        [relapsed, patients - relapsed, relapsedWithout, patientsWithout - relapsedWithout]
    }
}

extension RelapseRiskBuilder {
    /// Per feature of `model` (same order): the outcome counts of an indicator (arm, covariate level, covariate or
    /// assessment missing) over `rows`; `nil` for a feature that is not an indicator.
    func indicatorOutcomes(_ model: RelapseRiskModel, rows: [Int]) -> [RelapseRiskIndicatorOutcomes?] {
        let relapsedInRows = rows.reduce(0) { $0 + (outcome[$1] == 1 ? 1 : 0) }
        return model.features.map { feature in
            guard feature.source.categoricalLevel != nil || feature.source.isMissingIndicator,
                  let values = columns[feature.source] else { return nil }
            var patients = 0, relapsed = 0
            for row in rows where values[row] == 1 {
                patients += 1
                if outcome[row] == 1 { relapsed += 1 }
            }
            return RelapseRiskIndicatorOutcomes(
                patients: patients, relapsed: relapsed, patientsWithout: rows.count - patients,
                relapsedWithout: relapsedInRows - relapsed)
        }
    }
}

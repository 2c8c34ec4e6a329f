import OutcomeStats

/// Cohort summaries of a per-patient adherence measure (PDC or observed-dosing adherence) by group (arm, site,
/// period): mean, median and quartiles, and the share adherent with its Wilson score interval.
///
/// ```
/// mean = Σ aᵢ / n,   median, Q1, Q3 by the rule given: R's type 7, or, for what a report publishes, the mean of the
///                    neighbouring values (``DisclosurePlan/publishedQuantiles``), never one patient's value
/// share adherent = #{aᵢ ≥ threshold} / n,   CI = Wilson score (``WilsonScoreInterval``), uncorrected by default
/// ```
public struct AdherenceSummary: Sendable, Hashable {
    public let label: String
    public let count: Int
    public let mean: Double
    public let lowerQuartile: Double
    public let median: Double
    public let upperQuartile: Double
    public let adherentCount: Int
    public let shareAdherent: WilsonScoreInterval

    /// One summary per group label with at least one value, in the order of `labels`; `group[i]` indexes
    /// `labels` (`nil` leaves the value out).
    /// - Precondition: `values` and `group` have equal counts; values are finite.
    public static func byGroup(
        values: [Double], group: [Int?], labels: [String], threshold: Double, quantiles rule: QuantileRule,
        level: Double = 0.95, continuityCorrected: Bool = false
    ) -> [AdherenceSummary] {
        precondition(values.count == group.count, "AdherenceSummary: one group per value")
        var members = [[Double]](repeating: [], count: labels.count)
        for (value, group) in zip(values, group) {
            if let group { members[group].append(value) }
        }
        return labels.indices.compactMap { index in
            members[index].isEmpty ? nil : AdherenceSummary(
                label: labels[index], values: members[index], threshold: threshold, quantiles: rule, level: level,
                continuityCorrected: continuityCorrected)
        }
    }

    /// - Precondition: at least one value, all finite.
    public init(
        label: String, values: [Double], threshold: Double, quantiles rule: QuantileRule, level: Double = 0.95,
        continuityCorrected: Bool = false
    ) {
        precondition(!values.isEmpty && values.allSatisfy(\.isFinite), "AdherenceSummary needs finite values")
        let sorted = values.sorted()
        self.label = label
        count = sorted.count
        mean = sorted.reduce(0, +) / Double(sorted.count)
        lowerQuartile = rule.quantile(sorted, 0.25)
        median = rule.quantile(sorted, 0.5)
        upperQuartile = rule.quantile(sorted, 0.75)
        adherentCount = sorted.count { $0 >= threshold }
        shareAdherent = WilsonScoreInterval(
            successes: adherentCount, trials: sorted.count, level: level, continuityCorrected: continuityCorrected)
    }
}

import OutcomeStats

extension BoxSummary {
    /// The report's box for a group's values: quartiles and median (type 7, R's default), whiskers at the 10th and
    /// 90th percentiles — percentiles rather than extremes, so that no single patient's value is drawn.
    /// - Precondition: `values` is non-empty and finite.
    static func percentiles(name: String, values: [Double]) -> BoxSummary {
        let sorted = values.sorted()
        return BoxSummary(
            name: name, lowerWhisker: SampleQuantile.type7(sorted, 0.10),
            lowerQuartile: SampleQuantile.type7(sorted, 0.25), median: SampleQuantile.type7(sorted, 0.5),
            upperQuartile: SampleQuantile.type7(sorted, 0.75), upperWhisker: SampleQuantile.type7(sorted, 0.90),
            count: sorted.count)
    }
}

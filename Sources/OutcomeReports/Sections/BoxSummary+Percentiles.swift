import TreatmentOutcomes

extension BoxSummary {
    /// The report's box for a group: quartiles and median (type 7, R's default), whiskers at the 10th and 90th
    /// percentiles — percentiles rather than extremes, so that no single patient's value is drawn.
    init(name: String, summary: SampleSummary) {
        self.init(
            name: name, lowerWhisker: summary.tenthPercentile, lowerQuartile: summary.lowerQuartile,
            median: summary.median, upperQuartile: summary.upperQuartile, upperWhisker: summary.ninetiethPercentile,
            count: summary.count)
    }
}

/// The words that say how the report's medians, quartiles and percentiles of patients' values are computed
/// (``DisclosurePlan/publishedQuantiles``; docs/ReportingConventions.md, "Quantiles").
enum PublishedQuantiles {
    /// A table footnote for a "Median [Q1, Q3]" column.
    static func footnote(minimum: Int) -> String {
        "Median [Q1, Q3]: each is the mean of the \(minimum) patients' values nearest it in order, so that none is "
            + "one patient's value."
    }

    /// The sentence a box plot's summary ends with.
    static func boxPlotSentence(minimum: Int) -> String {
        "Each of these is the mean of the \(minimum) patients' values nearest it in order, so that none is one "
            + "patient's value."
    }
}

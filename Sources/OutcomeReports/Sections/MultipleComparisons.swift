import TreatmentOutcomes

/// Holm-adjusted p-values beside the raw ones wherever a table compares several pairs of arms: with k tests, one raw
/// p below 0.05 is expected by chance far more often than 1 time in 20 (``HolmAdjustment``; Holm, Scand J Stat
/// 1979). The family is the tests the table shows; a withheld test is not in it.
enum MultipleComparisons {
    /// One cell per entry of `pValues`: the Holm-adjusted p over the non-nil entries, ``Cell/suppressed`` for nil.
    static func holmCells(_ pValues: [Double?]) -> [Cell] {
        holm(pValues).map { $0.map(Cell.pValue) ?? .suppressed }
    }

    /// The Holm-adjusted p of each entry (`nil` for `nil`).
    static func holm(_ pValues: [Double?]) -> [Double?] {
        let adjusted = HolmAdjustment.adjusted(pValues.compactMap { $0 })
        var next = adjusted.makeIterator()
        return pValues.map { $0 == nil ? nil : next.next()! }
    }

    /// The footnote that says what the adjusted column is (for a table of two tests or more; with one, Holm p is p).
    static func footnote(tests: Int, of what: String) -> String {
        "Holm p: the \(what) p-value adjusted by Holm's step-down method for the \(tests) tests shown in this table, which keeps the chance of any false positive among "
            + "them at 5% when Holm p < 0.05. The comparisons are observational unless the arms were randomised against "
            + "each other in one trial."
    }
}

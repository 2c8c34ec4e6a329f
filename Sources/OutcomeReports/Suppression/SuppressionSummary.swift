/// The sentence a report's Data section says about what it withheld (the main report and the quarterly report).
enum SuppressionSummary {
    /// How many printed counts were withheld, and why; empty when suppression is off.
    static func sentence<Key>(_ suppression: Suppression<Key>, policy: SmallCellPolicy) -> String {
        guard policy.minimumCount > 1 else { return "" }
        let printed = suppression.suppressed.count, primary = suppression.primary.count
        guard printed > 0 else { return " No count in this report needed withholding." }
        return " In this report \(printed) counts are withheld (marked suppressed): \(primary) because they are small "
            + "and \(printed - primary) so that those cannot be worked out from totals, percentages or estimates in any "
            + "table. Percentages, estimates and charts whose counts are withheld are withheld with them."
            + unresolvedWarning(suppression.unresolved.count)
    }

    /// Said when the audit found withheld counts it could not protect by withholding more (nothing printed was left
    /// around them): the reader should know, and the test cohorts never have any.
    static func unresolvedWarning(_ count: Int) -> String {
        guard count > 0 else { return "" }
        return " Warning: \(count) withheld \(count == 1 ? "count" : "counts") could still be narrowed to two adjacent "
            + "values from the other tables, because nothing printed was left around \(count == 1 ? "it" : "them") to "
            + "withhold; do not publish this report without review."
    }
}

/// The small-cell rule of the CMS cell-size suppression policy (CMS/ResDAC): counts from 1 to
/// `minimumCount − 1` must not be shown nor be derivable from other cells; 0 may be shown.
///
/// ```
/// small(n) ⇔ 1 ≤ n ≤ minimumCount − 1        (default minimumCount = 11: 1…10 are withheld)
/// ```
/// A rate or percentage is withheld when its numerator or its denominator is small or withheld.
/// `minimumCount = 1` withholds nothing. See ``SuppressionProblem`` for the complementary step.
public struct SmallCellPolicy: Sendable, Hashable {
    /// The smallest positive count that may be shown.
    public let minimumCount: Int

    /// - Precondition: `minimumCount ≥ 1` (callers validate user input first).
    public init(minimumCount: Int = 11) {
        precondition(minimumCount >= 1, "SmallCellPolicy: minimumCount must be at least 1")
        self.minimumCount = minimumCount
    }

    /// Whether `count` must be withheld on its own (primary suppression).
    public func isSmall(_ count: Int) -> Bool { count >= 1 && count < minimumCount }

    /// Whether an estimate (a hazard ratio, a weighted curve) may rest on `patients` of whom `events` had the event:
    /// at least the minimum of patients, of events and of patients without one, so that an estimate whose interval
    /// lets a reader approximate the counts behind it never points at a small count.
    public func allowsEstimate(patients: Int, events: Int) -> Bool {
        [patients, events, patients - events].allSatisfy { $0 >= minimumCount }
    }

    /// A one-line statement of the rule for report footnotes.
    public var statement: String {
        if minimumCount == 1 { return "Small-cell suppression is off (minimum cell size 1)." }
        let small = minimumCount == 2 ? "Counts of 1 are" : "Counts from 1 to \(minimumCount - 1) are"
        return small + " withheld (printed as suppressed), together with further counts chosen across all tables so "
            + "that no withheld count can be worked out, or narrowed to fewer than three values, from totals, "
            + "percentages, estimates or other tables. Zeros are shown, so a withheld count is at least 1; the check "
            + "allows for that."
    }
}

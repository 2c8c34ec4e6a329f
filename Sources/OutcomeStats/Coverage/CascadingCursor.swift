/// Places intervals one after another so that none overlaps an earlier one: an interval that would start on or
/// before the last day already placed is moved to start the day after it, keeping its length.
///
/// ```
/// start₁ = s₁
/// startₖ = max(sₖ, endₖ₋₁ + 1),   endₖ = startₖ + lengthₖ − 1,   endₖ₋₁ = the latest end placed so far
/// ```
/// Moves cascade: a moved interval can push the next one further. Intervals that start on the same day are placed
/// one after the other, so their lengths add. Feed intervals in order of their requested start (ties in any order:
/// the placed days are the same). A zero-length interval places nothing and moves nothing.
///
/// This is the same-product rule of the Pharmacy Quality Alliance PDC method and the "supplies are summed" rule of
/// HEDIS POD (see TreatmentOutcomes' `ProportionOfDaysCovered`); the cursor itself knows nothing of either.
/// - Complexity: O(1) per interval, no allocation.
package struct CascadingCursor: Sendable {
    /// The last day placed so far; `nil` before the first interval.
    public private(set) var lastPlacedDay: Int32?

    public init() {}

    /// Places an interval of `length` days requested to start on `start`; returns the days it occupies, or `nil`
    /// when `length ≤ 0`.
    public mutating func place(start: Int32, length: Int) -> DayInterval? {
        guard length > 0 else { return nil }
        var first = start
        if let lastPlacedDay, lastPlacedDay >= start {
            guard lastPlacedDay < Int32.max else { return nil }
            first = lastPlacedDay + 1
        }
        let placed = DayInterval(first: first, length: length)
        lastPlacedDay = placed.last
        return placed
    }

    public mutating func reset() { lastPlacedDay = nil }
}

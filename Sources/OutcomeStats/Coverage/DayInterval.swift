/// A run of whole days `first…last`, both included; empty when `last < first`.
///
/// Days are integers on any scale (days since an epoch, days since an index day). Lengths are computed in `Int`, so
/// an interval may span the whole `Int32` range without overflow.
public struct DayInterval: Sendable, Hashable {
    public var first: Int32
    public var last: Int32

    public init(first: Int32, last: Int32) {
        self.first = first
        self.last = last
    }

    /// The interval of `length` days starting on `first`: `first…first + length − 1`, clamped to `Int32.max`.
    /// `length ≤ 0` gives an empty interval.
    public init(first: Int32, length: Int) {
        self.first = first
        self.last = Int32(clamping: Int(first) + length - 1)
    }

    public var isEmpty: Bool { last < first }

    /// Number of days, 0 when empty.
    public var length: Int { isEmpty ? 0 : Int(last) - Int(first) + 1 }

    /// The part of `self` inside `window`, or `nil` when they share no day.
    public func clipped(to window: DayInterval) -> DayInterval? {
        let clipped = DayInterval(first: max(first, window.first), last: min(last, window.last))
        return clipped.isEmpty ? nil : clipped
    }
}

/// Days covered by a set of possibly overlapping intervals inside a window, and the runs of uncovered days.
///
/// ```
/// covered   = |window ∩ (I₁ ∪ I₂ ∪ …)|        (a day covered by several intervals counts once)
/// uncovered = |window| − covered
/// runs      = maximal sets of consecutive uncovered days of the window (before, between and after the intervals)
/// ```
/// - Complexity: ``merge(_:)`` sorts (O(k log k) for k intervals, insertion sort below 32) and merges in place;
///   ``summary(ofMerged:window:runThreshold:)`` is one linear scan. Neither allocates when the array has capacity.
package enum DayCoverage {
    /// Sorts `intervals` by first day and merges overlapping or adjacent ones in place, dropping empty ones: after
    /// the call the array holds disjoint, non-adjacent intervals in increasing order.
    public static func merge(_ intervals: inout [DayInterval]) {
        intervals.removeAll(where: \.isEmpty)
        if intervals.count < 32 {
            insertionSort(&intervals)
        } else {
            intervals.sort { $0.first < $1.first }
        }
        guard !intervals.isEmpty else { return }
        var kept = 0
        for index in 1..<intervals.count {
            let next = intervals[index]
            if Int(next.first) <= Int(intervals[kept].last) + 1 {
                intervals[kept].last = max(intervals[kept].last, next.last)
            } else {
                kept += 1
                intervals[kept] = next
            }
        }
        intervals.removeLast(intervals.count - kept - 1)
    }

    /// Coverage of `window` by `merged` (the output of ``merge(_:)``).
    ///
    /// `runThreshold` is the length from which an uncovered run is counted in ``CoverageSummary/longRuns``.
    /// - Precondition: `merged` is sorted, disjoint and non-adjacent; `window` is not empty; `runThreshold ≥ 1`.
    public static func summary(ofMerged merged: [DayInterval], window: DayInterval, runThreshold: Int) -> CoverageSummary {
        precondition(!window.isEmpty, "DayCoverage: empty window")
        precondition(runThreshold >= 1, "DayCoverage: runThreshold must be at least 1")
        var covered = 0
        var longest = 0
        var longRuns = 0
        var runs = 0
        // The first day not yet accounted for.
        var cursor = Int(window.first)
        let end = Int(window.last)
        func closeRun(before day: Int) {
            let run = day - cursor
            guard run > 0 else { return }
            runs += 1
            longest = max(longest, run)
            if run >= runThreshold { longRuns += 1 }
        }
        for interval in merged {
            guard Int(interval.last) >= cursor else { continue }
            if Int(interval.first) > end { break }
            let first = max(Int(interval.first), cursor)
            let last = min(Int(interval.last), end)
            closeRun(before: first)
            covered += last - first + 1
            cursor = last + 1
        }
        closeRun(before: end + 1)
        return CoverageSummary(
            windowDays: window.length, coveredDays: covered, longestUncoveredRun: longest,
            uncoveredRuns: runs, longRuns: longRuns, runThreshold: runThreshold)
    }

    /// Whether any day of `window` is covered by `merged` (the output of ``merge(_:)``).
    public static func coversAnyDay(ofMerged merged: [DayInterval], in window: DayInterval) -> Bool {
        guard !window.isEmpty else { return false }
        return merged.contains { $0.first <= window.last && $0.last >= window.first }
    }

    private static func insertionSort(_ intervals: inout [DayInterval]) {
        guard intervals.count > 1 else { return }
        for index in 1..<intervals.count {
            let item = intervals[index]
            var position = index
            while position > 0, intervals[position - 1].first > item.first {
                intervals[position] = intervals[position - 1]
                position -= 1
            }
            intervals[position] = item
        }
    }
}

/// How a window is covered: see `DayCoverage`.
public struct CoverageSummary: Sendable, Hashable {
    /// Days in the window.
    public let windowDays: Int
    /// Days of the window inside at least one interval.
    public let coveredDays: Int
    /// The longest run of consecutive uncovered days (0 when every day is covered).
    public let longestUncoveredRun: Int
    /// Number of maximal runs of uncovered days.
    public let uncoveredRuns: Int
    /// Number of uncovered runs of at least ``runThreshold`` days.
    public let longRuns: Int
    public let runThreshold: Int

    public init(
        windowDays: Int, coveredDays: Int, longestUncoveredRun: Int, uncoveredRuns: Int, longRuns: Int, runThreshold: Int
    ) {
        self.windowDays = windowDays
        self.coveredDays = coveredDays
        self.longestUncoveredRun = longestUncoveredRun
        self.uncoveredRuns = uncoveredRuns
        self.longRuns = longRuns
        self.runThreshold = runThreshold
    }

    public var uncoveredDays: Int { windowDays - coveredDays }

    /// `coveredDays / windowDays`.
    public var proportionCovered: Double { Double(coveredDays) / Double(windowDays) }
}

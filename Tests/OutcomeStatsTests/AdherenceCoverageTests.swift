import Foundation
import Testing
import _OutcomeTestSupport

@testable import OutcomeStats

@Suite("Day coverage and cascading intervals")
struct AdherenceCoverageTests {
    func interval(_ first: Int32, _ last: Int32) -> DayInterval { DayInterval(first: first, last: last) }

    @Test("merge: unsorted, overlapping, adjacent and empty intervals")
    func merge() {
        var intervals = [interval(10, 12), interval(1, 3), interval(4, 5), interval(20, 19), interval(11, 15), interval(30, 30)]
        DayCoverage.merge(&intervals)
        #expect(intervals == [interval(1, 5), interval(10, 15), interval(30, 30)])
    }

    @Test("summary: covered days, runs before, between and after, threshold")
    func summary() {
        var intervals = [interval(3, 4), interval(8, 8), interval(-5, 0)]
        DayCoverage.merge(&intervals)
        // Window 1…12: covered 3,4,8 (3 days); uncovered runs 1–2 (2), 5–7 (3), 9–12 (4).
        let summary = DayCoverage.summary(ofMerged: intervals, window: interval(1, 12), runThreshold: 3)
        #expect(summary.windowDays == 12 && summary.coveredDays == 3 && summary.uncoveredDays == 9)
        #expect(summary.longestUncoveredRun == 4 && summary.uncoveredRuns == 3 && summary.longRuns == 2)
        let full = DayCoverage.summary(ofMerged: [interval(0, 100)], window: interval(1, 12), runThreshold: 1)
        #expect(full.coveredDays == 12 && full.longestUncoveredRun == 0 && full.uncoveredRuns == 0)
        let none = DayCoverage.summary(ofMerged: [], window: interval(1, 12), runThreshold: 13)
        #expect(none.coveredDays == 0 && none.longestUncoveredRun == 12 && none.uncoveredRuns == 1 && none.longRuns == 0)
        #expect(DayCoverage.coversAnyDay(ofMerged: intervals, in: interval(5, 7)) == false)
        #expect(DayCoverage.coversAnyDay(ofMerged: intervals, in: interval(5, 8)))
    }

    @Test("cascade: overlaps move after the last placed day; same-start intervals add; zero length places nothing")
    func cascade() {
        var cursor = CascadingCursor()
        #expect(cursor.place(start: 0, length: 30) == interval(0, 29))
        #expect(cursor.place(start: 20, length: 30) == interval(30, 59))   // overlap: moved to 30
        #expect(cursor.place(start: 40, length: 10) == interval(60, 69))   // cascades
        #expect(cursor.place(start: 40, length: 0) == nil)
        #expect(cursor.place(start: 100, length: 5) == interval(100, 104)) // after a gap: not moved
        #expect(cursor.place(start: 100, length: 5) == interval(105, 109)) // same day: supplies add
        cursor.reset()
        #expect(cursor.place(start: 1, length: 1) == interval(1, 1))
        #expect(DayInterval(first: Int32.max - 1, length: 10) == interval(Int32.max - 1, Int32.max))
    }

    @Test("randomised: summary agrees with a day-by-day count")
    func randomised() {
        withEverySeed(1...200) { generator, seed in
            var intervals = (0..<Int.random(in: 0...40, using: &generator)).map { _ in
                let first = Int32.random(in: -20...120, using: &generator)
                return DayInterval(first: first, length: Int.random(in: 0...15, using: &generator))
            }
            let window = DayInterval(first: Int32.random(in: -10...40, using: &generator), length: Int.random(in: 1...90, using: &generator))
            let threshold = Int.random(in: 1...6, using: &generator)
            var covered = [Bool](repeating: false, count: window.length)
            for item in intervals where !item.isEmpty {
                for day in item.first...item.last where day >= window.first && day <= window.last {
                    covered[Int(day - window.first)] = true
                }
            }
            var runs: [Int] = []
            var current = 0
            for day in covered + [true] {
                if day { if current > 0 { runs.append(current) }; current = 0 } else { current += 1 }
            }
            DayCoverage.merge(&intervals)
            let summary = DayCoverage.summary(ofMerged: intervals, window: window, runThreshold: threshold)
            #expect(summary.coveredDays == covered.count { $0 }, "seed \(seed)")
            #expect(summary.longestUncoveredRun == (runs.max() ?? 0), "seed \(seed)")
            #expect(summary.uncoveredRuns == runs.count, "seed \(seed)")
            #expect(summary.longRuns == runs.count { $0 >= threshold }, "seed \(seed)")
        }
    }
}

@Suite("Wilson score interval")
struct AdherenceWilsonTests {
    @Test("Wilson 1927 hand values (docs/ReportingConventions.md): 7/20, 0/10 and prop.test's corrected 7/20")
    func handValues() {
        let plain = WilsonScoreInterval(successes: 7, trials: 20)
        #expect(abs(plain.lower - 0.1812) < 5e-5 && abs(plain.upper - 0.5671) < 5e-5)
        let zero = WilsonScoreInterval(successes: 0, trials: 10)
        #expect(zero.lower == 0 && abs(zero.upper - 0.2775) < 5e-5)
        let corrected = WilsonScoreInterval(successes: 7, trials: 20, continuityCorrected: true)
        #expect(abs(corrected.lower - 0.1631) < 5e-5 && abs(corrected.upper - 0.5905) < 5e-5)
    }

    @Test("agrees with R's prop.test, with and without continuity correction (1e-12 relative)")
    func reference() throws {
        // R 4.2.2: prop.test(x, n, conf.level, correct = FALSE / TRUE)$conf.int (datasets/reference/adherence/wilson.R)
        let text = try String(contentsOf: datasetURL("reference/adherence/wilson.csv"), encoding: .utf8)
        let rows = text.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        #expect(rows.count == 9)
        for row in rows {
            let x = Int(row[0])!, n = Int(row[1])!, level = Double(row[2])!
            let plain = WilsonScoreInterval(successes: x, trials: n, level: level)
            let corrected = WilsonScoreInterval(successes: x, trials: n, level: level, continuityCorrected: true)
            for (actual, expected, label) in [
                (plain.lower, row[3], "lower"), (plain.upper, row[4], "upper"),
                (corrected.lower, row[5], "corrected lower"), (corrected.upper, row[6], "corrected upper"),
            ] {
                #expect(closeness(actual, Double(expected)!, relative: 1e-12, absolute: 1e-15, label: "\(x)/\(n) \(label)") == nil)
            }
        }
    }
}

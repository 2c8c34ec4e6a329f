import Testing
import _OutcomeTestSupport

import OutcomeStats

@Suite("SampleSummary")
struct SampleSummaryTests {
    @Test("hand-derived: 12 × 30 and 12 × 40")
    func twoValues() {
        let statistics = SampleSummary(Array(repeating: 30.0, count: 12) + Array(repeating: 40.0, count: 12))
        #expect(statistics.mean == 35)
        // SD = sqrt(24 · 5² / 23)
        #expect(isClose(statistics.standardDeviation!, (600.0 / 23).squareRoot(), relative: 1e-14))
        // type 7: h = 23 · 0.25 = 5.75 falls between two 30s; 23 · 0.75 = 17.25 between two 40s.
        #expect(statistics.lowerQuartile == 30)
        #expect(statistics.median == 35)
        #expect(statistics.upperQuartile == 40)
    }

    @Test("unsorted values with interpolated quartiles match R")
    func matchesR() {
        // R 4.2.2: x <- c(2.5, -1, 7, 3.25, 10); mean(x); sd(x); quantile(x, c(.25, .5, .75))
        let statistics = SampleSummary([2.5, -1, 7, 3.25, 10])
        #expect(isClose(statistics.mean, 4.35, relative: 1e-14))
        #expect(isClose(statistics.standardDeviation!, 4.2485291572496, relative: 1e-12))
        #expect(statistics.lowerQuartile == 2.5)
        #expect(statistics.median == 3.25)
        #expect(statistics.upperQuartile == 7)
        // R: quantile(x, c(.1, .9)) = 0.4, 8.8 (type 7: h = 1.4 and 4.6 on the sorted -1, 2.5, 3.25, 7, 10)
        #expect(isClose(statistics.tenthPercentile, 0.4, relative: 1e-14))
        #expect(isClose(statistics.ninetiethPercentile, 8.8, relative: 1e-14))
        // mean ± qnorm(0.975)·sd/√5: SE = 1.9000000000000 (sd² = 18.05 = 5 · 3.61)
        let interval = statistics.meanInterval()!
        #expect(isClose(statistics.standardErrorOfMean!, 1.9, relative: 1e-12))
        #expect(isClose(interval.lower, 4.35 - 1.959963984540054 * 1.9, relative: 1e-12))
        #expect(isClose(interval.upper, 4.35 + 1.959963984540054 * 1.9, relative: 1e-12))
        // R: b <- 20:45; quantile(b, c(.25, .75)) = 26.25, 38.75; sd(b) = 7.648529
        let consecutive = SampleSummary((20...45).map(Double.init))
        #expect(consecutive.lowerQuartile == 26.25)
        #expect(consecutive.upperQuartile == 38.75)
        #expect(isClose(consecutive.standardDeviation!, 58.5.squareRoot(), relative: 1e-14))
    }

    @Test("a single value has no SD")
    func single() {
        let statistics = SampleSummary([4])
        #expect(statistics.standardDeviation == nil && statistics.meanInterval() == nil)
        #expect(statistics.median == 4 && statistics.lowerQuartile == 4 && statistics.upperQuartile == 4)
    }
}

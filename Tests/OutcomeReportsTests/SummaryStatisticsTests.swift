import Testing
import _OutcomeTestSupport

@testable import OutcomeReports

@Suite("SummaryStatistics")
struct SummaryStatisticsTests {
    @Test("hand-derived: 12 × 30 and 12 × 40")
    func twoValues() {
        let statistics = SummaryStatistics(Array(repeating: 30.0, count: 12) + Array(repeating: 40.0, count: 12))
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
        let statistics = SummaryStatistics([2.5, -1, 7, 3.25, 10])
        #expect(isClose(statistics.mean, 4.35, relative: 1e-14))
        #expect(isClose(statistics.standardDeviation!, 4.2485291572496, relative: 1e-12))
        #expect(statistics.lowerQuartile == 2.5)
        #expect(statistics.median == 3.25)
        #expect(statistics.upperQuartile == 7)
        // R: b <- 20:45; quantile(b, c(.25, .75)) = 26.25, 38.75; sd(b) = 7.648529
        let consecutive = SummaryStatistics((20...45).map(Double.init))
        #expect(consecutive.lowerQuartile == 26.25)
        #expect(consecutive.upperQuartile == 38.75)
        #expect(isClose(consecutive.standardDeviation!, 58.5.squareRoot(), relative: 1e-14))
    }

    @Test("a single value has no SD")
    func single() {
        let statistics = SummaryStatistics([4])
        #expect(statistics.standardDeviation == nil)
        #expect(statistics.median == 4 && statistics.lowerQuartile == 4 && statistics.upperQuartile == 4)
    }
}

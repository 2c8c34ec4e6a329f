import Foundation
import OutcomeStats
import Testing

/// Control charts: limits worked out by hand from the textbook formulas, and each run rule on a series made to
/// trigger it (and one point short of it).
@Suite("Control charts (p, u, c) and run rules")
struct ControlChartTests {
    @Test("p-chart: centre Σx/Σn, limits p̄ ± 3√(p̄(1−p̄)/n) per point; a point above the upper limit")
    func pChart() throws {
        // x = 10, 10, 10, 40 of n = 100 each: p̄ = 70/400 = 0.175; 3√(0.175·0.825/100) = 0.113987…
        let chart = ControlChart(kind: .proportion, numerators: [10, 10, 10, 40], denominators: [100, 100, 100, 100])
        #expect(abs(chart.centre! - 0.175) < 1e-15)
        let width = 3 * (0.175 * 0.825 / 100).squareRoot()
        let last = try #require(chart.points[3])
        #expect(abs(last.upper - (0.175 + width)) < 1e-15 && abs(last.lower - (0.175 - width)) < 1e-15)
        #expect(last.signals == [.aboveUpperLimit])
        #expect(chart.points[0]!.signals.isEmpty)
    }

    @Test("u-chart: centre Σc/Σe, limits ū ± 3√(ū/e), the lower clipped at 0; a period without exposure has no point")
    func uChart() throws {
        let chart = ControlChart(kind: .rate, numerators: [4, 0, 2], denominators: [2, 0, 4])
        #expect(abs(chart.centre! - 1) < 1e-15)  // 6 / 6
        #expect(chart.points[1] == nil)
        let first = try #require(chart.points[0])
        #expect(abs(first.upper - (1 + 3 * (0.5).squareRoot())) < 1e-15 && first.lower == 0)
    }

    @Test("c-chart: centre the mean count, limits c̄ ± 3√c̄")
    func cChart() throws {
        let chart = ControlChart(kind: .count, numerators: [16, 16, 16, 16])
        #expect(chart.centre == 16)
        #expect(chart.points[0]!.upper == 28 && chart.points[0]!.lower == 4)
    }

    @Test("runs: 6 points on one side signal at the sixth, 5 do not; a point on the centre line ends a run")
    func runs() {
        // 6 low then 6 high: centre 0.5 (counts 2 and 8 of 10 equally often).
        let series: [Double] = [2, 2, 2, 2, 2, 2, 8, 8, 8, 8, 8, 8]
        let chart = ControlChart(kind: .proportion, numerators: series, denominators: Array(repeating: 10, count: 12))
        #expect(chart.points[4]!.signals.isEmpty)
        #expect(chart.points[5]!.signals.contains(.runBelow(6)))
        #expect(chart.points[11]!.signals.contains(.runAbove(6)))
        let broken = ControlChart(
            kind: .proportion, numerators: [2, 2, 2, 5, 2, 2, 2, 8, 8, 8, 8, 8, 8], denominators: Array(repeating: 10, count: 13))
        #expect(abs(broken.centre! - 0.5) < 1e-15)
        #expect(!broken.points.compactMap { $0 }.flatMap(\.signals).contains { if case .runBelow = $0 { true } else { false } })
    }

    @Test("trends: 6 points each higher than the one before signal at the sixth; a tie restarts the count")
    func trends() {
        let rising = ControlChart(kind: .count, numerators: [10, 11, 12, 13, 14, 15])
        #expect(rising.points[5]!.signals.contains(.trendUp(6)))
        #expect(!rising.points[4]!.signals.contains { if case .trendUp = $0 { true } else { false } })
        let tied = ControlChart(kind: .count, numerators: [10, 11, 12, 12, 13, 14, 15])
        #expect(!tied.points.compactMap { $0 }.flatMap(\.signals).contains { if case .trendUp = $0 { true } else { false } })
        let falling = ControlChart(kind: .count, numerators: [20, 19, 18, 17, 16, 15, 14])
        #expect(falling.points[6]!.signals.contains(.trendDown(7)))
    }

    @Test("no data at all: no centre, no points")
    func empty() {
        let chart = ControlChart(kind: .proportion, numerators: [0, 0], denominators: [0, 0])
        #expect(chart.centre == nil && chart.points == [nil, nil])
    }
}

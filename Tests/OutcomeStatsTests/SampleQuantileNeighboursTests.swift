import Testing
import _OutcomeTestSupport

@testable import OutcomeStats

/// ``SampleQuantile/meanOfNeighbours(_:_:width:)``: the report's published quantile (docs/ReportingConventions.md).
/// R has no such function; the R script datasets/reference/adherence/dosing.R implements it independently and the
/// CTN-0094 adherence test compares the two.
@Suite("SampleQuantile.meanOfNeighbours")
struct SampleQuantileNeighboursTests {
    @Test("hand-derived: windows, interpolation between them, clamping at the ends")
    func handDerived() {
        // 1 … 20, width 11, p = 0.5: h = 9.5; the window around x₍₉₎ is x₍₄₎ … x₍₁₄₎ = 5 … 15 (mean 10), around
        // x₍₁₀₎ it is 6 … 16 (mean 11); 10 + 0.5 · (11 − 10) = 10.5, as type 7 on evenly spaced data.
        let evenly = (1...20).map(Double.init)
        #expect(SampleQuantile.meanOfNeighbours(evenly, 0.5, width: 11) == 10.5)
        // p = 0: the window clamps to x₍₀₎ … x₍₁₀₎ = 1 … 11, mean 6 (not the minimum, 1).
        #expect(SampleQuantile.meanOfNeighbours(evenly, 0, width: 11) == 6)
        // p = 1: x₍₉₎ … x₍₁₉₎ = 10 … 20, mean 15 (not the maximum, 20).
        #expect(SampleQuantile.meanOfNeighbours(evenly, 1, width: 11) == 15)
        // A lone large value: type 7 gives the maximum, one patient's value, at p = 1; width 3 averages it with two
        // others: (0 + 0 + 100) / 3.
        let outlier = [Double](repeating: 0, count: 10) + [100]
        #expect(SampleQuantile.type7(outlier, 1) == 100)
        #expect(isClose(SampleQuantile.meanOfNeighbours(outlier, 1, width: 3), 100.0 / 3, relative: 1e-15))
        #expect(SampleQuantile.meanOfNeighbours(outlier, 0.5, width: 3) == 0)
        // 1, 2, 4, 8, 16, width 3. p = 0.25: h = 1, window x₍₀₎ … x₍₂₎ = 7/3. p = 0.6: h = 2.4; M(2) = (2 + 4 + 8)/3
        // = 14/3, M(3) = (4 + 8 + 16)/3 = 28/3; 14/3 + 0.4 · 14/3 = 19.6/3.
        let doubling: [Double] = [1, 2, 4, 8, 16]
        #expect(isClose(SampleQuantile.meanOfNeighbours(doubling, 0.25, width: 3), 7.0 / 3, relative: 1e-15))
        #expect(isClose(SampleQuantile.meanOfNeighbours(doubling, 0.6, width: 3), 19.6 / 3, relative: 1e-14))
        // An even width: the window around x₍ᵢ₎ starts at i − ⌊(w − 1)/2⌋. Width 2, p = 0.5 on 1, 2, 4, 8, 16: h = 2,
        // window x₍₂₎, x₍₃₎ = (4 + 8)/2.
        #expect(SampleQuantile.meanOfNeighbours(doubling, 0.5, width: 2) == 6)
    }

    @Test("invariants on seeded samples: width 1 is type 7, width ≥ n is the mean, non-decreasing in p, within the range")
    func invariants() {
        var generator = SplitMix64(seed: 20261205)
        for trial in 0..<200 {
            let count = Int.random(in: 1...60, using: &generator)
            let sorted = (0..<count).map { _ in Double.random(in: -5...5, using: &generator).rounded() }.sorted()
            let mean = sorted.reduce(0, +) / Double(count)
            let width = Int.random(in: 2...15, using: &generator)
            var previous = -Double.infinity
            for step in 0...20 {
                let probability = Double(step) / 20
                #expect(SampleQuantile.meanOfNeighbours(sorted, probability, width: 1) == SampleQuantile.type7(sorted, probability))
                #expect(isClose(SampleQuantile.meanOfNeighbours(sorted, probability, width: count + trial % 3), mean,
                                absolute: 1e-12))
                let value = SampleQuantile.meanOfNeighbours(sorted, probability, width: width)
                #expect(value >= previous - 1e-12, "trial \(trial): not monotone at p = \(probability)")
                #expect(value >= sorted[0] - 1e-12 && value <= sorted[count - 1] + 1e-12)
                previous = value
            }
        }
    }

    @Test("a summary under the rule: every quantile is a mean of at least `width` values")
    func summaryUnderRule() {
        // 11 distinct values and width 11: every quantile is the mean of all of them, none a single value.
        let values = [3.0, 1, 4, 15, 9, 2, 6, 5, 35, 8, 97]
        let summary = SampleSummary(values, quantiles: .meanOfNeighbours(11))
        let mean = values.reduce(0, +) / 11
        for quantile in [summary.tenthPercentile, summary.lowerQuartile, summary.median, summary.upperQuartile,
                         summary.ninetiethPercentile] {
            #expect(isClose(quantile, mean, relative: 1e-14))
            #expect(!values.contains(quantile))
        }
        // The default stays R's type 7.
        #expect(SampleSummary(values).median == 6)
        #expect(QuantileRule.meanOfNeighbours(1).quantile(values.sorted(), 0.3) == QuantileRule.type7.quantile(values.sorted(), 0.3))
    }
}

import Testing
import _OutcomeTestSupport

@testable import OutcomeStats

@Suite("SampleQuantile")
struct SampleQuantileTests {
    @Test("type 7 matches R's quantile()")
    func matchesR() {
        // R 4.2.2: x <- c(0.93, 0.2, 0.5, 1, 0.61, 0.61, 0.05)
        //          sprintf("%.17g", quantile(x, c(0, .1, .25, .5, .75, .9, 1)))
        let sorted = [0.93, 0.2, 0.5, 1, 0.61, 0.61, 0.05].sorted()
        let probabilities = [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1]
        let expected = [0.05, 0.14000000000000001, 0.34999999999999998, 0.61, 0.77000000000000002, 0.95800000000000007, 1]
        for (probability, value) in zip(probabilities, expected) {
            #expect(isClose(SampleQuantile.type7(sorted, probability), value, relative: 1e-14), "p = \(probability)")
        }
        // R: quantile(c(1, 2), c(.1, .333)) = 1.1, 1.333
        #expect(isClose(SampleQuantile.type7([1, 2], 0.1), 1.1, relative: 1e-14))
        #expect(isClose(SampleQuantile.type7([1, 2], 0.333), 1.333, relative: 1e-14))
    }

    @Test("hand-derived: one value, ties, the ends")
    func edges() {
        // R: quantile(3.5, c(0, .37, 1)) = 3.5, 3.5, 3.5
        for probability in [0, 0.37, 1] { #expect(SampleQuantile.type7([3.5], probability) == 3.5) }
        // h = 4 · 0.5 = 2 lands on x₍₂₎ exactly; ties interpolate to themselves.
        #expect(SampleQuantile.type7([1, 2, 2, 2, 9], 0.5) == 2)
        #expect(SampleQuantile.type7([1, 2, 2, 2, 9], 0.4) == 2)
        // h = 4 · 0.9 = 3.6: 2 + 0.6 · (9 − 2) = 6.2
        #expect(isClose(SampleQuantile.type7([1, 2, 2, 2, 9], 0.9), 6.2, relative: 1e-14))
    }
}

import Testing
import Foundation
import OutcomeStats

/// The exact Poisson interval against R's `poisson.test(k, T)$conf.int` values and its closed forms.
@Suite("Poisson rate interval (Garwood)")
struct PoissonRateIntervalTests {
    @Test("10 events in 1 unit: R poisson.test(10) gives [4.795389, 18.390356]")
    func tenEvents() {
        let interval = PoissonRateInterval(events: 10, exposure: 1)
        #expect(abs(interval.lower - 4.795389) < 5e-7)
        #expect(abs(interval.upper - 18.390356) < 5e-7)
        #expect(interval.estimate == 10)
    }

    @Test("0 events: lower 0, upper −ln(0.025)/T (the closed form for k = 0)")
    func zeroEvents() {
        let interval = PoissonRateInterval(events: 0, exposure: 4)
        #expect(interval.lower == 0)
        #expect(abs(interval.upper - (-log(0.025) / 4)) < 1e-9)
    }

    @Test("1 event: lower −ln(0.975)/T (χ²₂ is exponential), and the interval scales with 1/T")
    func oneEventAndScaling() {
        let interval = PoissonRateInterval(events: 1, exposure: 2)
        #expect(abs(interval.lower - (-log(0.975) / 2)) < 1e-9)
        let unit = PoissonRateInterval(events: 7, exposure: 1), scaled = PoissonRateInterval(events: 7, exposure: 3.5)
        #expect(abs(scaled.lower * 3.5 - unit.lower) < 1e-12 && abs(scaled.upper * 3.5 - unit.upper) < 1e-12)
    }
}

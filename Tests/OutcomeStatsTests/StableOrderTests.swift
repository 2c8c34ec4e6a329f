import Foundation
import Testing
import _OutcomeTestSupport

@testable import OutcomeStats

/// The radix order must be exactly the order of a stable comparison sort: the Cox, Kaplan–Meier and log-rank sums
/// run in it, so any other tie order could change their last bits.
@Suite("Stable order of rows by time within strata")
struct StableOrderTests {
    /// The reference: an explicitly stable comparison sort (row index breaks ties).
    func reference(_ times: [Double], descending: Bool, strata: [Int]?) -> [Int] {
        times.indices.sorted { a, b in
            let sa = strata?[a] ?? 0, sb = strata?[b] ?? 0
            if sa != sb { return sa < sb }
            if times[a] != times[b] { return descending ? times[a] > times[b] : times[a] < times[b] }
            return a < b
        }
    }

    @Test("Equals a stable comparison sort: ties, −0.0 and +0.0, negatives, infinities, strata of any codes")
    func matchesStableSort() {
        let specials: [Double] = [0, -0.0, 1, -1, .infinity, -.infinity, 1e-300, -1e300, .leastNonzeroMagnitude]
        withEverySeed(1...60) { generator, seed in
            let count = Int.random(in: 0..<400, using: &generator)
            let integerTimes = Bool.random(using: &generator)
            let times: [Double] = (0..<count).map { _ in
                switch Int.random(in: 0..<6, using: &generator) {
                case 0: specials.randomElement(using: &generator)!
                default: integerTimes ? Double(Int.random(in: -5...30, using: &generator))
                    : Double.random(in: -1e3...1e3, using: &generator)
                }
            }
            let strata: [Int]? = Bool.random(using: &generator)
                ? (0..<count).map { _ in [-7, 0, 3, 1_000_000].randomElement(using: &generator)! } : nil
            for descending in [false, true] {
                let expected = reference(times, descending: descending, strata: strata)
                #expect(StableOrder.rows(byTime: times, descending: descending, strata: strata) == expected,
                        "seed \(seed)")
                #expect(StableOrder.compactRows(byTime: times, descending: descending, strata: strata)
                            == expected.map { Int32($0) }, "seed \(seed), 32-bit rows")
            }
        }
    }

    @Test("A large input: every byte of the key takes part")
    func large() {
        var generator = SplitMix64(seed: 9)
        let times = (0..<200_000).map { _ in Double.random(in: -1e6...1e6, using: &generator).rounded() / 8 }
        let expected = reference(times, descending: false, strata: nil)
        #expect(StableOrder.rows(byTime: times, descending: false) == expected)
        #expect(StableOrder.compactRows(byTime: times, descending: false) == expected.map { Int32($0) })
    }
}

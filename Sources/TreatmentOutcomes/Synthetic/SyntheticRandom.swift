import OutcomeStats
import Foundation

/// xoshiro256** 1.0 (Blackman & Vigna, "Scrambled linear pseudorandom number generators", ACM TOMS 47(4), 2021,
/// doi:10.1145/3460772): the per-patient stream of the synthetic cohort generator.
///
/// Patient `i` of a cohort with seed `s` gets the stream ``init(seed:stream:)`` with `stream = i`; its four
/// state words are the first four outputs of SplitMix64 started at `mix(s) ⊕ mix(i + 1)`, so a patient's
/// records depend only on `(s, i)`, never on the cohort size or on other patients.
/// - Complexity: O(1) per draw; no allocation.
struct Xoshiro256StarStar: RandomNumberGenerator {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    init(seed: UInt64, stream: UInt64) {
        var seeding = SplitMix64(seed: SplitMix64.mix(seed) ^ SplitMix64.mix(stream &+ 1))
        s0 = seeding.next()
        s1 = seeding.next()
        s2 = seeding.next()
        s3 = seeding.next()
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }  // the all-zero state is the one fixed point
    }

    /// A generator with the given state words (for reference tests); the state must not be all zero.
    init(state: (UInt64, UInt64, UInt64, UInt64)) {
        precondition(state.0 | state.1 | state.2 | state.3 != 0, "the all-zero state is invalid")
        (s0, s1, s2, s3) = state
    }

    mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }
}

/// Draws from the distributions the generative model uses, written out so that the same stream gives the same
/// values on every platform with the same libm (the Swift standard library's `random(in:)` algorithms are not
/// guaranteed to stay fixed between releases).
extension Xoshiro256StarStar {
    /// Uniform on the open interval (0, 1): the top 53 bits, offset by half a step, so `log` is always finite.
    mutating func uniform() -> Double {
        (Double(next() >> 11) + 0.5) * 0x1.0p-53
    }

    /// `true` with probability `probability`.
    mutating func bernoulli(_ probability: Double) -> Bool {
        uniform() < probability
    }

    /// A uniform integer in `range` (Lemire's multiply-shift; bias below 2⁻⁵⁰ for the small ranges used here).
    mutating func integer(in range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound + 1)
        return range.lowerBound + Int(next().multipliedFullWidth(by: width).high)
    }

    /// Standard normal by the Box–Muller transform (one of the pair is used).
    mutating func standardNormal() -> Double {
        let radius = (-2 * Foundation.log(uniform())).squareRoot()
        return radius * Foundation.cos(2 * Double.pi * uniform())
    }

    /// Normal with the given mean and standard deviation.
    mutating func normal(mean: Double, standardDeviation: Double) -> Double {
        mean + standardDeviation * standardNormal()
    }

    /// Exponential with rate 1.
    mutating func standardExponential() -> Double {
        -Foundation.log(uniform())
    }

    /// Gamma(shape, 1) by Marsaglia & Tsang (ACM TOMS 26(3), 2000, doi:10.1145/358407.358414); for shape < 1 the
    /// draw for shape + 1 is multiplied by U^(1/shape).
    mutating func gamma(shape: Double) -> Double {
        precondition(shape > 0, "gamma shape must be positive")
        if shape < 1 {
            return gamma(shape: shape + 1) * Foundation.pow(uniform(), 1 / shape)
        }
        let d = shape - 1.0 / 3.0
        let c = 1 / (9 * d).squareRoot()
        while true {
            var x: Double
            var v: Double
            repeat {
                x = standardNormal()
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = uniform()
            if u < 1 - 0.0331 * x * x * x * x { return d * v }
            if Foundation.log(u) < 0.5 * x * x + d * (1 - v + Foundation.log(v)) { return d * v }
        }
    }

    /// Beta(α, β) as G₁/(G₁ + G₂) with independent gammas.
    mutating func beta(_ alpha: Double, _ beta: Double) -> Double {
        let first = gamma(shape: alpha)
        let second = gamma(shape: beta)
        return first / (first + second)
    }

    /// An index drawn with probability proportional to `weights` (which need not sum to 1).
    mutating func categorical(_ weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        var target = uniform() * total
        for (index, weight) in weights.enumerated() {
            target -= weight
            if target < 0 { return index }
        }
        return weights.count - 1
    }
}

/// The logistic function `1 / (1 + e^(−x))`.
func logistic(_ x: Double) -> Double {
    1 / (1 + Foundation.exp(-x))
}

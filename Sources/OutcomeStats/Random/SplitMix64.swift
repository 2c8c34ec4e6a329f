/// SplitMix64 (Steele, Lea & Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014,
/// doi:10.1145/2660193.2660195): a small, fast, seedable generator. The same seed gives the same sequence on every
/// platform, unlike the standard library's system generator.
///
/// ```
/// state += 0x9E3779B97F4A7C15
/// z = state; z = (z ^ z>>30)·0xBF58476D1CE4E5B9; z = (z ^ z>>27)·0x94D049BB133111EB; return z ^ z>>31
/// ```
/// Used for fold assignment, for seeding the synthetic generator's xoshiro256** streams, and in seeded tests.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.finalize(state)
    }

    /// The output of a generator whose state is `value` after one step: `finalize(value + 0x9E3779B97F4A7C15)`.
    /// A good 64-bit mixing function on its own (for deriving seeds from seeds).
    public static func mix(_ value: UInt64) -> UInt64 {
        finalize(value &+ 0x9E37_79B9_7F4A_7C15)
    }

    private static func finalize(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014): a small, fast, seedable generator for randomised tests.
/// The same seed gives the same sequence on every platform.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Runs `body` once per seed in `seeds`, passing a generator seeded with it. When `body` throws, the error
/// names the seed so the failing case can be replayed.
public func withEverySeed(
    _ seeds: some Sequence<UInt64>, _ body: (inout SplitMix64, UInt64) throws -> Void
) rethrows {
    for seed in seeds {
        var generator = SplitMix64(seed: seed)
        try body(&generator, seed)
    }
}

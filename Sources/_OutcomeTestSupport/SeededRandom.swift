@_exported import struct OutcomeStats.SplitMix64

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

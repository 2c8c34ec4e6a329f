/// A seeded assignment of rows to k cross-validation folds, stratified by a 0/1 outcome: the events and the
/// non-events are each shuffled (Fisher–Yates with SplitMix64 from `seed`) and dealt round-robin, events first, so
/// every fold gets ⌊m/k⌋ or ⌈m/k⌉ of each class. The same seed, outcome and k always give the same folds.
public struct StratifiedFolds: Sendable, Hashable {
    public let foldCount: Int
    public let seed: UInt64
    /// `fold[i]` ∈ 0..<foldCount for row i.
    public let fold: [Int]

    /// - Precondition: `foldCount ≥ 2`; outcomes 0/1.
    public init(outcome: [Double], foldCount: Int, seed: UInt64) {
        precondition(foldCount >= 2, "Cross-validation needs at least two folds")
        var generator = SplitMix64(seed: seed)
        var fold = [Int](repeating: 0, count: outcome.count)
        var dealt = 0
        for level in [1.0, 0.0] {
            var rows = outcome.indices.filter { outcome[$0] == level }
            for i in stride(from: rows.count - 1, to: 0, by: -1) {
                rows.swapAt(i, Int(generator.next() % UInt64(i + 1)))
            }
            for row in rows {
                fold[row] = dealt % foldCount
                dealt += 1
            }
        }
        self.foldCount = foldCount
        self.seed = seed
        self.fold = fold
    }

    /// The rows of fold `index` (held out) and the others (training), both ascending.
    public func split(_ index: Int) -> (training: [Int], heldOut: [Int]) {
        var training: [Int] = [], heldOut: [Int] = []
        for (row, value) in fold.enumerated() {
            if value == index { heldOut.append(row) } else { training.append(row) }
        }
        return (training, heldOut)
    }
}

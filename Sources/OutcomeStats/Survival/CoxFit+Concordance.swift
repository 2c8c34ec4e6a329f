extension CoxFit {
    /// Harrell's concordance of the linear predictor with survival, as R's `coxph` reports it
    /// (`concordance(fit)`, `timewt = "n"`).
    ///
    /// A pair in the same stratum is comparable when the shorter time is an event (an observation censored at an
    /// event's time counts as longer; two events at one time are not compared). It is concordant when the subject
    /// with the event has the larger xβ, discordant when the smaller, tied when equal:
    /// ```
    /// C = (concordant + tied/2) / (concordant + discordant + tied)
    /// ```
    /// Harrell et al., JAMA 247 (1982) 2543, doi:10.1001/jama.1982.03320430047030. NaN when no pair is comparable.
    /// - Complexity: O(n log n) with a Fenwick tree over the ranks of xβ.
    static func concordance(riskSets: CoxRiskSets, beta: [Double]) -> Double {
        let n = riskSets.count
        guard n > 1 else { return .nan }
        let eta = riskSets.linearPredictors(beta)
        // Dense ranks 1…m of xβ.
        let sortedValues = eta.sorted()
        var distinct: [Double] = []
        distinct.reserveCapacity(n)
        for value in sortedValues where distinct.last != value { distinct.append(value) }
        let rank = eta.map { value -> Int in
            var low = 0, high = distinct.count
            while low < high {
                let middle = (low + high) / 2
                if distinct[middle] < value { low = middle + 1 } else { high = middle }
            }
            return low + 1
        }
        var tree = FenwickTree(size: distinct.count)
        var concordant = 0.0, discordant = 0.0, tied = 0.0
        var stratumRows: [Int] = []
        for b in 0..<riskSets.blockCount {
            if riskSets.startsStratum[b] {
                for i in stratumRows { tree.add(rank[i], -1) }
                stratumRows.removeAll(keepingCapacity: true)
            }
            let rows = riskSets.blockStarts[b]..<riskSets.blockStarts[b + 1]
            for i in rows where !riskSets.events[i] { tree.add(rank[i], 1) }
            let total = tree.total
            for i in rows where riskSets.events[i] {
                let below = tree.prefixSum(rank[i] - 1)
                let equal = tree.prefixSum(rank[i]) - below
                concordant += Double(below)
                tied += Double(equal)
                discordant += Double(total - below - equal)
            }
            for i in rows where riskSets.events[i] { tree.add(rank[i], 1) }
            stratumRows.append(contentsOf: rows)
        }
        return (concordant + tied / 2) / (concordant + discordant + tied)
    }
}

/// Counts by rank with O(log m) updates and prefix sums.
struct FenwickTree {
    private var counts: [Int]
    private(set) var total = 0

    init(size: Int) { counts = [Int](repeating: 0, count: size + 1) }

    mutating func add(_ rank: Int, _ amount: Int) {
        total += amount
        var index = rank
        while index < counts.count {
            counts[index] += amount
            index += index & -index
        }
    }

    /// The count of ranks 1…rank.
    func prefixSum(_ rank: Int) -> Int {
        var sum = 0, index = rank
        while index > 0 {
            sum += counts[index]
            index -= index & -index
        }
        return sum
    }
}

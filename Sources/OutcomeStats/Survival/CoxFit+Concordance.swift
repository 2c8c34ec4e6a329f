extension CoxFit {
    /// Harrell's concordance of the linear predictor with survival, as R's `coxph` reports it
    /// (`concordance(fit)`, `timewt = "n"`).
    ///
    /// Each event is compared with the rows of its stratum at risk at its time (start < t ≤ stop; an observation
    /// censored at an event's time counts as longer; two events at one time are not compared). The pair is
    /// concordant when the row with the event has the larger xβ, discordant when the smaller, tied when equal, and
    /// counts wᵢwⱼ (the product of the case weights, 1 without weights; R's rule):
    /// ```
    /// C = (concordant + tied/2) / (concordant + discordant + tied)
    /// ```
    /// Harrell et al., JAMA 247 (1982) 2543, doi:10.1001/jama.1982.03320430047030; Therneau & Atkinson, "The
    /// concordance statistic", survival package vignette (2020). NaN when no pair is comparable.
    /// - Complexity: O(n log n) with a Fenwick tree of weights over the ranks of xβ.
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
        let weights = riskSets.weights ?? [Double](repeating: 1, count: n)
        var tree = FenwickTree(size: distinct.count)
        var inTree = [Bool](repeating: false, count: n)
        func add(_ i: Int) { tree.add(rank[i], weights[i]); inTree[i] = true }
        func remove(_ i: Int) { tree.add(rank[i], -weights[i]); inTree[i] = false }
        var concordant = 0.0, discordant = 0.0, tied = 0.0
        var stratumRows: [Int] = []
        var leaving = CoxRiskSets.RemovalCursor()
        for b in 0..<riskSets.blockCount {
            if riskSets.startsStratum[b] {
                for i in stratumRows where inTree[i] { remove(i) }
                stratumRows.removeAll(keepingCapacity: true)
            }
            let time = riskSets.times[riskSets.blockStarts[b]]
            leaving.leaving(riskSets, stratum: riskSets.blockStratum[b], time: time) { i in if inTree[i] { remove(i) } }
            let rows = riskSets.blockStarts[b]..<riskSets.blockStarts[b + 1]
            for i in rows where !riskSets.events[i] { add(i) }
            let total = tree.total
            for i in rows where riskSets.events[i] {
                let below = tree.prefixSum(rank[i] - 1)
                let equal = tree.prefixSum(rank[i]) - below
                concordant += weights[i] * below
                tied += weights[i] * equal
                discordant += weights[i] * (total - below - equal)
            }
            for i in rows where riskSets.events[i] { add(i) }
            stratumRows.append(contentsOf: rows)
        }
        return (concordant + tied / 2) / (concordant + discordant + tied)
    }
}

/// Weights by rank with O(log m) updates and prefix sums (whole-number weights add exactly).
struct FenwickTree {
    private var counts: [Double]
    private(set) var total = 0.0

    init(size: Int) { counts = [Double](repeating: 0, count: size + 1) }

    mutating func add(_ rank: Int, _ amount: Double) {
        total += amount
        var index = rank
        while index < counts.count {
            counts[index] += amount
            index += index & -index
        }
    }

    /// The count of ranks 1…rank.
    func prefixSum(_ rank: Int) -> Double {
        var sum = 0.0, index = rank
        while index > 0 {
            sum += counts[index]
            index -= index & -index
        }
        return sum
    }
}

/// The data of a Cox fit sorted once for single-pass risk-set sums (the input of the kernel in
/// ``CoxRiskSets/evaluate(_:ties:recording:phWeights:)``).
///
/// Layout (like `coxfit6.c`): rows sorted by stratum, then exit time *descending*, so walking forward adds subjects
/// to the risk set; tied rows of one (stratum, time) form a *block*. Covariates are centred at their means and stored
/// row-major (`covariates[i·p + j]`), which keeps exp(xβ) in range and each row's values adjacent.
///
/// Counting-process rows (start, stop] (Andersen & Gill, Ann. Statist. 10 (1982) 1100, doi:10.1214/aos/1176345976)
/// are at risk at t when start < t ≤ stop. ``removals`` lists them by stratum and start descending: before the block at
/// time t the walk takes out every row of the stratum with start ≥ t (such a row has stop > t, so it was added).
struct CoxRiskSets: Sendable {
    /// A row leaving the risk set: its sorted position, stratum and entry (start) time.
    struct Removal: Sendable {
        var position: Int
        var stratum: Int
        var entry: Double
    }

    /// Rows n.
    let count: Int
    /// Active (non-aliased) columns p.
    let columnCount: Int
    /// The original column of each active column.
    let columns: [Int]
    /// Sorted position → original row.
    let order: [Int]
    /// Centred covariates in sorted order (row-major, grouped columns once per group).
    let covariates: CoxCovariates
    /// The means subtracted, per active column.
    let means: [Double]
    /// Exit times and events in sorted order.
    let times: [Double]
    let events: [Bool]
    /// Case weights in sorted order (all 1 for an unweighted fit).
    let weights: [Double]
    /// Entry times in sorted order; `nil` when every row is at risk from the start of follow-up.
    let entryTimes: [Double]?
    /// Rows in the order they leave the risk set (empty without entry times).
    let removals: [Removal]
    /// `blockStarts[b] ..< blockStarts[b + 1]` are the rows of block b; `blockStarts.count` = blocks + 1.
    let blockStarts: [Int]
    /// Whether block b is the first (latest time) of its stratum.
    let startsStratum: [Bool]
    /// The stratum code of each block.
    let blockStratum: [Int]

    /// Sorts the data of a design given by its entries, `entries(row, column)` for the n rows and the original
    /// columns `columns`, each read once (no n × P matrix is needed). The column means are summed in row order.
    init(
        entries: (_ row: Int, _ column: Int) -> Double, grouped: CoxGroupedColumns? = nil, entryTimes: [Double]? = nil,
        times: [Double], events: [Bool], weights: [Double]? = nil, strata: [Int]?, columns: [Int]
    ) {
        let n = times.count
        struct Key { var stratum: Int; var time: Double; var row: Int }
        // stratum ascending, then time descending; ties in row order
        let keys = StableOrder.rows(byTime: times, descending: true, strata: strata).map { row in
            Key(stratum: strata?[row] ?? 0, time: times[row], row: row)
        }
        let p = columns.count
        var positionOfRow = [Int](repeating: 0, count: n)
        for (position, key) in keys.enumerated() { positionOfRow[key.row] = position }
        // Each entry in row order into its sorted place, summing the columns; then centred at the means.
        let (covariates, means) = CoxCovariates.read(
            rowCount: n, columns: columns, positionOfRow: positionOfRow, grouped: grouped, entries: entries)
        positionOfRow = []
        var sortedTimes = [Double](repeating: 0, count: n), sortedEvents = [Bool](repeating: false, count: n)
        var blockStarts: [Int] = [], startsStratum: [Bool] = [], blockStratum: [Int] = []
        for (position, key) in keys.enumerated() {
            sortedTimes[position] = key.time
            sortedEvents[position] = events[key.row]
            let newStratum = position == 0 || keys[position - 1].stratum != key.stratum
            if newStratum || keys[position - 1].time != key.time {
                blockStarts.append(position)
                startsStratum.append(newStratum)
                blockStratum.append(key.stratum)
            }
        }
        blockStarts.append(n)
        self.count = n
        self.columnCount = p
        self.columns = columns
        self.order = keys.map(\.row)
        self.covariates = covariates
        self.means = means
        self.times = sortedTimes
        self.events = sortedEvents
        self.weights = weights.map { weights in keys.map { weights[$0.row] } } ?? [Double](repeating: 1, count: n)
        let sortedEntries = entryTimes.map { entries in keys.map { entries[$0.row] } }
        self.entryTimes = sortedEntries
        // stratum ascending, then entry descending; ties in sorted position order
        self.removals = sortedEntries.map { entries in
            StableOrder.rows(byTime: entries, descending: true, strata: strata == nil ? nil : keys.map(\.stratum))
                .map { Removal(position: $0, stratum: keys[$0].stratum, entry: entries[$0]) }
        } ?? []
        self.blockStarts = blockStarts
        self.startsStratum = startsStratum
        self.blockStratum = blockStratum
    }

    var blockCount: Int { blockStarts.count - 1 }

    /// Whether any row has a case weight other than 1.
    var isWeighted: Bool { weights.contains { $0 != 1 } }

    /// The linear predictors xβ of the centred covariates, in sorted order.
    func linearPredictors(_ beta: [Double]) -> [Double] {
        let p = columnCount
        var eta = [Double](repeating: 0, count: count)
        covariates.withRows { x in
            for i in 0..<count {
                let row = x.row(i)
                var sum = 0.0
                for j in 0..<p { sum += row[j] * beta[j] }
                eta[i] = sum
            }
        }
        return eta
    }

    /// Walks ``removals`` alongside the blocks: `next` is the first removal not yet taken out.
    struct RemovalCursor {
        var next = 0

        /// The positions of the rows of `stratum` whose entry is at or after `time`, advancing past them (and past
        /// any rows of earlier strata). Call with the blocks in order.
        mutating func leaving(_ riskSets: CoxRiskSets, stratum: Int, time: Double, _ body: (Int) -> Void) {
            let removals = riskSets.removals
            while next < removals.count && removals[next].stratum < stratum { next += 1 }
            while next < removals.count && removals[next].stratum == stratum && removals[next].entry >= time {
                body(removals[next].position)
                next += 1
            }
        }
    }
}

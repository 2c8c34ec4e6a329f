/// The data of a Cox fit sorted once for single-pass risk-set sums (the input of the kernel in
/// ``CoxRiskSets/evaluate(_:ties:recording:phWeights:)``).
///
/// Layout (like `coxfit6.c`): rows sorted by stratum, then exit time *descending*, so walking forward adds subjects
/// to the risk set; tied rows of one (stratum, time) form a *block*. Covariates are centred at their means and stored
/// row-major (`covariates[i·p + j]`), which keeps exp(xβ) in range and each row's values adjacent.
///
/// Counting-process rows (start, stop] (Andersen & Gill, Ann. Statist. 10 (1982) 1100, doi:10.1214/aos/1176345976)
/// are at risk at t when start < t ≤ stop. ``removalPositions`` lists them by stratum and start descending: before the
/// block at time t the walk takes out every row of the stratum with start ≥ t (such a row has stop > t, so it was
/// added).
struct CoxRiskSets: Sendable {
    /// Rows n.
    let count: Int
    /// Active (non-aliased) columns p.
    let columnCount: Int
    /// The original column of each active column.
    let columns: [Int]
    /// Sorted position → original row (32-bit: a counting-process fit may have tens of millions of rows).
    let order: [Int32]
    /// Centred covariates in sorted order (row-major, grouped columns once per group).
    let covariates: CoxCovariates
    /// The means subtracted, per active column.
    let means: [Double]
    /// Exit times and events in sorted order.
    let times: [Double]
    let events: [Bool]
    /// Case weights in sorted order; `nil` for an unweighted fit (every weight 1, which the sums then leave out:
    /// multiplying by 1 changes no bit).
    let weights: [Double]?
    /// Entry times in sorted order; `nil` when every row is at risk from the start of follow-up.
    let entryTimes: [Double]?
    /// The rows in the order they leave the risk set (stratum ascending, then entry time descending; empty without
    /// entry times): their sorted positions, their entry times, and where each stratum's run of them ends.
    let removalPositions: [Int32]
    let removalEntries: [Double]
    let removalStrata: [(stratum: Int, end: Int)]
    /// `blockStarts[b] ..< blockStarts[b + 1]` are the rows of block b; `blockStarts.count` = blocks + 1.
    let blockStarts: [Int]
    /// Whether block b is the first (latest time) of its stratum.
    let startsStratum: [Bool]
    /// The stratum code of each block.
    let blockStratum: [Int]

    /// Sorts the data of a design given by its entries, `entries(row, column)` for the n rows and the original
    /// columns `columns`, each read once (no n × P matrix is needed). The column means are summed in row order.
    /// Memory: with entry times and grouped columns whose rows take few distinct combinations, about 41 bytes a row
    /// (position 4, times 16, event 1, removal 12, the two combinations' numbers 8), and for a moment 24 bytes a row
    /// more while a sort runs.
    /// Entry times, exit times and events are read from `entryTime(row)`, `time(row)` and `event(row)` for rows
    /// `0..<rowCount`. `distinctRowLimit`: see ``CoxCovariates/read(rowCount:columns:positionOfRow:grouped:distinctRowLimit:entries:)``.
    init(
        entries: (_ row: Int, _ column: Int) -> Double, grouped: CoxGroupedColumns? = nil,
        entryTime: ((Int) -> Double)? = nil, rowCount n: Int, time: (Int) -> Double, event: (Int) -> Bool,
        weights: [Double]? = nil, strata: [Int]?, columns: [Int], distinctRowLimit: Int? = nil
    ) {
        // stratum ascending, then time descending; ties in row order
        let order = StableOrder.compactRows(count: n, byTime: time, descending: true, strata: strata)
        func stratum(atPosition position: Int) -> Int { strata?[Int(order[position])] ?? 0 }
        let p = columns.count
        // Each entry in row order into its sorted place, summing the columns; then centred at the means.
        var positionOfRow = [Int32](repeating: 0, count: n)
        for (position, row) in order.enumerated() { positionOfRow[Int(row)] = Int32(truncatingIfNeeded: position) }
        let (covariates, means) = CoxCovariates.read(
            rowCount: n, columns: columns, positionOfRow: positionOfRow, grouped: grouped,
            distinctRowLimit: distinctRowLimit, entries: entries)
        positionOfRow = []
        var sortedTimes = [Double](repeating: 0, count: n), sortedEvents = [Bool](repeating: false, count: n)
        var blockStarts: [Int] = [], startsStratum: [Bool] = [], blockStratum: [Int] = []
        var previousStratum = 0
        for (position, row) in order.enumerated() {
            let row = Int(row), exit = time(row), code = stratum(atPosition: position)
            sortedTimes[position] = exit
            sortedEvents[position] = event(row)
            let newStratum = position == 0 || previousStratum != code
            if newStratum || sortedTimes[position - 1] != exit {
                blockStarts.append(position)
                startsStratum.append(newStratum)
                blockStratum.append(code)
            }
            previousStratum = code
        }
        blockStarts.append(n)
        self.count = n
        self.columnCount = p
        self.columns = columns
        self.order = order
        self.covariates = covariates
        self.means = means
        self.times = sortedTimes
        self.events = sortedEvents
        self.weights = weights.map { weights in order.map { weights[Int($0)] } }
        let sortedEntries = entryTime.map { entryTime in order.map { entryTime(Int($0)) } }
        self.entryTimes = sortedEntries
        // stratum ascending, then entry descending; ties in sorted position order
        var removalPositions: [Int32] = [], removalEntries: [Double] = []
        var removalStrata: [(stratum: Int, end: Int)] = []
        if let sortedEntries {
            removalPositions = StableOrder.compactRows(
                byTime: sortedEntries, descending: true, strata: strata.map { _ in (0..<n).map(stratum(atPosition:)) })
            removalEntries = removalPositions.map { sortedEntries[Int($0)] }
            for (index, position) in removalPositions.enumerated() {
                let code = stratum(atPosition: Int(position))
                if removalStrata.last?.stratum == code { removalStrata[removalStrata.count - 1].end = index + 1 }
                else { removalStrata.append((code, index + 1)) }
            }
        }
        self.removalPositions = removalPositions
        self.removalEntries = removalEntries
        self.removalStrata = removalStrata
        self.blockStarts = blockStarts
        self.startsStratum = startsStratum
        self.blockStratum = blockStratum
    }

    var blockCount: Int { blockStarts.count - 1 }

    /// Whether any row has a case weight other than 1.
    var isWeighted: Bool { weights?.contains { $0 != 1 } ?? false }

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

    /// Walks the removals (``removalPositions``) alongside the blocks: `next` is the first removal not yet taken
    /// out, `run` the stratum run (``removalStrata``) it is in.
    struct RemovalCursor {
        var next = 0
        var run = 0

        /// The positions of the rows of `stratum` whose entry is at or after `time`, advancing past them (and past
        /// any rows of earlier strata). Call with the blocks in order.
        mutating func leaving(_ riskSets: CoxRiskSets, stratum: Int, time: Double, _ body: (Int) -> Void) {
            let runs = riskSets.removalStrata
            while run < runs.count && runs[run].stratum < stratum {
                next = runs[run].end
                run += 1
            }
            guard run < runs.count && runs[run].stratum == stratum else { return }
            let end = runs[run].end, positions = riskSets.removalPositions, entries = riskSets.removalEntries
            while next < end && entries[next] >= time {
                body(Int(positions[next]))
                next += 1
            }
        }
    }
}

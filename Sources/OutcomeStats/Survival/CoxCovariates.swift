/// Columns of a Cox design that take one value on every row of a group: a patient's baseline covariates over the
/// patient's (start, stop] rows of counting-process data. The fit keeps them once per group instead of once per row;
/// the fit is the same, bit for bit (``CoxModel/fit(rowCount:columnCount:covariate:groupedColumns:entryTimes:times:events:weights:strata:clusters:robust:)``).
///
/// With 44 rows a patient and 8 of 12 columns constant within patients, the sorted covariates take 36 bytes a row
/// instead of 96.
public struct CoxGroupedColumns: Sendable {
    /// The group of each row, in 0..<``groupCount``.
    public let group: [Int]
    public let groupCount: Int
    /// The design columns that are constant within each group.
    public let columns: Set<Int>

    /// - Precondition: every group code in 0..<`groupCount`. (That each column in `columns` is constant within its
    ///   groups is checked by the fit, which stops on a column that is not.)
    public init(group: [Int], groupCount: Int, columns: Set<Int>) {
        precondition(group.allSatisfy { $0 >= 0 && $0 < groupCount }, "Cox group codes must be in 0..<groupCount")
        self.group = group
        self.groupCount = groupCount
        self.columns = columns
    }
}

/// The centred covariates of ``CoxRiskSets`` in sorted order: the columns that vary within groups row-major, one
/// row per sorted position, and the grouped columns (``CoxGroupedColumns``) once per group. Without grouped columns
/// this is the plain row-major n × p array.
///
/// With grouped columns, when the rows' own values take few distinct combinations (the engagement models' sessions,
/// covered days and their products with a medication take a few thousand over tens of millions of rows), each
/// distinct combination is kept once and each position keeps its index (``rowCodes``): 4 bytes a row instead of
/// 8 per column. The values read are the same doubles, so the fit is the same bit for bit.
struct CoxCovariates: Sendable {
    /// Active columns p.
    let columnCount: Int
    /// The row columns' values, row-major: one row per sorted position (n × rowColumnCount), or with ``rowCodes``
    /// one row per distinct combination.
    let rowValues: [Double]
    let rowColumnCount: Int
    /// The combination (row of ``rowValues``) of each sorted position; `nil` when ``rowValues`` has a row per
    /// position.
    let rowCodes: [Int32]?
    /// The grouped columns' distinct value combinations, row-major (combinations × groupColumnCount).
    let groupValues: [Double]
    let groupColumnCount: Int
    /// The combination (row of ``groupValues``) of each sorted position's group (empty without grouped columns).
    let groupOfPosition: [Int32]
    /// Where active column j is kept: its index among the row columns when ≥ 0, else −1 − its index among the
    /// grouped columns.
    let slot: [Int]

    /// Reads the values of `columns` (original design columns) of every row once, in row order, into their sorted
    /// places (`positionOfRow`), and centres each column at its mean over the rows (summed in row order). With
    /// grouped columns the rows' own values are kept as distinct combinations when there are at most
    /// `distinctRowLimit` of them (n/4 unless given; 0 keeps a row per position).
    /// - Returns: the covariates and the means.
    static func read(
        rowCount n: Int, columns: [Int], positionOfRow: [Int32], grouped: CoxGroupedColumns?,
        distinctRowLimit: Int? = nil, entries: (_ row: Int, _ column: Int) -> Double
    ) -> (covariates: CoxCovariates, means: [Double]) {
        let p = columns.count
        var slot = [Int](repeating: 0, count: p)
        var rowColumns: [Int] = [], groupColumns: [Int] = []
        for (j, column) in columns.enumerated() {
            if grouped?.columns.contains(column) == true {
                slot[j] = -1 - groupColumns.count
                groupColumns.append(j)
            } else {
                slot[j] = rowColumns.count
                rowColumns.append(j)
            }
        }
        let r = rowColumns.count, q = groupColumns.count
        let groupCount = q > 0 ? grouped!.groupCount : 0
        var sums = [Double](repeating: 0, count: p)
        var rowValues = [Double](repeating: 0, count: n * r)
        var groupValues = [Double](repeating: 0, count: groupCount * q)
        var groupOfPosition = [Int32](repeating: 0, count: q > 0 ? n : 0)
        var seen = [Bool](repeating: false, count: groupCount)
        var means: [Double] = []
        rowValues.withUnsafeMutableBufferPointer { rowTarget in
            groupValues.withUnsafeMutableBufferPointer { groupTarget in
                for row in 0..<n {
                    let base = Int(positionOfRow[row]) * r
                    let group = q > 0 ? grouped!.group[row] : 0
                    let first = q > 0 && !seen[group]
                    for (j, column) in columns.enumerated() {
                        let value = entries(row, column)
                        precondition(value.isFinite, "Cox covariates must be finite")
                        sums[j] += value
                        let place = slot[j]
                        if place >= 0 {
                            rowTarget[base + place] = value
                        } else if first {
                            groupTarget[group * q - 1 - place] = value
                        } else {
                            precondition(groupTarget[group * q - 1 - place] == value,
                                         "a grouped Cox column must take one value on all rows of a group")
                        }
                    }
                    if q > 0 {
                        seen[group] = true
                        groupOfPosition[Int(positionOfRow[row])] = Int32(group)
                    }
                }
                means = sums.map { n > 0 ? $0 / Double(n) : 0 }
                for position in 0..<n {
                    for (k, j) in rowColumns.enumerated() { rowTarget[position * r + k] -= means[j] }
                }
                for group in 0..<groupCount where seen[group] {
                    for (k, j) in groupColumns.enumerated() { groupTarget[group * q + k] -= means[j] }
                }
            }
        }
        var rowCodes: [Int32]? = nil
        if q > 0 {
            (groupValues, groupOfPosition) = distinctCombinations(
                groupValues, width: q, seen: seen, groupOfPosition: groupOfPosition)
            if r > 0, let coded = distinctRows(rowValues, width: r, count: n, limit: distinctRowLimit ?? n / 4) {
                (rowValues, rowCodes) = (coded.values, coded.codes)
            }
        }
        let covariates = CoxCovariates(
            columnCount: p, rowValues: rowValues, rowColumnCount: r, rowCodes: rowCodes, groupValues: groupValues,
            groupColumnCount: q, groupOfPosition: groupOfPosition, slot: slot)
        return (covariates, means)
    }

    /// The distinct combinations of the grouped columns' values (compared bit for bit) and, for each sorted
    /// position, its group's combination instead of its group. Patients share few combinations (medication, sex, age
    /// in years, …): a table of those stays in the processor's cache, where a table of a million patients read in
    /// the order of the risk sets (by time, so patients at random) misses it on almost every row.
    private static func distinctCombinations(
        _ values: [Double], width q: Int, seen: [Bool], groupOfPosition: [Int32]
    ) -> (values: [Double], groupOfPosition: [Int32]) {
        var combinationOfGroup = [Int32](repeating: 0, count: seen.count)
        var index: [[UInt64]: Int32] = [:]
        var combinations: [Double] = []
        for group in seen.indices where seen[group] {
            let combination = values[(group * q)..<(group * q + q)]
            let key = combination.map(\.bitPattern)
            if let known = index[key] {
                combinationOfGroup[group] = known
            } else {
                let next = Int32(index.count)
                index[key] = next
                combinations.append(contentsOf: combination)
                combinationOfGroup[group] = next
            }
        }
        return (combinations, groupOfPosition.map { combinationOfGroup[Int($0)] })
    }

    /// The distinct rows of the n × `width` row-major `values` (compared bit for bit) in order of first appearance,
    /// and the index of each row's; `nil` when there are more than `limit` (then coding saves little). An
    /// open-addressing table over the rows' bits: no allocation per row.
    static func distinctRows(
        _ values: [Double], width r: Int, count n: Int, limit: Int
    ) -> (values: [Double], codes: [Int32])? {
        guard n > 0, limit > 0 else { return nil }
        var capacity = 1024
        var slots = [Int32](repeating: -1, count: capacity)  // a distinct row's index, or −1
        var distinct: [Double] = []
        var codes = [Int32](repeating: 0, count: n)
        let found: Bool = values.withUnsafeBufferPointer { values in
            func hash(_ row: UnsafePointer<Double>) -> Int {
                var h: UInt64 = 0x9E37_79B9_7F4A_7C15
                for k in 0..<r { h = (h ^ row[k].bitPattern) &* 0xBF58_476D_1CE4_E5B9; h ^= h >> 29 }
                return Int(truncatingIfNeeded: h)
            }
            func same(_ row: UnsafePointer<Double>, _ index: Int) -> Bool {
                for k in 0..<r where distinct[index * r + k].bitPattern != row[k].bitPattern { return false }
                return true
            }
            for i in 0..<n {
                let row = values.baseAddress! + i * r
                var place = hash(row) & (capacity - 1)
                while slots[place] >= 0 && !same(row, Int(slots[place])) { place = (place + 1) & (capacity - 1) }
                if slots[place] >= 0 {
                    codes[i] = slots[place]
                    continue
                }
                let index = distinct.count / r
                guard index < limit else { return false }
                distinct.append(contentsOf: UnsafeBufferPointer(start: row, count: r))
                slots[place] = Int32(index)
                codes[i] = Int32(index)
                if 2 * (index + 1) > capacity {  // keep the table at most half full
                    capacity *= 2
                    slots = [Int32](repeating: -1, count: capacity)
                    for known in 0...index {
                        var place = distinct.withUnsafeBufferPointer { hash($0.baseAddress! + known * r) }
                            & (capacity - 1)
                        while slots[place] >= 0 { place = (place + 1) & (capacity - 1) }
                        slots[place] = Int32(known)
                    }
                }
            }
            return true
        }
        return found ? (distinct, codes) : nil
    }

    /// Calls `body` with a reader of the covariate rows (``RowReader``), valid only inside it.
    func withRows<Result>(_ body: (RowReader) -> Result) -> Result {
        let scratch = UnsafeMutablePointer<Double>.allocate(capacity: max(columnCount, 1))
        defer { scratch.deallocate() }
        return rowValues.withUnsafeBufferPointer { rows in
            (rowCodes ?? []).withUnsafeBufferPointer { rowCodes in
                groupValues.withUnsafeBufferPointer { groups in
                    groupOfPosition.withUnsafeBufferPointer { groupOf in
                        slot.withUnsafeBufferPointer { slot in
                            body(RowReader(
                                rows: rows.baseAddress, rowCodes: self.rowCodes == nil ? nil : rowCodes.baseAddress,
                                groups: groups.baseAddress, groupOf: groupOf.baseAddress, slot: slot.baseAddress,
                                columnCount: columnCount, rowColumnCount: rowColumnCount,
                                groupColumnCount: groupColumnCount, scratch: scratch))
                        }
                    }
                }
            }
        }
    }

    /// The p covariates of a sorted position, contiguous: a pointer into the row values when no column is grouped,
    /// else the row gathered into a scratch buffer that the next call overwrites.
    struct RowReader {
        let rows: UnsafePointer<Double>?
        let rowCodes: UnsafePointer<Int32>?
        let groups: UnsafePointer<Double>?
        let groupOf: UnsafePointer<Int32>?
        let slot: UnsafePointer<Int>?
        let columnCount: Int
        let rowColumnCount: Int
        let groupColumnCount: Int
        let scratch: UnsafeMutablePointer<Double>

        @inline(__always)
        func row(_ position: Int) -> UnsafePointer<Double> {
            guard groupColumnCount > 0 else { return rows.map { $0 + position * columnCount } ?? UnsafePointer(scratch) }
            let own = rows.map { $0 + (rowCodes.map { Int($0[position]) } ?? position) * rowColumnCount }
            let group = groups! + Int(groupOf![position]) * groupColumnCount
            for j in 0..<columnCount {
                let place = slot![j]
                scratch[j] = place >= 0 ? own![place] : group[-1 - place]
            }
            return UnsafePointer(scratch)
        }
    }
}

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
        // With grouped columns the rows' own values are numbered as they are read (``DistinctRows``), so no row per
        // position is ever held unless there turn out to be more than `limit` distinct ones.
        let limit = distinctRowLimit ?? n / 4
        var distinct = q > 0 && r > 0 && limit > 0 ? DistinctRows(width: r, limit: limit) : nil
        var rowCodes = [Int32](repeating: 0, count: distinct == nil ? 0 : n)
        var rowValues = [Double](repeating: 0, count: distinct == nil ? n * r : 0)
        var own = [Double](repeating: 0, count: r)  // the row's own values, while they are being numbered
        var groupValues = [Double](repeating: 0, count: groupCount * q)
        var groupOfPosition = [Int32](repeating: 0, count: q > 0 ? n : 0)
        var seen = [Bool](repeating: false, count: groupCount)
        var means: [Double] = []
        groupValues.withUnsafeMutableBufferPointer { groupTarget in
            for row in 0..<n {
                let position = Int(positionOfRow[row])
                let group = q > 0 ? grouped!.group[row] : 0
                let first = q > 0 && !seen[group]
                for (j, column) in columns.enumerated() {
                    let value = entries(row, column)
                    precondition(value.isFinite, "Cox covariates must be finite")
                    sums[j] += value
                    let place = slot[j]
                    if place >= 0 {
                        if distinct == nil { rowValues[position * r + place] = value } else { own[place] = value }
                    } else if first {
                        groupTarget[group * q - 1 - place] = value
                    } else {
                        precondition(groupTarget[group * q - 1 - place] == value,
                                     "a grouped Cox column must take one value on all rows of a group")
                    }
                }
                if q > 0 {
                    seen[group] = true
                    groupOfPosition[position] = Int32(group)
                }
                guard distinct != nil else { continue }
                if let code = own.withUnsafeBufferPointer({ distinct!.index(of: $0.baseAddress!) }) {
                    rowCodes[position] = code
                } else {
                    // more distinct rows than `limit`: a row per position after all, the rows read so far decoded
                    rowValues = [Double](repeating: 0, count: n * r)
                    for earlier in 0..<row {
                        let at = Int(positionOfRow[earlier]), code = Int(rowCodes[at])
                        for k in 0..<r { rowValues[at * r + k] = distinct!.values[code * r + k] }
                    }
                    for k in 0..<r { rowValues[position * r + k] = own[k] }
                    distinct = nil
                    rowCodes = []
                }
            }
            means = sums.map { n > 0 ? $0 / Double(n) : 0 }
            for group in 0..<groupCount where seen[group] {
                for (k, j) in groupColumns.enumerated() { groupTarget[group * q + k] -= means[j] }
            }
        }
        // each stored own value centred: x − mean, the same operation on the same x whether it is kept once per
        // position or once per distinct row
        if let found = distinct {
            rowValues = found.values
            for index in 0..<found.count {
                for (k, j) in rowColumns.enumerated() { rowValues[index * r + k] -= means[j] }
            }
        } else {
            rowValues.withUnsafeMutableBufferPointer { rowTarget in
                for position in 0..<n {
                    for (k, j) in rowColumns.enumerated() { rowTarget[position * r + k] -= means[j] }
                }
            }
        }
        if q > 0 {
            (groupValues, groupOfPosition) = distinctCombinations(
                groupValues, width: q, seen: seen, groupOfPosition: groupOfPosition)
        }
        let covariates = CoxCovariates(
            columnCount: p, rowValues: rowValues, rowColumnCount: r, rowCodes: distinct == nil ? nil : rowCodes,
            groupValues: groupValues,
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
        var combinations = DistinctRows(width: q, limit: max(1, seen.count))
        values.withUnsafeBufferPointer { values in
            for group in seen.indices where seen[group] {
                combinationOfGroup[group] = combinations.index(of: values.baseAddress! + group * q)!
            }
        }
        return (combinations.values, groupOfPosition.map { combinationOfGroup[Int($0)] })
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

/// Rows of `width` doubles numbered in order of first appearance (compared bit for bit), with an open-addressing
/// table over their bits: no allocation per row. At most `limit` distinct rows are numbered.
struct DistinctRows {
    let width: Int
    let limit: Int
    /// The distinct rows, row-major, in order of first appearance.
    private(set) var values: [Double] = []
    /// A distinct row's index per slot, −1 for an empty slot; at most half full.
    private var slots = [Int32](repeating: -1, count: 1024)

    init(width: Int, limit: Int) {
        precondition(width > 0 && limit > 0 && limit <= Int(Int32.max))
        self.width = width
        self.limit = limit
    }

    var count: Int { values.count / width }

    /// The number of the row `row` (`width` values), numbering it if it is new; `nil` when it is new and `limit`
    /// rows are numbered already.
    mutating func index(of row: UnsafePointer<Double>) -> Int32? {
        let mask = slots.count - 1
        var place = Self.hash(row, width) & mask
        while slots[place] >= 0 {
            if same(row, Int(slots[place])) { return slots[place] }
            place = (place + 1) & mask
        }
        let index = count
        guard index < limit else { return nil }
        values.append(contentsOf: UnsafeBufferPointer(start: row, count: width))
        slots[place] = Int32(index)
        if 2 * (index + 1) > slots.count { grow() }
        return Int32(index)
    }

    private func same(_ row: UnsafePointer<Double>, _ index: Int) -> Bool {
        for k in 0..<width where values[index * width + k].bitPattern != row[k].bitPattern { return false }
        return true
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: 2 * slots.count)
        let mask = slots.count - 1
        values.withUnsafeBufferPointer { values in
            for index in 0..<(values.count / width) {
                var place = Self.hash(values.baseAddress! + index * width, width) & mask
                while slots[place] >= 0 { place = (place + 1) & mask }
                slots[place] = Int32(index)
            }
        }
    }

    private static func hash(_ row: UnsafePointer<Double>, _ width: Int) -> Int {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15
        for k in 0..<width {
            h = (h ^ row[k].bitPattern) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 29
        }
        return Int(truncatingIfNeeded: h)
    }
}

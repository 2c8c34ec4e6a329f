/// The order that sorts rows by a time within strata, ties kept in row order: the order of a stable comparison sort
/// (Swift's `sort` with `(stratum, time)` as the key), found by a least-significant-digit radix sort in O(n) instead
/// of O(n log n) comparisons through the caller's arrays.
///
/// A time becomes an unsigned key that orders as the number does: the sign bit flipped for a positive number, every
/// bit for a negative one (so −0.0 and +0.0, equal as numbers, are first made the same key). Eight passes of one
/// byte each sort the keys, skipping a byte on which every key agrees (most of a time's high bytes); a counting
/// sort by stratum rank then orders the strata. Each pass keeps ties in the order it found them, so ties stay in
/// row order throughout.
/// - Precondition: finite times (NaN has no place in the order).
package enum StableOrder {
    /// The rows `0..<times.count` in ascending (`descending` false) or descending time order within ascending
    /// strata (`strata` any integer codes, or `nil` for one stratum).
    package static func rows(byTime times: [Double], descending: Bool, strata: [Int]? = nil) -> [Int] {
        sorted(times, descending: descending, strata: strata, as: Int.self)
    }

    /// ``rows(byTime:descending:strata:)`` as 32-bit row numbers: half the memory of the order and of the sort's
    /// buffers, for the tens of millions of interval rows a counting-process fit sorts.
    /// - Precondition: fewer than 2³¹ rows.
    package static func compactRows(byTime times: [Double], descending: Bool, strata: [Int]? = nil) -> [Int32] {
        compactRows(count: times.count, byTime: { times[$0] }, descending: descending, strata: strata)
    }

    /// ``compactRows(byTime:descending:strata:)`` of the times `time(row)` of rows `0..<count`, each read once.
    package static func compactRows(
        count: Int, byTime time: (Int) -> Double, descending: Bool, strata: [Int]? = nil
    ) -> [Int32] {
        precondition(count <= Int(Int32.max), "at most 2³¹ − 1 rows can be sorted in 32-bit order")
        return sorted(count: count, time, descending: descending, strata: strata, as: Int32.self)
    }

    private static func sorted<Row: FixedWidthInteger>(
        _ times: [Double], descending: Bool, strata: [Int]?, as row: Row.Type
    ) -> [Row] {
        sorted(count: times.count, { times[$0] }, descending: descending, strata: strata, as: row)
    }

    private static func sorted<Row: FixedWidthInteger>(
        count: Int, _ time: (Int) -> Double, descending: Bool, strata: [Int]?, as _: Row.Type
    ) -> [Row] {
        var keys = [UInt64](unsafeUninitializedCapacity: count) { buffer, initialized in
            for row in 0..<count { buffer[row] = key(time(row), descending: descending) }
            initialized = count
        }
        var rows = [Row](unsafeUninitializedCapacity: count) { buffer, initialized in
            for row in 0..<count { buffer[row] = Row(truncatingIfNeeded: row) }
            initialized = count
        }
        radixSort(&keys, &rows)
        keys = []
        if let strata { rows = byStratum(rows, strata) }
        return rows
    }

    /// An unsigned key in the number's order (reversed when `descending`).
    @inline(__always)
    static func key(_ value: Double, descending: Bool) -> UInt64 {
        let bits = (value + 0.0).bitPattern  // −0.0 + 0.0 is +0.0
        let ordered = bits & (1 << 63) == 0 ? bits | (1 << 63) : ~bits
        return descending ? ~ordered : ordered
    }

    /// Sorts `keys` ascending, carrying `rows` along, stably.
    private static func radixSort<Row: FixedWidthInteger>(_ keys: inout [UInt64], _ rows: inout [Row]) {
        let count = keys.count
        guard count > 1 else { return }
        // one pass over the keys counts every byte position's values
        var counts = [Int](repeating: 0, count: 8 * 256)
        keys.withUnsafeBufferPointer { keys in
            counts.withUnsafeMutableBufferPointer { counts in
                for key in keys {
                    for byte in 0..<8 { counts[byte * 256 + Int((key >> (8 * UInt64(byte))) & 0xFF)] += 1 }
                }
            }
        }
        var otherKeys = [UInt64](repeating: 0, count: count)
        var otherRows = [Row](repeating: 0, count: count)
        for byte in 0..<8 {
            let histogram = counts[(byte * 256)..<(byte * 256 + 256)]
            if histogram.contains(count) { continue }  // every key has the same value here
            var next = [Int](repeating: 0, count: 256)
            var total = 0
            for value in 0..<256 {
                next[value] = total
                total += histogram[byte * 256 + value]
            }
            let shift = 8 * UInt64(byte)
            keys.withUnsafeBufferPointer { keys in
                rows.withUnsafeBufferPointer { rows in
                    otherKeys.withUnsafeMutableBufferPointer { outKeys in
                        otherRows.withUnsafeMutableBufferPointer { outRows in
                            for index in 0..<count {
                                let key = keys[index]
                                let value = Int((key >> shift) & 0xFF)
                                let place = next[value]
                                next[value] = place + 1
                                outKeys[place] = key
                                outRows[place] = rows[index]
                            }
                        }
                    }
                }
            }
            swap(&keys, &otherKeys)
            swap(&rows, &otherRows)
        }
    }

    /// `rows` (in time order) reordered by ascending stratum, keeping their order within a stratum.
    private static func byStratum<Row: FixedWidthInteger>(_ rows: [Row], _ strata: [Int]) -> [Row] {
        let levels = Array(Set(strata)).sorted()
        guard levels.count > 1 else { return rows }
        let rank = Dictionary(uniqueKeysWithValues: levels.enumerated().map { ($1, $0) })
        let rankOfRow = strata.map { rank[$0]! }
        var next = [Int](repeating: 0, count: levels.count + 1)
        for value in rankOfRow { next[value + 1] += 1 }
        for level in 0..<levels.count { next[level + 1] += next[level] }
        var ordered = [Row](repeating: 0, count: rows.count)
        for row in rows {
            let rank = rankOfRow[Int(row)]
            ordered[next[rank]] = row
            next[rank] += 1
        }
        return ordered
    }
}

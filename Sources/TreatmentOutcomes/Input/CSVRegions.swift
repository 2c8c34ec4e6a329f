import Foundation
import OutcomeStats

/// A whole CSV file in memory, its data records parsed in regions on all cores: the storage of ``InputTable``.
///
/// The file is read into one buffer and its data (after the header) cut into regions of about equal size, each
/// starting right after a line break; the regions are parsed at the same time by ``CSVParser`` over memory, with the
/// same rules and messages as the streaming reader. A region's parse is only right if its start is where a record
/// starts, which is so unless the line break before it lies inside a quoted field. So the regions are accepted in
/// file order: the first one starts after the header; each later one only if the one before ended exactly at its
/// end. When a region ends inside a record (a quoted field that spans the cut), the rest of the file is read again
/// from disk (the speculative parses unquote fields in place) and parsed one region at a time from that record. The
/// first error in file order is the one thrown, with its true line, however the file was cut.
///
/// Each field is kept as its start and end, offsets from its region's first byte, row by row.
final class CSVRegions: @unchecked Sendable {
    /// One parsed region: its rows' field offsets and lines.
    struct Region: Sendable {
        /// The region's first byte, as an offset in the file.
        let offset: Int
        /// The table row of its first record.
        var firstRow = 0
        /// For row r (from 0) and column c, the field is `starts[r·columns + c] ..< ends[r·columns + c]` from `offset`.
        var starts: [Int32] = []
        var ends: [Int32] = []
        /// The line of a row: `lineOfBreak[k] + (row − rowOfBreak[k])` for the last k with `rowOfBreak[k] ≤ row`
        /// (a new entry only where a record does not start on the line after the one before: after a blank line or
        /// a quoted line break).
        var rowOfBreak: [Int] = []
        var lineOfBreak: [Int] = []
        /// The line after the region's last complete record.
        var nextLine = 0
        /// Where the unfinished record at the region's end starts (an offset in the file), when it does not end
        /// with a complete record.
        var unfinishedRecord: Int?

        var rowCount = 0
    }

    /// The file's bytes (quoted fields unquoted in place).
    let bytes: UnsafeMutableRawBufferPointer
    let columnCount: Int
    let regions: [Region]
    let rowCount: Int

    /// The largest region: well under the parser's 2 GiB, and well over its longest record.
    static let maximumRegionBytes = 1 << 30
    /// Data shorter than this are parsed as one region: cutting them would save less than it costs.
    static let minimumParallelBytes = 1 << 18

    /// Reads `path` (whose header `reader` has read) completely and parses its data records.
    /// - Parameters:
    ///   - minimumParallelBytes: data shorter than this are parsed as one region.
    ///   - regionBytes: the longest region (at most ``maximumRegionBytes``).
    ///   Tests lower both to cut small files in many places.
    init(path: String, reader: CSVReader, minimumParallelBytes: Int = CSVRegions.minimumParallelBytes,
         regionBytes: Int = CSVRegions.maximumRegionBytes) throws {
        let regionBytes = min(max(1, regionBytes), Self.maximumRegionBytes)
        let name = reader.displayName
        let header = reader.header
        let dataOffset = reader.nextRecordOffset
        let dataLine = reader.nextRecordLine
        columnCount = header.count
        bytes = try Self.readFile(path, displayName: name)
        do {
            let total = bytes.count
            guard total >= dataOffset else {
                throw InputError(.unreadableFile, file: name, message: "changed while it was being read; try again")
            }
            let cuts = Self.plan(bytes: bytes, from: dataOffset, minimumParallelBytes: minimumParallelBytes,
                                 regionBytes: regionBytes)
            nonisolated(unsafe) let memory = bytes
            let columns = columnCount
            let speculative = concurrently(cuts.indices.dropLast().map { index in
                { @Sendable in
                    try Self.parse(memory, from: cuts[index], to: cuts[index + 1], isFinal: index + 2 == cuts.count,
                                   firstLine: index == 0 ? dataLine : 1, header: header, displayName: name,
                                   columns: columns)
                }
            })
            var accepted: [Region] = []
            var position = dataOffset
            var line = dataLine
            for (index, result) in speculative.enumerated() where position == cuts[index] {
                // this region starts where a record starts, on `line`: its result is the file's
                let shift = line - (index == 0 ? dataLine : 1)
                var region: Region
                do { region = try result.get() } catch let error as InputError { throw error.shifted(by: shift) }
                region.lineOfBreak = region.lineOfBreak.map { $0 + shift }
                region.nextLine += shift
                line = region.nextLine
                position = region.unfinishedRecord ?? cuts[index + 1]
                accepted.append(region)
            }
            if position < total {
                // a quoted field spans a cut: the later regions' parses are void, and unquoted their bytes in place
                try Self.reread(path, into: bytes, from: position, displayName: name)
                var length = regionBytes
                while position < total {
                    let end = min(total, position + length)
                    let region = try Self.parse(bytes, from: position, to: end, isFinal: end == total, firstLine: line,
                                                header: header, displayName: name, columns: columns)
                    let next = region.unfinishedRecord ?? end
                    if next == position {
                        // one record longer than the region (only with a test's short regions: the parser stops a
                        // record over 64 MiB, and a region holds 1 GiB)
                        precondition(length < Self.maximumRegionBytes, "a record outgrew the largest region")
                        length = min(2 * length, Self.maximumRegionBytes)
                        continue
                    }
                    line = region.nextLine
                    position = next
                    accepted.append(region)
                }
            }
            var firstRow = 0
            for index in accepted.indices {
                accepted[index].firstRow = firstRow
                firstRow += accepted[index].rowCount
            }
            regions = accepted.filter { $0.rowCount > 0 }
            rowCount = firstRow
        } catch {
            bytes.deallocate()
            throw error
        }
    }

    deinit { bytes.deallocate() }

    /// The bytes of the field in `column` of the region's row `row` (from 0 within the region).
    @inline(__always)
    func field(_ region: Region, row: Int, column: Int) -> UnsafeRawBufferPointer {
        let index = row * columnCount + column
        let start = Int(region.starts[index])
        return UnsafeRawBufferPointer(start: UnsafeRawPointer(bytes.baseAddress!) + region.offset + start,
                                      count: Int(region.ends[index]) - start)
    }

    /// The line on which `row` starts.
    func line(ofRow row: Int) -> Int {
        let region = regions[regionIndex(ofRow: row)]
        let local = row - region.firstRow
        // the last break at or before `local`
        var low = 0, high = region.rowOfBreak.count
        while high - low > 1 {
            let middle = (low + high) / 2
            if region.rowOfBreak[middle] <= local { low = middle } else { high = middle }
        }
        return region.lineOfBreak[low] + (local - region.rowOfBreak[low])
    }

    private func regionIndex(ofRow row: Int) -> Int {
        var index = 0
        while index + 1 < regions.count && regions[index + 1].firstRow <= row { index += 1 }
        return index
    }

    // MARK: Reading

    /// Cut points: `from`, then after the first line break at or after each equal share of the data, then the end.
    private static func plan(
        bytes: UnsafeMutableRawBufferPointer, from start: Int, minimumParallelBytes: Int, regionBytes: Int
    ) -> [Int] {
        let total = bytes.count
        let data = total - start
        guard data >= minimumParallelBytes else { return [start, total] }
        let share = max(2, (data + regionBytes - 1) / regionBytes)
        var cuts = [start]
        for part in 1..<share {
            var position = max(start + data / share * part, cuts.last!)
            // look no further than the next share: a file without line breaks is scanned once, not once a share
            let limit = min(total, start + data / share * (part + 1))
            while position < limit && bytes[position] != 0x0A { position += 1 }
            guard position < limit else { continue }
            // `position` is a line break (or the end): the region after it must not be longer than the parser takes
            let cut = position + 1
            if cut < total && cut - cuts.last! <= regionBytes { cuts.append(cut) }
        }
        // a region longer than the largest (no line break for a long stretch) is cut anyway: its parse stops at the
        // cut, inside a record, and the rest is parsed one region at a time from that record
        var bounded = [start]
        for cut in cuts.dropFirst() + [total] {
            while cut - bounded.last! > regionBytes { bounded.append(bounded.last! + regionBytes) }
            bounded.append(cut)
        }
        return bounded
    }

    /// Parses the records of `bytes[from..<to]`, which starts where a record starts, on `firstLine`. When
    /// `isFinal` is false the region's end is not the file's: a record it cuts is left for the caller
    /// (``Region/unfinishedRecord``).
    private static func parse(
        _ bytes: UnsafeMutableRawBufferPointer, from: Int, to: Int, isFinal: Bool, firstLine: Int,
        header: [String], displayName: String, columns: Int
    ) throws -> Region {
        var parser = CSVParser(
            region: UnsafeMutableRawBufferPointer(rebasing: bytes[from..<to]), firstLine: firstLine,
            isFinal: isFinal, context: CSVContext(header: header, displayName: displayName))
        defer { parser.close() }
        var region = Region(offset: from)
        let estimate = estimatedRecords(UnsafeRawBufferPointer(rebasing: bytes[from..<to]))
        region.starts.reserveCapacity(estimate * columns)
        region.ends.reserveCapacity(estimate * columns)
        var expectedLine = Int.min
        var rows = 0
        while let record = try parser.next(expectedFields: columns) {
            if record.line != expectedLine {
                region.rowOfBreak.append(rows)
                region.lineOfBreak.append(record.line)
            }
            expectedLine = record.line + 1
            region.starts.append(contentsOf: record.fieldStartOffsets)
            region.ends.append(contentsOf: record.fieldEndOffsets)
            rows += 1
        }
        region.rowCount = rows
        region.nextLine = parser.nextRecordLine
        if let unfinished = parser.unfinishedRecordOffset { region.unfinishedRecord = from + unfinished }
        return region
    }

    /// Records in a region, from the line breaks in its first MiB (for reserving storage).
    private static func estimatedRecords(_ bytes: UnsafeRawBufferPointer) -> Int {
        let sample = UnsafeRawBufferPointer(rebasing: bytes[0..<min(bytes.count, 1 << 20)])
        var breaks = 0
        for byte in sample where byte == 0x0A { breaks += 1 }
        guard breaks > 0 else { return 1 }
        return Int(Double(bytes.count) / Double(sample.count) * Double(breaks) * 1.02) + 16
    }

    /// The whole file, read until its end (whatever its size was when opened).
    private static func readFile(_ path: String, displayName: String) throws -> UnsafeMutableRawBufferPointer {
        let descriptor = try openForReading(path, displayName: displayName)
        defer { _ = close(descriptor) }
        var status = stat()
        var capacity = fstat(descriptor, &status) == 0 ? Int(status.st_size) + 1 : 1 << 20
        var buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(capacity, 1), alignment: 16)
        var count = 0
        while true {
            if count == capacity {
                capacity *= 2
                let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
                larger.copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
                buffer.deallocate()
                buffer = larger
            }
            let read = Foundation.read(descriptor, buffer.baseAddress! + count, capacity - count)
            if read < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                buffer.deallocate()
                throw InputError(.unreadableFile, file: displayName, message: "read failed (\(reason))")
            }
            if read == 0 { break }
            count += read
        }
        // the buffer's first `count` bytes are the file; the rest is never read
        return UnsafeMutableRawBufferPointer(start: buffer.baseAddress, count: count)
    }

    /// A descriptor of `path` open for reading, or the error the streaming parser gives for a file it cannot open.
    private static func openForReading(_ path: String, displayName: String) throws -> Int32 {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw InputError(.unreadableFile, file: displayName, message: "cannot be opened (\(String(cString: strerror(errno))))")
        }
        return descriptor
    }

    /// Reads `bytes[from...]` from the file again.
    private static func reread(
        _ path: String, into bytes: UnsafeMutableRawBufferPointer, from start: Int, displayName: String
    ) throws {
        let descriptor = try openForReading(path, displayName: displayName)
        defer { _ = close(descriptor) }
        var position = start
        while position < bytes.count {
            let read = pread(descriptor, bytes.baseAddress! + position, bytes.count - position, off_t(position))
            if read < 0 && errno == EINTR { continue }
            guard read > 0 else {
                throw InputError(.unreadableFile, file: displayName,
                                 message: read < 0 ? "read failed (\(String(cString: strerror(errno))))"
                                     : "changed while it was being read; try again")
            }
            position += read
        }
    }
}

extension InputError {
    /// The same error `lines` further down the file (for an error found in a region parsed before its first line
    /// was known).
    func shifted(by lines: Int) -> InputError {
        guard lines != 0, let line else { return self }
        return InputError(kind, file: file, line: line + lines, column: column, message: message)
    }
}

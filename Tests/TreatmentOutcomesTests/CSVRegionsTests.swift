import Foundation
import Testing
import _OutcomeTestSupport
@testable import TreatmentOutcomes

/// ``InputTable`` parses a file in regions at the same time; the streaming ``CSVReader`` parses it front to back.
/// These tests hold the two to the same rows, lines and errors for files cut in every place: regions a few bytes
/// long cut inside quoted fields, line breaks (LF and CRLF), multi-byte characters and blank lines, which makes the
/// speculative parses fail and the rest of the file be read again and parsed one region at a time.
@Suite("Input tables read in regions")
struct CSVRegionsTests {
    /// What a reading gives: the rows as text, the line of each, or the error.
    enum Reading: Equatable {
        case rows([[String]], lines: [Int])
        case failure(kind: String, line: Int?, column: String?, message: String)

        init(_ body: () throws -> ([[String]], [Int])) {
            do {
                let (rows, lines) = try body()
                self = .rows(rows, lines: lines)
            } catch let error as InputError {
                self = .failure(kind: error.kind.name, line: error.line, column: error.column, message: error.message)
            } catch {
                self = .failure(kind: "unexpected", line: nil, column: nil, message: "\(error)")
            }
        }
    }

    /// The streaming reader's reading: the reference.
    func streamed(_ url: URL) -> Reading {
        Reading {
            let reader = try CSVReader(url: url, displayName: "t.csv")
            var rows: [[String]] = []
            var lines: [Int] = []
            try reader.forEachRecord { record in
                rows.append((0..<record.fieldCount).map { record.string($0) })
                lines.append(record.line)
            }
            return (rows, lines)
        }
    }

    /// The table's reading, with data of `minimumParallelBytes` or more cut into regions of `regionBytes`.
    func tabled(_ url: URL, minimumParallelBytes: Int, regionBytes: Int) -> Reading {
        Reading {
            let table = try InputTable(url: url, displayName: "t.csv", minimumParallelBytes: minimumParallelBytes,
                                       regionBytes: regionBytes)
            let columns = try table.header.map { try table.text($0) }
            let rows = (0..<table.rowCount).map { row in columns.map { $0[row] } }
            return (rows, table.lines)
        }
    }

    /// A random field: plain, empty, quoted with commas, doubled quotes, LF or CRLF inside, or non-ASCII text.
    func field(_ generator: inout SplitMix64) -> String {
        switch Int.random(in: 0..<9, using: &generator) {
        case 0: ""
        case 1: "\"a,b\""
        case 2: "\"say \"\"hi\"\"\""
        case 3: "\"two\nlines\""
        case 4: "\"cr\r\nlf\""
        case 5: "Zürich→東京"
        case 6: "\"\""
        case 7: "x\"y"
        default: String(Int.random(in: 0..<100_000, using: &generator))
        }
    }

    /// A random well-formed file of `rows` records over `columns` columns.
    func file(_ generator: inout SplitMix64, rows: Int, columns: Int) -> String {
        let breakText = Bool.random(using: &generator) ? "\r\n" : "\n"
        var text = (0..<columns).map { "c\($0)" }.joined(separator: ",") + breakText
        for row in 0..<rows {
            if Int.random(in: 0..<8, using: &generator) == 0 { text += breakText }  // a blank line
            text += (0..<columns).map { _ in field(&generator) }.joined(separator: ",")
            if row + 1 < rows || Bool.random(using: &generator) { text += breakText }
        }
        return text
    }

    /// Damages `text` once: a field too few, an unclosed quote, a character after a closing quote, or an invalid
    /// UTF-8 byte, at a random place.
    func damaged(_ text: String, _ generator: inout SplitMix64) -> [UInt8] {
        var bytes = Array(text.utf8)
        let at = Int.random(in: (bytes.count / 3)..<bytes.count, using: &generator)
        switch Int.random(in: 0..<4, using: &generator) {
        case 0:
            if let comma = bytes[at...].firstIndex(of: UInt8(ascii: ",")) { bytes.remove(at: comma) }
        case 1: bytes.insert(contentsOf: Array(",\"open".utf8), at: at)
        case 2:
            if let quote = bytes[at...].firstIndex(of: UInt8(ascii: "\"")) { bytes.insert(UInt8(ascii: "z"), at: quote + 1) }
        default: bytes.insert(0xFF, at: at)
        }
        return bytes
    }

    func compare(_ bytes: [UInt8], seed: UInt64) throws {
        let fixture = try CohortFolderFixture([:])
        try fixture.write("t.csv", bytes: bytes)
        let url = fixture.url.appendingPathComponent("t.csv")
        let reference = streamed(url)
        for regionBytes in [1, 2, 3, 5, 8, 13, 21, 55, 144, CSVRegions.maximumRegionBytes] {
            let reading = tabled(url, minimumParallelBytes: 1, regionBytes: regionBytes)
            #expect(reading == reference, "seed \(seed), regions of \(regionBytes) bytes")
        }
        #expect(tabled(url, minimumParallelBytes: 1 << 18, regionBytes: CSVRegions.maximumRegionBytes) == reference)
    }

    @Test("Well-formed files give the streaming reader's rows and lines, however they are cut")
    func wellFormed() throws {
        try withEverySeed(1...40) { generator, seed in
            let text = file(&generator, rows: Int.random(in: 0..<30, using: &generator),
                            columns: Int.random(in: 1..<5, using: &generator))
            try compare(Array(text.utf8), seed: seed)
        }
    }

    @Test("Malformed files give the streaming reader's first error, with its line and column, however they are cut")
    func malformed() throws {
        var failures = 0
        try withEverySeed(101...160) { generator, seed in
            let text = file(&generator, rows: Int.random(in: 3..<30, using: &generator),
                            columns: Int.random(in: 2..<5, using: &generator))
            let bytes = damaged(text, &generator)
            try compare(bytes, seed: seed)
            let fixture = try CohortFolderFixture([:])
            try fixture.write("t.csv", bytes: bytes)
            if case .failure = streamed(fixture.url.appendingPathComponent("t.csv")) { failures += 1 }
        }
        // the damage must make most files fail, or this test would compare only successes
        #expect(failures >= 40)
    }

    @Test("A byte-order mark, a header over two lines and a header-only file")
    func headers() throws {
        try compare([0xEF, 0xBB, 0xBF] + Array("id,v\n1,2\n3,4\n".utf8), seed: 0)
        try compare(Array("\"i\nd\",v\n1,2\n\n3,\"4\n5\"\n6,7".utf8), seed: 0)
        try compare(Array("id,v\n".utf8), seed: 0)
        try compare(Array("id,v\n\n\n".utf8), seed: 0)
    }

    @Test("Two regions on a file of 300,000 rows, with a quoted line break across the middle")
    func largeFile() throws {
        var text = "id,note\n"
        for row in 0..<150_000 { text += "\(row),n\(row)\n" }
        text += "150000,\"" + String(repeating: "a\n", count: 40_000) + "\"\n"
        for row in 150_001..<300_000 { text += "\(row),n\(row)\n" }
        let fixture = try CohortFolderFixture(["t.csv": text])
        let url = fixture.url.appendingPathComponent("t.csv")
        let table = try InputTable(url: url, displayName: "t.csv")
        let reference = streamed(url)
        guard case .rows(let rows, let lines) = reference else {
            Issue.record("the file is well-formed")
            return
        }
        #expect(table.rowCount == 300_000 && table.lines == lines)
        #expect(try table.text("note") == rows.map { $0[1] })
        #expect(try table.numbers("id") == (0..<300_000).map(Double.init))
        #expect(table.line(ofRow: 150_001) == 150_002 + 40_000 + 1)
    }

    @Test("A record over 64 MiB is the streaming reader's error")
    func longRecord() throws {
        let bytes = Array("a,b\n1,2\n3,\"".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: (64 << 20) + 10)
            + Array("\"\n".utf8)
        let fixture = try CohortFolderFixture([:])
        try fixture.write("t.csv", bytes: bytes)
        let url = fixture.url.appendingPathComponent("t.csv")
        let reference = streamed(url)
        #expect(reference == .failure(kind: "invalidValue", line: 3, column: nil,
                                      message: "a record longer than 64 MiB (no line break); not a cohort CSV file"))
        #expect(tabled(url, minimumParallelBytes: 1, regionBytes: 1 << 20) == reference)
        #expect(tabled(url, minimumParallelBytes: 1 << 18, regionBytes: CSVRegions.maximumRegionBytes) == reference)
    }

    @Test("A conversion error names the first bad field in file order, whichever region finds it")
    func firstConversionError() throws {
        var text = "x\n"
        for row in 0..<400_000 { text += row == 123_456 || row == 345_678 ? "bad\n" : "\(row)\n" }
        let fixture = try CohortFolderFixture(["t.csv": text])
        let table = try InputTable(url: fixture.url.appendingPathComponent("t.csv"), displayName: "t.csv")
        let error = #expect(throws: InputError.self) { try table.numbers("x") }
        #expect(error?.line == 123_458 && error?.message == "\"bad\" is not a number")
    }
}

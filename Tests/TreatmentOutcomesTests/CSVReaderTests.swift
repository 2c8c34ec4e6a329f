import Foundation
import Testing
import _OutcomeTestSupport
@testable import TreatmentOutcomes

@Suite("CSV reader")
struct CSVReaderTests {
    /// Reads every record of `text` as strings with line numbers.
    func records(_ text: String) throws -> (header: [String], rows: [[String]], lines: [Int]) {
        try records(bytes: Array(text.utf8))
    }

    func records(bytes: [UInt8]) throws -> (header: [String], rows: [[String]], lines: [Int]) {
        let fixture = try CohortFolderFixture([:])
        try fixture.write("t.csv", bytes: bytes)
        let reader = try CSVReader(url: fixture.url.appendingPathComponent("t.csv"), displayName: "t.csv")
        var rows: [[String]] = []
        var lines: [Int] = []
        try reader.forEachRecord { record in
            rows.append((0..<record.fieldCount).map { record.string($0) })
            lines.append(record.line)
        }
        return (reader.header, rows, lines)
    }

    func error(_ text: String) -> InputError? {
        do {
            _ = try records(text)
            return nil
        } catch {
            return error as? InputError
        }
    }

    @Test("RFC 4180 quoting: commas, doubled quotes and line breaks inside quotes")
    func quoting() throws {
        let parsed = try records("a,b,c\n\"x,1\",\"say \"\"hi\"\"\",\"two\nlines\"\nplain,,\"\"\n")
        #expect(parsed.header == ["a", "b", "c"])
        #expect(parsed.rows == [["x,1", "say \"hi\"", "two\nlines"], ["plain", "", ""]])
        #expect(parsed.lines == [2, 4])
    }

    @Test("CRLF, byte-order mark, blank lines and a missing final line break")
    func lineEndings() throws {
        let parsed = try records(bytes: [0xEF, 0xBB, 0xBF] + Array("id,v\r\n1,2\r\n\r\n3,4".utf8))
        #expect(parsed.header == ["id", "v"])
        #expect(parsed.rows == [["1", "2"], ["3", "4"]])
        #expect(parsed.lines == [2, 4])
    }

    @Test("A trailing empty field and a header-only file")
    func edges() throws {
        #expect(try records("a,b\n1,\n").rows == [["1", ""]])
        #expect(try records("a,b\n").rows.isEmpty)
    }

    @Test("Records longer than the buffer and split across refills")
    func longRecords() throws {
        let long = String(repeating: "x", count: 3_000_000)
        var text = "id,note\n"
        for index in 0..<50_000 { text += "\(index),\"q\"\"\(index)\"\n" }
        text += "big,\"\(long)\"\nlast,1\n"
        let parsed = try records(text)
        #expect(parsed.rows.count == 50_002)
        #expect(parsed.rows[49_999] == ["49999", "q\"49999"])
        #expect(parsed.rows[50_000][1].count == 3_000_000)
        #expect(parsed.rows[50_001] == ["last", "1"])
        #expect(parsed.lines.last == 50_003)
    }

    @Test("Malformed files name the line and the column")
    func malformed() throws {
        let ragged = try #require(error("a,b,c\n1,2,3\n4,5\n"))
        #expect(ragged.kind == .raggedRow && ragged.line == 3)
        #expect(ragged.description == "t.csv:3: expected 3 fields as in the header, found 2")

        let unterminated = try #require(error("a,b\n1,2\n3,\"open\n4,5\n"))
        #expect(unterminated.kind == .unterminatedQuote && unterminated.line == 3)

        let badQuote = try #require(error("a,b\n1,\"x\"y\n"))
        #expect(badQuote.kind == .malformedQuote && badQuote.line == 2 && badQuote.column == "b")

        let empty = try #require(error(""))
        #expect(empty.kind == .emptyFile)

        let duplicate = try #require(error("a,b,a\n1,2,3\n"))
        #expect(duplicate.kind == .duplicateColumn && duplicate.column == "a")
    }

    @Test("Invalid UTF-8 is rejected with its line and column")
    func invalidUTF8() throws {
        for bad: [UInt8] in [[0xFF], [0xC3], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80]] {
            let bytes = Array("id,name\n1,ok\n2,\"caf".utf8) + bad + Array("\"\n".utf8)
            do {
                _ = try records(bytes: bytes)
                Issue.record("accepted invalid UTF-8 \(bad)")
            } catch let error as InputError {
                #expect(error.kind == .invalidUTF8 && error.line == 3 && error.column == "name")
            }
        }
        // Valid multi-byte text passes through unchanged.
        #expect(try records("id,name\n1,Zoë 北京 🙂\n").rows == [["1", "Zoë 北京 🙂"]])
    }

    @Test("Numbers: correctly rounded, strict, with hints")
    func numbers() throws {
        let values = ["0", "-0.5", "+3", "1e3", "2.5E-3", " 7 ", "0.1", "123456789012345678901234567890", "1.7976931348623157e308",
                      "4.9e-324", ".5", "5.", "0.30000000000000004", "8.98846567431158e307"]
        for text in values {
            let parsed = text.utf8.withContiguousStorageIfAvailable { NumberParsing.parseDouble(UnsafeRawBufferPointer($0)) }!
            guard case .value(let value) = parsed else {
                Issue.record("\(text) did not parse")
                continue
            }
            #expect(value == Double(text.trimmingCharacters(in: .whitespaces)) ?? Double("0" + text), "\(text)")
        }
        for text in ["", "abc", "NA", "1,5", "1.2.3", "e5", "1e", "--1", "0x10", "inf", "nan", "1 2"] {
            let parsed = Array(text.utf8).withUnsafeBytes { NumberParsing.parseDouble($0) }
            if case .value = parsed { Issue.record("\(text) parsed as a number") }
        }
        let overflow = Array("1e400".utf8).withUnsafeBytes { NumberParsing.parseDouble($0) }
        if case .notFinite = overflow {} else { Issue.record("1e400 should be not finite") }
    }

    @Test("Seeded round trip: CSVWriter output reads back field for field")
    func roundTrip() throws {
        let alphabet: [Character] = ["a", "Z", "0", ",", "\"", "\n", " ", "é", "\r"]
        try withEverySeed(1...20) { generator, seed in
            let columns = Int.random(in: 1...5, using: &generator)
            let rows: [[String]] = (0..<Int.random(in: 0...40, using: &generator)).map { _ in
                (0..<columns).map { _ in
                    String((0..<Int.random(in: 0...6, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
                }
            }
            let header = (0..<columns).map { "c\($0)" }
            let fixture = try CohortFolderFixture([:])
            var writer = try CSVWriter(url: fixture.url.appendingPathComponent("r.csv"))
            writer.writeRow(header)
            for row in rows { writer.writeRow(row) }
            try writer.close()
            let reader = try CSVReader(url: fixture.url.appendingPathComponent("r.csv"))
            var read: [[String]] = []
            try reader.forEachRecord { record in read.append((0..<record.fieldCount).map { record.string($0) }) }
            // A row whose only field is empty is a blank line, which the reader skips by design.
            let expected = rows.filter { !($0.count == 1 && $0[0].isEmpty) }
            #expect(read == expected, "seed \(seed)")
        }
    }
}

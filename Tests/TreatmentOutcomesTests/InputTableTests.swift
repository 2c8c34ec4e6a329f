import Foundation
import Testing
@testable import TreatmentOutcomes

@Suite("Input tables for the generic commands")
struct InputTableTests {
    func table(_ text: String) throws -> InputTable {
        let fixture = try CohortFolderFixture(["input.csv": text])
        return try InputTable(url: fixture.url.appendingPathComponent("input.csv"), displayName: "input.csv")
    }

    @Test("Typed columns by name")
    func typed() throws {
        let input = try table("time,status,group,x\n5,1,a,0.5\n8,FALSE,\"b,c\",\n12,t,a,2e1\n")
        #expect(input.rowCount == 3 && input.lines == [2, 3, 4])
        #expect(try input.numbers("time") == [5, 8, 12])
        #expect(try input.indicators("status") == [true, false, true])
        #expect(try input.text("group") == ["a", "b,c", "a"])
        #expect(try input.optionalNumbers("x") == [0.5, nil, 20])
    }

    @Test("Distinct texts by first appearance; canonically equivalent texts are one, as Swift strings are")
    func distinctTexts() throws {
        let input = try table("g\nb\na\nb\n\u{E9}\ne\u{301}\n\"\"\na\n")
        let (codes, texts) = try input.distinctTexts("g")
        #expect(texts == ["b", "a", "\u{E9}", ""])
        #expect(codes == [0, 1, 0, 2, 2, 3, 1])
        #expect(codes.map { texts[$0] } == (try input.text("g")))
    }

    @Test("Conversion errors name the line and column")
    func errors() throws {
        let input = try table("time,status\n5,1\nx,2\n")
        #expect(throws: InputError(.notANumber, file: "input.csv", line: 3, column: "time", message: "\"x\" is not a number")) {
            try input.numbers("time")
        }
        let status = #expect(throws: InputError.self) { try input.indicators("status") }
        #expect(status?.line == 3 && status?.kind == .invalidValue)
        let missing = #expect(throws: InputError.self) { try input.numbers("age") }
        #expect(missing?.kind == .missingColumn && missing?.description.contains("time, status") == true)
        let empty = #expect(throws: InputError.self) { try self.table("time\n5\n\"\"\n").numbers("time") }
        #expect(empty?.kind == .emptyField && empty?.line == 3)
    }
}

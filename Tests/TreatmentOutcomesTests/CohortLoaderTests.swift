import Foundation
import Testing
@testable import TreatmentOutcomes

@Suite("Cohort loader")
struct CohortLoaderTests {
    @Test("A dated cohort loads into sorted columns with days since the index date")
    func datedCohort() throws {
        let fixture = try CohortFolderFixture([
            "patients.csv": datedPatients,
            "doses.csv": "patient_id,date,amount\nP3,2024-03-02,90\nP1,2024-01-06,80\nP1,2024-01-05,60\nP1,2024-01-06,20\n",
            "dispensings.csv": "patient_id,date,days_supply,drug\nP2,2024-02-01,7,buprenorphine\nP2,2024-02-08,14,buprenorphine\n",
            "screens.csv": "patient_id,date,substance,result\nP1,2024-01-12,opioid,Positive\nP1,2024-01-12,cocaine,negative\n",
            "visits.csv": "patient_id,date,kind,status\nP2,2024-02-03,counseling,attended\nP2,2024-02-10,counseling,missed\n",
            "assessments.csv": "patient_id,date,instrument,item,score\nP1,2024-01-05,BSCS,intensity,3\nP1,2024-01-05,VAS,,62.5\n",
            "episodes.csv": "patient_id,start,end,end_reason\nP1,2024-01-05,2024-03-01,dropout\nP2,2024-02-01,,ongoing\n",
        ])
        let cohort = try fixture.load()
        #expect(cohort.patients.count == 3)
        #expect(cohort.patients.identifiers == ["P1", "P2", "P3"])
        #expect(cohort.patients.medication == [.methadone, .buprenorphine, .methadone])
        #expect(cohort.patients.arm.levels == ["MOUD", "MOUD+CM", "MOUD+counseling"])
        #expect(cohort.patients.indexDate?[1] == CivilDate(iso8601: "2024-02-01"))
        #expect(cohort.hasCalendarDates)

        let age = try #require(cohort.patients.covariate(named: "age"))
        guard case .numeric(let ages) = age.values else { Issue.record("age should be numeric"); return }
        #expect(ages == [34, nil, 51.5])
        let sex = try #require(cohort.patients.covariate(named: "sex"))
        guard case .categorical(let sexes) = sex.values else { Issue.record("sex should be categorical"); return }
        #expect(sexes.levels == ["F", "M"] && sexes.codes == [0, 1, 0])

        let doses = try #require(cohort.doses)
        #expect(doses.patient == [0, 0, 0, 2])
        #expect(doses.day == [0, 1, 1, 1])
        #expect(doses.amount == [60, 80, 20, 90])  // stable within a day: file order
        #expect(doses.byPatient.rows(of: 0) == 0..<3 && doses.byPatient.rows(of: 1) == 3..<3 && doses.byPatient.rows(of: 2) == 3..<4)

        #expect(cohort.dispensings?.daysSupply == [7, 14])
        #expect(cohort.dispensings?.day == [0, 7])
        #expect(cohort.screens?.result == [.positive, .negative])
        #expect(cohort.screens?.day == [7, 7])
        #expect(cohort.visits?.status == [.attended, .missed])
        #expect(cohort.assessments?.item.label(at: 1) == nil)
        #expect(cohort.assessments?.score == [3, 62.5])
        #expect(cohort.episodes?.end == [56, nil])
        #expect(cohort.episodes?.endReason == [.dropout, .ongoing])
        #expect(cohort.loadReport.files.map(\.rows) == [3, 4, 2, 2, 2, 2, 2])
    }

    @Test("A day-based cohort and absent optional tables")
    func dayCohort() throws {
        let fixture = try CohortFolderFixture([
            "patients.csv": dayPatients,
            "doses.csv": "patient_id,day,amount\n11,-2,8\n10,5,16\n",
        ])
        let cohort = try fixture.load()
        #expect(!cohort.hasCalendarDates)
        #expect(cohort.doses?.patient == [0, 1] && cohort.doses?.day == [5, -2])
        #expect(cohort.screens == nil)
        #expect(throws: MissingTableError.self) { try cohort.require(\.screens, file: .screens, for: "Urine-screen endpoints") }
    }

    @Test("Every malformed input names file, line and column", arguments: malformedCases)
    func malformed(_ testCase: MalformedCase) throws {
        let fixture = try CohortFolderFixture(testCase.files)
        let error = try #require(fixture.loadError(), "\(testCase.name) loaded without error")
        #expect(error.kind == testCase.kind, "\(testCase.name): \(error)")
        #expect(error.line == testCase.line, "\(testCase.name): \(error)")
        #expect(error.column == testCase.column, "\(testCase.name): \(error)")
        #expect(error.description.hasPrefix(fixture.path(testCase.file)), "\(testCase.name): \(error)")
        if let message = testCase.message { #expect(error.description.contains(message), "\(testCase.name): \(error)") }
    }

    /// Issue 12: a field of 1 MiB or more that fails to parse made the parallel loader free a buffer twice (the
    /// record cursor had grown it, and the error skipped handing it back): exit 134, 139 or 132 at random. The
    /// error is now located, and its message quotes only the start of the value.
    @Test("A 1 MiB field that fails to parse, in one or several files: a located error every time, no crash")
    func hugeMalformedField() throws {
        let huge = String(repeating: "9", count: 1 << 20)
        let fixture = try CohortFolderFixture([
            "patients.csv": "patient_id,site,arm,medication,psychosocial\nP1,s,A,methadone,none\n",
            "doses.csv": "patient_id,day,amount\nP1,\(huge),30\n",
            "screens.csv": "patient_id,day,substance,result\nP1,1,opioid,\(huge)x\n",
            "visits.csv": "patient_id,day,kind,status\nP1,3,study,attended\n",
        ])
        for _ in 0..<8 {
            let error = try #require(fixture.loadError())
            // doses.csv comes first in file order, whichever thread finishes first
            #expect(error.file.hasSuffix("doses.csv") && error.line == 2 && error.column == "day")
            #expect(error.description.count < 200, "\(error.description.prefix(300))")
            #expect(error.description.contains("(1048576 characters)"))
        }
    }

    /// Issue 12: the loader's six event files are read in parallel. Files of the same small size finish together,
    /// so their results are stored at the same moment: under ThreadSanitizer (`make sanitize`) the loader's
    /// `Mutex` of results was reported as a data race on every such load (Swift's `Synchronization.Mutex` locks
    /// through futexes the sanitizer does not see). Each file now has a slot of its own, and every load is the same.
    @Test("Six event files that finish together: 300 parallel loads give the same tables (clean under ThreadSanitizer)")
    func simultaneousEventFiles() throws {
        let rows = (0..<40).map { "P\($0 % 3 + 1),\($0 % 9)" }
        func file(_ header: String, _ tail: String) -> String {
            "patient_id,day,\(header)\n" + rows.map { "\($0),\(tail)\n" }.joined()
        }
        let fixture = try CohortFolderFixture([
            "patients.csv": "patient_id,site,arm,medication,psychosocial\nP1,s,A,methadone,none\nP2,s,B,methadone,none\n"
                + "P3,s,A,buprenorphine,none\n",
            "doses.csv": file("amount", "60"),
            "dispensings.csv": file("days_supply,drug", "7,buprenorphine"),
            "screens.csv": file("substance,result", "opioid,positive"),
            "visits.csv": file("kind,status", "counseling,attended"),
            "assessments.csv": file("instrument,item,score", "VAS,,50"),
            "episodes.csv": "patient_id,start,end,end_reason\n" + rows.map { "\($0),,ongoing\n" }.joined(),
        ])
        let first = try fixture.load()
        #expect(first.loadReport.files.map(\.rows) == [3, 40, 40, 40, 40, 40, 40])
        for _ in 0..<300 {
            let cohort = try fixture.load()
            #expect(cohort.loadReport.files.map(\.file) == first.loadReport.files.map(\.file))
            #expect(cohort.loadReport.files.map(\.rows) == first.loadReport.files.map(\.rows))
            #expect(cohort.doses?.day == first.doses?.day && cohort.screens?.patient == first.screens?.patient)
            #expect(cohort.episodes?.start == first.episodes?.start && cohort.assessments?.score == first.assessments?.score)
        }
    }

    static let onePatient = "patient_id,site,arm,medication,psychosocial\nP1,s,A,methadone,none\n"

    @Test("A byte-order mark before a quoted first header field is skipped (a valid file was rejected)")
    func byteOrderMarkBeforeQuotedHeader() throws {
        let fixture = try CohortFolderFixture([
            "patients.csv": "\u{FEFF}\"patient_id\",\"site\",\"arm\",\"medication\",\"psychosocial\"\nP1,s,A,methadone,none\n",
            "doses.csv": "\u{FEFF}\"patient_id\",day,amount\nP1,0,30\n",
        ])
        let cohort = try fixture.load()
        #expect(cohort.patients.identifiers == ["P1"] && cohort.doses?.count == 1)
    }

    @Test("Links that cannot be followed, pipes and devices are errors naming the file, never an absent table")
    func unreadableEntries() throws {
        let fixture = try CohortFolderFixture(["patients.csv": Self.onePatient])
        let files = FileManager.default
        func expectError(_ name: String, _ fragment: String) {
            let error = fixture.loadError()
            #expect(error?.file.hasSuffix(name) == true && error?.message.contains(fragment) == true, "\(String(describing: error))")
        }
        try files.createSymbolicLink(atPath: fixture.path("doses.csv"), withDestinationPath: fixture.path("nowhere.csv"))
        expectError("doses.csv", "symbolic link that cannot be followed")
        try files.removeItem(atPath: fixture.path("doses.csv"))
        try files.createSymbolicLink(atPath: fixture.path("a"), withDestinationPath: fixture.path("b"))
        try files.createSymbolicLink(atPath: fixture.path("b"), withDestinationPath: fixture.path("a"))
        try files.createSymbolicLink(atPath: fixture.path("screens.csv"), withDestinationPath: fixture.path("a"))
        expectError("screens.csv", "symbolic link that cannot be followed")
        try files.removeItem(atPath: fixture.path("screens.csv"))
        #expect(mkfifo(fixture.path("visits.csv"), 0o600) == 0)
        expectError("visits.csv", "not a regular file")  // it used to block for ever
        try files.removeItem(atPath: fixture.path("visits.csv"))
        try files.createSymbolicLink(atPath: fixture.path("doses.csv"), withDestinationPath: "/dev/zero")
        expectError("doses.csv", "not a regular file")  // it used to abort on a 2 GiB allocation
    }

    /// Issue 12: a day of −2⁶³ was reported as "too large".
    @Test("A whole number beyond 64 bits, negative or positive, is 'out of range', located")
    func integerOverflow() throws {
        for value in ["-9223372036854775809", "-92233720368547758080", "99999999999999999999"] {
            let fixture = try CohortFolderFixture([
                "patients.csv": Self.onePatient, "doses.csv": "patient_id,day,amount\nP1,\(value),30\n",
            ])
            let error = try #require(fixture.loadError())
            #expect(error.kind == .outOfRange && error.line == 2 && error.column == "day")
            #expect(error.message.contains("out of range") && !error.message.contains("too large"), "\(error.message)")
        }
    }

    @Test("A record longer than 64 MiB is a located error, in bounded memory")
    func overlongRecord() throws {
        let fixture = try CohortFolderFixture(["patients.csv": Self.onePatient])
        var bytes = [UInt8]("patient_id,day,amount\n".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "7"), count: (64 << 20) + 10)
        try fixture.write("doses.csv", bytes: bytes)
        let error = try #require(fixture.loadError())
        #expect(error.file.hasSuffix("doses.csv") && error.line == 2 && error.message.contains("longer than 64 MiB"))
    }

    @Test("Missing folder and missing patients.csv")
    func missingFiles() throws {
        let none = CohortFolderFixture.missing()
        #expect(throws: InputError.self) { try CohortLoader.load(from: none) }
        let fixture = try CohortFolderFixture(["doses.csv": "patient_id,day,amount\n"])
        let error = try #require(fixture.loadError())
        #expect(error.kind == .missingFile && error.description == "\(fixture.path("patients.csv")): no such file")
    }

    @Test("Non-UTF-8 bytes in an event file")
    func nonUTF8() throws {
        let fixture = try CohortFolderFixture(["patients.csv": dayPatients])
        try fixture.write("visits.csv", bytes: Array("patient_id,day,kind,status\n10,1,counsel".utf8) + [0xE9] + Array("ing,attended\n".utf8))
        let error = try #require(fixture.loadError())
        #expect(error.kind == .invalidUTF8 && error.line == 2 && error.column == "kind")
    }

    @Test("--drop-incomplete skips rows with empty required fields and says how many")
    func dropIncomplete() throws {
        let fixture = try CohortFolderFixture([
            "patients.csv": "patient_id,site,arm,medication,psychosocial\n1,S,A,methadone,none\n2,S,,methadone,none\n3,S,A,methadone,none\n",
            "doses.csv": "patient_id,day,amount\n1,1,80\n1,2,\n2,1,80\n3,,70\n3,4,70\n",
        ])
        let strict = try #require(fixture.loadError())
        #expect(strict.kind == .emptyField && strict.line == 3 && strict.column == "arm")
        let cohort = try fixture.load(dropIncomplete: true)
        #expect(cohort.patients.identifiers == ["1", "3"])
        #expect(cohort.doses?.amount == [80, 70])
        let patients = cohort.loadReport.files[0], doses = cohort.loadReport.files[1]
        #expect(patients.rows == 3 && patients.droppedIncomplete == 1)
        #expect(doses.rows == 5 && doses.droppedIncomplete == 2 && doses.droppedOfDroppedPatients == 1)
        #expect(cohort.loadReport.totalDropped == 4)
    }

    @Test("Unsorted events of many patients sort by patient then day, stably")
    func sorting() throws {
        var rows: [(Int, Int, Int)] = []  // patient, day, sequence
        var seed: UInt64 = 7
        func next() -> Int { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return Int(seed >> 33) }
        for sequence in 0..<5000 { rows.append((next() % 200, next() % 30, sequence)) }
        var patients = "patient_id,site,arm,medication,psychosocial\n"
        for patient in 0..<200 { patients += "p\(patient),S,A,methadone,none\n" }
        var doses = "patient_id,day,amount\n"
        for row in rows { doses += "p\(row.0),\(row.1),\(row.2)\n" }
        let cohort = try CohortFolderFixture(["patients.csv": patients, "doses.csv": doses]).load()
        let table = try #require(cohort.doses)
        let expected = rows.sorted { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
        #expect(table.patient.map(Int.init) == expected.map(\.0))
        #expect(table.day.map(Int.init) == expected.map(\.1))
        #expect(table.amount.map { Int($0) } == expected.map(\.2))
        for patient in 0..<200 {
            #expect(table.byPatient.rows(of: patient).allSatisfy { table.patient[$0] == patient })
        }
    }
}

extension CohortFolderFixture {
    /// A folder path that does not exist.
    static func missing() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("no-such-cohort-\(UUID().uuidString)")
    }
}

struct MalformedCase: CustomTestStringConvertible, Sendable {
    let name: String
    let files: [String: String]
    let file: String
    let kind: InputError.Kind
    let line: Int?
    let column: String?
    var message: String? = nil
    var testDescription: String { name }
}

let malformedCases: [MalformedCase] = [
    MalformedCase(name: "missing column", files: ["patients.csv": "patient_id,site,arm,medication\n1,S,A,methadone\n"],
                  file: "patients.csv", kind: .missingColumn, line: 1, column: "psychosocial"),
    MalformedCase(name: "ragged row", files: ["patients.csv": dayPatients + "12,S1,BUP,buprenorphine\n"],
                  file: "patients.csv", kind: .raggedRow, line: 4, column: nil),
    MalformedCase(name: "unterminated quote",
                  files: ["patients.csv": dayPatients, "doses.csv": "patient_id,day,amount\n10,1,\"8\n10,2,8\n"],
                  file: "doses.csv", kind: .unterminatedQuote, line: 2, column: nil),
    MalformedCase(name: "empty file", files: ["patients.csv": ""], file: "patients.csv", kind: .emptyFile, line: nil, column: nil),
    MalformedCase(name: "empty event file", files: ["patients.csv": dayPatients, "screens.csv": ""],
                  file: "screens.csv", kind: .emptyFile, line: nil, column: nil),
    MalformedCase(name: "no patients", files: ["patients.csv": "patient_id,site,arm,medication,psychosocial\n"],
                  file: "patients.csv", kind: .emptyFile, line: nil, column: nil),
    MalformedCase(name: "not a number",
                  files: ["patients.csv": dayPatients, "doses.csv": "patient_id,day,amount\n10,1,8\n10,2,abc\n"],
                  file: "doses.csv", kind: .notANumber, line: 3, column: "amount", message: "column \"amount\": \"abc\" is not a number"),
    MalformedCase(name: "NA in a number field",
                  files: ["patients.csv": dayPatients, "assessments.csv": "patient_id,day,instrument,item,score\n10,1,VAS,,NA\n"],
                  file: "assessments.csv", kind: .notANumber, line: 2, column: "score", message: "empty field"),
    MalformedCase(name: "non-finite number",
                  files: ["patients.csv": dayPatients, "doses.csv": "patient_id,day,amount\n10,1,1e999\n"],
                  file: "doses.csv", kind: .notFinite, line: 2, column: "amount"),
    MalformedCase(name: "fractional day",
                  files: ["patients.csv": dayPatients, "doses.csv": "patient_id,day,amount\n10,1.5,8\n"],
                  file: "doses.csv", kind: .notAnInteger, line: 2, column: "day"),
    MalformedCase(name: "invalid date",
                  files: ["patients.csv": datedPatients, "doses.csv": "patient_id,date,amount\nP1,2023-02-29,80\n"],
                  file: "doses.csv", kind: .invalidDate, line: 2, column: "date", message: "\"2023-02-29\" is not a valid date"),
    MalformedCase(name: "invalid index date",
                  files: ["patients.csv": "patient_id,site,arm,medication,psychosocial,index_date\n1,S,A,none,none,01/02/2024\n"],
                  file: "patients.csv", kind: .invalidDate, line: 2, column: "index_date"),
    MalformedCase(name: "negative days supply",
                  files: ["patients.csv": dayPatients, "dispensings.csv": "patient_id,day,days_supply,drug\n10,0,7,bup\n10,7,-7,bup\n"],
                  file: "dispensings.csv", kind: .negativeDaysSupply, line: 3, column: "days_supply"),
    MalformedCase(name: "duplicate patient id", files: ["patients.csv": dayPatients + "10,S2,BUP,buprenorphine,none\n"],
                  file: "patients.csv", kind: .duplicatePatient, line: 4, column: "patient_id", message: "first on line 2"),
    MalformedCase(name: "unknown patient",
                  files: ["patients.csv": dayPatients, "visits.csv": "patient_id,day,kind,status\n10,1,medical,attended\n99,1,medical,attended\n"],
                  file: "visits.csv", kind: .unknownPatient, line: 3, column: "patient_id", message: "\"99\" is not in patients.csv"),
    MalformedCase(name: "unknown medication", files: ["patients.csv": "patient_id,site,arm,medication,psychosocial\n1,S,A,heroin,none\n"],
                  file: "patients.csv", kind: .invalidValue, line: 2, column: "medication", message: "methadone, buprenorphine"),
    MalformedCase(name: "unknown screen result",
                  files: ["patients.csv": dayPatients, "screens.csv": "patient_id,day,substance,result\n10,3,opioid,pos\n"],
                  file: "screens.csv", kind: .invalidValue, line: 2, column: "result"),
    MalformedCase(name: "empty required field",
                  files: ["patients.csv": dayPatients, "screens.csv": "patient_id,day,substance,result\n10,3,,negative\n"],
                  file: "screens.csv", kind: .emptyField, line: 2, column: "substance", message: "--drop-incomplete"),
    MalformedCase(name: "both day and date",
                  files: ["patients.csv": datedPatients, "doses.csv": "patient_id,day,date,amount\n"],
                  file: "doses.csv", kind: .conflictingColumns, line: 1, column: "date"),
    MalformedCase(name: "dates without index dates",
                  files: ["patients.csv": dayPatients, "doses.csv": "patient_id,date,amount\n10,2024-01-01,8\n"],
                  file: "doses.csv", kind: .conflictingColumns, line: 1, column: "date", message: "no index_date"),
    MalformedCase(name: "no time column",
                  files: ["patients.csv": dayPatients, "doses.csv": "patient_id,amount\n10,8\n"],
                  file: "doses.csv", kind: .missingColumn, line: 1, column: "day"),
    MalformedCase(name: "NA in a numeric covariate",
                  files: ["patients.csv": "patient_id,site,arm,medication,psychosocial,age\n1,S,A,none,none,30\n2,S,A,none,none,NA\n"],
                  file: "patients.csv", kind: .notANumber, line: 3, column: "age"),
    MalformedCase(name: "episode without end",
                  files: ["patients.csv": dayPatients, "episodes.csv": "patient_id,start,end,end_reason\n10,0,,dropout\n"],
                  file: "episodes.csv", kind: .emptyField, line: 2, column: "end"),
    MalformedCase(name: "episode ends before it starts",
                  files: ["patients.csv": dayPatients, "episodes.csv": "patient_id,start,end,end_reason\n10,30,4,completed\n"],
                  file: "episodes.csv", kind: .inconsistentRecord, line: 2, column: "end"),
    MalformedCase(name: "negative dose",
                  files: ["patients.csv": dayPatients, "doses.csv": "patient_id,day,amount\n10,1,-8\n"],
                  file: "doses.csv", kind: .outOfRange, line: 2, column: "amount"),
    // Labels of site, arm and psychosocial are printed in every report (PublishedLabelCheck): the message names the
    // rule, never the label.
    MalformedCase(name: "a site label with a date",
                  files: ["patients.csv": "patient_id,site,arm,medication,psychosocial\n1,S1,A,methadone,none\n2,opened 2024-03-05,A,methadone,none\n"],
                  file: "patients.csv", kind: .invalidValue, line: 3, column: "site", message: "this site label holds a date"),
    MalformedCase(name: "an arm label equal to a patient identifier",
                  files: ["patients.csv": "patient_id,site,arm,medication,psychosocial\nMRN-1,S1,A,methadone,none\nMRN-2,S1,MRN-1,methadone,none\n"],
                  file: "patients.csv", kind: .invalidValue, line: 3, column: "arm", message: "equals a patient identifier"),
    MalformedCase(name: "a psychosocial label with a phone number",
                  files: ["patients.csv": "patient_id,site,arm,medication,psychosocial\n1,S1,A,methadone,call Dana 6125550147\n"],
                  file: "patients.csv", kind: .invalidValue, line: 2, column: "psychosocial", message: "7+ digits"),
    MalformedCase(name: "an arm label with an email address",
                  files: ["patients.csv": "patient_id,site,arm,medication,psychosocial\n1,S1,A,methadone,none\n2,S1,dana@clinic.org,methadone,none\n"],
                  file: "patients.csv", kind: .invalidValue, line: 3, column: "arm", message: "(the label is not repeated here)"),
    MalformedCase(name: "a site label with a line break",
                  files: ["patients.csv": "patient_id,site,arm,medication,psychosocial\n1,\"North\nclinic\",A,methadone,none\n"],
                  file: "patients.csv", kind: .invalidValue, line: 2, column: "site", message: "line break"),
]

@Suite("Published labels of site, arm and psychosocial")
struct PublishedLabelCheckTests {
    @Test("the program's own long names pass; no label of a failing file is repeated in the error")
    func longNamesPass() throws {
        let fixture = try CohortFolderFixture([
            "patients.csv": "patient_id,site,arm,medication,psychosocial\n"
                + "1,Clinic 12,buprenorphine + contingency management + peer recovery support,buprenorphine,"
                + "contingency management and weekly peer recovery groups\n",
        ])
        #expect(fixture.loadError() == nil)
        let failing = try CohortFolderFixture([
            "patients.csv": "patient_id,site,arm,medication,psychosocial\n1,S1,A,methadone,seen 5 March 2024\n",
        ])
        let error = try #require(failing.loadError())
        #expect(!error.description.contains("March"), "\(error)")
    }
}

import Foundation
import Testing
@testable import TreatmentOutcomes

@Suite("CTN-0094 importer on hand-made tables")
struct CTN0094ImporterTests {
    @Test("Every cohort file matches the hand-derived conversion")
    func handDerivedConversion() throws {
        let raw = try CohortFolderFixture(CTN0094RawFixture.files)
        let destination = raw.url.appendingPathComponent("cohort")
        let summary = try CTN0094Importer.importCohort(from: raw.url, to: destination)
        for (name, expected) in CTN0094RawFixture.expected {
            let written = try String(contentsOf: destination.appendingPathComponent(name), encoding: .utf8)
            #expect(written == expected, "\(name)")
        }
        let notes = try String(contentsOf: destination.appendingPathComponent("IMPORT.md"), encoding: .utf8)
        #expect(notes.contains("Patients: 3 of 4 participants"))
        #expect(notes.contains("| visit.csv | 1 | visit without a disposition (`what` empty) |"))

        #expect(summary.participants == 4 && summary.patients == 3)
        #expect(summary.specimenDays == 5 && summary.positiveScreens == 5 && summary.negativeScreens == 9)
        #expect(summary.rows(of: .screens) == 14 && summary.rows(of: .visits) == 6)
        #expect(summary.sourceFiles.first { $0.name == "visit.csv" }?.rows == 9)
    }

    @Test("Every row left out is counted under its file and reason")
    func leftOutRows() throws {
        let raw = try CohortFolderFixture(CTN0094RawFixture.files)
        let summary = try CTN0094Importer.importCohort(from: raw.url, to: raw.url.appendingPathComponent("cohort"))
        let expected: [(String, CTN0094LeftOutReason, Int)] = [
            ("randomization.csv", .secondRandomization, 1),
            ("everybody.csv", .neverRandomized, 1),
            ("site_masked.csv", .neverRandomized, 1),
            ("demographics.csv", .neverRandomized, 1),
            ("psychiatric.csv", .neverRandomized, 1),
            ("asi.csv", .neverRandomized, 1),
            ("qol.csv", .neverRandomized, 1),
            ("treatment.csv", .neverRandomized, 1),
            ("visit.csv", .missingDay, 1),
            ("visit.csv", .noDisposition, 1),
            ("visit.csv", .neverRandomized, 1),
            ("withdrawal.csv", .missingValue, 1),
            ("withdrawal.csv", .missingDay, 1),
            ("withdrawal.csv", .neverRandomized, 1),
            ("uds.csv", .neverRandomized, 1),
            ("uds_temp.csv", .missingDay, 1),
        ]
        for (file, reason, count) in expected {
            #expect(summary.leftOut(file, reason) == count, "\(file): \(reason)")
        }
        #expect(summary.leftOut.count == expected.count)
        #expect(summary.description.contains("visit.csv: 1 — no study day (`when` empty)"))
    }

    @Test("The same source gives the same bytes")
    func deterministic() throws {
        let raw = try CohortFolderFixture(CTN0094RawFixture.files)
        let first = raw.url.appendingPathComponent("first"), second = raw.url.appendingPathComponent("second")
        _ = try CTN0094Importer.importCohort(from: raw.url, to: first)
        _ = try CTN0094Importer.importCohort(from: raw.url, to: second)
        for name in CTN0094RawFixture.expected.keys.sorted() + ["IMPORT.md"] {
            let one = try Data(contentsOf: first.appendingPathComponent(name))
            let two = try Data(contentsOf: second.appendingPathComponent(name))
            #expect(one == two, "\(name)")
        }
    }

    @Test("The converted cohort loads, with its trial and covariates")
    func loads() throws {
        let raw = try CohortFolderFixture(CTN0094RawFixture.files)
        let destination = raw.url.appendingPathComponent("cohort")
        _ = try CTN0094Importer.importCohort(from: raw.url, to: destination)
        let cohort = try CohortLoader.load(from: destination)
        #expect(cohort.patients.identifiers == ["1", "2", "5"])
        #expect(cohort.patients.medication == [.methadone, .buprenorphine, .naltrexone])
        #expect(!cohort.hasCalendarDates)
        #expect(cohort.screens?.count == 14 && cohort.visits?.status.filter { $0 == .excused }.count == 3)
        let age = try #require(cohort.patients.covariate(named: "age"))
        guard case .numeric(let ages) = age.values else { Issue.record("age should be numeric"); return }
        #expect(ages == [43, nil, 25])
    }

    @Test("A missing source folder is an error naming the folder, and nothing is written")
    func missingFolder() throws {
        let parent = try CohortFolderFixture([:])
        let missing = parent.url.appendingPathComponent("no-such-folder")
        let destination = parent.url.appendingPathComponent("cohort")
        let error = try #require(throws: InputError.self) {
            try CTN0094Importer.importCohort(from: missing, to: destination)
        }
        #expect(error.kind == .missingFile && error.file == missing.path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.url.path).isEmpty)
    }

    @Test("A missing table names the file; an unknown arm names file, line and column; no partial output")
    func malformedSource() throws {
        var files = CTN0094RawFixture.files
        files["withdrawal.csv"] = nil
        let withoutWithdrawal = try CohortFolderFixture(files)
        let destination = withoutWithdrawal.url.appendingPathComponent("cohort")
        let missing = try #require(throws: InputError.self) {
            try CTN0094Importer.importCohort(from: withoutWithdrawal.url, to: destination)
        }
        #expect(missing.kind == .missingFile && missing.file.hasSuffix("withdrawal.csv"))
        let left = try FileManager.default.contentsOfDirectory(atPath: withoutWithdrawal.url.path)
        #expect(!left.contains { $0.contains("cohort") })

        files = CTN0094RawFixture.files
        files["randomization.csv"] = "\"who\",\"treatment\",\"which\",\"when\"\n1,\"Methadone\",\"1\",3\n2,\"Detox\",\"1\",7\n"
        let badArm = try CohortFolderFixture(files)
        let armError = try #require(throws: InputError.self) {
            try CTN0094Importer.importCohort(from: badArm.url, to: badArm.url.appendingPathComponent("cohort"))
        }
        #expect(armError.kind == .invalidValue && armError.line == 3 && armError.column == "treatment")
        #expect(armError.file.hasSuffix("randomization.csv") && armError.message.contains("Detox"))

        files = CTN0094RawFixture.files
        files["treatment.csv"] = "\"who\",\"amount\",\"when\"\n1,30,3\n9,4,7\n"
        let stranger = try CohortFolderFixture(files)
        let strangerError = try #require(throws: InputError.self) {
            try CTN0094Importer.importCohort(from: stranger.url, to: stranger.url.appendingPathComponent("cohort"))
        }
        #expect(strangerError.kind == .unknownPatient && strangerError.line == 3 && strangerError.column == "who")
    }

    @Test("An existing destination is kept unless replacing is asked for")
    func existingDestination() throws {
        let raw = try CohortFolderFixture(CTN0094RawFixture.files)
        let destination = raw.url.appendingPathComponent("cohort")
        try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: false)
        try Data("old".utf8).write(to: destination.appendingPathComponent("stale.txt"))
        #expect(throws: CTN0094ImportError.self) {
            try CTN0094Importer.importCohort(from: raw.url, to: destination)
        }
        #expect(FileManager.default.fileExists(atPath: destination.appendingPathComponent("stale.txt").path))

        _ = try CTN0094Importer.importCohort(from: raw.url, to: destination, replacingExisting: true)
        let contents = try FileManager.default.contentsOfDirectory(atPath: destination.path).sorted()
        #expect(contents == [
            "IMPORT.md", "assessments.csv", "cohort.json", "doses.csv", "patients.csv", "screens.csv", "visits.csv",
        ])
        let siblings = try FileManager.default.contentsOfDirectory(atPath: raw.url.path)
        #expect(!siblings.contains { $0.hasPrefix(".cohort") })
    }
}

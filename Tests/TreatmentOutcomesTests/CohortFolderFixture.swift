import Foundation
@testable import TreatmentOutcomes

/// A temporary cohort folder written from literal file contents; removed when the test ends.
final class CohortFolderFixture {
    let url: URL

    init(_ files: [String: String]) throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("cohort-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, contents) in files {
            try Data(contents.utf8).write(to: url.appendingPathComponent(name))
        }
    }

    func write(_ name: String, bytes: [UInt8]) throws {
        try Data(bytes).write(to: url.appendingPathComponent(name))
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func load(dropIncomplete: Bool = false) throws -> Cohort {
        try CohortLoader.load(from: url, options: CohortLoadOptions(dropIncomplete: dropIncomplete))
    }

    /// The error the load throws, or `nil` when it succeeds.
    func loadError(dropIncomplete: Bool = false) -> InputError? {
        do {
            _ = try load(dropIncomplete: dropIncomplete)
            return nil
        } catch let error as InputError {
            return error
        } catch {
            return InputError(.invalidValue, file: "?", message: "unexpected error type: \(error)")
        }
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}

/// A valid dated patients.csv with three patients.
let datedPatients = """
    patient_id,site,arm,medication,psychosocial,index_date,age,sex
    P1,A,MOUD,methadone,none,2024-01-05,34,F
    P2,A,MOUD+CM,buprenorphine,contingency-management,2024-02-01,,M
    P3,B,MOUD+counseling,methadone,counseling,2024-03-01,51.5,F

    """

/// A valid day-based patients.csv with two patients.
let dayPatients = """
    patient_id,site,arm,medication,psychosocial
    10,S1,BUP,buprenorphine,standard
    11,S1,BUP+EMM,buprenorphine,counseling

    """

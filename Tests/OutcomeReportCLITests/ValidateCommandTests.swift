import Foundation
import Testing
import _OutcomeTestSupport

/// `outcome-report validate`, run as a process: loader errors reach the user as one located message, exit code 1
/// and no output.
@Suite("outcome-report validate")
struct ValidateCommandTests {
    func folder(_ files: [String: String]) throws -> URL { try temporaryCohortFolder(files, prefix: "validate-cli") }

    let patients = "patient_id,site,arm,medication,psychosocial\n1,S,A,methadone,none\n2,S,A,methadone,none\n"

    @Test("A valid cohort: one line per file, exit 0")
    func valid() throws {
        let url = try folder(["patients.csv": patients, "doses.csv": "patient_id,day,amount\n1,0,60\n2,0,80\n"])
        defer { try? FileManager.default.removeItem(at: url) }
        let result = try OutcomeReportProcess.run(["validate", "--cohort", url.path])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == "file,rows,dropped,bytes\npatients.csv,2,0,86\ndoses.csv,2,0,36\n")
        #expect(result.standardError.contains("loaded 2 patients"))
    }

    @Test("A malformed file: the located message on stderr, exit 1, nothing on stdout")
    func malformed() throws {
        let url = try folder(["patients.csv": patients, "doses.csv": "patient_id,day,amount\n1,0,60\n2,0,abc\n"])
        defer { try? FileManager.default.removeItem(at: url) }
        let result = try OutcomeReportProcess.run(["validate", "--cohort", url.path])
        #expect(result.status == 1)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError == "error: \(url.path)/doses.csv:3: column \"amount\": \"abc\" is not a number\n")
    }

    @Test("--drop-incomplete reports the count per file")
    func dropIncomplete() throws {
        let url = try folder(["patients.csv": patients, "doses.csv": "patient_id,day,amount\n1,0,60\n2,,80\n"])
        defer { try? FileManager.default.removeItem(at: url) }
        let strict = try OutcomeReportProcess.run(["validate", "--cohort", url.path])
        #expect(strict.status == 1 && strict.standardError.contains("doses.csv:3: column \"day\": required value is empty"))
        let lenient = try OutcomeReportProcess.run(["validate", "--cohort", url.path, "--drop-incomplete"])
        #expect(lenient.status == 0)
        #expect(lenient.standardOutput.contains("doses.csv,2,1,"))
        #expect(lenient.standardError.contains("dropped 1 incomplete rows"))
    }
}

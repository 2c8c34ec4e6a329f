import Foundation
import Testing
import _OutcomeTestSupport

/// Issue 12: numerical trouble is said in every output form, never left as a silent NaN, Inf or huge SE.
@Suite("numerical trouble is reported (runs the binary)")
struct NumericalTroubleTests {
    /// Writes `text` to a temporary CSV file; the caller removes it.
    static func file(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("trouble-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        return url
    }

    static func rows(_ count: Int, _ row: (Int) -> String) -> String {
        (0..<count).map(row).joined(separator: "\n") + "\n"
    }

    @Test("logistic: an outcome that never varies, and a covariate near 1e154, warn on stderr in CSV mode")
    func logistic() throws {
        let constant = try Self.file("y,x\n" + Self.rows(50) { "0,\(Double($0) / 10)" })
        let huge = try Self.file("y,x\n" + Self.rows(50) { "\($0 % 3 == 0 ? 1 : 0),\(Double($0 % 7) * 1e154)" })
        defer { for url in [constant, huge] { try? FileManager.default.removeItem(at: url) } }
        let first = try OutcomeReportProcess.run(["logistic", "--input", constant.path, "--outcome", "y", "--covariates", "x"])
        #expect(first.status == 0 && first.standardError.contains("[constant-response] every outcome is 0"))
        let second = try OutcomeReportProcess.run(["logistic", "--input", huge.path, "--outcome", "y", "--covariates", "x"])
        #expect(second.standardError.contains("[non-finite-values]") || second.standardError.contains("not a finite number"),
                "\(second.standardError)")
        #expect(!second.standardOutput.contains("NaN") || second.standardError.contains("not a finite number"))
    }

    @Test("lmm: a constant response and a single group warn on stderr; the singular flag is said in CSV mode")
    func mixedModel() throws {
        let constant = try Self.file("y,t,g\n" + Self.rows(40) { "5,\($0 % 4),\($0 / 4)" })
        let single = try Self.file("y,t,g\n" + Self.rows(20) { "\(Double(($0 * 7) % 11) / 3),\($0),1" })
        defer { for url in [constant, single] { try? FileManager.default.removeItem(at: url) } }
        let first = try OutcomeReportProcess.run(["lmm", "--input", constant.path, "--outcome", "y", "--time", "t", "--group", "g"])
        #expect(first.standardError.contains("[constant-response]"), "\(first.standardError)")
        let second = try OutcomeReportProcess.run(["lmm", "--input", single.path, "--outcome", "y", "--time", "t", "--group", "g"])
        #expect(second.standardError.contains("one group only") && second.standardError.contains("singular fit"))
        let perRow = try Self.file("y,t,g\n" + Self.rows(30) { "\(Double(($0 * 7) % 11) / 3),\($0 % 5),\($0)" })
        defer { try? FileManager.default.removeItem(at: perRow) }
        let third = try OutcomeReportProcess.run(["lmm", "--input", perRow.path, "--outcome", "y", "--time", "t", "--group", "g"])
        #expect(third.standardError.contains("one observation per group"), "\(third.standardError)")
        let json = try OutcomeReportProcess.run(
            ["lmm", "--input", single.path, "--outcome", "y", "--time", "t", "--group", "g", "--format", "json"])
        #expect(json.standardOutput.contains("\"singular\" : true") && json.standardOutput.contains("one group only"))
    }

    @Test("cox --ph-test with one event: the NaN test statistics are named on stderr")
    func proportionalHazardsWithOneEvent() throws {
        let oneEvent = try Self.file("time,status,x\n1,1,0\n2,0,1\n3,0,0\n4,0,1\n5,0,0\n")
        defer { try? FileManager.default.removeItem(at: oneEvent) }
        let result = try OutcomeReportProcess.run(
            ["cox", "--input", oneEvent.path, "--time", "time", "--event", "status", "--covariates", "x", "--ph-test"])
        #expect(result.standardError.contains("not a finite number (NaN or Inf): x chisq, GLOBAL chisq"))
    }

    /// Issue 12: `trend` printed an infinite slope SE with nothing on stderr. It has no JSON form (`--format json` is
    /// refused, StandardOutputTests); fewer than 3 rows or a single time leave the cells empty, as its help says.
    @Test("trend: an infinite slope SE (times 1e-160 apart, or outcomes near 1e200) is named on stderr in CSV and Markdown")
    func trendWithInfiniteStandardError() throws {
        // Group a: Sxx = 2e-320 (subnormal, not 0), so SE = s/√Sxx overflows; group b: residuals near 1e200 square to Inf.
        let degenerate = try Self.file("g,t,y\na,0,0\na,1e-160,1\na,2e-160,0\nb,0,0\nb,1,1e200\nb,2,-1e200\nb,3,1e200\n")
        let fine = try Self.file("g,t,y\na,0,0\na,1,1\na,2,3\n")
        defer { for url in [degenerate, fine] { try? FileManager.default.removeItem(at: url) } }
        for format in ["csv", "markdown"] {
            let result = try OutcomeReportProcess.run(
                ["trend", "--input", degenerate.path, "--outcome", "y", "--time", "t", "--group", "g", "--format", format])
            #expect(result.status == 0 && result.standardOutput.contains("Inf"), "\(format): \(result.standardOutput)")
            #expect(result.standardError.contains("trend: warning: not a finite number (NaN or Inf): a slope_se, b slope_se"),
                    "\(format): \(result.standardError)")
            let clean = try OutcomeReportProcess.run(
                ["trend", "--input", fine.path, "--outcome", "y", "--time", "t", "--group", "g", "--format", format])
            #expect(clean.status == 0 && !clean.standardError.contains("warning"), "\(format): \(clean.standardError)")
        }
    }

    @Test("report: an age of 1e308 is 'not computable' with a footnote, not '1.67e+306 (Inf)'")
    func overflowingCovariate() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("overflow-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(("patient_id,site,arm,medication,psychosocial,age\n"
            + Self.rows(30) { "P\($0),s,A,methadone,none,\($0 < 2 ? "1e308" : String(30 + $0))" }).utf8)
            .write(to: folder.appendingPathComponent("patients.csv"))
        let result = try OutcomeReportProcess.run(["report", "--cohort", folder.path])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("not computable: the recorded values are too large in magnitude"))
        #expect(!result.standardOutput.contains("Inf)") && !result.standardOutput.contains("e+306"))
    }
}

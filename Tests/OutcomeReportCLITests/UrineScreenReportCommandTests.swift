import Foundation
import Testing
import OutcomeReports
import _CohortTestSupport
import _OutcomeTestSupport

/// `outcome-report report`: which use-pattern words the urine-screen section uses, and bad word files.
@Suite("report command: urine-screen words (runs the binary)")
struct UrineScreenReportCommandTests {
    func temporaryFile(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("words-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        return url
    }

    /// Counts and the CTN-0030 log-rank statistic as R computes them on the CTNote words, and its Holm p over the
    /// three comparisons (3 × p₍₁₎ < 2 × 0.042 = 0.084 > 1 × 0.047)
    /// (datasets/reference/urine-screens/relapse-by-arm.csv and relapse-logrank.csv).
    @Test("The bundled cohort uses the published CTNote words its cohort.json names")
    func bundledWords() async throws {
        let analysis = try await BundledCohort.analysis()
        let report = CohortReport.make(from: analysis, options: CohortReportOptions(sourceDescription: "t"))
        let lines = Set(CSVRenderer.render(report).split(separator: "\n").map(String.init))
        #expect(lines.contains(
            "Outpatient BUP + EMM,buprenorphine + counseling,329,306,\"5.0 [5.0, 6.0]\",\"58.1% [53.0%, 63.6%]\","
                + "\"38.0% [33.1%, 43.6%]\",\"30.7% [26.1%, 36.1%]\""))
        #expect(lines.contains(
            "Outpatient BUP + EMM vs Outpatient BUP + SMM,medication plus psychosocial support vs medication alone,4.14 (1),0.042,0.084"))
        #expect(MarkdownRenderer.render(report).contains("Weekly use-pattern words: the published CTNote words (use_patterns.csv)"))
    }

    @Test("--use-patterns supplies words for another cohort; a patient without a word is left out")
    func suppliedWords() throws {
        let folder = try ReportCommandTests.CohortFolder()
        var text = "who,usePatternUDS\n"
        for index in 0..<29 { text += "\(ReportCommandTests.CohortFolder.identifierPrefix)\(index),---------------\n" }
        let words = try temporaryFile(text)
        defer { try? FileManager.default.removeItem(at: words) }
        let result = try OutcomeReportProcess.run(["report", "--cohort", folder.url.path, "--use-patterns", words.path])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("Weekly use-pattern words: the words in \(words.lastPathComponent)"))
        // MOUD: 15 with words, all abstinent; MOUD+counseling: 14 with words (patient 29 has none)
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        // 15 − 14 would reveal the one patient without a word, so the 14 is withheld
        #expect(lines.contains { $0.hasPrefix("| MOUD+counseling ") && $0.contains("|           suppressed |") })
        #expect(lines.contains { $0.hasPrefix("| MOUD ") && $0.contains("15 (100.0%)") })
        #expect(!result.standardOutput.contains(ReportCommandTests.CohortFolder.identifierPrefix))
    }

    @Test("A bad word file: exit 1, the file, line and column on stderr, nothing on stdout")
    func badWords() throws {
        let folder = try ReportCommandTests.CohortFolder()
        let words = try temporaryFile("who,usePatternUDS\nPX-93K0,+-x\n")
        defer { try? FileManager.default.removeItem(at: words) }
        let result = try OutcomeReportProcess.run(["report", "--cohort", folder.url.path, "--use-patterns", words.path])
        #expect(result.status == 1)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.contains(":2: column \"usePatternUDS\": \"+-x\" is not a use-pattern word"))
    }

    @Test("A word file that names a patient twice: exit 1, the patient on stderr, nothing on stdout")
    func duplicateWords() throws {
        let folder = try ReportCommandTests.CohortFolder()
        let duplicate = try temporaryFile("who,usePatternUDS\nPX-93K0,+\nPX-93K0,-\n")
        defer { try? FileManager.default.removeItem(at: duplicate) }
        let twice = try OutcomeReportProcess.run(["report", "--cohort", folder.url.path, "--use-patterns", duplicate.path])
        #expect(twice.status == 1 && twice.standardOutput.isEmpty)
        #expect(twice.standardError.contains("patient PX-93K0 has more than one use-pattern word"))
    }
}

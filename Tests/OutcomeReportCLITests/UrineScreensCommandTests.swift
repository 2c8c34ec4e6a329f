import Foundation
import Testing
import _OutcomeTestSupport

/// `outcome-report endpoints` and `patterns`, run as processes.
@Suite("outcome-report endpoints / patterns")
struct UrineScreensCommandTests {
    func file(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("words-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        return url
    }

    @Test("Selected columns: id first, TRUE/FALSE, integers, full-precision decimals, empty for NA")
    func selected() throws {
        let url = try file("who,usePatternUDS\n2,*---oo-o-o-o+oo\n9,----\n")
        defer { try? FileManager.default.removeItem(at: url) }
        let result = try OutcomeReportProcess.run([
            "endpoints", "--input", url.path, "--only", "Rd_lingA_1976,ctnFiftyOne_2018,Ab_ctnNinetyFour_2023",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        // hand values: UrineScreensEndpointTests (participant 2); "----" is shorter than ctnFiftyOne's window
        #expect(result.standardOutput == """
            who,Ab_ctnNinetyFour_2023,RsT_ctnFiftyOne_2018,RsE_ctnFiftyOne_2018,Rd_lingA_1976
            2,FALSE,12,1,101.22666666666666
            9,FALSE,,,120

            """)
    }

    @Test("Custom columns, the corrected convention, and the catalogue")
    func optionsAndList() throws {
        let url = try file("id,word\nx,-------------------o-o-o\n")
        defer { try? FileManager.default.removeItem(at: url) }
        let corrected = try OutcomeReportProcess.run([
            "endpoints", "--input", url.path, "--id-column", "id", "--pattern-column", "word",
            "--only", "Ab_ctnNinetyFour_2023", "--convention", "corrected",
        ])
        #expect(corrected.standardOutput == "id,Ab_ctnNinetyFour_2023\nx,FALSE\n")
        let list = try OutcomeReportProcess.run(["endpoints", "--list"])
        #expect(list.status == 0)
        #expect(list.standardOutput.split(separator: "\n").count == 63)
        #expect(list.standardOutput.hasPrefix("column,endpoint,group,result,citation,definition,missing\n"))
    }

    @Test("Bad input: a located error, exit 1, nothing on stdout")
    func badInput() throws {
        let url = try file("who,usePatternUDS\n1,--+\n2,--x\n")
        defer { try? FileManager.default.removeItem(at: url) }
        let bad = try OutcomeReportProcess.run(["endpoints", "--input", url.path])
        #expect(bad.status == 1)
        #expect(bad.standardOutput.isEmpty)
        #expect(bad.standardError == "error: \(url.path):3: column \"usePatternUDS\": \"--x\" is not a use-pattern word: \"x\" is not one of + - o * _\n")
        let unknown = try OutcomeReportProcess.run(["endpoints", "--input", url.path, "--only", "nobody_1999"])
        #expect(unknown.status != 0 && unknown.standardOutput.isEmpty)
        #expect(unknown.standardError.contains("no endpoint or column \"nobody_1999\""))
        let column = try OutcomeReportProcess.run(["endpoints", "--input", url.path, "--pattern-column", "w"])
        #expect(column.status == 1 && column.standardError.contains("no such column"))
    }

    @Test("patterns on the bundled cohort (week 1 from its cohort.json: days 0–6) feed endpoints")
    func patternsRoundTrip() throws {
        let cohort = datasetURL("ctn0094/cohort").path
        let words = try OutcomeReportProcess.run(["patterns", "--cohort", cohort])
        #expect(words.status == 0, "\(words.standardError)")
        let lines = words.standardOutput.split(separator: "\n")
        #expect(lines.count == 2493)
        #expect(lines[0] == "patient_id,pattern")
        // participant 2: visits on days 0, 6, 13, …; opioid positive on days 0 and 90 (see the raw tables)
        #expect(lines[1] == "2,*---oo-o-o-o+")
        let url = try file(words.standardOutput)
        defer { try? FileManager.default.removeItem(at: url) }
        let endpoints = try OutcomeReportProcess.run([
            "endpoints", "--input", url.path, "--id-column", "patient_id", "--pattern-column", "pattern",
            "--only", "Rd_fiellin_2006",
        ])
        #expect(endpoints.status == 0, "\(endpoints.standardError)")
        #expect(endpoints.standardOutput.split(separator: "\n")[1] == "2,0.5")  // (6 negative + ½ mixed) / 13 weeks
        let unknown = try OutcomeReportProcess.run(["patterns", "--cohort", cohort, "--substances", "heroin"])
        #expect(unknown.status == 1 && unknown.standardError.contains("heroin"))
    }
}

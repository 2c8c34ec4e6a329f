import Foundation
import Testing
import _OutcomeTestSupport

/// `outcome-report adherence --by`: the PDC summary CSV from a cohort's dispensings, its suppression and errors.
@Suite("outcome-report adherence --by")
struct AdherenceSummaryCommandTests {
    /// The hand-computed cohort of the library tests (AdherenceQuarterlyTests): P1 60 of 87 days in 2024-Q1 (leap
    /// February), P2 12/12 in Q1 and 63/91 in Q2 (its fills straddle the boundary), P3 72/72 in Q2.
    let files = QuarterlyPDCFixture.files

    func folder(_ files: [String: String]) throws -> URL { try temporaryCohortFolder(files, prefix: "adherence-cli") }

    @Test("active patient-quarters by quarter, arm and site; small cells suppressed by default")
    func summary() throws {
        let url = try folder(files)
        defer { try? FileManager.default.removeItem(at: url) }
        let base = ["adherence", "--cohort", url.path, "--quarterly-cohort", "active", "--cutoff", "2024-07-15"]
        let byQuarter = try OutcomeReportProcess.run(base + ["--by", "quarter", "--min-cell", "1"])
        #expect(byQuarter.status == 0, "\(byQuarter.standardError)")
        #expect(byQuarter.standardError == "follow-up not yet complete by the cut-off, not reported: 2024-Q3\n")
        let lines = byQuarter.standardOutput.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        #expect(lines.first == ["quarter", "patients", "mean_pdc", "median_pdc", "q1_pdc", "q3_pdc", "adherent",
                                "share_adherent", "ci_lower", "ci_upper"])
        #expect(lines.count == 3 && lines[1][0] == "2024-Q1" && lines[2][0] == "2024-Q2")
        let first = Array(lines[1].dropFirst()).compactMap(Double.init)
        #expect(first.count == 9)
        // Q1: 60/87 and 1: mean = median; Q1/Q3 type 7 at ¼ and ¾ of the way; 1 of 2 adherent.
        let low = 60.0 / 87
        #expect(first[0] == 2 && abs(first[1] - (low + 1) / 2) < 1e-15 && abs(first[2] - (low + 1) / 2) < 1e-15)
        #expect(abs(first[3] - (low + 0.25 * (1 - low))) < 1e-15 && abs(first[4] - (low + 0.75 * (1 - low))) < 1e-15)
        // Wilson 1/2: R 4.2.2 prop.test(1, 2, correct = FALSE)$conf.int = 0.0945312057342, 0.905468794266.
        #expect(first[5] == 1 && first[6] == 0.5 && abs(first[7] - 0.0945312057342) < 1e-12 && abs(first[8] - 0.905468794266) < 1e-12)

        let byArm = try OutcomeReportProcess.run(base + ["--by", "arm", "--min-cell", "1"])
        #expect(byArm.standardOutput.split(separator: "\n").map { $0.prefix(while: { $0 != "," }) } == ["arm", "BUP", "BUP+CM"])
        let bySite = try OutcomeReportProcess.run(base + ["--by", "site", "--min-cell", "1"])
        #expect(bySite.standardOutput.split(separator: "\n").map { $0.split(separator: ",").prefix(2).joined(separator: ",") }
                == ["site,patients", "A,3", "C,1"])
        // Default --min-cell 11: every count here is 1…10.
        let suppressed = try OutcomeReportProcess.run(base + ["--by", "site"])
        #expect(suppressed.standardOutput.split(separator: "\n")[1]
                == "A,suppressed,suppressed,suppressed,suppressed,suppressed,suppressed,suppressed,suppressed,suppressed")
        // The inducted cohort (default) with 90 days: only Q1 is complete.
        let inducted = try OutcomeReportProcess.run([
            "adherence", "--cohort", url.path, "--by", "quarter", "--follow-up-days", "90", "--cutoff", "2024-07-15",
            "--min-cell", "1",
        ])
        #expect(inducted.standardOutput.split(separator: "\n").map { $0.split(separator: ",").prefix(3).joined(separator: ",") }
                == ["quarter,patients,mean_pdc", "2024-Q1,2,\((60.0 / 90 + 75.0 / 90) / 2)"])
    }

    @Test("errors: no dispensings, no calendar dates, bad options")
    func errors() throws {
        let noFills = try folder(["patients.csv": files["patients.csv"]!])
        defer { try? FileManager.default.removeItem(at: noFills) }
        let missing = try OutcomeReportProcess.run(["adherence", "--cohort", noFills.path, "--by", "arm"])
        #expect(missing.status == 1 && missing.standardOutput.isEmpty && missing.standardError.contains("dispensings.csv"))
        let days = try folder([
            "patients.csv": "patient_id,site,arm,medication,psychosocial\n10,S1,BUP,buprenorphine,standard\n",
            "dispensings.csv": "patient_id,day,days_supply,drug\n10,0,7,bup\n",
        ])
        defer { try? FileManager.default.removeItem(at: days) }
        let undated = try OutcomeReportProcess.run(["adherence", "--cohort", days.path, "--by", "quarter"])
        #expect(undated.status == 1 && undated.standardOutput.isEmpty && undated.standardError.contains("index_date"))
        for bad in [["--by", "trial"], ["--by", "arm", "--cutoff", "2024-02-30"], ["--by", "arm", "--follow-up-days", "0"],
                    ["--by", "arm", "--threshold", "1.5"], ["--by", "arm", "--min-cell", "0"]] {
            let result = try OutcomeReportProcess.run(["adherence", "--cohort", noFills.path] + bad)
            #expect(result.status != 0 && result.standardOutput.isEmpty, "\(bad)")
        }
    }
}

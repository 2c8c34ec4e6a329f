import Foundation
import Testing
import _OutcomeTestSupport

/// `outcome-report pdc`, `continuity` and `adherence`, run as processes: the CSV contract and the error path.
@Suite("outcome-report pdc, continuity, adherence")
struct AdherenceCommandTests {
    func file(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("fills-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        return url
    }

    /// The PQA worked example (270/282) for M1; "M,2" needs quoting; X has only a fill before the period.
    let fills = """
        member,fill_date,supply
        M1,2018-03-25,90
        M1,2018-07-05,90
        "M,2",2018-05-01,30
        X,2017-12-01,30
        M1,2018-09-25,90

        """

    @Test("pdc: id column named as in the input, one row per patient with a fill; PQA eligibility with --min-fill-dates 2")
    func pdc() throws {
        let url = try file(fills)
        defer { try? FileManager.default.removeItem(at: url) }
        let arguments = [
            "pdc", "--input", url.path, "--id", "member", "--date", "fill_date", "--days-supply", "supply",
            "--start", "2018-01-01", "--end", "2018-12-31", "--from-first-fill",
        ]
        // PQA eligibility: "M,2" has one fill date and is left out, with a note on stderr.
        let pqa = try OutcomeReportProcess.run(arguments + ["--min-fill-dates", "2"])
        #expect(pqa.status == 0 && pqa.standardOutput == "member,days_in_period,days_covered,pdc,adherent\nM1,282,270,\(270.0 / 282.0),TRUE\n")
        #expect(pqa.standardError == "1 of 2 patients with a fill in the period are not eligible (fewer than 2 fill dates) and are left out\n")
        // The older 91-day rule: M1's first fill (2018-03-25) is 281 days before the end; a 300-day rule drops it.
        let older = try OutcomeReportProcess.run(arguments + ["--min-fill-dates", "2", "--index-days-before-end", "91"])
        #expect(older.standardOutput == pqa.standardOutput)
        let strict = try OutcomeReportProcess.run(arguments + ["--index-days-before-end", "300"])
        #expect(strict.status == 0 && strict.standardOutput == "member,days_in_period,days_covered,pdc,adherent\n")
        #expect(strict.standardError.hasPrefix("2 of 2 patients"))
        let badMinimum = try OutcomeReportProcess.run(arguments + ["--min-fill-dates", "0"])
        #expect(badMinimum.status != 0 && badMinimum.standardOutput.isEmpty)
        // The contract by default: every patient with a fill in the period.
        let result = try OutcomeReportProcess.run(arguments)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.isEmpty)
        // 270/282 and 30/245 (2018-05-01 to 2018-12-31).
        #expect(result.standardOutput == """
            member,days_in_period,days_covered,pdc,adherent
            M1,282,270,\(270.0 / 282.0),TRUE
            "M,2",245,30,\(30.0 / 245.0),FALSE

            """)
        let fixed = try OutcomeReportProcess.run([
            "pdc", "--input", url.path, "--id", "member", "--date", "fill_date", "--days-supply", "supply",
            "--start", "2018-01-01", "--end", "2018-12-31", "--threshold", "0.7", "--mpr", "--min-fill-dates", "1",
        ])
        #expect(fixed.standardOutput.split(separator: "\n")[1] == "M1,365,270,\(270.0 / 365.0),TRUE,270,\(270.0 / 365.0),\(270.0 / 365.0)")
    }

    @Test("pdc: a bad date is a located error, exit 1, nothing on stdout; bad options are usage errors")
    func pdcErrors() throws {
        let url = try file("member,fill_date,supply\nM1,2018-02-29,90\n")
        defer { try? FileManager.default.removeItem(at: url) }
        let arguments = ["pdc", "--input", url.path, "--id", "member", "--date", "fill_date", "--days-supply", "supply",
                         "--start", "2018-01-01"]
        let result = try OutcomeReportProcess.run(arguments + ["--end", "2018-12-31"])
        #expect(result.status == 1 && result.standardOutput.isEmpty)
        #expect(result.standardError == "error: \(url.path):2: column \"fill_date\": \"2018-02-29\" is not a valid date (expected YYYY-MM-DD)\n")
        let backwards = try OutcomeReportProcess.run(arguments + ["--end", "2017-12-31"])
        #expect(backwards.status != 0 && backwards.standardOutput.isEmpty)
        #expect(backwards.standardError.contains("--end 2017-12-31 is before --start 2018-01-01"))
    }

    @Test("continuity: one row per treatment start with its 180-day verdict")
    func continuity() throws {
        let url = try file("id,date,days\nA,2024-01-01,90\nA,2024-03-31,90\nB,2024-01-01,30\nB,2024-02-08,150\n")
        defer { try? FileManager.default.removeItem(at: url) }
        let result = try OutcomeReportProcess.run([
            "continuity", "--input", url.path, "--id", "id", "--date", "date", "--days-supply", "days",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        // A: 2024-01-01 + 90 days = 2024-03-30 (leap February); the refill on 03-31 leaves no gap: 180/180.
        // B: covered to 01-30, refill 02-08: gap 01-31..02-07 = 8 days, not continuous.
        #expect(result.standardOutput == """
            id,treatment_start,period_end,days_covered,longest_gap,continuous
            A,2024-01-01,2024-06-28,180,0,TRUE
            B,2024-01-01,2024-06-28,172,8,FALSE

            """)
        let lenient = try OutcomeReportProcess.run([
            "continuity", "--input", url.path, "--id", "id", "--date", "date", "--days-supply", "days", "--max-gap", "8",
        ])
        #expect(lenient.standardOutput.hasSuffix("B,2024-01-01,2024-06-28,172,8,TRUE\n"))
    }

    @Test("adherence on the bundled cohort: CTN-0094 phases by default, one row per patient")
    func adherence() throws {
        let result = try OutcomeReportProcess.run(["adherence", "--cohort", datasetURL("ctn0094/cohort").path])
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.count == 2493)
        #expect(lines[0] == "patient_id,arm,first_day,last_day,expected_days,covered_days,dose_days,adherence,missed_days,longest_missed_run,missed_runs_3_or_more,study_scheduled,study_attended,study_attendance")
        // Patient 6 (datasets/reference/adherence/dosing.csv): 28 days expected, 11 covered, missed run of 17.
        #expect(lines.contains { $0 == "6,Outpatient BUP + SMM,0,27,28,11,11,\(11.0 / 28.0),17,17,1,2,2,1" })
        let custom = try OutcomeReportProcess.run([
            "adherence", "--cohort", datasetURL("ctn0094/cohort").path, "--period", "0:6", "--missed-run", "2",
        ])
        #expect(custom.standardOutput.split(separator: "\n")[1].hasPrefix("2,Outpatient BUP + EMM,0,6,7,"))
        let missing = try OutcomeReportProcess.run(["adherence", "--cohort", "/nonexistent-cohort"])
        #expect(missing.status == 1 && missing.standardOutput.isEmpty && missing.standardError.hasPrefix("error: "))
    }
}

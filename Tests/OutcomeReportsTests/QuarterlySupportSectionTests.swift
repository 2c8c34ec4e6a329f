import Foundation
import Testing
import TreatmentOutcomes

@testable import OutcomeReports

/// The quarterly report's section "Medication alone and with psychosocial support": its small cells, and that a
/// comparison is shown only with its groups' counts.
@Suite("Quarterly report: medication alone and with support")
struct QuarterlySupportSectionTests {
    /// Methadone: alone 14 patients (11 drop out on day 20, 3 censored at day 200), with support 13 (2 drop out on
    /// day 20, 11 censored at day 200); buprenorphine: alone 12, with support 12, none dropping out. Admitted
    /// 2025-01-01, as of 2025-12-31.
    static func cohort() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("support-section-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var patients = "patient_id,site,arm,medication,psychosocial,index_date,age\n"
        var episodes = "patient_id,start,end,end_reason\n"
        var number = 0
        func add(_ medication: String, _ support: String, count: Int, dropouts: Int) {
            for index in 0..<count {
                number += 1
                patients += "P\(number),A,\(medication)+\(support),\(medication),\(support),2025-01-01,\(30 + number % 20)\n"
                episodes += index < dropouts ? "P\(number),2025-01-01,2025-01-21,dropout\n" : "P\(number),2025-01-01,2025-07-20,completed\n"
            }
        }
        add("methadone", "none", count: 14, dropouts: 11)
        add("methadone", "CBT", count: 13, dropouts: 2)
        add("buprenorphine", "none", count: 12, dropouts: 0)
        add("buprenorphine", "CBT", count: 12, dropouts: 0)
        try Data(patients.utf8).write(to: folder.appendingPathComponent("patients.csv"))
        try Data(episodes.utf8).write(to: folder.appendingPathComponent("episodes.csv"))
        return folder
    }

    @Test("small dropout counts are withheld, and with them the groups' estimates, curves, tests and hazard ratios")
    func smallCells() throws {
        let folder = try Self.cohort()
        defer { try? FileManager.default.removeItem(at: folder) }
        var plan = AnalysisPlan()
        plan.quarterly.quarters = 4
        let analysis = try QuarterlyAnalysis(cohort: try CohortLoader.load(from: folder), plan: plan, quarter: CalendarQuarter(year: 2025, quarter: 4))
        let policy = SmallCellPolicy(minimumCount: 11)
        let report = QuarterlyReport.make(analysis, policy: policy, sourceDescription: "test")
        let section = try #require(report.sections.first { $0.heading == QuarterlySupportSection.heading })
        let tables = section.blocks.compactMap { if case .table(let table) = $0 { table } else { nil } }
        let table = try #require(tables.first)
        #expect(table.rows.count == 4)
        for row in table.rows {
            for cell in row {
                if case .count(let n) = cell { #expect(!policy.isSmall(n), "a count of \(n) is printed") }
            }
        }
        #expect(table.rows[0][2] == .count(14) && table.rows[0][3] == .suppressed, "11 dropouts: the 3 who stayed are small")
        let methadoneWith = table.rows[1]
        #expect(methadoneWith[3] == .suppressed, "2 dropouts")
        #expect(methadoneWith[4] == .suppressed, "its retention would give the 2 away")
        #expect(methadoneWith[5...].allSatisfy { $0 == .suppressed }, "no test or ratio beside a withheld count")
        // Buprenorphine: no dropout (0 is printed), both groups of 12 shown, the ratio not estimable.
        #expect(table.rows[2][3] == .count(0) && table.rows[3][3] == .count(0))
        #expect(table.rows[3][5] == .text("not estimable") && table.rows[3][6] == .text("not estimable"))
        // No methadone chart (neither group's counts are shown); buprenorphine's has both curves.
        let charts = section.blocks.compactMap { if case .chart(let chart) = $0 { chart } else { nil } }
        #expect(charts.map(\.identifier) == ["quarterly-support-buprenorphine"])
        if case .xy(let series) = charts.first?.content { #expect(series.map(\.name) == ["Medication alone", "With psychosocial support"]) }
    }
}

/// The quarterly report's balance analyses (``QuarterlySupportWeighting``): the library's values, withheld with small
/// groups, and no look-ahead in the engagement model.
@Suite("Quarterly report: weighted comparison and engagement")
struct QuarterlySupportWeightingTests {
    /// As of 2025-12-31, eight quarters (the default); the synthetic records run to 2026-03-31. (A 1,000-patient
    /// program over four quarters has so many small cells that the disclosure audit alone takes about a minute in a
    /// debug build; 2,000 patients over eight take seconds.)
    static let quarter = CalendarQuarter(year: 2025, quarter: 4)

    static func analysis(_ folder: URL) throws -> QuarterlyAnalysis {
        try QuarterlyAnalysis(cohort: try CohortLoader.load(from: folder), plan: AnalysisPlan(), quarter: quarter)
    }

    static func table(_ analysis: QuarterlyAnalysis) throws -> Table {
        let report = QuarterlyReport.make(analysis, policy: SmallCellPolicy(), sourceDescription: "test")
        let section = try #require(report.sections.first { $0.heading == QuarterlySupportSection.heading })
        return try #require(section.blocks.compactMap { block -> Table? in
            if case .table(let table) = block, table.title.hasPrefix("Weighted comparison and engagement") { return table }
            return nil
        }.first)
    }

    @Test("synthetic program: the table prints the library's weighted and per-session hazard ratios; later visits change nothing")
    func libraryValuesWithoutLookAhead() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("quarterly-weighting-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try SyntheticCohortGenerator(patientCount: 2_000, seed: 3).write(to: folder)
        let analysis = try Self.analysis(folder)
        let table = try Self.table(analysis)
        var printed = 0
        for (row, entry) in zip(table.rows, analysis.supportComparison.medications) {
            #expect(row[0] == .text(entry.medication.rawValue))
            if case .text(let ratio) = row[1], ratio.contains("[") {
                let groups = try #require(entry.weighted.value)
                #expect(ratio == NumberFormat.ratioAndInterval(try #require(groups.weightedFit.coefficientInference()[0])))
                #expect((groups.largestStandardisedDifference(weighted: true) ?? 0) <= BalanceSection.balanceThreshold)
                printed += 1
            }
            if case .text(let ratio) = row[4], ratio.contains("[") {
                #expect(ratio == NumberFormat.ratioAndInterval(try #require(entry.engagement.hazardRatio(EngagementAnalysis.sessionsTerm))))
                #expect(entry.engagement.patientCount >= 11 && entry.engagement.eventCount >= 11)
                printed += 1
            }
        }
        #expect(printed >= 4, "a 2,000-patient program should give most ratios")
        // Dropout by session band: the library's ratios, each resting on enough dropouts and patients.
        let report = QuarterlyReport.make(analysis, policy: SmallCellPolicy(), sourceDescription: "test")
        let bands = try #require(report.tables.first { $0.title.hasPrefix("Dropout by sessions attended") })
        let exposures = analysis.supportComparison.medications.flatMap { entry in
            entry.doseResponse.bands.map { (entry.doseResponse.hazards, $0) }
        }
        #expect(bands.rows.count == exposures.count)
        var bandRatios = 0
        for (row, (hazards, exposure)) in zip(bands.rows, exposures) {
            #expect(row[1] == .text(exposure.band.label))
            guard case .text(let ratio) = row[2], ratio.contains("[") else { continue }
            #expect(ratio == NumberFormat.ratioAndInterval(try #require(hazards.hazardRatio(EngagementAnalysis.bandTerm(exposure.band)))))
            #expect(exposure.events >= 11 && exposure.patients >= 11)
            bandRatios += 1
        }
        #expect(bandRatios >= 2)
        // Sessions attended after the as-of date, for every patient: the as-of cut drops them.
        let visits = folder.appendingPathComponent("visits.csv")
        var text = try String(contentsOf: visits, encoding: .utf8)
        let header = text.prefix { $0 != "\n" }
        let columns = header.split(separator: ",").map(String.init)
        let patients = try String(contentsOf: folder.appendingPathComponent("patients.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { String($0.prefix { $0 != "," }) }
        for patient in patients {
            let values = columns.map { column -> String in
                switch column {
                case "patient_id": patient
                case "date": "2026-01-15"
                case "kind": "counseling"
                case "status": "attended"
                default: ""
                }
            }
            text += values.joined(separator: ",") + "\n"
        }
        try Data(text.utf8).write(to: visits)
        let later = try Self.analysis(folder)
        for (before, after) in zip(analysis.supportComparison.medications, later.supportComparison.medications) {
            #expect(before.engagement.hazardRatio(EngagementAnalysis.sessionsTerm) == after.engagement.hazardRatio(EngagementAnalysis.sessionsTerm))
            #expect(before.engagement.intervalCount == after.engagement.intervalCount)
        }
    }

    @Test("small groups: nothing weighted is printed beside a withheld count; no dropout gives a reason without a count")
    func smallGroups() throws {
        let folder = try QuarterlySupportSectionTests.cohort()
        defer { try? FileManager.default.removeItem(at: folder) }
        var plan = AnalysisPlan()
        plan.quarterly.quarters = 4
        let analysis = try QuarterlyAnalysis(
            cohort: try CohortLoader.load(from: folder), plan: plan, quarter: CalendarQuarter(year: 2025, quarter: 4))
        let table = try Self.table(analysis)
        #expect(table.rows.count == 2)
        #expect(table.rows[0][1...3].allSatisfy { $0 == .suppressed }, "methadone: its dropouts are withheld")
        // Buprenorphine: no dropout at all, so no weighted ratio rests on enough events, and no session model.
        #expect(table.rows[1][1] == .suppressed)
        #expect(table.rows[1][4] == .text("no dropout among these patients"))
        for row in table.rows {
            for cell in row { if case .count(let n) = cell { #expect(!SmallCellPolicy().isSmall(n)) } }
        }
    }
}

import Testing
import TreatmentOutcomes
import _OutcomeTestSupport

@testable import OutcomeReports

@Suite("Cohort report")
struct CohortReportTests {
    let policy = SmallCellPolicy(minimumCount: 11)

    func report(_ cohort: Cohort, plan: AnalysisPlan = AnalysisPlan(), dropped: Bool = false) async -> Report {
        await makeReport(cohort, plan: plan, minimum: policy.minimumCount, dropped: dropped)
    }

    func table(_ report: Report, titled title: String) throws -> Table {
        try #require(report.tables.first { $0.title == title }, "no table \(title)")
    }

    /// The cells after the label cells of the row whose first cells are `labels`.
    func row(_ table: Table, _ labels: String...) throws -> [Cell] {
        let row = try #require(
            table.rows.first { Array($0.prefix(labels.count)) == labels.map(Cell.text) }, "no row \(labels)")
        return Array(row.dropFirst(labels.count))
    }

    @Test("baseline table: hand-computed N, n (%), mean (SD), median [IQR] of declared covariates and suppression")
    func baselineHandComputed() async throws {
        let baseline = try await table(report(TestCohorts.twoArmsDeclared), titled: "Baseline characteristics by arm")
        #expect(baseline.columns.map(\.name) == [
            "Characteristic", "Level or statistic", "medication only", "medication plus counseling", "Overall",
        ])
        #expect(try row(baseline, "Patients", "N") == [.count(24), .count(26), .count(50)])
        #expect(try row(baseline, "Treatment") == [
            .text("medication + psychosocial support"), .text("methadone + none"), .text("methadone + counseling"),
            .notApplicable,
        ])
        func percent(_ count: Int, _ of: Int) -> Cell {
            .countAndPercentage(count: count, percentage: Double(count) / Double(of), decimals: 1)
        }
        #expect(try row(baseline, "psychosocial support", "counseling") == [percent(0, 24), percent(26, 26), percent(26, 50)])
        #expect(try row(baseline, "psychosocial support", "none") == [percent(24, 24), percent(0, 26), percent(24, 50)])
        // age: A = 12 × 30 and 12 × 40: mean 35, SD sqrt(600/23); B = 20…45: mean 32.5, SD sqrt(26·27/12);
        // all 50: mean 1685/50 = 33.7, SD sqrt(2140.5/49). R 4.2.2 sd(): 5.107539, 7.648529, 6.609363.
        let ageMeans = try row(baseline, "age", "mean (SD)")
        let expectedA = Cell.meanAndStandardDeviation(mean: 35, standardDeviation: (600.0 / 23).squareRoot(), decimals: 1)
        let expectedB = Cell.meanAndStandardDeviation(
            mean: 32.5, standardDeviation: (26.0 * 27 / 12).squareRoot(), decimals: 1)
        #expect(ageMeans[0] == expectedA)
        #expect(ageMeans[1] == expectedB)
        try expectMeanAndStandardDeviation(ageMeans[2], mean: 33.7, standardDeviation: (2140.5 / 49).squareRoot())
        // Type-7 quartiles: B: h = 25·0.25 + 1 → 26.25 and 38.75; all: sorted[12], sorted[24…25], sorted[36].
        #expect(try row(baseline, "age", "median [Q1, Q3]") == [
            .medianAndInterquartileRange(median: 35, lowerQuartile: 30, upperQuartile: 40, decimals: 1),
            .medianAndInterquartileRange(median: 32.5, lowerQuartile: 26.25, upperQuartile: 38.75, decimals: 1),
            .medianAndInterquartileRange(median: 32.5, lowerQuartile: 30, upperQuartile: 40, decimals: 1),
        ])
        #expect(try row(baseline, "age", "missing") == [percent(0, 24), percent(0, 26), percent(0, 50)])
        // sex: female A = 3 is small. Row "female" {3, 13 | 16} → 13 joins; column A {3, 21, 0 | 24} → 21;
        // column B {13, 13, 0 | 26} → 13 (male). The Overall column and the Ns stay.
        #expect(try row(baseline, "sex", "female") == [.suppressed, .suppressed, percent(16, 50)])
        #expect(try row(baseline, "sex", "male") == [.suppressed, .suppressed, percent(34, 50)])
        #expect(try row(baseline, "sex", "missing") == [percent(0, 24), percent(0, 26), percent(0, 50)])
        // weight missing: A = 2 is small; the row {2, 15 | 17} needs a second cell: 15.
        #expect(try row(baseline, "weight", "missing") == [.suppressed, .suppressed, percent(17, 50)])
        // weight: A = 22 × 70, B = 11 × 80 (11 values: shown), all: mean 2420/33, R sd() = 4.787136.
        let weightMeans = try row(baseline, "weight", "mean (SD)")
        #expect(weightMeans[0] == .meanAndStandardDeviation(mean: 70, standardDeviation: 0, decimals: 1))
        #expect(weightMeans[1] == .meanAndStandardDeviation(mean: 80, standardDeviation: 0, decimals: 1))
        try expectMeanAndStandardDeviation(weightMeans[2], mean: 2420.0 / 33, standardDeviation: 4.787136, tolerance: 1e-6)
        #expect(try row(baseline, "weight", "median [Q1, Q3]")[2]
            == .medianAndInterquartileRange(median: 70, lowerQuartile: 70, upperQuartile: 80, decimals: 1))
        // The small-cell rule is stated once, in the Data section, not under each table.
        #expect(!baseline.footnotes.contains { $0.hasPrefix("Counts from 1 to 10") })
    }

    func expectMeanAndStandardDeviation(
        _ cell: Cell, mean expectedMean: Double, standardDeviation expectedStandardDeviation: Double,
        tolerance: Double = 1e-12
    ) throws {
        guard case .meanAndStandardDeviation(let mean, let standardDeviation?, 1) = cell else {
            Issue.record("expected mean (SD) with one decimal, got \(cell)")
            return
        }
        #expect(isClose(mean, expectedMean, relative: 1e-12), "mean \(mean)")
        #expect(isClose(standardDeviation, expectedStandardDeviation, relative: tolerance), "SD \(standardDeviation)")
    }

    @Test("covariates the policy leaves out are listed with the reason; undeclared numbers show no quantiles")
    func exclusions() async throws {
        let report = await report(TestCohorts.twoArms)
        let baseline = try table(report, titled: "Baseline characteristics by arm")
        #expect(!baseline.rows.contains { $0.first == .text("referral_id") || $0.first == .text("free_text") })
        #expect(!baseline.rows.contains { $0.dropFirst().first == .text("median [Q1, Q3]") })
        #expect(try row(baseline, "age", "mean (SD)").count == 3)
        #expect(!report.charts.contains { $0.identifier.hasPrefix("baseline-") })
        let data = try #require(report.sections.first { $0.heading == "Data" })
        #expect(data.blocks.contains(.bulletList([
            "referral_id: identifies patients", "free_text: free text",
        ])))
        let declared = await self.report(TestCohorts.twoArmsDeclared)
        let declaredData = try #require(declared.sections.first { $0.heading == "Data" })
        #expect(declaredData.blocks.contains(.bulletList([
            "referral_id: not declared in cohort.json", "free_text: not declared in cohort.json",
        ])))
    }

    @Test("no patient identifier appears in any output")
    func noIdentifiers() async {
        for cohort in [TestCohorts.twoArms, TestCohorts.smallArm] {
            let report = await report(cohort, dropped: true)
            for output in [MarkdownRenderer.render(report), CSVRenderer.render(report)] {
                for identifier in cohort.patients.identifiers {
                    #expect(!output.contains(identifier + "\n") && !output.contains(identifier + " "), "\(identifier)")
                }
                #expect(!output.contains("ID-7Q3X"))
            }
        }
    }

    @Test("patients by site when there is no trial column; rows used and dropped per file")
    func siteCrossTabAndFiles() async throws {
        let report = await report(TestCohorts.twoArms, dropped: true)
        let crossTab = try table(report, titled: "Patients by arm and site")
        #expect(crossTab.columns.map(\.name) == ["site", "medication only", "medication plus counseling", "Total"])
        #expect(crossTab.rows == [
            [.text("north"), .count(12), .count(14), .count(26)],
            [.text("south"), .count(12), .count(12), .count(24)],
            [.text("Total"), .count(24), .count(26), .count(50)],
        ])
        let files = try table(report, titled: "Rows used per file")
        #expect(files.rows == [
            [.text("patients.csv"), .count(50), .suppressed, .count(0)],
            [.text("doses.csv"), .count(1496), .count(0), .suppressed],
        ])
    }

    @Test("the plan's grouping covariate (trial); a small arm and patients without an arm are suppressed everywhere")
    func smallArmAndTrial() async throws {
        let report = await report(TestCohorts.smallArm, plan: trialPlan)
        let crossTab = try table(report, titled: "Patients by arm and trial")
        #expect(crossTab.columns.map(\.name) == ["trial", "X", "Y", "Z", "(no arm recorded)", "Total"])
        // CTN-0027 {30, 0, 5, 2 | 37}; CTN-0030 {0, 25, 0, 0 | 25}; Total {30, 25, 5, 2 | 62}.
        #expect(crossTab.rows == [
            [.text("CTN-0027"), .count(30), .count(0), .suppressed, .suppressed, .count(37)],
            [.text("CTN-0030"), .count(0), .count(25), .count(0), .count(0), .count(25)],
            [.text("Total"), .count(30), .count(25), .suppressed, .suppressed, .count(62)],
        ])
        let baseline = try table(report, titled: "Baseline characteristics by arm")
        #expect(try row(baseline, "Patients", "N") == [.count(30), .count(25), .suppressed, .suppressed, .count(62)])
        // A zero over a suppressed denominator keeps its count but loses its percentage.
        #expect(try row(baseline, "sex", "missing")[2] == .countAndPercentage(count: 0, percentage: nil, decimals: 1))
        #expect(try row(baseline, "age", "mean (SD)")[2] == .suppressed)
        #expect(try row(baseline, "trial", "CTN-0030")[0] == .countAndPercentage(count: 0, percentage: 0, decimals: 1))
    }

    @Test("baseline levels are shares of the recorded values, missing a share of N (hand-computed)")
    func baselineSharesOfRecorded() async throws {
        // 26 with counseling: 13 stable, 13 missing; 24 without: 12 stable, 12 unstable.
        var patients: [TestCohorts.Patient] = []
        var housing: [String?] = []
        for index in 0..<26 {
            patients.append(.init(arm: "medication plus counseling", site: "north", psychosocial: "counseling", age: 30,
                                  sex: index < 13 ? "female" : "male", weight: 70))
            housing.append(index < 13 ? "stable" : nil)
        }
        for index in 0..<24 {
            patients.append(.init(arm: "medication only", site: "south", psychosocial: "none", age: 40,
                                  sex: index < 12 ? "female" : "male", weight: 80))
            housing.append(index < 12 ? "stable" : "unstable")
        }
        let cohort = TestCohorts.cohort(patients, extraCovariates: [
            Covariate(name: "housing", values: .categorical(CategoricalColumn(labels: housing))),
        ])
        let baseline = try await table(report(cohort), titled: "Baseline characteristics by arm")
        func share(_ count: Int, _ of: Int) -> Cell {
            .countAndPercentage(count: count, percentage: Double(count) / Double(of), decimals: 1)
        }
        // Columns: medication only (24, none missing), medication plus counseling (26, 13 missing), Overall (50, 13).
        #expect(try row(baseline, "housing", "stable") == [share(12, 24), share(13, 13), share(25, 37)])
        #expect(try row(baseline, "housing", "unstable") == [share(12, 24), share(0, 13), share(12, 37)])
        #expect(try row(baseline, "housing", "missing") == [share(0, 24), share(13, 26), share(13, 50)])
    }

    @Test("full report goldens (Markdown and CSV)")
    func goldens() async throws {
        let report = await report(TestCohorts.twoArms, dropped: true)
        try expectMatchesGolden(MarkdownRenderer.render(report), "cohort-report.md")
        try expectMatchesGolden(CSVRenderer.render(report), "cohort-report.csv")
    }
}

/// The Methods text tells a covariate the policy left out from one the cohort does not have.
@Suite("Methods: adjustment covariates the covariate policy left out")
struct MethodsAdjustmentTests {
    @Test("age, declared away by the manifest, is named as left out by the policy, not as missing from the cohort")
    func leftOutAdjustment() async throws {
        let cohort = TestCohorts.twoArms(manifest: CohortManifest(
            name: "Two arms", provenance: "Hand-made.",
            covariates: [CovariateDeclaration(categorical: "sex", levels: ["female", "male"])]))
        let analysis = await CohortAnalysis(cohort: cohort, plan: AnalysisPlan())
        let methods = MarkdownRenderer.render(CohortReport.make(from: analysis, options: CohortReportOptions(sourceDescription: "test")))
        #expect(methods.contains("adjusted for sex (the plan also names age, which the covariate policy left out: see Data)"))
        #expect(!methods.contains("which the cohort does not have"))
    }
}

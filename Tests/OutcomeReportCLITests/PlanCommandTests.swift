import Foundation
import OutcomeReports
import Testing
import _CohortTestSupport
import _OutcomeTestSupport

/// `outcome-report plan`, `report --plan` and the cohort manifest, run as a user would.
@Suite("analysis plan (runs the binary)")
struct PlanCommandTests {
    static func decodePlan(_ text: String) throws -> AnalysisPlan {
        try JSONDecoder().decode(AnalysisPlan.self, from: Data(text.utf8))
    }

    static func temporaryFolder(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("plan without a cohort prints the library's defaults; with the bundled cohort, its cohort.json applied")
    func printsEffectivePlan() throws {
        let defaults = try OutcomeReportProcess.run(["plan"])
        #expect(defaults.status == 0, "\(defaults.standardError)")
        #expect(try Self.decodePlan(defaults.standardOutput) == AnalysisPlan.default)
        #expect(defaults.standardOutput.contains("\"weekOneStartDay\" : 1"))

        let bundled = try OutcomeReportProcess.run(["plan", "--cohort", BundledCohort.folder.path])
        #expect(bundled.status == 0, "\(bundled.standardError)")
        let plan = try Self.decodePlan(bundled.standardOutput)
        #expect(plan == (try AnalysisPlan.effective(for: try BundledCohort.cohort())))
        #expect(plan.weekOneStartDay == 0 && plan.protocols.count == 3 && plan.retention.horizonDays == [30, 90, 168])
        #expect(plan.contrasts.pairs.contains(ArmPair(reference: "Outpatient BUP + SMM", comparison: "Outpatient BUP + EMM")))
        // everything else is the library's default, stated once
        #expect(plan.naltrexoneInjectionCoverageDays == AnalysisPlan.default.naltrexoneInjectionCoverageDays)
        #expect(plan.relapseRisk == AnalysisPlan.default.relapseRisk)
    }

    @Test("a plan file with an unknown setting or a wrong type: exit 1, the file and the setting named")
    func badPlanFiles() throws {
        let folder = try Self.temporaryFolder("plans")
        defer { try? FileManager.default.removeItem(at: folder) }
        let unknown = folder.appendingPathComponent("unknown.json"), wrongType = folder.appendingPathComponent("type.json")
        let range = folder.appendingPathComponent("range.json")
        try Data(#"{"retention": {"allowedGapDay": 14}}"#.utf8).write(to: unknown)
        try Data(#"{"relapseRisk": {"landmarkWeek": "four"}}"#.utf8).write(to: wrongType)
        try Data(#"{"adherence": {"threshold": 1.5}}"#.utf8).write(to: range)
        let first = try OutcomeReportProcess.run(["plan", "--plan", unknown.path])
        #expect(first.status == 1 && first.standardOutput.isEmpty)
        #expect(first.standardError.contains(unknown.path) && first.standardError.contains("retention.allowedGapDay"))
        let second = try OutcomeReportProcess.run(["plan", "--plan", wrongType.path])
        #expect(second.status == 1 && second.standardError.contains("relapseRisk.landmarkWeek: expected a whole number"))
        let third = try OutcomeReportProcess.run(["plan", "--plan", range.path])
        #expect(third.status == 1 && third.standardError.contains("adherence.threshold: must lie in (0, 1]"))
    }

    /// The plan printed by `plan`, edited (gap rule and landmark week) and passed back: the report states and uses
    /// the edited definitions, and its numbers are the library's under the edited plan, not under the defaults.
    @Test("an edited plan changes the report: gap rule and landmark week")
    func editedPlanChangesReport() async throws {
        let folder = try Self.temporaryFolder("plan-edit")
        defer { try? FileManager.default.removeItem(at: folder) }
        let cohortFolder = folder.appendingPathComponent("cohort")
        _ = try SyntheticCohortGenerator(patientCount: 400, seed: 5).write(to: cohortFolder)
        // without recorded episodes, retention episodes come from the doses by the plan's gap rule
        try FileManager.default.removeItem(at: cohortFolder.appendingPathComponent("episodes.csv"))
        let printed = try OutcomeReportProcess.run(["plan", "--cohort", cohortFolder.path])
        var plan = try Self.decodePlan(printed.standardOutput)
        plan.retention.allowedGapDays = 30
        plan.relapseRisk.landmarkWeek = 4
        let planFile = folder.appendingPathComponent("plan.json")
        try plan.jsonData().write(to: planFile)

        let result = try OutcomeReportProcess.run([
            "report", "--cohort", cohortFolder.path, "--plan", planFile.path, "--min-cell", "1", "--format", "markdown",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let output = result.standardOutput
        #expect(output.contains("before the first gap of more than 30 days"))
        #expect(!output.contains("gap of more than 7 days"))
        #expect(output.contains("only records on or before the end of week 4 (day 28)"))

        // The printed retention table is the library's under the edited plan, and differs from the default plan's.
        let cohort = try CohortLoader.load(from: cohortFolder)
        plan.disclosure.minimumCellSize = 1
        var defaults = AnalysisPlan.default
        defaults.disclosure.minimumCellSize = 1
        func retentionTable(_ plan: AnalysisPlan) async -> String {
            let analysis = await CohortAnalysis(cohort: cohort, plan: plan, parts: [.retention])
            let report = CohortReport.make(from: analysis, options: CohortReportOptions(sourceDescription: "x"))
            let table = report.tables.first { $0.title == "Retention by arm" }!
            return MarkdownRenderer.render(Report(title: "t", sections: [Report.Section(heading: "h", blocks: [.table(table)])]))
                .components(separatedBy: "**Retention by arm**")[1]
        }
        let edited = await retentionTable(plan), original = await retentionTable(defaults)
        let body = edited.split(separator: "\n").filter { $0.hasPrefix("|") }
        #expect(!body.isEmpty && body.allSatisfy { output.contains($0) })
        #expect(edited != original)
    }

    /// A copy of the bundled cohort in another folder, reported from another working directory, gives the report
    /// the library computes for the bundled folder itself; only the source line names the folder.
    @Test("a copy of the bundled cohort anywhere gives the bundled cohort's report")
    func copiedCohort() async throws {
        let folder = try Self.temporaryFolder("copy")
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("somewhere-else")
        try FileManager.default.copyItem(at: BundledCohort.folder, to: copy)
        let result = try OutcomeReportProcess.run(["report", "--cohort", copy.path], currentDirectory: folder)
        #expect(result.status == 0, "\(result.standardError)")
        let analysis = try await BundledCohort.analysis()
        let expected = MarkdownRenderer.render(CohortReport.make(
            from: analysis, options: CohortReportOptions(sourceDescription: "cohort folder somewhere-else")))
        #expect(result.standardOutput == expected)
        #expect(result.standardOutput.contains("Source: cohort folder somewhere-else."))
        #expect(result.standardOutput.contains("Weekly use-pattern words: the published CTNote words (use_patterns.csv)"))
    }

    @Test("no cohort and no bundled folder below the working directory: a clear error, exit 1")
    func noDefaultCohort() throws {
        let folder = try Self.temporaryFolder("empty")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try OutcomeReportProcess.run(
            ["report"], environment: ["TREATMENT_OUTCOMES_COHORT": ""], currentDirectory: folder)
        #expect(result.status == 1 && result.standardOutput.isEmpty)
        #expect(result.standardError.contains("no cohort given: pass --cohort DIR"))
    }

    @Test("no library or CLI source finds data through its own source path (#filePath)")
    func noCompiledInPaths() throws {
        let root = repositoryRoot
        for target in ["OutcomeStats", "TreatmentOutcomes", "OutcomeReports", "outcome-report"] {
            let sources = root.appendingPathComponent("Sources/\(target)")
            let files = try #require(FileManager.default.enumerator(atPath: sources.path)).compactMap { $0 as? String }
            #expect(!files.isEmpty, "\(target)")
            for file in files where file.hasSuffix(".swift") {
                let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
                #expect(!text.contains("#" + "filePath") && !text.contains("#" + "file)"), "\(target)/\(file)")
            }
        }
    }

    @Test("layers: each target imports only the layer below it (and system modules)")
    func layering() throws {
        let allowed: [String: Set<String>] = [
            "OutcomeStats": ["_CLAPACK", "_CKernels", "Foundation"],
            "TreatmentOutcomes": ["OutcomeStats", "Foundation", "Synchronization"],
            "OutcomeReports": ["TreatmentOutcomes", "Foundation"],
            "outcome-report": ["OutcomeReports", "ArgumentParser", "Foundation"],
        ]
        for (target, modules) in allowed {
            let sources = repositoryRoot.appendingPathComponent("Sources/\(target)")
            let files = try #require(FileManager.default.enumerator(atPath: sources.path)).compactMap { $0 as? String }
            for file in files where file.hasSuffix(".swift") {
                let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
                for line in text.split(separator: "\n") where line.hasPrefix("import ") || line.hasPrefix("@_exported import ") {
                    let module = String(line.split(separator: " ").last!)
                    #expect(modules.contains(module), "\(target)/\(file) imports \(module)")
                }
            }
        }
    }
}

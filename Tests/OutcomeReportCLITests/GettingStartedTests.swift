import Foundation
import Testing
import TreatmentOutcomes
import _OutcomeTestSupport

/// The Getting Started example (Examples/GettingStarted), built by the test command: the DocC article shows exactly
/// its code, and run on a cohort it prints the numbers the library (and so the report) computes.
@Suite("Getting Started example (runs the binary)")
struct GettingStartedTests {
    static let example = repositoryRoot.appendingPathComponent("Examples/GettingStarted/main.swift")
    static let article = repositoryRoot.appendingPathComponent(
        "Sources/TreatmentOutcomes/TreatmentOutcomes.docc/GettingStarted.md")

    @Test("the article's code is the example's code, line for line")
    func articleShowsTheExample() throws {
        let source = try String(contentsOf: Self.example, encoding: .utf8)
        // the example minus its opening comment (which points back to the article)
        let code = source.split(separator: "\n", omittingEmptySubsequences: false)
            .drop { $0.hasPrefix("//") }.joined(separator: "\n")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let article = try String(contentsOf: Self.article, encoding: .utf8)
        let blocks = article.components(separatedBy: "```swift\n").dropFirst().map { $0.components(separatedBy: "\n```")[0] }
        #expect(blocks.joined(separator: "\n\n") == code)
    }

    @Test("run on a cohort, it prints the library's retention, PDC, craving model and risk score")
    func printsTheLibrarysNumbers() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("getting-started-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try SyntheticCohortGenerator(patientCount: 400, seed: 5).write(to: folder)
        let result = try OutcomeReportProcess.run([folder.path], executable: "GettingStarted")
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }

        let cohort = try CohortLoader.load(from: folder)
        let plan = try AnalysisPlan.effective(for: cohort)
        let analysis = await CohortAnalysis(cohort: cohort, plan: plan, parts: [.retention, .craving])
        let retention = try #require(analysis.retention.value)
        let expected = retention.byArm.flatMap { arm in
            arm.retained.compactMap { horizon in
                horizon.estimate.map { ["retention", arm.label, "\(horizon.day)", "\($0)", "\(horizon.lower ?? .nan)", "\(horizon.upper ?? .nan)"] }
            }
        }
        #expect(!expected.isEmpty && lines.filter { $0.first == "retention" } == expected)

        let pdc = ProportionOfDaysCovered.compute(
            PharmacyFills(dispensings: try #require(cohort.dispensings), patients: cohort.patients), options: plan.pdcOptions)
        #expect(lines.contains(["pdc", "\(pdc.count)", "\(pdc.filter(\.isAdherent).count)"]))

        let trajectory = try #require(analysis.craving.value?.trajectories.first)
        let fit = try #require(trajectory.fit)
        let slope = try #require(fit.coefficientInference()[trajectory.terms.firstIndex(of: "week")!])
        #expect(lines.contains([
            "craving", trajectory.instrument.name, "\(slope.estimate)", "\(slope.interval.lower)", "\(slope.interval.upper)",
            "\(fit.convergence.converged)", "\(fit.isSingular)",
        ]))

        let risk = try #require(lines.first { $0.first == "risk" })
        let auc = try #require(Double(risk[1]))
        #expect(auc > 0.5 && auc < 1 && risk[2] == "\(cohort.patients.count)")
    }
}

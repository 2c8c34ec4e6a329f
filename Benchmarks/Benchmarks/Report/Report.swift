// The whole report behind `outcome-report report`, on synthetic cohorts.
//
//   CohortAnalysis under the default plan (baseline, retention, urine screens, adherence, craving, both relapse-risk
//   models with their nested cross-validation) and the Markdown report rendered from it, on a 20,000-patient
//   synthetic cohort (`outcome-report generate --patients 20000 --seed 1`), loaded once in setup. The same on
//   200,000 patients when BENCHMARK_REPORT_LARGE=1 (a few minutes per run; left out by default).
import Benchmark
import Foundation
import OutcomeReports
import TreatmentOutcomes

let benchmarks: @Sendable () -> Void = {
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident], warmupIterations: 1, maxDuration: .seconds(60),
        maxIterations: 5)
    @Sendable func cohort(patients: Int) throws -> Cohort {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("report-benchmark-\(patients)-1")
        if !FileManager.default.fileExists(atPath: folder.appendingPathComponent("patients.csv").path) {
            _ = try SyntheticCohortGenerator(patientCount: patients, seed: 1).write(to: folder)
        }
        return try CohortLoader.load(from: folder)
    }
    @Sendable func report(_ cohort: Cohort) async throws -> String {
        let analysis = await CohortAnalysis(cohort: cohort, plan: try AnalysisPlan.effective(for: cohort))
        return MarkdownRenderer.render(CohortReport.make(
            from: analysis, options: CohortReportOptions(sourceDescription: "benchmark")))
    }

    Benchmark("Report, 20,000 synthetic patients (analysis + Markdown)", configuration: configuration,
              closure: { benchmark, cohort in
        for _ in benchmark.scaledIterations {
            blackHole(try await report(cohort))
        }
    }, setup: { try cohort(patients: 20_000) })

    if ProcessInfo.processInfo.environment["BENCHMARK_REPORT_LARGE"] == "1" {
        Benchmark("Report, 200,000 synthetic patients (analysis + Markdown)",
                  configuration: Benchmark.Configuration(
                      metrics: [.wallClock, .cpuTotal, .peakMemoryResident], warmupIterations: 0,
                      maxDuration: .seconds(600), maxIterations: 1),
                  closure: { benchmark, cohort in
            for _ in benchmark.scaledIterations {
                blackHole(try await report(cohort))
            }
        }, setup: { try cohort(patients: 200_000) })
    }
}

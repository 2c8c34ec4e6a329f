// The quarterly outcome report's analysis against loading its data, on a synthetic program.
//
//   Loading (and checking) a 20,000-patient synthetic cohort, as `validate` does; the QuarterlyAnalysis of the loaded
//   cohort for 2025-Q4 over eight quarters (the as-of cut, treatment spells, the tally of every measure and group,
//   the support comparison's Cox fits); and the report with its small-cell ledger and charts. The goal is
//   the quarterly command at most 2× `validate` on the same folder (1M patients, measured from the command line and
//   recorded in the issue note); these three show where the time goes.
import Benchmark
import Foundation
import OutcomeReports
import TreatmentOutcomes

let benchmarks: @Sendable () -> Void = {
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident], warmupIterations: 1, maxDuration: .seconds(60),
        maxIterations: 5)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("quarterly-benchmark-20000-1")
    @Sendable func cohortFolder() throws -> URL {
        if !FileManager.default.fileExists(atPath: folder.appendingPathComponent("patients.csv").path) {
            _ = try SyntheticCohortGenerator(patientCount: 20_000, seed: 1).write(to: folder)
        }
        return folder
    }
    let quarter = CalendarQuarter(year: 2025, quarter: 4)

    Benchmark("Quarterly, 20,000 patients: loading the cohort", configuration: configuration, closure: { benchmark, folder in
        for _ in benchmark.scaledIterations {
            blackHole(try CohortLoader.load(from: folder))
        }
    }, setup: { try cohortFolder() })

    Benchmark("Quarterly, 20,000 patients: QuarterlyAnalysis", configuration: configuration, closure: { benchmark, cohort in
        for _ in benchmark.scaledIterations {
            blackHole(try QuarterlyAnalysis(cohort: cohort, plan: AnalysisPlan(), quarter: quarter))
        }
    }, setup: { try CohortLoader.load(from: try cohortFolder()) })

    Benchmark("Quarterly, 20,000 patients: report and CSV (ledger, charts)", configuration: configuration,
              closure: { benchmark, analysis in
        for _ in benchmark.scaledIterations {
            blackHole(QuarterlyReport.reportAndTable(
                analysis, policy: SmallCellPolicy(minimumCount: 11), sourceDescription: "benchmark"))
        }
    }, setup: { try QuarterlyAnalysis(cohort: try CohortLoader.load(from: try cohortFolder()), plan: AnalysisPlan(), quarter: quarter) })
}

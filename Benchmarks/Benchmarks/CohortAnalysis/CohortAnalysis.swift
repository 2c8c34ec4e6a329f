// The whole analysis behind the report, as `outcome-report` computes it.
//
//   CohortAnalysis of the bundled CTN-0094 cohort under its own plan (cohort.json): baseline, retention, urine
//   screens, adherence, craving and both relapse-risk models, the independent parts run concurrently;
//   the same with every part but relapse risk (to see what the cross-validated ridge fits cost).
import Benchmark
import Foundation
import TreatmentOutcomes

let benchmarks: @Sendable () -> Void = {
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident], warmupIterations: 1, maxDuration: .seconds(60),
        maxIterations: 5)
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../datasets/ctn0094/cohort").standardized

    Benchmark("CohortAnalysis, CTN-0094 (all parts)", configuration: configuration, closure: { benchmark, cohort in
        let plan = try AnalysisPlan.effective(for: cohort)
        for _ in benchmark.scaledIterations {
            blackHole(await CohortAnalysis(cohort: cohort, plan: plan))
        }
    }, setup: { try CohortLoader.load(from: folder) })

    Benchmark("CohortAnalysis, CTN-0094 (without relapse risk)", configuration: configuration,
              closure: { benchmark, cohort in
        let plan = try AnalysisPlan.effective(for: cohort)
        for _ in benchmark.scaledIterations {
            blackHole(await CohortAnalysis(
                cohort: cohort, plan: plan, parts: [.retention, .urineScreens, .adherence, .craving]))
        }
    }, setup: { try CohortLoader.load(from: folder) })
}

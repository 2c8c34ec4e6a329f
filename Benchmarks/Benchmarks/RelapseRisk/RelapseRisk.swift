// Logistic regression and relapse-risk models.
//
//   logistic IRLS, BENCHMARK_LOGISTIC_ROWS (default 1,000,000) × 10 covariates + intercept, seeded design;
//   Firth, 100,000 × 10;
//   ridge with λ chosen by 10-fold CV over 25 values, 100,000 × 10;
//   the default relapse-risk fit on the bundled CTN-0094 cohort (2,492 patients, ≈ 45 features, 10-fold CV with
//   an inner 5-fold ridge CV in every fold, plus the final fit).
import Benchmark
import Foundation
import OutcomeStats
import TreatmentOutcomes

let benchmarks: @Sendable () -> Void = {
    let rows = Int(ProcessInfo.processInfo.environment["BENCHMARK_LOGISTIC_ROWS"] ?? "") ?? 1_000_000
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident, .mallocCountTotal],
        warmupIterations: 1, maxDuration: .seconds(30), maxIterations: 10)

    Benchmark("Logistic IRLS (\(rows) × 10)", configuration: configuration, closure: { benchmark, data in
        for _ in benchmark.scaledIterations {
            blackHole(try LogisticRegression().fit(design: data.design, outcome: data.outcome))
        }
    }, setup: { logisticData(rows: rows, seed: 1) })

    Benchmark("Firth logistic (100000 × 10)", configuration: configuration, closure: { benchmark, data in
        for _ in benchmark.scaledIterations {
            blackHole(try LogisticRegression(penalty: .firth).fit(design: data.design, outcome: data.outcome))
        }
    }, setup: { logisticData(rows: 100_000, seed: 2) })

    Benchmark("Ridge, λ by 10-fold CV over 25 values (100000 × 10)", configuration: configuration,
              closure: { benchmark, data in
        for _ in benchmark.scaledIterations {
            blackHole(try RidgePenaltySelection(design: data.design, outcome: data.outcome, seed: 3))
        }
    }, setup: { logisticData(rows: 100_000, seed: 3) })

    Benchmark("Relapse-risk fit, CTN-0094 (default: ridge, 10-fold CV)", configuration: configuration,
              closure: { benchmark, cohort in
        for _ in benchmark.scaledIterations {
            blackHole(try RelapseRiskFit(cohort: cohort, options: RelapseRiskOptions(
                landmark: RelapseRiskLandmark(week: 3, firstDayOfWeekOne: 0))))
        }
    }, setup: {
        try CohortLoader.load(from: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../datasets/ctn0094/cohort").standardized)
    })
}

struct LogisticData: Sendable {
    let design: Matrix
    let outcome: [Double]
}

/// Intercept + 10 standard-normal covariates (Box–Muller over SplitMix64), true β = (−0.5, 0.3, −0.2, …), y ~ Bernoulli.
func logisticData(rows: Int, seed: UInt64) -> LogisticData {
    var state = seed
    func uniform() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return (Double((z ^ (z >> 31)) >> 11) + 0.5) / 9_007_199_254_740_992
    }
    let beta = [-0.5] + (1...10).map { (($0 % 2 == 0) ? -1.0 : 1.0) * 0.3 / Double($0).squareRoot() }
    var design = Matrix(rows: rows, columns: 11, repeating: 1)
    var outcome = [Double](repeating: 0, count: rows)
    for i in 0..<rows {
        var eta = beta[0]
        for j in 1...10 {
            let x = (-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform())
            design[i, j] = x
            eta += beta[j] * x
        }
        outcome[i] = uniform() < 1 / (1 + exp(-eta)) ? 1 : 0
    }
    return LogisticData(design: design, outcome: outcome)
}

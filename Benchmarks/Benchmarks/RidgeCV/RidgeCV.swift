// Ridge logistic regression with λ by cross-validation, the issue-14 workload.
//
//   RidgePenaltySelection over the default grid (25 values, 10⁻³…10³), 10 folds, on 20,000 × 45 seeded synthetic
//   data (intercept + 45 correlated normal covariates, as Benchmarks/peers/make_inputs.py writes ridge.csv, though
//   not the same draws): the folds concurrently (the default, as `outcome-report logistic --penalty ridge` runs) and
//   serially (one core, as inside each outer fold of the relapse-risk model). The whole command against R's
//   cv.glmnet on one file is timed by Benchmarks/peers/peers.sh.
import Benchmark
import Foundation
import OutcomeStats

let benchmarks: @Sendable () -> Void = {
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident], warmupIterations: 1, maxDuration: .seconds(30),
        maxIterations: 10)

    Benchmark("Ridge CV, 20000 × 45, 25 λ × 10 folds (folds concurrent)", configuration: configuration,
              closure: { benchmark, data in
        for _ in benchmark.scaledIterations {
            blackHole(try RidgePenaltySelection(design: data.design, outcome: data.outcome, seed: 1))
        }
    }, setup: { correlatedLogisticData(rows: 20_000, covariates: 45, seed: 1) })

    Benchmark("Ridge CV, 20000 × 45, 25 λ × 10 folds (serial)", configuration: configuration,
              closure: { benchmark, data in
        for _ in benchmark.scaledIterations {
            blackHole(try RidgePenaltySelection(
                design: data.design, outcome: data.outcome, seed: 1, execution: .serial))
        }
    }, setup: { correlatedLogisticData(rows: 20_000, covariates: 45, seed: 1) })
}

struct LogisticData: Sendable {
    let design: Matrix
    let outcome: [Double]
}

/// Intercept + `covariates` columns xⱼ = 0.5·f + zⱼ (f, zⱼ standard normal by Box–Muller over SplitMix64), logit
/// P(y = 1) = −0.4 + Σ ±0.6/√j · xⱼ, y ~ Bernoulli.
func correlatedLogisticData(rows: Int, covariates: Int, seed: UInt64) -> LogisticData {
    var generator = SplitMix64(seed: seed)
    func uniform() -> Double { (Double(generator.next() >> 11) + 0.5) / 9_007_199_254_740_992 }
    func normal() -> Double { (-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform()) }
    var design = Matrix(rows: rows, columns: covariates + 1, repeating: 1)
    var outcome = [Double](repeating: 0, count: rows)
    for i in 0..<rows {
        let shared = normal()
        var eta = -0.4
        for j in 1...covariates {
            let x = 0.5 * shared + normal()
            design[i, j] = x
            eta += (j % 2 == 1 ? 0.6 : -0.6) / Double(j).squareRoot() * x
        }
        outcome[i] = uniform() < 1 / (1 + exp(-eta)) ? 1 : 0
    }
    return LogisticData(design: design, outcome: outcome)
}

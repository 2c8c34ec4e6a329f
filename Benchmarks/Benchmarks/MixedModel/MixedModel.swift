// Linear mixed model: random intercept and slope per patient, REML, fixed effects intercept, week, arm, week:arm.
//
// Data: BENCHMARK_LMM_PATIENTS patients (default 20,000) × 10 weekly visits, two arms, simulated once from a seeded
// generator: y = 50 + 3·arm + (−1.5 − 0.5·arm)·week + b₀ + b₁·week + ε, sd(b₀) = 5, sd(b₁) = 0.8, ρ = −0.3, σ = 2.
// The peer figure (from the issue, not re-measured here): lme4 takes 7.9 s for this shape on a 2-core machine.
// Measured (release, 2 cores shared with other builds), before → after the analytic gradient of the profiled
// deviance (Newton on the exact gradient with a Hessian from 3 forward differences of it, instead of 19 deviance
// evaluations per iteration for finite differences):
//   CPU p50 930 ms → 130 ms (p0 880 → 120, p100 980 → 140); wall clock p50 1008 ms → 188 ms (p0 912 → 126);
//   43 MB resident both; 2k mallocs (small per-evaluation arrays) against 12k before.
import Benchmark
import Foundation
import OutcomeStats

let benchmarks: @Sendable () -> Void = {
    let patients = Int(ProcessInfo.processInfo.environment["BENCHMARK_LMM_PATIENTS"] ?? "") ?? 20_000
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident, .mallocCountTotal],
        warmupIterations: 1,
        maxDuration: .seconds(20),
        maxIterations: 20)

    Benchmark(
        "LMM REML random intercept + slope (\(patients) patients × 10 visits)", configuration: configuration,
        closure: { benchmark, data in
            for _ in benchmark.scaledIterations {
                do {
                    blackHole(try LinearMixedModel().fit(
                        response: data.y, fixedEffects: data.x, time: data.time, group: data.group))
                } catch {
                    benchmark.error("fit failed: \(error)")
                }
            }
        },
        setup: { simulatedTrial(patients: patients, visits: 10, seed: 20_261_122) })
}

struct SimulatedTrial: Sendable {
    let y: [Double]
    let x: Matrix
    let time: [Double]
    let group: [Int]
}

/// Seeded SplitMix64 normals (Box–Muller); the same data on every run.
func simulatedTrial(patients: Int, visits: Int, seed: UInt64) -> SimulatedTrial {
    var state = seed
    func uniform() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return (Double((z ^ (z >> 31)) >> 11) + 0.5) / 9_007_199_254_740_992
    }
    func normal() -> Double { (-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform()) }
    let n = patients * visits
    var y = [Double](), time = [Double](), group = [Int](), arm = [Double]()
    y.reserveCapacity(n); time.reserveCapacity(n); group.reserveCapacity(n); arm.reserveCapacity(n)
    for patient in 0..<patients {
        let a = Double(patient % 2)
        let z0 = normal(), z1 = normal()
        let b0 = 5 * z0, b1 = 0.8 * (-0.3 * z0 + (1 - 0.09).squareRoot() * z1)
        for visit in 0..<visits {
            let t = Double(visit)
            y.append(50 + 3 * a + (-1.5 - 0.5 * a) * t + b0 + b1 * t + 2 * normal())
            time.append(t); group.append(patient); arm.append(a)
        }
    }
    let columns = [Double](repeating: 1, count: n) + time + arm + zip(time, arm).map { $0 * $1 }
    return SimulatedTrial(y: y, x: Matrix(rows: n, columns: 4, columnMajor: columns), time: time, group: group)
}

// Loading a cohort folder: the streaming CSV reader, patient interning and the columnar tables.
//
// The cohort is written once by the synthetic generator (seeded, so every run reads the same bytes) into a cache
// folder under the system temporary directory, then loaded repeatedly. Sizes:
//   BENCHMARK_PATIENTS (default 10,000 patients ≈ 1M event rows)
// Custom metrics: throughput in MB/s of CSV read, and event rows per second.
// A 1M-patient run (≈ 94M event rows, 3.2 GB): BENCHMARK_PATIENTS=1000000 make benchmark
import Benchmark
import Foundation
import TreatmentOutcomes

let benchmarks: @Sendable () -> Void = {
    let patients = Int(ProcessInfo.processInfo.environment["BENCHMARK_PATIENTS"] ?? "") ?? 10_000
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident, .mallocCountTotal,
                  .custom("MB/s", polarity: .prefersLarger, useScalingFactor: false),
                  .custom("event rows/s", polarity: .prefersLarger, useScalingFactor: false)],
        warmupIterations: 1,
        maxDuration: .seconds(30),
        maxIterations: 10)

    Benchmark(
        "Load synthetic cohort (\(patients) patients)", configuration: configuration,
        closure: { benchmark, folder in
            for _ in benchmark.scaledIterations {
                let start = ContinuousClock.now
                let cohort: Cohort
                do {
                    cohort = try CohortLoader.load(from: folder)
                } catch {
                    benchmark.error("load failed: \(error)")
                    return
                }
                let elapsed = start.duration(to: .now)
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                let eventRows = cohort.loadReport.files.filter { $0.file != .patients }.reduce(0) { $0 + $1.rows }
                benchmark.measurement(
                    .custom("MB/s", polarity: .prefersLarger, useScalingFactor: false),
                    Int(Double(cohort.loadReport.totalBytes) / 1_048_576 / seconds))
                benchmark.measurement(
                    .custom("event rows/s", polarity: .prefersLarger, useScalingFactor: false),
                    Int(Double(eventRows) / seconds))
                blackHole(cohort)
            }
        },
        setup: { try syntheticCohort(patients: patients, seed: 20_261_122) })
}

/// The cached synthetic cohort folder for `patients` and `seed`, generated on first use.
func syntheticCohort(patients: Int, seed: UInt64) throws -> URL {
    let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("treatment-outcomes-benchmark-\(patients)-\(seed)-v\(SyntheticCohortGenerator.version)")
    if FileManager.default.fileExists(atPath: folder.appendingPathComponent("truth.json").path) { return folder }
    let generator = try SyntheticCohortGenerator(patientCount: patients, seed: seed)
    let summary = try generator.write(to: folder, replaceExisting: true)
    FileHandle.standardError.write(Data(
        "generated \(patients) patients: \(summary.totalRows) rows, \(summary.totalBytes / 1_048_576) MB in \(folder.path)\n".utf8))
    return folder
}

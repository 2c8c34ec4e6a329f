// Retention engine: Cox proportional hazards (Efron and Breslow, 6 covariates) and Kaplan–Meier on the synthetic
// cohort's episodes (episodes.csv: time to dropout, other end reasons censored).
//
// Data: the folder in BENCHMARK_COHORT (a generated cohort; only patients.csv and episodes.csv are read), else a
// cohort of BENCHMARK_PATIENTS (default 100,000) generated once into a cache folder under the temporary directory.
// The design is the generator's true linear predictor's columns: (age − 40)/10, female, injection use, homeless,
// buprenorphine, naltrexone. Loading is setup, not timed.
// 1M patients:  BENCHMARK_PATIENTS=1000000 swift package --disable-sandbox benchmark --target Retention
import Benchmark
import Foundation
import OutcomeStats
import TreatmentOutcomes

struct RetentionData: @unchecked Sendable {
    let design: Matrix
    let times: [Double]
    let events: [Bool]
}

let benchmarks: @Sendable () -> Void = {
    let patients = Int(ProcessInfo.processInfo.environment["BENCHMARK_PATIENTS"] ?? "") ?? 100_000
    // The data size in the benchmark names: the cohort folder when one is given, else the generated patient count.
    let size = ProcessInfo.processInfo.environment["BENCHMARK_COHORT"].flatMap { $0.isEmpty ? nil : $0 }
        .map { "cohort " + URL(fileURLWithPath: $0).lastPathComponent } ?? "\(patients)"
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident, .mallocCountTotal],
        warmupIterations: 1, maxDuration: .seconds(20), maxIterations: 10)

    Benchmark("Cox fit, Efron, \(size) × 6", configuration: configuration, closure: { benchmark, data in
        for _ in benchmark.scaledIterations {
            blackHole(CoxModel().fit(design: data.design, times: data.times, events: data.events))
        }
    }, setup: { try retentionData(patients: patients) })

    Benchmark("Cox fit, Breslow, \(size) × 6", configuration: configuration, closure: { benchmark, data in
        for _ in benchmark.scaledIterations {
            blackHole(CoxModel(options: CoxOptions(ties: .breslow)).fit(design: data.design, times: data.times, events: data.events))
        }
    }, setup: { try retentionData(patients: patients) })

    Benchmark("Kaplan–Meier, \(size)", configuration: configuration, closure: { benchmark, data in
        for _ in benchmark.scaledIterations {
            let curve = KaplanMeierEstimate(times: data.times, events: data.events)
            blackHole(curve.confidenceBounds(.log))
            blackHole(curve.median())
        }
    }, setup: { try retentionData(patients: patients) })
}

/// The episodes and the 6-column design of the benchmark cohort.
func retentionData(patients: Int) throws -> RetentionData {
    let source: URL
    if let folder = ProcessInfo.processInfo.environment["BENCHMARK_COHORT"], !folder.isEmpty {
        source = URL(fileURLWithPath: folder)
    } else {
        source = FileManager.default.temporaryDirectory
            .appendingPathComponent("treatment-outcomes-benchmark-\(patients)-20261122-v\(SyntheticCohortGenerator.version)")
        if !FileManager.default.fileExists(atPath: source.appendingPathComponent("truth.json").path) {
            _ = try SyntheticCohortGenerator(patientCount: patients, seed: 20_261_122).write(to: source, replaceExisting: true)
        }
    }
    // A folder holding only the two files the benchmark needs (links, no copies).
    let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("retention-benchmark-\(source.path.hashValue.magnitude)")
    try? FileManager.default.removeItem(at: folder)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for file in ["patients.csv", "episodes.csv"] {
        try FileManager.default.createSymbolicLink(
            at: folder.appendingPathComponent(file), withDestinationURL: source.appendingPathComponent(file))
    }
    let cohort = try CohortLoader.load(from: folder)
    let episodes = try RetentionEpisodes.make(from: cohort)
    let table = cohort.patients
    guard case .numeric(let age)? = table.covariate(named: "age")?.values,
          case .categorical(let sex)? = table.covariate(named: "sex")?.values,
          case .categorical(let injection)? = table.covariate(named: "iv_use")?.values,
          case .categorical(let homeless)? = table.covariate(named: "homeless")?.values
    else { throw CocoaError(.fileReadCorruptFile) }
    let n = episodes.count
    var columns = [Double](repeating: 0, count: n * 6)
    for (row, p) in episodes.patient.enumerated() {
        columns[row] = ((age[p] ?? 40) - 40) / 10
        columns[row + n] = sex.label(at: p) == "female" ? 1 : 0
        columns[row + 2 * n] = injection.label(at: p) == "yes" ? 1 : 0
        columns[row + 3 * n] = homeless.label(at: p) == "yes" ? 1 : 0
        columns[row + 4 * n] = table.medication[p] == .buprenorphine ? 1 : 0
        columns[row + 5 * n] = table.medication[p] == .naltrexone ? 1 : 0
    }
    return RetentionData(
        design: Matrix(rows: n, columns: 6, columnMajor: columns), times: episodes.days.map(Double.init),
        events: episodes.discontinued)
}

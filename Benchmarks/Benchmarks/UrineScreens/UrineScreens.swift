// Urine-screen endpoints and words on the bundled CTN-0094 data (read once in setup, from the source checkout):
//   - all 54 endpoints (62 columns) for the 3,560 CTNote words in datasets/ctn0094/use_patterns_uds.csv;
//   - weekly words from raw screens and visits for the 2,492 participants of datasets/ctn0094/cohort;
//   - the report's per-arm outcomes (relapse and dropout Kaplan–Meier, abstinence, negative weeks) on the CTNote words.
import Benchmark
import Foundation
import TreatmentOutcomes

/// <repository>/datasets, found from this file (Benchmarks/Benchmarks/UrineScreens/).
let datasets = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("datasets/ctn0094")

func loadWords() -> UsePatternFile {
    do { return try UsePatternFile(url: datasets.appendingPathComponent("use_patterns_uds.csv")) } catch {
        fatalError("cannot read the CTNote words: \(error)")
    }
}

func loadCohort() -> Cohort {
    do { return try CohortLoader.load(from: datasets.appendingPathComponent("cohort")) } catch {
        fatalError("cannot load the bundled cohort: \(error)")
    }
}

let benchmarks: @Sendable () -> Void = {
    let configuration = Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident, .mallocCountTotal],
        warmupIterations: 1, maxDuration: .seconds(10), maxIterations: 20)

    Benchmark("All 62 endpoint columns, 3,560 CTNote words", configuration: configuration, closure: { benchmark, words in
        for _ in benchmark.scaledIterations {
            for pattern in words.patterns {
                for endpoint in UrineScreenEndpoint.all { blackHole(endpoint.evaluate(pattern)) }
            }
        }
    }, setup: { loadWords() })

    Benchmark("Weekly words from raw records, bundled cohort (2,492 patients)", configuration: configuration,
              closure: { benchmark, cohort in
        for _ in benchmark.scaledIterations {
            blackHole(try WeeklyUsePatterns.make(from: cohort))
        }
    }, setup: { loadCohort() })

    Benchmark("Report outcomes by arm on the CTNote words (2,492 patients)", configuration: configuration,
              closure: { benchmark, input in
        for _ in benchmark.scaledIterations {
            let words = try UsePatternProvider.published(input.words, description: "CTNote").patterns(for: input.cohort)
            blackHole(UrineScreenOutcomes.byArm(UrineScreenOutcomes.perPatient(words), patients: input.cohort.patients))
        }
    }, setup: { (words: loadWords(), cohort: loadCohort()) })
}

// swift-tools-version: 6.1
// Benchmarks live in their own package so the library does not depend on the benchmark harness.
// Run: cd Benchmarks && swift package --disable-sandbox benchmark   (or `make benchmark` from the root)
import PackageDescription

let package = Package(
    name: "TreatmentOutcomesBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "TreatmentOutcomes", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "CohortLoading",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "TreatmentOutcomes", package: "TreatmentOutcomes"),
            ],
            path: "Benchmarks/CohortLoading",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "MixedModel",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "OutcomeStats", package: "TreatmentOutcomes"),
            ],
            path: "Benchmarks/MixedModel",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "Adherence",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "TreatmentOutcomes", package: "TreatmentOutcomes"),
                .product(name: "OutcomeStats", package: "TreatmentOutcomes"),
            ],
            path: "Benchmarks/Adherence",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "Retention",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "OutcomeStats", package: "TreatmentOutcomes"),
                .product(name: "TreatmentOutcomes", package: "TreatmentOutcomes"),
            ],
            path: "Benchmarks/Retention",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "UrineScreens",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "TreatmentOutcomes", package: "TreatmentOutcomes"),
            ],
            path: "Benchmarks/UrineScreens",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "RelapseRisk",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "OutcomeStats", package: "TreatmentOutcomes"),
                .product(name: "TreatmentOutcomes", package: "TreatmentOutcomes"),
            ],
            path: "Benchmarks/RelapseRisk",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "CohortAnalysis",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "TreatmentOutcomes", package: "TreatmentOutcomes"),
            ],
            path: "Benchmarks/CohortAnalysis",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "Quarterly",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "TreatmentOutcomes", package: "TreatmentOutcomes"),
                .product(name: "OutcomeReports", package: "TreatmentOutcomes"),
            ],
            path: "Benchmarks/Quarterly",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "RidgeCV",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "OutcomeStats", package: "TreatmentOutcomes"),
            ],
            path: "Benchmarks/RidgeCV",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "Report",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "TreatmentOutcomes", package: "TreatmentOutcomes"),
                .product(name: "OutcomeReports", package: "TreatmentOutcomes"),
            ],
            path: "Benchmarks/Report",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)

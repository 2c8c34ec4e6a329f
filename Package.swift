// swift-tools-version: 6.1
//
// TreatmentOutcomes: outcomes of medication-for-opioid-use-disorder programs.
// Layers (each imports only the one below it): _CLAPACK, _CKernels → OutcomeStats → TreatmentOutcomes → OutcomeReports → outcome-report.
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
]

let package = Package(
    name: "TreatmentOutcomes",
    // MARK: Public API
    products: [
        .library(name: "OutcomeStats", targets: ["OutcomeStats"]),
        .library(name: "TreatmentOutcomes", targets: ["TreatmentOutcomes"]),
        .library(name: "OutcomeReports", targets: ["OutcomeReports"]),
        .executable(name: "outcome-report", targets: ["outcome-report"]),
        // Not API: what one fuzz input does, shared by the libFuzzer harnesses in Fuzz/ and the corpus replay test.
        .library(name: "_FuzzInputs", targets: ["_FuzzInputs"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // MARK: Implementation details
        // Reference LAPACK and BLAS from Debian's liblapack-dev; only OutcomeStats imports it.
        .systemLibrary(
            name: "_CLAPACK",
            providers: [.apt(["liblapack-dev"])]
        ),
        // C loops compiled for more than one instruction set, chosen at run time (XᵀWX); only OutcomeStats imports it.
        .target(name: "_CKernels"),
        // Pure numeric core: no clinical vocabulary.
        .target(
            name: "OutcomeStats",
            dependencies: ["_CLAPACK", "_CKernels"],
            swiftSettings: swiftSettings
        ),
        // Domain: cohort model, loader, importers, generator, the analysis plan, measures and CohortAnalysis.
        // Re-exports OutcomeStats (its results are built from OutcomeStats values).
        .target(
            name: "TreatmentOutcomes",
            dependencies: ["OutcomeStats"],
            swiftSettings: swiftSettings
        ),
        // Views of CohortAnalysis: tables rendered to CSV, Markdown and SVG, the report's sections.
        // Re-exports TreatmentOutcomes.
        .target(
            name: "OutcomeReports",
            dependencies: ["TreatmentOutcomes"],
            swiftSettings: swiftSettings
        ),
        // The command-line tool: parses, calls, prints.
        .executableTarget(
            name: "outcome-report",
            dependencies: [
                "OutcomeReports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        // The code of the DocC article "Getting Started", built by the test command and run by a test.
        .executableTarget(
            name: "GettingStarted",
            dependencies: ["TreatmentOutcomes"],
            path: "Examples/GettingStarted",
            swiftSettings: swiftSettings
        ),
        // The coverage study of the synthetic truth (docs/SyntheticCohort.md, "Coverage study"); not a product.
        .executableTarget(
            name: "synthetic-coverage",
            dependencies: ["TreatmentOutcomes"],
            path: "Studies/SyntheticCoverage",
            swiftSettings: swiftSettings
        ),
        // Shared test helpers (tolerant comparison, seeded loops, fixture paths).
        .target(
            name: "_OutcomeTestSupport",
            dependencies: ["OutcomeStats"],
            swiftSettings: swiftSettings
        ),

        // What one fuzz input does (docs/Fuzzing.md): used by Fuzz/ and by the corpus replay test.
        .target(
            name: "_FuzzInputs",
            dependencies: ["TreatmentOutcomes"],
            swiftSettings: swiftSettings
        ),
        // The bundled CTN-0094 cohort and its analysis, computed once per test process.
        .target(
            name: "_CohortTestSupport",
            dependencies: ["TreatmentOutcomes", "_OutcomeTestSupport"],
            swiftSettings: swiftSettings
        ),

        // MARK: Tests
        .testTarget(
            name: "OutcomeStatsTests",
            dependencies: ["OutcomeStats", "_OutcomeTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TreatmentOutcomesTests",
            dependencies: ["TreatmentOutcomes", "_OutcomeTestSupport", "_CohortTestSupport", "_FuzzInputs"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OutcomeReportsTests",
            dependencies: ["OutcomeReports", "_OutcomeTestSupport", "_CohortTestSupport"],
            exclude: ["Golden"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OutcomeReportCLITests",
            dependencies: ["outcome-report", "GettingStarted", "OutcomeReports", "_OutcomeTestSupport", "_CohortTestSupport"],
            swiftSettings: swiftSettings
        ),
    ]
)

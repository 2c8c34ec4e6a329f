// swift-tools-version: 6.1
//
// TreatmentOutcomes: outcomes of medication-for-opioid-use-disorder programs.
// Layers (each imports only the one below it): _CLAPACK → OutcomeStats → TreatmentOutcomes → OutcomeReports → outcome-report.
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
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
    ],
    targets: [
        // MARK: Implementation details
        // Reference LAPACK and BLAS from Debian's liblapack-dev; only OutcomeStats imports it.
        .systemLibrary(
            name: "_CLAPACK",
            providers: [.apt(["liblapack-dev"])]
        ),
        // Pure numeric core: no clinical vocabulary.
        .target(
            name: "OutcomeStats",
            dependencies: [
                "_CLAPACK",
                .product(name: "RealModule", package: "swift-numerics"),
            ],
            swiftSettings: swiftSettings
        ),
        // Domain: cohort model, loader, importers, generator and measures.
        .target(
            name: "TreatmentOutcomes",
            dependencies: ["OutcomeStats"],
            swiftSettings: swiftSettings
        ),
        // Tables rendered to CSV, Markdown and SVG; the report's sections.
        .target(
            name: "OutcomeReports",
            dependencies: ["TreatmentOutcomes"],
            swiftSettings: swiftSettings
        ),
        // The command-line tool: parses, calls, prints.
        .executableTarget(
            name: "outcome-report",
            dependencies: [
                "TreatmentOutcomes",
                "OutcomeReports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        // Shared test helpers (tolerant comparison, seeded loops, fixture paths).
        .target(
            name: "_OutcomeTestSupport",
            dependencies: ["OutcomeStats"],
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
            dependencies: ["TreatmentOutcomes", "_OutcomeTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OutcomeReportsTests",
            dependencies: ["OutcomeReports", "_OutcomeTestSupport"],
            exclude: ["Golden"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OutcomeReportCLITests",
            dependencies: ["outcome-report", "_OutcomeTestSupport"],
            swiftSettings: swiftSettings
        ),
    ]
)

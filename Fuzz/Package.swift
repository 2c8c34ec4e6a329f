// swift-tools-version: 6.1
// libFuzzer harnesses for the inputs a user hands the tool (docs/Fuzzing.md). A package of its own: its targets
// are built with `-sanitize=fuzzer,address`, which the library's own build and tests never use.
// Run: make fuzz (from the repository root), or see docs/Fuzzing.md.
import PackageDescription

let package = Package(
    name: "TreatmentOutcomesFuzz",
    dependencies: [.package(name: "TreatmentOutcomes", path: "..")],
    targets: [
        .executableTarget(
            name: "FuzzCSVTable",
            dependencies: [.product(name: "_FuzzInputs", package: "TreatmentOutcomes")],
            path: "Harnesses/CSVTable"),
        .executableTarget(
            name: "FuzzCohortLoader",
            dependencies: [.product(name: "_FuzzInputs", package: "TreatmentOutcomes")],
            path: "Harnesses/CohortLoader"),
        .executableTarget(
            name: "FuzzJSONReaders",
            dependencies: [.product(name: "_FuzzInputs", package: "TreatmentOutcomes")],
            path: "Harnesses/JSONReaders"),
    ]
)

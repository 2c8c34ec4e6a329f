// swift-tools-version: 6.1
// libFuzzer harnesses for the inputs a user hands the tool (docs/Fuzzing.md). A package of its own: its targets
// are built with `-sanitize=fuzzer,address`, which the library's own build and tests never use.
// Run: make fuzz (from the repository root), or see docs/Fuzzing.md.
import PackageDescription

let fuzzInputs: Target.Dependency = .product(name: "_FuzzInputs", package: "TreatmentOutcomes")

/// The executable `Fuzz<name>`, whose main.swift (in Harnesses/<name>) is one call to `FuzzDriver.run`.
func harness(_ name: String) -> Target {
    .executableTarget(name: "Fuzz\(name)", dependencies: ["FuzzDriver", fuzzInputs], path: "Harnesses/\(name)")
}

let package = Package(
    name: "TreatmentOutcomesFuzz",
    dependencies: [.package(name: "TreatmentOutcomes", path: "..")],
    targets: [
        // libFuzzer's entry point, shared by the harnesses.
        .target(name: "FuzzDriver", dependencies: [fuzzInputs], path: "Driver"),
        harness("CSVTable"),
        harness("CohortLoader"),
        harness("JSONReaders"),
        harness("NumbersAndDates"),
    ]
)

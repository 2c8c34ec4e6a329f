import Foundation

/// Whether `actual` is within `absolute + relative·|expected|` of `expected`
/// (the numpy `isclose` rule). Two NaNs are never close: a NaN in a result is always a failure.
public func isClose(_ actual: Double, _ expected: Double, relative: Double = 1e-9, absolute: Double = 0) -> Bool {
    if actual == expected { return true }
    guard actual.isFinite, expected.isFinite else { return false }
    return abs(actual - expected) <= absolute + relative * abs(expected)
}

/// A readable description of the mismatch between `actual` and `expected`, or `nil` when they are close.
public func closeness(
    _ actual: Double, _ expected: Double, relative: Double = 1e-9, absolute: Double = 0, label: String = ""
) -> String? {
    if isClose(actual, expected, relative: relative, absolute: absolute) { return nil }
    let difference = abs(actual - expected)
    let relativeDifference = expected == 0 ? Double.infinity : difference / abs(expected)
    return "\(label.isEmpty ? "" : label + ": ")\(actual) vs expected \(expected) "
        + "(|Δ| = \(difference), relative \(relativeDifference); tolerance relative \(relative), absolute \(absolute))"
}

/// The repository root, found from this source file's location (…/Sources/_OutcomeTestSupport/Tolerance.swift).
public let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A file under `datasets/` in the repository.
public func datasetURL(_ relativePath: String) -> URL {
    repositoryRoot.appendingPathComponent("datasets").appendingPathComponent(relativePath)
}

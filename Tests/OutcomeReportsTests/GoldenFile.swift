import Foundation
import Testing

/// Compares `actual` byte for byte with `Golden/<name>` next to this file.
///
/// Set `OUTCOME_REPORTS_UPDATE_GOLDENS=1` to rewrite the golden files from the current output (then review the
/// diff before committing).
func expectMatchesGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden").appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["OUTCOME_REPORTS_UPDATE_GOLDENS"] == "1" {
        try Data(actual.utf8).write(to: url)
    }
    let expected = try Data(contentsOf: url)
    let actualBytes = Data(actual.utf8)
    guard expected != actualBytes else { return }
    let expectedLines = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let firstDifference = zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }
    let where_ = firstDifference.map {
        "line \($0.offset + 1):\n  expected: \($0.element.0)\n  actual:   \($0.element.1)"
    } ?? "line counts \(expectedLines.count) vs \(actualLines.count)"
    Issue.record("\(name) differs from the golden file, first at \(where_)", sourceLocation: sourceLocation)
}

import ArgumentParser
import Foundation
import OutcomeReports

/// `--format` of the analysis commands: CSV to standard output by default.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case csv
    case json
    case markdown

    /// The table as CSV or Markdown. (JSON output is command-specific: see ``jsonText(_:)``.)
    func render(_ table: Table) -> String {
        switch self {
        case .csv, .json: CSVRenderer.render(table)
        case .markdown: MarkdownRenderer.render(table)
        }
    }
}

/// `--format` of the commands that print only a table (km, cif, logrank, trend): `--format json` is refused as a
/// usage error rather than answered with CSV.
enum TableFormat: String, ExpressibleByArgument, CaseIterable {
    case csv
    case markdown

    func render(_ table: Table) -> String {
        switch self {
        case .csv: CSVRenderer.render(table)
        case .markdown: MarkdownRenderer.render(table)
        }
    }
}

/// `value` as pretty-printed JSON with sorted keys and a final line break, byte-stable across runs.
func jsonText(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
        positiveInfinity: "Inf", negativeInfinity: "-Inf", nan: "NaN")
    return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
}

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

/// `table` unchanged, after a warning on standard error naming every cell that is not a finite number: a result is
/// never printed as NaN or Inf without a word that says so and why it can happen.
func checkedForNonFiniteValues(_ table: Table, command: String) -> Table {
    var places: [String] = []
    for row in table.rows {
        let label: String = if case .text(let text)? = row.first { text } else { "row" }
        for (column, cell) in row.enumerated() {
            let value: Double? = switch cell {
            case .exact(let value), .number(let value, _), .pValue(let value), .percentage(let value, _): value
            default: nil
            }
            if let value, !value.isFinite { places.append("\(label) \(table.columns[column].name)") }
        }
    }
    if !places.isEmpty {
        let shown = places.prefix(6).joined(separator: ", ") + (places.count > 6 ? " and \(places.count - 6) more" : "")
        printToStandardError("\(command): warning: not a finite number (NaN or Inf): \(shown). The data cannot determine "
            + "these values: too few events or observations, no variation, or values too large in magnitude.\n")
    }
    return table
}

/// Renders a ``Table`` as RFC 4180 CSV that opens in a spreadsheet.
///
/// Convention:
/// - The first line is the header (column names); then one line per row. Lines end in LF, including the last.
/// - A field is quoted when it contains a comma, a double quote, CR or LF; quotes inside are doubled.
///   A field that starts with `=`, `+`, `-` or `@` and is not a number gets a leading single quote, so a
///   spreadsheet shows it as text instead of evaluating a formula (OWASP "CSV injection").
/// - Composite cells print as in Markdown (`12 (34.5%)`, `41.2 (10.3)`, `40.0 [33.0, 49.0]`).
/// - ``Cell/suppressed`` prints as the word `suppressed`; ``Cell/notApplicable`` prints as an empty field; an
///   undefined SD inside `mean (SD)` prints as `NA`. Markers are ASCII, so they survive any spreadsheet encoding.
/// - The title and footnotes are not written (a CSV holds one rectangle); ``render(_:)`` for a ``Report`` writes
///   each table after a line holding its title, with a blank line between tables.
public enum CSVRenderer {
    /// The text written for a suppressed cell.
    public static let suppressedMarker = "suppressed"

    /// The table as CSV: a header line and one line per row.
    public static func render(_ table: Table) -> String {
        var output = line(table.columns.map(\.name))
        for row in table.rows {
            output += line(row.map { $0.plainText(suppressedMarker: suppressedMarker, notApplicableMarker: "", undefinedMarker: "NA") })
        }
        return output
    }

    /// Every table of `report`: a line with the table's title, then the table, tables separated by a blank line.
    public static func render(_ report: Report) -> String {
        report.tables.map { line([$0.title]) + render($0) }.joined(separator: "\n")
    }

    /// One CSV record with its LF.
    static func line(_ fields: [String]) -> String {
        fields.map(quoted).joined(separator: ",") + "\n"
    }

    /// `field` quoted per RFC 4180 when needed, and defused when a spreadsheet would read it as a formula.
    static func quoted(_ field: String) -> String {
        var field = field
        if let first = field.first, "=+-@".contains(first), Double(field) == nil {
            field = "'" + field
        }
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
            return field
        }
        var result = "\""
        for character in field {
            if character == "\"" { result.append("\"") }
            result.append(character)
        }
        return result + "\""
    }
}

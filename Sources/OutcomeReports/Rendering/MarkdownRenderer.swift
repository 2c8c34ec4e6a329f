/// Renders ``Table`` and ``Report`` values as GitHub-flavoured Markdown that also reads well as plain text.
///
/// Convention:
/// - A table is a title line (`**Title**`), a blank line, the pipe table (header, alignment row `:---`, `---:`,
///   `:---:`, rows; cells padded to the column's width so the raw text lines up), then each footnote as its own
///   paragraph.
/// - Text that comes from data (``Cell/text(_:)``, column names, titles) is escaped: `\ | * _ ` [ ]` get a
///   backslash (except `_` inside a word), so does `<` before a letter, `/`, `!` or `?` (a tag or autolink could
///   start there) and `>` at the start of the text (a quote), and line breaks become spaces, so a label can never
///   break the table or inject markup.
/// - ``Cell/suppressed`` prints as `suppressed`; ``Cell/notApplicable`` prints as `—` (em dash).
/// - Lines end in LF; the output ends with exactly one LF.
public enum MarkdownRenderer {
    /// The text written for a suppressed cell.
    public static let suppressedMarker = "suppressed"
    /// The text written for a missing or not-applicable value.
    public static let notApplicableMarker = "—"

    /// The table: title, pipe table and footnotes.
    public static func render(_ table: Table) -> String {
        blocks(of: table).joined(separator: "\n\n") + "\n"
    }

    /// The report: `# title`, then per section `## heading` and its blocks, separated by blank lines.
    ///
    /// A chart becomes an image link to `chartFolder/<identifier>.svg` followed by its caption when `chartFolder`
    /// is given (``ReportWriter`` writes the files there); without it, the caption alone with the chart's summary
    /// and a pointer to `--output`, so that a report printed to a terminal never links to a missing file.
    public static func render(_ report: Report, chartFolder: String? = nil) -> String {
        var parts = ["# " + escaped(report.title)]
        for section in report.sections {
            parts.append("## " + escaped(section.heading))
            for block in section.blocks {
                switch block {
                case .paragraph(let text):
                    parts.append(escaped(text))
                case .bulletList(let items):
                    parts.append(items.map { "- " + escaped($0) }.joined(separator: "\n"))
                case .table(let table):
                    parts.append(contentsOf: blocks(of: table))
                case .chart(let chart):
                    if let chartFolder {
                        parts.append("![\(escaped(chart.summary))](\(chartFolder)/\(chart.fileName))")
                        parts.append("*Figure: \(escaped(chart.title)).*")
                    } else {
                        parts.append("*Figure: \(escaped(chart.title)).* \(escaped(chart.summary)) "
                            + "(Write the report with `--output DIR` to get this chart as an SVG file.)")
                    }
                }
            }
        }
        return parts.joined(separator: "\n\n") + "\n"
    }

    /// The title, the pipe table and one paragraph per footnote.
    static func blocks(of table: Table) -> [String] {
        let header = table.columns.map { escaped($0.name) }
        let body = table.rows.map { row in row.map(text(of:)) }
        var widths = header.map { max(3, $0.count) }
        for row in body {
            for (index, field) in row.enumerated() { widths[index] = max(widths[index], field.count) }
        }
        func line(_ fields: [String]) -> String {
            let padded = fields.enumerated().map { index, field in
                pad(field, to: widths[index], alignment: table.columns[index].alignment)
            }
            return "| " + padded.joined(separator: " | ") + " |"
        }
        let rule = table.columns.enumerated().map { index, column in
            alignmentMarker(column.alignment, width: widths[index])
        }
        var lines = [line(header), "| " + rule.joined(separator: " | ") + " |"]
        lines.append(contentsOf: body.map(line))
        return ["**" + escaped(table.title) + "**", lines.joined(separator: "\n")] + table.footnotes.map(escaped)
    }

    static func text(of cell: Cell) -> String {
        if case .text(let text) = cell { return escaped(text) }
        return cell.plainText(
            suppressedMarker: suppressedMarker, notApplicableMarker: notApplicableMarker,
            undefinedMarker: notApplicableMarker)
    }

    static func alignmentMarker(_ alignment: Table.Alignment, width: Int) -> String {
        switch alignment {
        case .left: ":" + String(repeating: "-", count: width - 1)
        case .right: String(repeating: "-", count: width - 1) + ":"
        case .center: ":" + String(repeating: "-", count: width - 2) + ":"
        }
    }

    static func pad(_ field: String, to width: Int, alignment: Table.Alignment) -> String {
        let padding = width - field.count
        guard padding > 0 else { return field }
        switch alignment {
        case .left: return field + String(repeating: " ", count: padding)
        case .right: return String(repeating: " ", count: padding) + field
        case .center:
            let before = padding / 2
            return String(repeating: " ", count: before) + field + String(repeating: " ", count: padding - before)
        }
    }

    /// `text` with Markdown punctuation escaped and line breaks turned into spaces. An underscore between two
    /// letters or digits (`iv_use`) is left alone: GitHub-flavoured Markdown never reads it as emphasis.
    static func escaped(_ text: String) -> String {
        let characters = Array(text)
        var result = ""
        for (index, character) in characters.enumerated() {
            if character.isNewline {
                result.append(" ")
                continue
            }
            let intraword = character == "_" && index > 0 && index + 1 < characters.count
                && isWordCharacter(characters[index - 1]) && isWordCharacter(characters[index + 1])
            // `<` only where it could open a tag or an autolink, `>` only where it could open a quote: "<0.001"
            // needs no backslash, which some renderers would print.
            let next = index + 1 < characters.count ? characters[index + 1] : nil
            let opensTag = character == "<" && next.map { $0.isLetter || "/!?".contains($0) } ?? false
            let opensQuote = character == ">" && index == 0
            if ("\\|*_`[]".contains(character) && !intraword) || opensTag || opensQuote { result.append("\\") }
            result.append(character)
        }
        return result
    }

    static func isWordCharacter(_ character: Character) -> Bool { character.isLetter || character.isNumber }
}

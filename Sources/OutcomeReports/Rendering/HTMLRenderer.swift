/// Renders a ``Report`` as one self-contained HTML5 page: the styles inline, every chart as inline SVG
/// (``SVGRenderer``), no script, no font, image or link to anything outside the page, so the file can be mailed,
/// archived or opened offline and always looks the same.
///
/// Layout:
/// - `<h1>` title, then a table of contents (`<nav>`) linking to each section (`#section-1`, …).
/// - Each section is a `<section>` with an `<h2>`; paragraphs and bullet lists as written, a span between backticks
///   as `<code>`.
/// - A table is a `<table>` with its title as `<caption>`, column headers `<th scope="col">`, the first cell of each
///   row a row header `<th scope="row">`, numbers right-aligned in tabular figures, footnotes below it. A wide table
///   scrolls inside its own box on screen, so the page never grows wider than the window.
/// - A chart is a `<figure>`: the SVG (which carries its own `<title>` and `<desc>`) inside an element with
///   `role="img"` and the chart's summary as its `aria-label` (the alt text), and a numbered `<figcaption>`.
/// - ``Cell/suppressed`` prints as `suppressed` (marked for styling), a missing value as `—` with the title "not
///   applicable".
/// - A print stylesheet: A4/Letter margins, no table of contents links coloured, tables and figures kept whole on a
///   page where they fit, wide tables in a smaller type instead of a scroll box, so a browser's "Print to PDF" gives
///   a clean document.
///
/// Text from data is escaped (`& < > " '`), so a label can never inject markup. The same report always gives the
/// same bytes.
public enum HTMLRenderer {
    public static func render(_ report: Report) -> String {
        var page = HTMLPage()
        page.line("<!DOCTYPE html>")
        page.line("<html lang=\"en\">")
        page.line("<head>")
        page.line("<meta charset=\"utf-8\">")
        page.line("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        page.line("<meta name=\"generator\" content=\"outcome-report\">")
        page.line("<title>\(escaped(report.title))</title>")
        page.line("<style>\n\(stylesheet)</style>")
        page.line("</head>")
        page.line("<body>")
        page.line("<main>")
        page.line("<h1>\(escaped(report.title))</h1>")
        if report.sections.count > 1 {
            page.line("<nav aria-label=\"Contents\" class=\"contents\">")
            page.line("<h2>Contents</h2>")
            page.line("<ol>")
            for (index, section) in report.sections.enumerated() {
                page.line("<li><a href=\"#section-\(index + 1)\">\(escaped(section.heading))</a></li>")
            }
            page.line("</ol>")
            page.line("</nav>")
        }
        var figureNumber = 0
        for (index, section) in report.sections.enumerated() {
            page.line("<section id=\"section-\(index + 1)\" aria-labelledby=\"heading-\(index + 1)\">")
            page.line("<h2 id=\"heading-\(index + 1)\">\(escaped(section.heading))</h2>")
            for block in section.blocks {
                switch block {
                case .paragraph(let text):
                    page.line("<p>\(prose(text))</p>")
                case .bulletList(let items):
                    page.line("<ul>")
                    for item in items { page.line("<li>\(prose(item))</li>") }
                    page.line("</ul>")
                case .table(let table):
                    render(table, into: &page)
                case .chart(let chart):
                    figureNumber += 1
                    render(chart, number: figureNumber, colourOrder: report.colourOrder, into: &page)
                }
            }
            page.line("</section>")
        }
        page.line("</main>")
        page.line("</body>")
        page.line("</html>")
        return page.output
    }

    static func render(_ table: Table, into page: inout HTMLPage) {
        page.line("<div class=\"table-block\">")
        page.line("<div class=\"table-scroll\">")
        page.line("<table>")
        page.line("<caption>\(escaped(table.title))</caption>")
        page.line("<thead><tr>"
            + table.columns.map { "<th scope=\"col\"\(alignmentClass($0.alignment))>\(escaped($0.name))</th>" }.joined()
            + "</tr></thead>")
        page.line("<tbody>")
        for row in table.rows {
            let cells = row.enumerated().map { index, cell -> String in
                let column = index < table.columns.count ? table.columns[index] : Table.Column("")
                let (text, extraClass, title) = content(of: cell)
                let classes = [column.alignment.cssClass, extraClass].compactMap { $0 }
                let classAttribute = classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\""
                let titleAttribute = title.map { " title=\"\($0)\"" } ?? ""
                return index == 0
                    ? "<th scope=\"row\"\(classAttribute)\(titleAttribute)>\(text)</th>"
                    : "<td\(classAttribute)\(titleAttribute)>\(text)</td>"
            }
            page.line("<tr>" + cells.joined() + "</tr>")
        }
        page.line("</tbody>")
        page.line("</table>")
        page.line("</div>")
        for footnote in table.footnotes { page.line("<p class=\"note\">\(escaped(footnote))</p>") }
        page.line("</div>")
    }

    static func render(_ chart: Chart, number: Int, colourOrder: [String], into page: inout HTMLPage) {
        page.line("<figure class=\"chart\" id=\"figure-\(chart.identifier)\">")
        page.line("<div class=\"chart-image\" role=\"img\" aria-label=\"\(escaped(chart.summary))\">")
        page.text(SVGRenderer.render(chart, colourOrder: colourOrder))
        page.line("</div>")
        page.line("<figcaption><strong>Figure \(number).</strong> \(escaped(chart.title)). \(escaped(chart.summary))</figcaption>")
        page.line("</figure>")
    }

    /// The cell's text (escaped), an extra class, and a title attribute.
    static func content(of cell: Cell) -> (String, String?, String?) {
        switch cell {
        case .suppressed: (MarkdownRenderer.suppressedMarker, "suppressed", "withheld: small cell (see the Data section)")
        case .notApplicable: (MarkdownRenderer.notApplicableMarker, "missing", "not applicable")
        default:
            (escaped(cell.plainText(
                suppressedMarker: MarkdownRenderer.suppressedMarker,
                notApplicableMarker: MarkdownRenderer.notApplicableMarker,
                undefinedMarker: MarkdownRenderer.notApplicableMarker)), nil, nil)
        }
    }

    static func alignmentClass(_ alignment: Table.Alignment) -> String {
        alignment.cssClass.map { " class=\"\($0)\"" } ?? ""
    }

    /// Running text: escaped, and each span between a pair of backticks (a command, a file name, an option, as the
    /// Markdown form writes them) set as `<code>`; an unpaired backtick stays as it is.
    static func prose(_ text: String) -> String {
        let parts = text.split(separator: "`", omittingEmptySubsequences: false).map { escaped(String($0)) }
        guard parts.count >= 3 else { return escaped(text) }
        var result = ""
        for (index, part) in parts.enumerated() {
            guard index % 2 == 1 else { result += part; continue }
            result += index + 1 < parts.count ? "<code>" + part + "</code>" : "`" + part
        }
        return result
    }

    /// `text` with `& < > " '` replaced by entities (``MarkupText``); line breaks kept (HTML folds them into spaces).
    static func escaped(_ text: String) -> String { MarkupText.escaped(text) }

    static let stylesheet = """
        :root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --rule: #d0d7de; --band: #f6f8fa; }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body { margin: 0; color: var(--ink); background: #ffffff;
          font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; }
        main { max-width: 72rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; overflow-wrap: break-word; }
        h1 { font-size: 1.8rem; line-height: 1.25; margin: 0 0 1rem; }
        h2 { font-size: 1.35rem; margin: 2.2rem 0 0.6rem; padding-bottom: 0.2rem; border-bottom: 1px solid var(--rule); }
        p, ul { margin: 0.6rem 0; }
        nav.contents { background: var(--band); border: 1px solid var(--rule); border-radius: 6px; padding: 0.6rem 1rem; }
        nav.contents h2 { font-size: 1rem; margin: 0; border: 0; }
        nav.contents ol { margin: 0.3rem 0 0; padding-left: 1.4rem; }
        .table-block { margin: 1.2rem 0; }
        .table-scroll { max-width: 100%; overflow-x: auto; }
        table { border-collapse: collapse; font-size: 0.9rem; font-variant-numeric: tabular-nums; }
        caption { caption-side: top; text-align: left; font-weight: 600; padding: 0 0 0.4rem; }
        th, td { padding: 0.3rem 0.6rem; border-bottom: 1px solid var(--rule); vertical-align: top; text-align: left; }
        thead th { border-bottom: 2px solid var(--ink); vertical-align: bottom; }
        tbody th { font-weight: 500; }
        tbody tr:nth-child(even) { background: var(--band); }
        .right { text-align: right; white-space: nowrap; }
        .center { text-align: center; }
        .suppressed, .missing { color: var(--muted); }
        .suppressed { font-style: italic; }
        code { font: 0.9em ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; background: var(--band);
          padding: 0.05em 0.3em; border-radius: 4px; }
        p.note { color: var(--muted); font-size: 0.85rem; margin: 0.3rem 0; }
        figure.chart { margin: 1.5rem 0; }
        figure.chart svg { display: block; width: 100%; max-width: 760px; height: auto; }
        figcaption { color: var(--muted); font-size: 0.9rem; margin-top: 0.4rem; max-width: 760px; }
        @media print {
          @page { margin: 15mm; }
          body { font-size: 10.5pt; }
          main { max-width: none; padding: 0; }
          nav.contents { break-after: page; }
          a { color: inherit; text-decoration: none; }
          h2 { break-after: avoid; }
          .table-scroll { overflow: visible; }
          table { font-size: 8.5pt; }
          .table-block, figure.chart, tr { break-inside: avoid; }
          tbody tr:nth-child(even) { background: none; }
        }

        """
}

extension Table.Alignment {
    /// The class of a right-aligned or centred cell; a left-aligned one (the default) has none.
    var cssClass: String? {
        switch self {
        case .left: nil
        case .right: "right"
        case .center: "center"
        }
    }
}

/// The page being written, line by line.
struct HTMLPage {
    private(set) var output = ""

    mutating func line(_ text: String) {
        output += text
        output += "\n"
    }

    /// Text that already ends its lines (an SVG document).
    mutating func text(_ text: String) {
        output += text
        if !text.hasSuffix("\n") { output += "\n" }
    }
}

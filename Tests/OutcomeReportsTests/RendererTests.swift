import Testing

@testable import OutcomeReports

@Suite("Renderers")
struct RendererTests {
    /// Every kind of cell, and text that must be quoted (CSV) or escaped (Markdown).
    static let sample = Table(
        title: "Sample | table",
        columns: [
            Table.Column("Label"), Table.Column("Count", alignment: .right),
            Table.Column("Value", alignment: .center), Table.Column("Summary", alignment: .right),
        ],
        rows: [
            [.text("plain"), .count(120), .number(3.14159, decimals: 2), .countAndPercentage(count: 12, percentage: 0.3456, decimals: 1)],
            [.text("comma, \"quoted\""), .count(0), .percentage(0.5, decimals: 0), .countAndPercentage(count: 12, percentage: nil, decimals: 1)],
            [.text("pipe | and *stars* _under_"), .suppressed, .notApplicable, .meanAndStandardDeviation(mean: 41.25, standardDeviation: 10.04, decimals: 1)],
            [.text("two\nlines"), .count(-3), .number(.nan, decimals: 1), .meanAndStandardDeviation(mean: 4, standardDeviation: nil, decimals: 1)],
            [.text("=HYPERLINK(\"x\")"), .count(11), .number(-0.001, decimals: 2), .medianAndInterquartileRange(median: 40, lowerQuartile: 33.25, upperQuartile: 49, decimals: 1)],
        ],
        footnotes: ["Counts of 1–10 are suppressed.", "A <b>tag</b> stays text."])

    @Test("CSV golden: RFC 4180 quoting, LF endings, markers")
    func csvGolden() throws {
        try expectMatchesGolden(CSVRenderer.render(Self.sample), "sample-table.csv")
    }

    @Test("Markdown golden: escaped pipes, alignment row, footnotes")
    func markdownGolden() throws {
        try expectMatchesGolden(MarkdownRenderer.render(Self.sample), "sample-table.md")
    }

    @Test("CSV fields: quoting and formula defusing")
    func csvFields() {
        #expect(CSVRenderer.quoted("plain") == "plain")
        #expect(CSVRenderer.quoted("a,b") == "\"a,b\"")
        #expect(CSVRenderer.quoted("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVRenderer.quoted("a\r\nb") == "\"a\r\nb\"")
        #expect(CSVRenderer.quoted("=1+1") == "'=1+1")
        #expect(CSVRenderer.quoted("-12.5") == "-12.5")
        #expect(CSVRenderer.quoted("") == "")
    }

    @Test("CSV is rectangular: every record has the header's field count")
    func csvRectangular() {
        let csv = CSVRenderer.render(Self.sample)
        #expect(csv.hasSuffix("\n") && !csv.contains("\r\n"))
        // Count fields with a small RFC 4180 reader: commas outside quotes, records split at LF outside quotes.
        var fieldCounts: [Int] = []
        var fields = 1
        var inQuotes = false
        for character in csv {
            switch character {
            case "\"": inQuotes.toggle()
            case "," where !inQuotes: fields += 1
            case "\n" where !inQuotes:
                fieldCounts.append(fields)
                fields = 1
            default: break
            }
        }
        #expect(fieldCounts == Array(repeating: 4, count: 6))
    }

    @Test("Markdown: every table line has one more pipe than columns once escapes are removed")
    func markdownPipes() {
        let markdown = MarkdownRenderer.render(Self.sample)
        let tableLines = markdown.split(separator: "\n").filter { $0.hasPrefix("|") }
        #expect(tableLines.count == 7)
        for line in tableLines {
            let unescapedPipes = line.replacing("\\|", with: "").filter { $0 == "|" }.count
            #expect(unescapedPipes == 5, "\(line)")
        }
    }

    @Test("Report golden: headings, paragraphs, lists, tables")
    func reportGolden() throws {
        let report = Report(
            title: "Quarterly report",
            sections: [
                Report.Section(heading: "Summary", blocks: [
                    .paragraph("Two arms; counts of 1–10 are suppressed."),
                    .bulletList(["first point", "second_point"]),
                ]),
                Report.Section(heading: "Tables", blocks: [.table(Self.sample), .paragraph("After the table.")]),
            ])
        try expectMatchesGolden(MarkdownRenderer.render(report), "sample-report.md")
        try expectMatchesGolden(CSVRenderer.render(report), "sample-report.csv")
    }
}

@Suite("HTML renderer")
struct HTMLRendererTests {
    @Test("escapes data, sets backtick spans as code, heads tables, numbers figures, links the contents")
    func structure() {
        let table = Table(
            title: "Arms <b>", columns: [Table.Column("Arm"), Table.Column("N", alignment: .right)],
            rows: [[.text("A & \"B\""), .count(12)], [.text("C"), .suppressed], [.text("D"), .notApplicable]],
            footnotes: ["Note 'one'."])
        let report = Report(title: "Report <script>", sections: [
            Report.Section(heading: "Data", blocks: [.paragraph("Run `outcome-report plan` and `x` then ` alone.")]),
            Report.Section(heading: "Tables", blocks: [.table(table), .bulletList(["<i>item</i>"])]),
        ])
        let html = HTMLRenderer.render(report)
        #expect(html.contains("<title>Report &lt;script&gt;</title>") && !html.contains("<script>"))
        #expect(html.contains("<p>Run <code>outcome-report plan</code> and <code>x</code> then ` alone.</p>"))
        #expect(html.contains("<caption>Arms &lt;b&gt;</caption>"))
        #expect(html.contains("<thead><tr><th scope=\"col\">Arm</th><th scope=\"col\" class=\"right\">N</th></tr></thead>"))
        #expect(html.contains("<tr><th scope=\"row\">A &amp; &quot;B&quot;</th><td class=\"right\">12</td></tr>"))
        #expect(html.contains("<td class=\"right suppressed\" title=\"withheld: small cell (see the Data section)\">suppressed</td>"))
        #expect(html.contains("<td class=\"right missing\" title=\"not applicable\">—</td>"))
        #expect(html.contains("<p class=\"note\">Note &apos;one&apos;.</p>"))
        #expect(html.contains("<li>&lt;i&gt;item&lt;/i&gt;</li>"))
        #expect(html.contains("<li><a href=\"#section-2\">Tables</a></li>") && html.contains("<section id=\"section-2\""))
        #expect(HTMLRenderer.render(report) == html, "the same report gives the same bytes")
    }
}

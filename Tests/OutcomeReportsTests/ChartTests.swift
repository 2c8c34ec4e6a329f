import Foundation
import Testing
@testable import OutcomeReports
import TreatmentOutcomes
import _CohortTestSupport

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("SVG charts")
struct ChartTests {
    /// Two Kaplan–Meier-like step curves with bands, and a label that needs escaping.
    static let survival = Chart(
        identifier: "retention-example", title: "Retention <by arm> & support", xLabel: "Days since induction",
        yLabel: "Still in treatment",
        content: .xy([
            ChartSeries(
                name: "Medication alone", style: .step,
                points: [ChartPoint(x: 0, y: 1), ChartPoint(x: 30, y: 0.8), ChartPoint(x: 90, y: 0.55), ChartPoint(x: 180, y: 0.4)],
                band: [ChartBandPoint(x: 0, lower: 1, upper: 1), ChartBandPoint(x: 30, lower: 0.7, upper: 0.88),
                       ChartBandPoint(x: 90, lower: 0.45, upper: 0.65), ChartBandPoint(x: 180, lower: 0.3, upper: 0.5)]),
            ChartSeries(
                name: "Medication + counseling", style: .step,
                points: [ChartPoint(x: 0, y: 1), ChartPoint(x: 45, y: 0.85), ChartPoint(x: 120, y: 0.7), ChartPoint(x: 180, y: 0.62)]),
        ]),
        yRange: 0...1, summary: "Share of patients still in treatment by day, with 95% confidence bands.")

    @Test("Golden SVG of a step chart with bands")
    func golden() throws {
        try expectMatchesGolden(SVGRenderer.render(Self.survival), "retention-example.svg")
    }

    @Test("Well-formed XML with title and description, text escaped")
    func wellFormed() throws {
        for chart in [Self.survival, boxChart] {
            let svg = SVGRenderer.render(chart)
            let parser = XMLParser(data: Data(svg.utf8))
            #expect(parser.parse(), "\(chart.identifier): \(String(describing: parser.parserError))")
        }
        let svg = SVGRenderer.render(Self.survival)
        #expect(svg.contains("<title>Retention &lt;by arm&gt; &amp; support</title>"))
        #expect(svg.contains("<desc>Share of patients still in treatment"))
        #expect(svg.components(separatedBy: "<polyline").count == 3)
        #expect(svg.components(separatedBy: "<polygon").count == 2)  // only the first series has a band
    }

    @Test("A series without points keeps its colour but gets no legend entry")
    func emptySeries() {
        let chart = Chart(
            identifier: "empty-series", title: "T", xLabel: "x", yLabel: "y",
            content: .xy([
                ChartSeries(name: "Too few", style: .line, points: []),
                ChartSeries(name: "Drawn", style: .line, points: [ChartPoint(x: 0, y: 1), ChartPoint(x: 1, y: 2)]),
            ]),
            summary: "s")
        let svg = SVGRenderer.render(chart)
        #expect(!svg.contains("Too few") && svg.contains(">Drawn<"))
        #expect(svg.contains("stroke=\"\(SVGRenderer.colour(1))\" stroke-width=\"2\""))
    }

    @Test("Small multiples: a panel per group on shared axes, a series' colour by its name in every panel, one legend")
    func panels() throws {
        func line(_ name: String, _ ys: [Double], from x: Double = 1) -> ChartSeries {
            ChartSeries(name: name, style: .line, points: ys.enumerated().map { ChartPoint(x: x + Double($0.offset), y: $0.element) })
        }
        let chart = Chart(
            identifier: "small-multiples", title: "Retained by medication", xLabel: "Quarter", yLabel: "%",
            content: .panels([
                ChartPanel(title: "Methadone", series: [line("none", [40, 42]), line("CBT", [50, 55])]),
                // CBT first here, and "none" in two runs: each keeps the colour of its first appearance.
                ChartPanel(title: "Buprenorphine", series: [line("CBT", [45, 47]), line("none", [30]), line("none", [33, 35], from: 3)]),
            ]),
            xRange: 1...4, yRange: 0...100, summary: "s")
        let svg = SVGRenderer.render(chart)
        #expect(XMLParser(data: Data(svg.utf8)).parse())
        #expect(svg.contains(">Methadone<") && svg.contains(">Buprenorphine<"))
        #expect(svg.components(separatedBy: ">none<").count == 2 && svg.components(separatedBy: ">CBT<").count == 2, "one legend entry each")
        let none = SVGRenderer.colour(0), cbt = SVGRenderer.colour(1)
        #expect(svg.components(separatedBy: "stroke=\"\(none)\" stroke-width=\"2\"").count == 3, "two lines of none (one in the legend is 3 wide)")
        #expect(svg.components(separatedBy: "r=\"3.5\" fill=\"\(none)\"").count == 2, "and the run of one point marked")
        #expect(svg.components(separatedBy: "stroke=\"\(cbt)\" stroke-width=\"2\"").count == 3)
        #expect(svg.components(separatedBy: "<clipPath").count == 3, "one clip per panel")
        #expect(svg.contains(">100<"), "y tick labels on the first panel")
        #expect(svg.components(separatedBy: ">100<").count == 2, "and only there")
        #expect(SVGRenderer.render(chart) == svg)
    }

    /// Counts compared by the height of their lines start at 0; otherwise the axis stays near the data.
    @Test("yFromZero: a fitted y axis of values 40–55 reaches 0; without it, it starts near 40")
    func yFromZero() throws {
        func chart(fromZero: Bool) -> Chart {
            Chart(
                identifier: "counts", title: "Admissions by medication", xLabel: "Quarter", yLabel: "patients",
                content: .panels([ChartPanel(title: "Methadone", series: [
                    ChartSeries(name: "none", style: .line, points: [ChartPoint(x: 1, y: 40), ChartPoint(x: 2, y: 55)]),
                ])]),
                xRange: 1...2, yFromZero: fromZero, summary: "s")
        }
        let zero = SVGRenderer.render(chart(fromZero: true)), near = SVGRenderer.render(chart(fromZero: false))
        #expect(zero.contains(">0<") && zero.contains(">60<"), "ticks 0 … 60")
        #expect(!near.contains(">0<") && near.contains(">40<"), "ticks from 40")
    }

    @Test("Step functions hold their value until the next point")
    func stepVertices() {
        let vertices = SVGDocument.stepVertices([(0, 10), (5, 8), (9, 4)])
        #expect(vertices.map(\.0) == [0, 5, 5, 9, 9])
        #expect(vertices.map(\.1) == [10, 10, 8, 8, 4])
        #expect(SVGDocument.stepVertices([]).isEmpty)
    }

    @Test("Axis ticks are nice numbers covering the data")
    func ticks() {
        let unit = AxisScale(dataRange: 0...1, fixed: true, pixelStart: 0, pixelEnd: 100)
        #expect(unit.ticks.count == 6)
        #expect(zip(unit.ticks, [0, 0.2, 0.4, 0.6, 0.8, 1.0]).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(unit.label(unit.ticks[3]) == "0.6")
        // Step 50: 0 is already a whole step; 200 would add 39 > 25 (half a step), so the top is 161 + 3% of 161.
        let days = AxisScale(dataRange: 0...161, fixed: false, pixelStart: 0, pixelEnd: 500)
        #expect(days.ticks == [0, 50, 100, 150])
        #expect(days.lower == 0 && abs(days.upper - 165.83) < 1e-9)
        let round = AxisScale(dataRange: 0...180, fixed: false, pixelStart: 0, pixelEnd: 500)
        #expect(round.upper == 200 && round.pixel(100) == 250)  // 20 ≤ 25: widened to the whole step
        // Weeks −1…38 (step 10): −10 would add 9 > 5, so the bottom is −1 − 3% of 39; 40 adds 2 ≤ 5.
        let weeks = AxisScale(dataRange: -1...38, fixed: false, pixelStart: 0, pixelEnd: 500)
        #expect(abs(weeks.lower - -2.17) < 1e-9 && weeks.upper == 40 && weeks.ticks == [0, 10, 20, 30, 40])
        // A band below 0 on a 0–3 scale: the limits hold the axis at 0 (step 0.5; 2.0 would add 0.4 > 0.25).
        let severity = AxisScale(dataRange: -0.1...1.6, fixed: false, pixelStart: 0, pixelEnd: 500, limits: 0...3)
        #expect(severity.lower == 0 && abs(severity.upper - 1.651) < 1e-9 && severity.ticks == [0, 0.5, 1.0, 1.5])
        let flat = AxisScale(dataRange: 3...3, fixed: false, pixelStart: 0, pixelEnd: 10)
        #expect(flat.lower < 3 && flat.upper > 3)
        let inverted = AxisScale(dataRange: 0...1, fixed: true, pixelStart: 400, pixelEnd: 50)
        #expect(inverted.pixel(0) == 400 && inverted.pixel(1) == 50)
    }

    @Test("Word wrap for category labels")
    func wrap() {
        #expect(SVGDocument.wrap("Outpatient BUP + EMM", width: 14) == ["Outpatient BUP", "+ EMM"])
        #expect(SVGDocument.wrap("Methadone", width: 4) == ["Methadone"])
    }

    @Test("Markdown links a chart only when the SVG is written beside it")
    func markdown() {
        let report = Report(title: "R", sections: [Report.Section(heading: "S", blocks: [.chart(Self.survival)])])
        let linked = MarkdownRenderer.render(report, chartFolder: "charts")
        #expect(linked.contains("![Share of patients still in treatment by day, with 95% confidence bands.](charts/retention-example.svg)"))
        let plain = MarkdownRenderer.render(report)
        #expect(!plain.contains("](charts/") && plain.contains("--output DIR"))
        #expect(report.charts.count == 1 && report.tables.isEmpty)
    }

    @Test("ReportWriter writes report.md and charts, and refuses a non-empty folder")
    func writer() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = Report(title: "R", sections: [Report.Section(heading: "S", blocks: [.chart(Self.survival), .chart(boxChart)])])
        try ReportWriter.write(report, to: folder)
        let markdown = try String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(markdown == MarkdownRenderer.render(report, chartFolder: "charts"))
        let charts = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("charts").path).sorted()
        #expect(charts == ["box-example.svg", "retention-example.svg"])
        #expect(throws: ReportWriter.WriteError.self) { try ReportWriter.write(report, to: folder) }
        try ReportWriter.write(report, to: folder, replaceExisting: true)
        let siblings = try FileManager.default.contentsOfDirectory(atPath: folder.deletingLastPathComponent().path)
        #expect(!siblings.contains { $0.contains(folder.lastPathComponent + ".partial") })
    }

    let boxChart = Chart(
        identifier: "box-example", title: "Adherence", xLabel: "Arm", yLabel: "Share of days dosed",
        content: .boxPlots([
            BoxSummary(name: "A", lowerWhisker: 0.2, lowerQuartile: 0.5, median: 0.7, upperQuartile: 0.85, upperWhisker: 0.95, count: 40),
            BoxSummary(name: "B & C", lowerWhisker: 0.3, lowerQuartile: 0.6, median: 0.8, upperQuartile: 0.9, upperWhisker: 1, count: 35),
        ]),
        yRange: 0...1, summary: "Per-patient adherence by arm.")
}

@Suite("Chart legends")
struct ChartLegendTests {
    @Test("a long name wraps after +, - or a space, and a run longer than a line is cut")
    func wrapping() {
        #expect(SVGDocument.wrapLabel("buprenorphine+contingency-management", characters: 20)
            == ["buprenorphine+", "contingency-", "management"])
        #expect(SVGDocument.wrapLabel("methadone+CBT", characters: 20) == ["methadone+CBT"])
        #expect(SVGDocument.wrapLabel("Outpatient BUP + EMM", characters: 12) == ["Outpatient", "BUP + EMM"])
        #expect(SVGDocument.wrapLabel("abcdefghij", characters: 4) == ["abcd", "efgh", "ij"])
        for label in ["buprenorphine+contingency-management", "a b c", "x"] {
            let lines = SVGDocument.wrapLabel(label, characters: 9)
            #expect(lines.allSatisfy { $0.count <= 9 } && lines.joined().filter { $0 != " " } == label.filter { $0 != " " })
        }
    }
}

@Suite("Chart colours by name")
struct ChartColourTests {
    /// The legend of `svg`: each entry's name (its lines joined) with its stroke colour and dash.
    static func legend(_ svg: String) -> [(name: String, colour: String, dash: String)] {
        let lines = svg.split(separator: "\n").map(String.init)
        var entries: [(String, String, String)] = []
        for (index, line) in lines.enumerated() where line.hasPrefix("<line") && line.contains("stroke-width=\"3\"") {
            guard index + 1 < lines.count, lines[index + 1].contains("<tspan") else { continue }
            let colour = line.components(separatedBy: "stroke=\"")[1].prefix { $0 != "\"" }
            let dash = line.contains("stroke-dasharray=\"")
                ? String(line.components(separatedBy: "stroke-dasharray=\"")[1].prefix { $0 != "\"" }) : ""
            let name = lines[index + 1].components(separatedBy: "<tspan").dropFirst().map { span in
                String(span.drop { $0 != ">" }.dropFirst().prefix { $0 != "<" })
            }.joined(separator: " ")
            entries.append((name, String(colour), dash))
        }
        return entries
    }

    @Test("with a colour order, a series keeps its name's colour whatever its position; past 7, lines are dashed")
    func byName() {
        func chart(_ names: [String]) -> Chart {
            Chart(identifier: "c", title: "t", xLabel: "x", yLabel: "y", content: .xy(names.map { name in
                ChartSeries(name: name, style: .line, points: [ChartPoint(x: 0, y: 1), ChartPoint(x: 1, y: 2)])
            }), summary: "s")
        }
        let order = (0..<9).map { "arm \($0)" }
        let first = Self.legend(SVGRenderer.render(chart(["arm 2", "arm 0"]), colourOrder: order))
        let second = Self.legend(SVGRenderer.render(chart(["arm 0", "arm 1", "arm 2", "arm 8"]), colourOrder: order))
        #expect(first.map(\.colour) == [SVGRenderer.colour(2), SVGRenderer.colour(0)])
        #expect(second.map(\.colour) == [SVGRenderer.colour(0), SVGRenderer.colour(1), SVGRenderer.colour(2), SVGRenderer.colour(8)])
        #expect(second.map(\.dash) == ["", "", "", "7 4"], "the 9th name is the 2nd colour again, dashed")
        // A name outside the order comes after it; a chart without any listed name, and no order, keep the position.
        #expect(Self.legend(SVGRenderer.render(chart(["arm 2", "other"]), colourOrder: order)).map(\.colour)
            == [SVGRenderer.colour(2), SVGRenderer.colour(10)])
        #expect(Self.legend(SVGRenderer.render(chart(["other", "more"]), colourOrder: order)).map(\.colour)
            == [SVGRenderer.colour(0), SVGRenderer.colour(1)])
        #expect(Self.legend(SVGRenderer.render(chart(["arm 2", "arm 0"]))).map(\.colour) == [SVGRenderer.colour(0), SVGRenderer.colour(1)])
    }

    @Test("a synthetic report of 15 arms: one colour and dash per arm in every chart")
    func sameArmSameColour() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("colours-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try SyntheticCohortGenerator(patientCount: 900, seed: 5).write(to: folder)
        let analysis = await CohortAnalysis(
            cohort: try CohortLoader.load(from: folder), plan: AnalysisPlan(), parts: [.retention, .urineScreens, .craving])
        let report = CohortReport.make(from: analysis, options: CohortReportOptions(sourceDescription: "synthetic"))
        #expect(report.colourOrder == analysis.arms.labels)
        var seen: [String: String] = [:], charts = 0
        for chart in report.charts {
            let entries = Self.legend(SVGRenderer.render(chart, colourOrder: report.colourOrder))
            guard !entries.isEmpty else { continue }
            charts += 1
            for entry in entries {
                let style = entry.colour + " " + entry.dash
                #expect(seen[entry.name, default: style] == style, "\(entry.name) in \(chart.identifier)")
                seen[entry.name] = style
            }
        }
        let arms = seen.filter { analysis.arms.labels.contains($0.key) }
        #expect(charts >= 3 && arms.count >= 10, "\(charts) charts, \(arms.count) arms")
        #expect(Set(arms.values).count == arms.count, "every arm its own colour and dash")
    }
}

@Suite("Box plot labels")
struct BoxPlotLabelTests {
    static func boxes(_ names: [String]) -> Chart {
        Chart(identifier: "boxes", title: "t", xLabel: "Arm", yLabel: "%", content: .boxPlots(names.enumerated().map {
            BoxSummary(name: $0.element, lowerWhisker: 10, lowerQuartile: 20, median: 30, upperQuartile: 40,
                       upperWhisker: 50, count: 100 + $0.offset)
        }), summary: "s")
    }

    @Test("names that fit stand under their boxes; names too wide for their slots become numbers with a key")
    func keyWhenCrowded() {
        let few = SVGRenderer.render(Self.boxes(["Methadone", "Buprenorphine"]))
        #expect(few.contains(">Methadone<") && few.contains(">(n = 100)<"))
        let names = (1...15).map { "buprenorphine+contingency-management \($0)" }
        let crowded = SVGRenderer.render(Self.boxes(names))
        // Under the axis, the numbers 1 … 15; on the right, "k  name (n = …)" wrapped into tspans.
        for number in 1...15 { #expect(crowded.contains("dy=\"0\">\(number)</tspan>")) }
        #expect(crowded.contains(">1  buprenorphine+"))
        #expect(!crowded.contains(">buprenorphine+contingency-management 1<"))
        #expect(SVGRenderer.boxesNeedKey(BoxPlotLabelTests.boxes(names).boxPlotContent) && !SVGRenderer.boxesNeedKey(
            BoxPlotLabelTests.boxes(["A", "B"]).boxPlotContent))
    }
}

extension Chart {
    /// The boxes of a box-plot chart (tests).
    var boxPlotContent: [BoxSummary] { if case .boxPlots(let boxes) = content { boxes } else { [] } }
}

/// By-arm curves in small multiples (``ArmPanels``): a panel per medication in a programme, one colour per support,
/// which makes each panel the report's question (medication alone against medication with support); a panel per
/// trial in a cohort of trials.
@Suite("By-arm charts in panels")
struct ArmPanelChartTests {
    @Test("a programme: a panel per medication, a line per support in one colour in both charts, the alone arm named so")
    func programme() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("arm-panels-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try SyntheticCohortGenerator(patientCount: 900, seed: 5).write(to: folder)
        let analysis = await CohortAnalysis(
            cohort: try CohortLoader.load(from: folder), plan: AnalysisPlan(), parts: [.retention, .urineScreens])
        let report = CohortReport.make(from: analysis, options: CohortReportOptions(sourceDescription: "synthetic"))
        var colours: [String: String] = [:]
        for identifier in ["retention-by-arm", "urine-screen-relapse-by-arm"] {
            let chart = try #require(report.charts.first { $0.identifier == identifier })
            guard case .panels(let panels) = chart.content else { Issue.record("\(identifier): not small multiples"); continue }
            let treatments = analysis.baseline.treatments.filter { $0.medication != nil }
            #expect(panels.map(\.title) == Medication.allCases.filter { m in treatments.contains { $0.medication == m } }
                .map(\.rawValue.capitalized))
            for panel in panels {
                let own = treatments.filter { $0.medication?.rawValue.capitalized == panel.title }
                let expected = own.map { $0.isMedicationAlone ? "\($0.support!) (medication alone)" : $0.support! }
                #expect(panel.series.map(\.name) == expected, "\(identifier) \(panel.title)")
            }
            // One support, one colour and no dash, the same in both charts, whatever is withheld in either.
            for entry in ChartColourTests.legend(SVGRenderer.render(chart, colourOrder: report.colourOrder)) {
                #expect(entry.dash.isEmpty && colours[entry.name, default: entry.colour] == entry.colour, "\(entry.name)")
                colours[entry.name] = entry.colour
            }
        }
        #expect(colours.count >= 4 && Set(colours.values).count == colours.count)
    }

    @Test("trials: CTN-0094's charts have a panel per trial, its arms by name in their report colours")
    func trials() async throws {
        let analysis = try await BundledCohort.analysis()
        let report = CohortReport.make(from: analysis, options: CohortReportOptions(sourceDescription: "CTN-0094"))
        for identifier in ["retention-by-arm", "urine-screen-relapse-by-arm"] {
            let chart = try #require(report.charts.first { $0.identifier == identifier })
            guard case .panels(let panels) = chart.content else { Issue.record("\(identifier): not small multiples"); continue }
            #expect(panels.map(\.title) == ["CTN-0027 (START)", "CTN-0030 (POATS)", "CTN-0051 (X:BOT)"])
            #expect(panels.map { Set($0.series.map(\.name)) } == [
                ["Methadone", "Outpatient BUP"], ["Outpatient BUP + EMM", "Outpatient BUP + SMM"],
                ["Inpatient BUP", "Inpatient NR-NTX"],
            ])
        }
    }
}

import Foundation
import Testing
import TreatmentOutcomes
import _CohortTestSupport
import _OutcomeTestSupport

/// `report --format html` and `quarterly --format html`, opened in headless Chromium (Debian's package, installed by
/// `make test` through scripts/ensure-chromium.sh). A script added to a copy of the page measures the layout after
/// the browser has drawn it: the page never scrolls sideways, no element outside a table's own scroll box reaches past
/// the window, and no text of a chart reaches past the chart's edge or overlaps another text of the chart.
@Suite("HTML reports in a browser (headless Chromium)")
struct HTMLReportBrowserTests {
    /// What the layout script found.
    struct Layout: Decodable {
        let figures: Int
        let tables: Int
        let problems: [String]
    }

    static let layoutScript = """
        <script>
        (function () {
          var width = document.documentElement.clientWidth, problems = [];
          if (document.documentElement.scrollWidth > width + 1)
            problems.push('the page scrolls sideways: ' + document.documentElement.scrollWidth + ' > ' + width);
          document.querySelectorAll('main *').forEach(function (element) {
            if (element.closest('svg') || (element.closest('.table-scroll') && !element.classList.contains('table-scroll'))) return;
            var box = element.getBoundingClientRect();
            if (box.width === 0 && box.height === 0) return;
            if (box.right > width + 1 || box.left < -1)
              problems.push('overflows the page: ' + element.tagName.toLowerCase() + (element.id ? '#' + element.id : ''));
          });
          document.querySelectorAll('figure.chart svg').forEach(function (svg) {
            var frame = svg.getBoundingClientRect(), figure = svg.closest('figure').id, boxes = [];
            svg.querySelectorAll('text').forEach(function (text) {
              var box = text.getBoundingClientRect();
              if (box.width === 0) return;
              if (box.left < frame.left - 1 || box.right > frame.right + 1 || box.top < frame.top - 1 || box.bottom > frame.bottom + 1)
                problems.push('past the edge of ' + figure + ': ' + text.textContent);
              boxes.forEach(function (other) {
                if (box.left < other.box.right - 1 && other.box.left < box.right - 1 &&
                    box.top < other.box.bottom - 1 && other.box.top < box.bottom - 1)
                  problems.push('overlapping text in ' + figure + ': ' + other.text + ' / ' + text.textContent);
              });
              boxes.push({box: box, text: text.textContent});
            });
          });
          var out = document.createElement('pre');
          out.id = 'layout-check';
          out.textContent = JSON.stringify({figures: document.querySelectorAll('figure.chart svg').length,
            tables: document.querySelectorAll('table').length, problems: problems});
          document.body.appendChild(out);
        })();
        </script>
        """

    /// Chromium from the PATH (Debian names it `chromium`).
    static func chromium() throws -> URL {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            for name in ["chromium", "chromium-browser"] {
                let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            }
        }
        throw CocoaError(.fileNoSuchFile, userInfo: [
            NSFilePathErrorKey: "chromium is not installed: run `make test`, or scripts/ensure-chromium.sh, first",
        ])
    }

    /// Runs headless Chromium with `arguments` and its own profile folder (tests run in parallel); its standard
    /// output.
    static func runChromium(_ arguments: [String], scratch: URL) throws -> String {
        let process = Process()
        process.executableURL = try chromium()
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
            "--user-data-dir=\(scratch.appendingPathComponent("profile-\(UUID().uuidString)").path)",
        ] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "chromium \(arguments.last ?? ""): exit \(process.terminationStatus)")
        return String(decoding: data, as: UTF8.self)
    }

    /// The layout of `html` drawn in a window `width` pixels wide.
    static func layout(of html: String, width: Int, scratch: URL) throws -> Layout {
        let page = scratch.appendingPathComponent("page-\(UUID().uuidString).html")
        try Data(html.replacingOccurrences(of: "</body>", with: layoutScript + "\n</body>").utf8).write(to: page)
        let dom = try runChromium(["--window-size=\(width),2000", "--dump-dom", page.absoluteString], scratch: scratch)
        let open = "<pre id=\"layout-check\">"
        let start = try #require(dom.range(of: open), "the page did not render: \(dom.prefix(200))")
        let end = try #require(dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex))
        let json = String(dom[start.upperBound..<end.lowerBound])
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
        return try JSONDecoder().decode(Layout.self, from: Data(json.utf8))
    }

    /// The checks every page must pass: self-contained, headed tables, charts with alt text, a working table of
    /// contents, and a layout without overflow in a wide and a narrow window.
    static func check(_ html: String, name: String, scratch: URL) throws {
        // Self-contained: nothing is fetched (the only URL is the SVG namespace, which is a name, not a fetch, and
        // the only url() a clip path's reference to an element of the page).
        let withoutNamespace = html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
            .replacingOccurrences(of: "url(#", with: "")
        for external in ["http://", "https://", "<link", "<script", " src=", "@import", "url("] {
            #expect(!withoutNamespace.contains(external), "\(name): holds \(external)")
        }
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"), "\(name)")
        #expect(html.contains("@media print"), "\(name): a print stylesheet")
        let figures = html.components(separatedBy: "<figure class=\"chart\"").count - 1
        let tables = html.components(separatedBy: "<table>").count - 1
        #expect(tables > 0 && html.components(separatedBy: "<th scope=\"col\"").count - 1 >= tables, "\(name)")
        #expect(html.components(separatedBy: "role=\"img\" aria-label=\"").count - 1 >= figures, "\(name): alt text")
        #expect(!html.contains("aria-label=\"\""), "\(name): empty alt text")
        // Every contents link names a section of the page.
        for link in html.components(separatedBy: "<a href=\"#").dropFirst() {
            let target = String(link.prefix { $0 != "\"" })
            #expect(html.contains("id=\"\(target)\""), "\(name): #\(target)")
        }
        for width in [1280, 600] {
            let layout = try layout(of: html, width: width, scratch: scratch)
            #expect(layout.figures == figures && layout.tables == tables, "\(name) at \(width) px: \(layout)")
            #expect(layout.problems.isEmpty, "\(name) at \(width) px:\n\(layout.problems.joined(separator: "\n"))")
        }
    }

    static func scratchFolder(_ name: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test("the bundled CTN-0094 report: self-contained, every chart and table drawn, nothing overflows; it prints to PDF")
    func bundledCohort() throws {
        let scratch = try Self.scratchFolder("html-ctn0094")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let result = try OutcomeReportProcess.run(["report", "--cohort", BundledCohort.folder.path, "--format", "html"])
        #expect(result.status == 0, "\(result.standardError)")
        let html = result.standardOutput
        #expect(html.contains("<title>Treatment outcomes report: CTN-0094</title>"))
        #expect(html.components(separatedBy: "<figure class=\"chart\"").count - 1 >= 5)
        try Self.check(html, name: "CTN-0094", scratch: scratch)
        let page = scratch.appendingPathComponent("report.html")
        try Data(html.utf8).write(to: page)
        let pdf = scratch.appendingPathComponent("report.pdf")
        _ = try Self.runChromium(["--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)", page.absoluteString], scratch: scratch)
        let bytes = try Data(contentsOf: pdf)
        #expect(bytes.starts(with: Data("%PDF".utf8)) && bytes.count > 50_000, "\(bytes.count) bytes")
    }

    @Test("a 2,000-patient synthetic cohort (15 arms with long names): --output writes report.html; nothing overflows")
    func syntheticCohort() throws {
        let scratch = try Self.scratchFolder("html-synthetic")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let cohort = scratch.appendingPathComponent("cohort")
        _ = try SyntheticCohortGenerator(patientCount: 2_000, seed: 3).write(to: cohort)
        let output = scratch.appendingPathComponent("out")
        let result = try OutcomeReportProcess.run(["report", "--cohort", cohort.path, "--output", output.path])
        #expect(result.status == 0, "\(result.standardError)")
        let html = try String(contentsOf: output.appendingPathComponent("report.html"), encoding: .utf8)
        // The same report as the Markdown beside it: every chart the folder holds is drawn inline.
        let charts = try FileManager.default.contentsOfDirectory(atPath: output.appendingPathComponent("charts").path)
        for chart in charts {
            #expect(html.contains("id=\"figure-\(chart.replacingOccurrences(of: ".svg", with: ""))\""), "\(chart)")
        }
        try Self.check(html, name: "synthetic 2,000", scratch: scratch)
    }

    @Test("the quarterly report of a synthetic program: self-contained, nothing overflows")
    func quarterly() throws {
        let scratch = try Self.scratchFolder("html-quarterly")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let cohort = scratch.appendingPathComponent("cohort")
        _ = try SyntheticCohortGenerator(patientCount: 200, seed: 8).write(to: cohort)
        let result = try OutcomeReportProcess.run(
            ["quarterly", "--cohort", cohort.path, "--quarter", "2025-Q3", "--format", "html"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("<h1>Quarterly outcome report: 2025-Q3</h1>"))
        try Self.check(result.standardOutput, name: "quarterly", scratch: scratch)
    }
}

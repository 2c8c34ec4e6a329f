import Foundation
import Testing
import _OutcomeTestSupport

/// Issue 11, "Disclosure control you can prove": a cohort whose patients.csv carries identifiers, record numbers, SSN
/// last four, zip codes, dates in several formats and free text with names and phone numbers gives no such value in
/// any output: the report in Markdown and CSV, `report --output` (Markdown and SVG charts), and `risk fit` (its
/// standard output and the model file); `risk score` prints patient identifiers by design and nothing else of theirs.
@Suite("Hostile cohort: no identifier, date or free text in any output (runs the binary)")
struct HostileCohortTests {
    /// Every output of the commands on `folder`, by name: standard output and standard error of each run, and each
    /// file written.
    static func outputs(of folder: URL, scratch: URL) throws -> (texts: [String: String], model: URL?) {
        var texts: [String: String] = [:]
        func run(_ name: String, _ arguments: [String]) throws -> CommandResult {
            let result = try OutcomeReportProcess.run(arguments)
            texts["\(name) stdout"] = result.standardOutput
            texts["\(name) stderr"] = result.standardError
            return result
        }
        let markdown = try run("report", ["report", "--cohort", folder.path])
        #expect(markdown.status == 0, "\(markdown.standardError)")
        let csv = try run("report csv", ["report", "--cohort", folder.path, "--format", "csv"])
        #expect(csv.status == 0, "\(csv.standardError)")
        let destination = scratch.appendingPathComponent("report")
        let written = try run("report --output", ["report", "--cohort", folder.path, "--output", destination.path])
        #expect(written.status == 0, "\(written.standardError)")
        let files = FileManager.default.enumerator(at: destination, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { !$0.hasDirectoryPath } ?? []
        #expect(files.contains { $0.lastPathComponent == "report.md" })
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            // A value escaped into markup ("O&apos;Brien") is still printed: search the page as a reader sees it.
            texts[file.lastPathComponent] = ["html", "svg"].contains(file.pathExtension) ? Self.unescapedMarkup(text) : text
        }
        let model = scratch.appendingPathComponent("model.json")
        let fit = try run("risk fit", ["risk", "fit", "--cohort", folder.path, "--model", model.path])
        guard fit.status == 0 else { return (texts, nil) }
        texts["model.json"] = try String(contentsOf: model, encoding: .utf8)
        return (texts, model)
    }

    /// `text` with the markup entities replaced by their characters: the five named ones and numeric references.
    static func unescapedMarkup(_ text: String) -> String {
        var output = "", rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            output += rest[..<ampersand]
            rest = rest[ampersand...]
            guard let semicolon = rest.prefix(10).firstIndex(of: ";") else { output.append("&"); rest = rest.dropFirst(); continue }
            let name = rest[rest.index(after: rest.startIndex)..<semicolon]
            let named: [Substring: String] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " "]
            var decoded = named[name]
            if decoded == nil, name.hasPrefix("#") {
                let digits = name.dropFirst()
                let value = digits.hasPrefix("x") || digits.hasPrefix("X") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
                decoded = value.flatMap(Unicode.Scalar.init).map { String(Character($0)) }
            }
            if let decoded {
                output += decoded
                rest = rest[rest.index(after: semicolon)...]
            } else {
                output.append("&")
                rest = rest.dropFirst()
            }
        }
        return output + rest
    }

    @Test("markup entities are read back as the characters they stand for")
    func unescaping() {
        #expect(Self.unescapedMarkup("O&apos;Brien &amp; &lt;b&gt; &#39;x&#x27; &quot;q&quot; & loose &unknown;")
            == "O'Brien & <b> 'x' \"q\" & loose &unknown;")
    }

    @Test("15 and 300 patients: every output is free of the hostile values", arguments: [(15, UInt64(5)), (300, UInt64(11))])
    func noHostileValueInAnyOutput(patients: Int, seed: UInt64) throws {
        let cohort = try HostileCohort(patients: patients, seed: seed)
        let hostile = try Self.outputs(of: cohort.cohort, scratch: cohort.root.appendingPathComponent("hostile-out"))
        let control = try Self.outputs(of: cohort.control, scratch: cohort.root.appendingPathComponent("control-out"))
        #expect(Set(hostile.texts.keys) == Set(control.texts.keys))
        #expect(hostile.model != nil, "risk fit: \(hostile.texts["risk fit stderr"] ?? "")")
        let controlText = control.texts.values.joined(separator: "\n")
        let excused = cohort.excused(by: controlText)
        #expect(excused.allSatisfy { $0.allSatisfy(\.isNumber) }, "the control prints \(excused.prefix(8))")
        for (name, text) in hostile.texts.sorted(by: { $0.key < $1.key }) {
            let leaks = cohort.leaks(in: text, control: controlText)
            #expect(leaks.isEmpty, "\(name) prints \(leaks.count) hostile values, e.g. \(leaks.prefix(8))")
        }

        // risk score: patient identifiers by design (patient-level output for the care team), nothing else of theirs.
        guard let model = hostile.model else { return }
        let scores = try OutcomeReportProcess.run(["risk", "score", "--cohort", cohort.cohort.path, "--model", model.path])
        #expect(scores.status == 0, "\(scores.standardError)")
        #expect(scores.standardOutput.hasPrefix("patient_id,risk\n"))
        let identifiers = Set(scores.standardOutput.split(separator: "\n").dropFirst().map { String($0.prefix { $0 != "," }) })
        let leaks = cohort.leaks(in: scores.standardOutput + scores.standardError, control: controlText)
            .filter { !identifiers.contains($0) }
        #expect(leaks.isEmpty, "risk score prints hostile values: \(leaks.prefix(8))")
    }
}

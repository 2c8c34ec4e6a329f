import Foundation
import Testing
@testable import TreatmentOutcomes

/// Synthetic cohorts written once per test process into a temporary folder that is removed at exit.
enum SyntheticFixture {
    static let root: URL = {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("synthetic-tests-\(getpid())-\(UUID().uuidString)", isDirectory: true)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: SyntheticFixture.root) }
        return url
    }()

    /// The seed of every fixture cohort (printed in failure messages through the folder name).
    static let seed: UInt64 = 20_260_331

    /// 5,000 patients for the format and statistical checks.
    static let large = Result { try generate(patientCount: 5000, seed: seed, name: "large") }

    /// A fresh folder name under ``root``.
    static func folder(_ name: String) -> URL {
        root.appendingPathComponent("\(name)-\(UUID().uuidString)", isDirectory: true)
    }

    static func generate(patientCount: Int, seed: UInt64, name: String) throws -> (URL, SyntheticCohortSummary) {
        let url = folder("\(name)-n\(patientCount)-seed\(seed)")
        let summary = try SyntheticCohortGenerator(patientCount: patientCount, seed: seed).write(to: url)
        return (url, summary)
    }

    /// The data rows of a generated CSV file, split on commas (the generator never writes quoted fields; the
    /// format tests check that), and its header.
    static func table(_ folder: URL, _ file: CohortFile) throws -> (header: [String], rows: [[Substring]]) {
        let text = try String(contentsOf: folder.appendingPathComponent(file.rawValue), encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.last == "", "\(file.rawValue) must end with a line feed")
        lines.removeLast()
        let header = lines.removeFirst().split(separator: ",").map(String.init)
        return (header, lines.map { $0.split(separator: ",", omittingEmptySubsequences: false) })
    }
}

@Suite("Synthetic cohort fixture")
struct SyntheticFixtureTests {
    @Test("The fixture cohort has every file, truth.json, and the summary counts the written rows")
    func fixtureIsComplete() throws {
        let (folder, summary) = try SyntheticFixture.large.get()
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names == (CohortFile.allCases.map(\.rawValue) + ["truth.json"]).sorted())
        #expect(summary.patientCount == 5000)
        for entry in summary.files {
            let (_, rows) = try SyntheticFixture.table(folder, entry.file)
            #expect(rows.count == entry.rows, "\(entry.file.rawValue)")
            let size = try FileManager.default.attributesOfItem(
                atPath: folder.appendingPathComponent(entry.file.rawValue).path)[.size] as? Int
            #expect(size == entry.bytes, "\(entry.file.rawValue)")
        }
    }
}

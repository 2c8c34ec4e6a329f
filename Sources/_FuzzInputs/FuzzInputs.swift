import Foundation
import TreatmentOutcomes

/// What one fuzz input does to the library: the same functions serve the libFuzzer harnesses (Fuzz/) and the test
/// that replays the committed corpus and past crashes (docs/Fuzzing.md). Every input must end in a value or a
/// thrown error: a crash, a hang or a sanitizer report is a finding.
public enum FuzzInputs {
    /// The bytes as one CSV file read by `InputTable` (the reader every `--input` command and the loader share),
    /// then every column read as text, numbers and dates. The file is also read cut into regions of 1 to 16 bytes
    /// (the length from its last byte), parsed at the same time as large files are: that reading must give the same
    /// rows, lines, texts and errors as the whole-file one, or the process stops as on a crash.
    public static func csvTable(_ bytes: UnsafeRawBufferPointer, scratch: URL) {
        let url = scratch.appendingPathComponent("input.csv")
        guard (try? Data(bytes).write(to: url)) != nil else { return }
        let whole = Result { try InputTable(url: url, displayName: "input.csv") }
        let cut = Result {
            try InputTable(url: url, displayName: "input.csv", minimumParallelBytes: 1,
                           regionBytes: 1 + Int(bytes.last ?? 0) % 16)
        }
        let (wholeReading, cutReading) = (reading(whole), reading(cut))
        guard wholeReading == cutReading else {
            fatalError("CSV read in regions differs from the whole file:\n\(wholeReading)\n\(cutReading)")
        }
        guard case .success(let table) = whole else { return }
        for column in table.header {
            _ = try? table.text(column)
            _ = try? table.numbers(column)
            _ = try? table.nonEmptyText(column)
        }
        for field in (try? table.text(table.header.first ?? "")) ?? [] { _ = CivilDate(iso8601: field) }
    }

    /// A table's header, lines and texts, or its error, as one comparable description.
    private static func reading(_ table: Result<InputTable, any Error>) -> String {
        do {
            let table = try table.get()
            var description = "\(table.header) \(table.lines)"
            for column in table.header { description += " \(try table.text(column))" }
            return description
        } catch {
            return "\(error)"
        }
    }

    /// The file separator of a cohort input: bytes before the first 0x1E are patients.csv, then doses.csv,
    /// screens.csv, visits.csv, assessments.csv, dispensings.csv, episodes.csv and cohort.json; absent parts are
    /// absent files. The folder is loaded in parallel, as `outcome-report` loads it, and analysed without the
    /// relapse-risk part when it loads.
    public static let fileSeparator: UInt8 = 0x1E
    static let cohortFiles = [
        "patients.csv", "doses.csv", "screens.csv", "visits.csv", "assessments.csv", "dispensings.csv", "episodes.csv",
        "cohort.json",
    ]

    public static func cohortFolder(_ bytes: UnsafeRawBufferPointer, scratch: URL, analyse: Bool = false) {
        guard let cohort = loadCohort(bytes, scratch: scratch), analyse else { return }
        // the harness's own thread, outside Swift's cooperative pool, may wait for the analysis
        let done = DispatchSemaphore(value: 0)
        Task {
            await self.analyse(cohort)
            done.signal()
        }
        done.wait()
    }

    /// The cohort of a cohort input, loaded as `outcome-report` loads a folder; `nil` when the loader refuses it.
    public static func loadCohort(_ bytes: UnsafeRawBufferPointer, scratch: URL) -> Cohort? {
        let parts = bytes.split(separator: fileSeparator, maxSplits: cohortFiles.count - 1, omittingEmptySubsequences: false)
        for (index, name) in cohortFiles.enumerated() {
            let url = scratch.appendingPathComponent(name)
            try? FileManager.default.removeItem(at: url)
            if index < parts.count { try? Data(parts[index]).write(to: url) }
        }
        guard let cohort = try? CohortLoader.load(from: scratch) else { return nil }
        _ = try? AnalysisPlan.effective(for: cohort)
        return cohort
    }

    /// Every part of the analysis but relapse risk, under the cohort's plan (the defaults when it is invalid).
    public static func analyse(_ cohort: Cohort) async {
        let plan = (try? AnalysisPlan.effective(for: cohort)) ?? AnalysisPlan()
        _ = await CohortAnalysis(cohort: cohort, plan: plan, parts: [.retention, .urineScreens, .adherence, .craving])
    }

    /// The bytes as an analysis plan (laid over the defaults), a relapse-risk model file and a cohort manifest.
    public static func jsonReaders(_ bytes: UnsafeRawBufferPointer, scratch: URL) {
        let data = Data(bytes)
        if let value = try? JSONDecoder().decode(JSONValue.self, from: data) {
            _ = try? AnalysisPlan.default.applying(value)
            _ = value.description
        }
        _ = try? RelapseRiskModel(jsonData: data)
        let folder = scratch.appendingPathComponent("manifest")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        guard (try? data.write(to: folder.appendingPathComponent(CohortManifest.fileName))) != nil else { return }
        _ = try? CohortManifest.read(folder: folder)
    }

    /// A fresh scratch folder for one process.
    public static func makeScratch() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-\(getpid())-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

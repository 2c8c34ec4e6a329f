import Foundation
import Testing
import TreatmentOutcomes
import _FuzzInputs
import _OutcomeTestSupport

/// The fuzz corpus (Fuzz/Corpus) and every input that ever crashed a harness (Fuzz/Crashes), replayed through the
/// harnesses' own code on every test run: each must end in a value or a thrown error (docs/Fuzzing.md). The cohort
/// inputs are also analysed (all parts but relapse risk), as the report would.
@Suite("Fuzz corpus and past crashes replay")
struct FuzzCorpusReplayTests {
    static let harnesses: [(folder: String, run: @Sendable (UnsafeRawBufferPointer, URL) -> Void)] = [
        ("CSVTable", { FuzzInputs.csvTable($0, scratch: $1) }),
        ("CohortLoader", { FuzzInputs.cohortFolder($0, scratch: $1) }),
        ("JSONReaders", { FuzzInputs.jsonReaders($0, scratch: $1) }),
        ("NumbersAndDates", { FuzzInputs.numbersAndDates($0, scratch: $1) }),
    ]

    static func inputs(_ kind: String, _ harness: String) -> [URL] {
        let folder = repositoryRoot.appendingPathComponent("Fuzz/\(kind)/\(harness)")
        return ((try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? [])
            .filter { !$0.lastPathComponent.hasPrefix(".") }.sorted { $0.path < $1.path }
    }

    @Test("every committed corpus input and past crash ends without a crash")
    func replay() async throws {
        let scratch = FuzzInputs.makeScratch()
        defer { try? FileManager.default.removeItem(at: scratch) }
        var replayed = 0, analysed = 0
        for (folder, run) in Self.harnesses {
            let corpus = Self.inputs("Corpus", folder)
            #expect(!corpus.isEmpty, "Fuzz/Corpus/\(folder) has no seed")
            for url in corpus + Self.inputs("Crashes", folder) {
                let data = try FileContents.read(url)  // Data(contentsOf:) leaks on an empty file
                data.withUnsafeBytes { run($0, scratch) }
                if folder == "CohortLoader", let cohort = data.withUnsafeBytes({ FuzzInputs.loadCohort($0, scratch: scratch) }) {
                    await FuzzInputs.analyse(cohort)
                    analysed += 1
                }
                replayed += 1
            }
        }
        #expect(replayed >= 80)
        #expect(analysed >= 2, "the cohort seeds should load (dated-full, days), so that the analysis is exercised")
    }
}

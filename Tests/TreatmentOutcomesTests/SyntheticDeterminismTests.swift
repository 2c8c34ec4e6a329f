import Foundation
import Testing
@testable import TreatmentOutcomes

@Suite("Synthetic cohort: determinism and output folder")
struct SyntheticDeterminismTests {
    static let fileNames = CohortFile.allCases.map(\.rawValue) + ["truth.json"]

    func contents(_ folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for name in Self.fileNames { result[name] = try Data(contentsOf: folder.appendingPathComponent(name)) }
        return result
    }

    @Test("The same N and seed give byte-identical files", arguments: [UInt64(7), 0, .max])
    func sameSeedSameBytes(seed: UInt64) throws {
        let (first, _) = try SyntheticFixture.generate(patientCount: 300, seed: seed, name: "first")
        let (second, _) = try SyntheticFixture.generate(patientCount: 300, seed: seed, name: "second")
        let a = try contents(first)
        let b = try contents(second)
        for name in Self.fileNames {
            #expect(a[name] == b[name], "\(name) differs between two runs with seed \(seed)")
            #expect((a[name]?.count ?? 0) > 0, "\(name) is empty")
        }
    }

    @Test("A different seed gives different files (every event file and truth.json)")
    func differentSeedDifferentBytes() throws {
        let (first, _) = try SyntheticFixture.generate(patientCount: 300, seed: 1, name: "seed1")
        let (second, _) = try SyntheticFixture.generate(patientCount: 300, seed: 2, name: "seed2")
        let a = try contents(first)
        let b = try contents(second)
        for name in Self.fileNames {
            #expect(a[name] != b[name], "\(name) is the same for seeds 1 and 2")
        }
    }

    @Test("Patient i's rows do not depend on N: the files for N = 120 are prefixes of those for N = 300")
    func patientRowsIndependentOfCohortSize() throws {
        let (small, smallSummary) = try SyntheticFixture.generate(patientCount: 120, seed: 99, name: "small")
        let (large, _) = try SyntheticFixture.generate(patientCount: 300, seed: 99, name: "large")
        for file in CohortFile.allCases {
            let smallBytes = try Data(contentsOf: small.appendingPathComponent(file.rawValue))
            let largeBytes = try Data(contentsOf: large.appendingPathComponent(file.rawValue))
            #expect(largeBytes.count > smallBytes.count, "\(file.rawValue)")
            #expect(largeBytes.prefix(smallBytes.count) == smallBytes, "\(file.rawValue) is not a prefix")
            // The next byte starts a row of patient 121, so no row of patient 120 continues past the prefix.
            let next = largeBytes.dropFirst(smallBytes.count).prefix(11)
            #expect(String(decoding: next, as: UTF8.self) == "SYN00000121" || file != .patients)
        }
        #expect(smallSummary.files.first { $0.file == .patients }?.rows == 120)
    }

    @Test("truth.json records N, seed, version and consistent parameters")
    func truthDocument() throws {
        let generator = try SyntheticCohortGenerator(patientCount: 42, seed: 12_345_678_901_234_567_890)
        let object = try JSONSerialization.jsonObject(with: generator.truthJSON()) as? [String: Any]
        let truth = try #require(object)
        #expect(truth["patient_count"] as? Int == 42)
        #expect((truth["seed"] as? NSNumber)?.uint64Value == 12_345_678_901_234_567_890)
        #expect(truth["generator_version"] as? String == SyntheticCohortGenerator.version)
        let parameters = try #require(truth["parameters"] as? [String: Any])
        for section in ["calendar", "population", "retention", "adherence", "craving", "urine_screens", "relapse", "visits"] {
            let body = try #require(parameters[section] as? [String: Any], "missing section \(section)")
            #expect(body.keys.contains { $0.hasSuffix("formula") }, "section \(section) has no formula")
        }
        let retention = try #require(parameters["retention"] as? [String: Any])
        let hazardRatios = try #require(retention["dropout_log_hazard_ratios"] as? [String: Any])
        #expect(hazardRatios["per_ten_years_of_age_above40"] as? Double == -0.2)
        // The covariance matrix written is the one implied by the standard deviations and the correlation.
        let craving = generator.parameters.craving
        let sd0 = craving.randomInterceptStandardDeviation
        let sd1 = craving.randomSlopeStandardDeviationPerWeek
        let expected = [[sd0 * sd0, craving.randomEffectsCorrelation * sd0 * sd1],
                        [craving.randomEffectsCorrelation * sd0 * sd1, sd1 * sd1]]
        for row in 0..<2 {
            for column in 0..<2 {
                #expect(abs(craving.randomEffectsCovariance[row][column] - expected[row][column]) < 1e-12)
            }
        }
    }

    @Test("A non-empty destination is refused unless replacing; an empty one is used; nothing is left behind")
    func destinationFolder() throws {
        let destination = SyntheticFixture.folder("existing")
        try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: true)
        let generator = try SyntheticCohortGenerator(patientCount: 5, seed: 3)
        _ = try generator.write(to: destination)  // empty folder: allowed
        #expect(FileManager.default.fileExists(atPath: destination.appendingPathComponent("truth.json").path))

        let error = #expect(throws: SyntheticCohortError.self) { try generator.write(to: destination) }
        #expect(error?.description.contains(destination.path) == true)
        #expect(error?.description.contains("--force") == true)

        try Data("old".utf8).write(to: destination.appendingPathComponent("stale.txt"))
        _ = try generator.write(to: destination, replaceExisting: true)
        let names = try FileManager.default.contentsOfDirectory(atPath: destination.path)
        #expect(!names.contains("stale.txt"))
        #expect(Set(names) == Set(Self.fileNames))
        let siblings = try FileManager.default.contentsOfDirectory(atPath: destination.deletingLastPathComponent().path)
        // Other tests write next to it concurrently, so look only for this destination's staging folders.
        let name = destination.lastPathComponent
        #expect(!siblings.contains { $0.hasPrefix(".\(name).partial-") || $0.hasPrefix(".\(name).replaced-") })
    }

    @Test("A file in the way is refused; a patient count out of range is refused")
    func invalidRequests() throws {
        let file = SyntheticFixture.folder("a-file")
        try Data("x".utf8).write(to: file)
        let generator = try SyntheticCohortGenerator(patientCount: 3, seed: 1)
        #expect(throws: SyntheticCohortError.self) { try generator.write(to: file) }
        #expect(throws: SyntheticCohortError.self) { try SyntheticCohortGenerator(patientCount: 0, seed: 1) }
        #expect(throws: SyntheticCohortError.self) {
            try SyntheticCohortGenerator(patientCount: SyntheticCohortGenerator.maximumPatientCount + 1, seed: 1)
        }
    }

    @Test("Progress is reported every 5% and ends at the total")
    func progressReports() throws {
        var reports: [Int] = []
        _ = try SyntheticCohortGenerator(patientCount: 200, seed: 5)
            .write(to: SyntheticFixture.folder("progress")) { written, total in
                #expect(total == 200)
                reports.append(written)
            }
        #expect(reports == Array(stride(from: 10, through: 200, by: 10)))
    }

    @Test("The xoshiro256** stream matches the reference output for a known state")
    func xoshiroReference() {
        // Reference: the algorithm of Blackman & Vigna (prng.di.unimi.it/xoshiro256starstar.c) compiled as C
        // with gcc 12 from state s = {1, 2, 3, 4} gives these first four outputs.
        var generator = Xoshiro256StarStar(state: (1, 2, 3, 4))
        #expect([generator.next(), generator.next(), generator.next(), generator.next()]
            == [11520, 0, 1_509_978_240, 1_215_971_899_390_074_240])
    }
}

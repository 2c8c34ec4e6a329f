import Foundation
import Testing
import _OutcomeTestSupport
@testable import TreatmentOutcomes

/// The committed cohort at datasets/ctn0094/cohort against the importer and against R.
@Suite("CTN-0094 committed cohort")
struct CTN0094CohortTests {
    static let rawFolder = datasetURL("ctn0094")
    static let committed = datasetURL("ctn0094/cohort")

    /// datasets/reference/ctn0094/counts.json, written by counts.R (R 4.2.2, base R) from the raw tables.
    /// Decoded with `JSONDecoder`, which reads 17 significant digits exactly (Foundation's `JSONSerialization` on
    /// Linux does not).
    struct ReferenceCounts: Decodable {
        let rVersion: String
        let patients: Int
        let patientsByTrialAndArm: [String: [String: Double]]
        let doseRows: Int
        let doseRowsByArm: [String: Double]
        let doseAmountSumByArm: [String: Double]
        let specimenDays: Int
        let positiveRowsBySubstance: [String: Double]
        let negativeRows: Int
        let negativeRowsBySubstance: [String: Double]
        let visitRowsByStatus: [String: Double]
        let assessmentRowsByInstrument: [String: Double]
        let assessmentMeanScoreByInstrument: [String: Double]
        let leftOut: [String: Int]

        static func load() throws -> ReferenceCounts {
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            return try decoder.decode(
                ReferenceCounts.self, from: Data(contentsOf: datasetURL("reference/ctn0094/counts.json")))
        }
    }

    @Test("Re-running the importer gives the committed folder byte for byte; left-out counts match R")
    func reimportIsByteIdentical() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ctn0094-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let summary = try CTN0094Importer.importCohort(from: Self.rawFolder, to: scratch)

        let files = FileManager.default
        let committedNames = try files.contentsOfDirectory(atPath: Self.committed.path).sorted()
        let freshNames = try files.contentsOfDirectory(atPath: scratch.path).sorted()
        #expect(committedNames == freshNames)
        for name in freshNames {
            let fresh = try Data(contentsOf: scratch.appendingPathComponent(name))
            let stored = try Data(contentsOf: Self.committed.appendingPathComponent(name))
            #expect(fresh == stored, "\(name) differs from the committed cohort: re-run the import with --force")
        }

        let leftOut = try ReferenceCounts.load().leftOut
        let expected: [(String, String, CTN0094LeftOutReason)] = [
            ("everybody_never_randomized", "everybody.csv", .neverRandomized),
            ("randomization_second", "randomization.csv", .secondRandomization),
            ("treatment_never_randomized", "treatment.csv", .neverRandomized),
            ("uds_never_randomized", "uds.csv", .neverRandomized),
            ("uds_missing_day", "uds.csv", .missingDay),
            ("uds_temp_never_randomized", "uds_temp.csv", .neverRandomized),
            ("uds_temp_missing_day", "uds_temp.csv", .missingDay),
            ("visit_never_randomized", "visit.csv", .neverRandomized),
            ("visit_missing_day", "visit.csv", .missingDay),
            ("visit_no_disposition", "visit.csv", .noDisposition),
            ("withdrawal_never_randomized", "withdrawal.csv", .neverRandomized),
            ("withdrawal_missing_day", "withdrawal.csv", .missingDay),
            ("withdrawal_missing_value", "withdrawal.csv", .missingValue),
        ]
        #expect(leftOut.count == expected.count)
        for (key, file, reason) in expected {
            #expect(summary.leftOut(file, reason) == leftOut[key], "\(key)")
        }
        #expect(summary.leftOut(".", .repeatedPositive) == 0)
        #expect(summary.leftOut.allSatisfy { $0.reason != .repeatedPositive })
    }

    @Test("The committed cohort, read by the cohort loader, has exactly the counts R computes from the raw tables")
    func countsMatchR() throws {
        let reference = try ReferenceCounts.load()
        #expect(reference.rVersion.hasPrefix("R version 4.2.2"))
        let cohort = try CohortLoader.load(from: Self.committed)
        let patients = cohort.patients
        #expect(patients.count == reference.patients)

        let trialColumn = try #require(patients.covariate(named: "trial"))
        guard case .categorical(let trials) = trialColumn.values else {
            Issue.record("trial should be categorical")
            return
        }
        var byTrialAndArm: [String: [String: Double]] = [:]
        for row in 0..<patients.count {
            byTrialAndArm[trials.label(at: row)!, default: [:]][patients.arm.label(at: row)!, default: 0] += 1
        }
        #expect(reference.patientsByTrialAndArm == byTrialAndArm)

        let doses = try #require(cohort.doses)
        var doseRows: [String: Double] = [:], doseSums: [String: Double] = [:]
        for row in 0..<doses.count {
            let arm = patients.arm.label(at: Int(doses.patient[row]))!
            doseRows[arm, default: 0] += 1
            doseSums[arm, default: 0] += doses.amount[row]
        }
        #expect(doses.count == reference.doseRows)
        #expect(reference.doseRowsByArm == doseRows)
        #expect(reference.doseAmountSumByArm == doseSums)

        try checkScreens(cohort, reference)
        try checkVisitsAndAssessments(cohort, reference)
    }

    private func checkScreens(_ cohort: Cohort, _ reference: ReferenceCounts) throws {
        let screens = try #require(cohort.screens)
        var days = Set<Int64>()
        var positives: [String: Double] = [:], negatives: [String: Double] = [:]
        for row in 0..<screens.count {
            days.insert(Int64(screens.patient[row]) << 32 | Int64(UInt32(bitPattern: screens.day[row])))
            let substance = screens.substance.label(at: row)!
            switch screens.result[row] {
            case .positive: positives[substance, default: 0] += 1
            case .negative: negatives[substance, default: 0] += 1
            case .invalid: Issue.record("the importer writes no invalid screens")
            }
        }
        #expect(days.count == reference.specimenDays)
        #expect(reference.positiveRowsBySubstance == positives)
        #expect(reference.negativeRowsBySubstance == negatives)
        #expect(Int(negatives.values.reduce(0, +)) == reference.negativeRows)
    }

    private func checkVisitsAndAssessments(_ cohort: Cohort, _ reference: ReferenceCounts) throws {
        let visits = try #require(cohort.visits)
        var byStatus: [String: Double] = [:]
        for status in visits.status { byStatus[status.rawValue, default: 0] += 1 }
        #expect(reference.visitRowsByStatus == byStatus)
        #expect(visits.kind.levels == ["study"])

        let assessments = try #require(cohort.assessments)
        var rows: [String: Double] = [:], sums: [String: Double] = [:]
        for row in 0..<assessments.count {
            let instrument = assessments.instrument.label(at: row)!
            rows[instrument, default: 0] += 1
            sums[instrument, default: 0] += assessments.score[row]
        }
        #expect(reference.assessmentRowsByInstrument == rows)
        let means = rows.keys.reduce(into: [String: Double]()) { $0[$1] = sums[$1]! / rows[$1]! }
        // Sums of whole numbers are exact, and one IEEE division per instrument rounds the same in R and Swift.
        #expect(reference.assessmentMeanScoreByInstrument == means)
        #expect(assessments.item.levels == ["severity"])
    }
}

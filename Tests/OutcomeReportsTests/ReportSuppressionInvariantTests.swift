import Testing
import TreatmentOutcomes
import _OutcomeTestSupport

@testable import OutcomeReports

/// Seeded random cohorts: whatever the arm sizes and levels, the report never shows a count of 1…(minimum − 1)
/// and no row, column or total of any table is left with exactly one suppressed cell.
@Suite("Report suppression invariants")
struct ReportSuppressionInvariantTests {
    static func randomCohort(_ generator: inout SplitMix64) -> Cohort {
        let armCount = Int.random(in: 1...4, using: &generator)
        var patients: [TestCohorts.Patient] = []
        for arm in 0..<armCount {
            let size = Int.random(in: 1...40, using: &generator)
            for _ in 0..<size {
                let sexRoll = Int.random(in: 0..<10, using: &generator)
                patients.append(TestCohorts.Patient(
                    arm: Int.random(in: 0..<30, using: &generator) == 0 ? nil : "arm \(arm)",
                    site: ["north", "south", "east"].randomElement(using: &generator)!,
                    psychosocial: arm % 2 == 0 ? "none" : "counseling",
                    age: Int.random(in: 0..<8, using: &generator) == 0 ? nil : Double.random(in: 18...70, using: &generator),
                    sex: sexRoll < 5 ? "female" : sexRoll < 9 ? "male" : "other",
                    weight: Double.random(in: 50...110, using: &generator),
                    trial: Bool.random(using: &generator) ? "CTN-0027" : "CTN-0051"))
            }
        }
        return TestCohorts.cohort(patients)
    }

    @Test("no small count shown; no group with one suppressed cell")
    func invariants() async {
        for seed: UInt64 in 1...60 {
            var generator = SplitMix64(seed: seed)
            let cohort = Self.randomCohort(&generator)
            let minimum = [5, 11].randomElement(using: &generator)!
            let policy = SmallCellPolicy(minimumCount: minimum)
            // the baseline tables and the sections that need no events (the cohorts have none)
            let report = await makeReport(cohort, plan: trialPlan, minimum: minimum, source: "seed \(seed)", parts: [])
            for table in report.tables {
                for row in table.rows {
                    for cell in row {
                        switch cell {
                        case .count(let count), .countAndPercentage(let count, _, _):
                            #expect(!policy.isSmall(count), "seed \(seed): \(table.title) shows \(count)")
                        default: break
                        }
                    }
                }
            }
            let counts = ReportCounts(baseline: BaselineCharacteristics(patients: cohort.patients, plan: trialPlan), policy: policy)
            for group in counts.problem.groupKeys {
                let withheld = group.filter(counts.suppression.isSuppressed).count
                #expect(withheld != 1, "seed \(seed): group \(group) has one suppressed cell")
            }
        }
    }
}

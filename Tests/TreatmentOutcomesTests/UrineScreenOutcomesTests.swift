import Foundation
import OutcomeStats
import Testing
import TreatmentOutcomes
import _OutcomeTestSupport

/// The report's urine-screen outcomes: word providers, per-patient outcomes, and the bundled CTN-0094 cohort's
/// summaries by arm against R.
@Suite("Urine screens: outcomes by arm")
struct UrineScreenOutcomesTests {
    func patients(_ identifiers: [String], arms: [String]) -> PatientTable {
        PatientTable(
            identifiers: identifiers, site: CategoricalColumn(labels: identifiers.map { _ in "s" }),
            arm: CategoricalColumn(labels: arms), medication: identifiers.map { _ in .buprenorphine },
            psychosocial: CategoricalColumn(labels: identifiers.map { _ in "none" }), indexDate: nil, covariates: [])
    }

    @Test("Published words are matched by identifier; a patient not in the file has no word; a duplicate is an error")
    func publishedMatching() throws {
        let cohort = Cohort(patients: patients(["p1", "p2", "p3"], arms: ["a", "a", "b"]))
        let file = UsePatternFile(identifiers: ["p3", "x", "p1"], patterns: ["+++-", "----", "oooo"])
        let words = try UsePatternProvider.published(file, description: "words.csv").patterns(for: cohort)
        #expect(words.patterns == ["oooo", nil, "+++-"])
        #expect(words.source == .published(description: "words.csv"))
        let duplicate = UsePatternFile(identifiers: ["p1", "p1"], patterns: ["-", "+"])
        #expect(throws: UsePatternMatchError.self) {
            try UsePatternProvider.published(duplicate, description: "words.csv").patterns(for: cohort)
        }
        // without screens.csv, words cannot be built
        #expect(throws: MissingTableError.self) {
            try UsePatternProvider.builtFromScreens(WeeklyUsePatternOptions()).patterns(for: cohort)
        }
    }

    /// CTNote's outcomesCTN0094 rows (docs/UrineScreenOutcomes.md, "Reference rows"): participant 2
    /// `*---oo-o-o-o+oo` relapse 12/1, dropout 12/0, Ab FALSE; participant 4 relapse and dropout 21/0, Ab TRUE;
    /// Rd_ling_2010 by hand: participant 2 has 6 negatives and one mixed in 15 weeks, (6 + 0.5)/15.
    @Test("Per-patient outcomes follow the endpoint library (CTNote outcomesCTN0094 rows); a short word has no times")
    func perPatient() {
        let two = UrineScreenOutcomes.outcome(of: "*---oo-o-o-o+oo", patient: 0)
        #expect(two.relapse == WindowDetection(time: 12, event: true))
        #expect(two.dropout == WindowDetection(time: 12, event: false))
        #expect(!two.abstinent)
        #expect(isClose(two.proportionNegative, 6.5 / 15, relative: 1e-15))
        let four = UrineScreenOutcomes.outcome(of: "-------------------o-o-o", patient: 1)
        #expect(four.relapse == WindowDetection(time: 21, event: false) && four.dropout == four.relapse)
        #expect(four.abstinent)
        #expect(four.proportionNegative == 1)
        let short = UrineScreenOutcomes.outcome(of: "+-+", patient: 2)
        #expect(short.relapse.time == nil && short.dropout.event == nil)
        #expect(isClose(short.proportionNegative, 1.0 / 3, relative: 1e-15))
        let empty = UrineScreenOutcomes.outcome(of: "", patient: 3)
        #expect(empty.proportionNegative == 0 && !empty.abstinent)
    }

    /// Two arms by hand. a: `++++--` (relapse 1), `------` (censored 3), `+-+` (short: no time), no word;
    /// b: `oooo--` (relapse and dropout 1). KM of a: n = 2, S(1) = 1/2.
    @Test("Summaries by arm: patients without a word and short words are counted, curves use defined times")
    func byArmByHand() throws {
        let table = patients(["1", "2", "3", "4", "5"], arms: ["a", "a", "a", "a", "b"])
        let words = CohortUsePatterns(
            source: .published(description: "test"), patterns: ["++++--", "------", "+-+", nil, "oooo--"].map { $0 })
        let summaries = UrineScreenOutcomes.byArm(UrineScreenOutcomes.perPatient(words), patients: table)
        #expect(summaries.map(\.label) == ["a", "b"])
        let a = summaries[0], b = summaries[1]
        #expect(a.patientCount == 4 && a.patientsWithWord == 3 && a.patientsWithShortWord == 1)
        #expect(a.relapse.times == [1, 3] && a.relapse.survival == [0.5, 0.5] && a.relapseCount == 1)
        #expect(a.dropout.times == [3] && a.dropoutCount == 0)
        // "------" is abstinent? weeks 12-15 do not exist: no window matches, FALSE
        #expect(a.abstinentCount == 0)
        let negative = try #require(a.negativeWeeks)
        // 2/6, 6/6, 1/3: mean 5/9
        #expect(isClose(negative.mean, 5.0 / 9, relative: 1e-15))
        let deviations = [1.0 / 3, 1, 1.0 / 3].map { $0 - negative.mean }
        #expect(isClose(negative.standardDeviation!, (deviations.map { $0 * $0 }.reduce(0, +) / 2).squareRoot(), relative: 1e-14))
        #expect(b.relapseCount == 1 && b.dropoutCount == 1 && b.negativeWeeks?.standardDeviation == nil)
        let test = try #require(UrineScreenOutcomes.compareRelapse(a, b))
        // time 1: n = 3 (a 2, b 1), d = 2 (one each): E_a = 4/3, V = 2·(2/3)(1/3)(1/2) = 2/9; O_a = 1
        #expect(isClose(test.test.statistic, (1 - 4.0 / 3) * (1 - 4.0 / 3) / (2.0 / 9), relative: 1e-12))
    }

    /// `datasets/reference/urine-screens/relapse-by-arm.csv` and `relapse-logrank.csv`: R 4.2.2, survival 3.5.3
    /// survfit (log intervals), summary(times = c(4, 8, 12)), survdiff, on the CTNote words (relapse_by_arm.R,
    /// which computes the endpoints itself); 1e-9 relative (the CSV holds 15 significant digits).
    @Test("CTN-0094 words: relapse, dropout, abstinence and negative weeks by arm equal R")
    func bundledAgainstR() throws {
        let cohort = try CohortLoader.load(from: datasetURL("ctn0094/cohort"))
        let file = try UsePatternFile(url: datasetURL("ctn0094/use_patterns_uds.csv"))
        let words = try UsePatternProvider.published(file, description: "use_patterns_uds.csv").patterns(for: cohort)
        let summaries = UrineScreenOutcomes.byArm(UrineScreenOutcomes.perPatient(words), patients: cohort.patients)
        let reference = try InputTable(url: datasetURL("reference/urine-screens/relapse-by-arm.csv"))
        #expect(try reference.text("arm") == summaries.map(\.label))
        #expect(try reference.numbers("n").map { Int($0) } == summaries.map(\.patientsWithWord))
        #expect(try reference.numbers("relapsed").map { Int($0) } == summaries.map(\.relapseCount))
        #expect(try reference.numbers("dropped_out").map { Int($0) } == summaries.map(\.dropoutCount))
        #expect(try reference.numbers("abstinent").map { Int($0) } == summaries.map(\.abstinentCount))
        var checks: [(String, (UrineScreenGroupSummary) -> Double?)] = [
            ("median", { $0.relapse.median().estimate }), ("median_lower", { $0.relapse.median().lower }),
            ("median_upper", { $0.relapse.median().upper }), ("dropout_median", { $0.dropout.median().estimate }),
            ("negative_mean", { $0.negativeWeeks?.mean }), ("negative_sd", { $0.negativeWeeks?.standardDeviation }),
        ]
        for week in [4, 8, 12] {
            checks.append(("s\(week)", { $0.relapse.estimate(at: Double(week)).survival }))
            checks.append(("s\(week)_lower", { $0.relapse.estimate(at: Double(week)).lower }))
            checks.append(("s\(week)_upper", { $0.relapse.estimate(at: Double(week)).upper }))
        }
        for (column, actual) in checks {
            for (index, expected) in try reference.optionalNumbers(column).enumerated() {
                let value = actual(summaries[index])
                guard let expected else {
                    #expect(value == nil, "\(summaries[index].label) \(column)")
                    continue
                }
                #expect(closeness(value ?? .nan, expected, relative: 1e-9, label: "\(summaries[index].label) \(column)") == nil)
            }
        }
        let tests = try InputTable(url: datasetURL("reference/urine-screens/relapse-logrank.csv"))
        let byLabel = Dictionary(uniqueKeysWithValues: summaries.map { ($0.label, $0) })
        for (row, (referenceArm, comparisonArm)) in try zip(tests.text("reference"), tests.text("comparison")).enumerated() {
            let test = try #require(UrineScreenOutcomes.compareRelapse(byLabel[referenceArm]!, byLabel[comparisonArm]!))
            #expect(closeness(test.test.statistic, try tests.numbers("chisq")[row], relative: 1e-9) == nil)
            #expect(closeness(test.test.pValue, try tests.numbers("p")[row], relative: 1e-9) == nil)
        }
    }
}

import Foundation
import OutcomeStats
import Testing
import TreatmentOutcomes
import _OutcomeTestSupport

@testable import OutcomeReports

/// The "Urine-screen outcomes" section on hand-made cohorts with hand-computed Kaplan–Meier values, log-rank
/// statistics and suppression (minimum cell size 3: counts 1–2 withheld).
@Suite("Urine-screen outcomes section")
struct UrineScreenSectionTests {
    static let alone = "bup alone"
    static let counseling = "bup + counseling"

    /// `bup alone` (buprenorphine, no support), 5 patients, and `bup + counseling`, 7 patients; 15-week words, so
    /// relapse is censored at week 12. Optionally 2 patients of a methadone arm `C`.
    ///
    /// | word | relapse | dropout | Ab weeks 12–15 | negative weeks 1–15 |
    /// |---|---|---|---|---|
    /// | alone `---------------` | 12 censored | 12 c. | yes | 15/15 |
    /// | alone `--++++---------` | 3 | 12 c. | yes | 11/15 |
    /// | alone `-----oooo------` | 6 | 6 | yes | 11/15 |
    /// | alone `++++++++++++++o` | 1 | 12 c. | no | 0 |
    /// | alone `------*---+----` | 12 c. | 12 c. | yes | 13.5/15 |
    /// | counseling `---------------` ×2 | 12 c. | 12 c. | yes | 15/15 |
    /// | counseling `o--------------` | 12 c. | 12 c. | yes | 14/15 |
    /// | counseling `oooo-----------` | 1 | 1 | yes | 11/15 |
    /// | counseling `++++++-----+---` | 1 | 12 c. | no | 8/15 |
    /// | counseling `-------++++oooo` | 8 | 12 | no | 7/15 |
    /// | counseling `--------+++++++` | 9 | 12 c. | no | 8/15 |
    static func cohort(withSmallArm: Bool) -> (Cohort, UsePatternProvider) {
        var rows: [(arm: String, medication: Medication, support: String, word: UsePattern)] = [
            "---------------", "--++++---------", "-----oooo------", "++++++++++++++o", "------*---+----",
        ].map { (alone, .buprenorphine, "none", $0) }
        rows += ["---------------", "---------------", "o--------------", "oooo-----------", "++++++-----+---",
                 "-------++++oooo", "--------+++++++"].map { (counseling, .buprenorphine, "counseling", $0) }
        if withSmallArm { rows += ["---------------", "+++++++++++++++"].map { ("C", .methadone, "none", $0) } }
        let identifiers = rows.indices.map { "ID-7Q3X-\($0)" }
        let patients = PatientTable(
            identifiers: identifiers, site: CategoricalColumn(labels: rows.map { _ in "s" }),
            arm: CategoricalColumn(labels: rows.map(\.arm)), medication: rows.map(\.medication),
            psychosocial: CategoricalColumn(labels: rows.map(\.support)), indexDate: nil, covariates: [])
        let words = UsePatternFile(identifiers: identifiers, patterns: rows.map(\.word))
        return (Cohort(patients: patients), .published(words, description: "hand-made words"))
    }

    func report(_ cohort: Cohort, provider: UsePatternProvider, minimum: Int = 3) async throws -> Report.Section {
        var plan = AnalysisPlan(), cohort = cohort
        switch provider {
        case .published(let file, let description):
            cohort = cohort.replacingPublishedUsePatterns(PublishedUsePatterns(file: file, description: description))
        case .builtFromScreens(let options):
            plan.urineScreens.words = .builtFromScreens
            plan.weekOneStartDay = options.firstDayOfWeekOne
        }
        let report = await makeReport(cohort, plan: plan, minimum: minimum, parts: [.urineScreens])
        return try #require(report.sections.first { $0.heading == "Urine-screen outcomes" })
    }

    func table(_ section: Report.Section, _ title: String) throws -> Table {
        try #require(section.blocks.lazy.compactMap { block -> Table? in
            if case .table(let table) = block, table.title == title { table } else { nil }
        }.first, "no table \(title)")
    }

    func row(_ table: Table, _ label: String) throws -> [Cell] {
        try #require(table.rows.first { $0.first == .text(label) }, "no row \(label)")
    }

    /// `S [lower, upper]` with the log interval S·exp(±1.96σ) capped at 1, σ² the Greenwood sum.
    func interval(_ survival: Double, greenwood: Double) -> String {
        let z = ConfidenceLevel.ninetyFive.normalQuantile
        let spread = z * greenwood.squareRoot()
        let percent = { NumberFormat.percentage($0, decimals: 1) }
        return "\(percent(survival)) [\(percent(survival * exp(-spread))), \(percent(min(1, survival * exp(spread))))]"
    }

    @Test("Relapse table: hand-computed Kaplan–Meier values, medians and withheld relapse counts")
    func relapseByHand() async throws {
        let (cohort, provider) = Self.cohort(withSmallArm: false)
        let section = try await report(cohort, provider: provider)
        let relapse = try table(section, "Relapse by arm (CTN-0094 definition)")
        // alone: events at 1, 3, 6 (n 5, 4, 3): 3 relapsed and 2 not. The 2 is small, so the relapse count is
        // withheld, and with it every estimate of the curve (S(12) = 2/5 with N = 5 would give the 2 back).
        #expect(try row(relapse, Self.alone) == [
            .text(Self.alone), .text("buprenorphine + none"), .count(5), .suppressed, .suppressed,
            .suppressed, .suppressed, .suppressed,
        ])
        // counseling: 2 events at 1 (n 7), then 8 (n 5) and 9 (n 4): S = 5/7, 4/7, 3/7; Greenwood 2/35, + 1/20,
        // + 1/12. 4 relapsed, 3 not: shown. Median 9; the lower band is 0.447 at week 1. Week 4 would show 2
        // relapses (small): withheld; week 8 shows 3 (≥ 3); week 12 would add 1 since week 8: withheld.
        #expect(try row(relapse, Self.counseling) == [
            .text(Self.counseling), .text("buprenorphine + counseling"), .count(7), .count(4), .text("9.0 [1.0, NA]"),
            .suppressed, .text(interval(4.0 / 7, greenwood: 2.0 / 35 + 1.0 / 20)), .suppressed,
        ])
        #expect(interval(0.6, greenwood: 1.0 / 20 + 1.0 / 12) == "60.0% [29.3%, 100.0%]")
    }

    @Test("Dropout, abstinence and negative weeks: Wilson intervals, means, withheld counts and complements")
    func abstinenceByHand() async throws {
        let (cohort, provider) = Self.cohort(withSmallArm: false)
        let abstinence = try table(try await report(cohort, provider: provider), "Dropout, abstinence and negative weeks by arm")
        func mean(_ values: [Double]) -> (String, String) {
            let m = values.reduce(0, +) / Double(values.count)
            let sd = (values.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(values.count - 1)).squareRoot()
            let half = 1.959963984540054 * sd / Double(values.count).squareRoot()
            let p = { NumberFormat.percentage($0, decimals: 1) }
            return ("\(p(m)) (\(p(sd)))", "\(p(m - half)) – \(p(m + half))")
        }
        // alone: 1 dropout of 5 (small), 4 abstinent of 5 (1 not: small): both withheld, and the dropout median
        // with its dropouts.
        let alone = mean([15, 11, 11, 0, 13.5].map { $0 / 15 })
        #expect(try row(abstinence, Self.alone) == [
            .text(Self.alone), .count(5), .suppressed, .suppressed, .suppressed, .suppressed, .suppressed,
            .text(alone.0), .text(alone.1),
        ])
        // counseling: 2 dropouts of 7 (small): withheld with the median; 4 abstinent of 7: Wilson(4, 7); 0.742857
        // mean negative.
        let wilson = WilsonScoreInterval(successes: 4, trials: 7)
        let counseling = mean([15, 15, 14, 11, 8, 7, 8].map { $0 / 15 })
        #expect(try row(abstinence, Self.counseling) == [
            .text(Self.counseling), .count(7), .suppressed, .suppressed, .suppressed,
            .countAndPercentage(count: 4, percentage: 4.0 / 7, decimals: 1),
            .text("\(NumberFormat.percentage(wilson.lower, decimals: 1)) – \(NumberFormat.percentage(wilson.upper, decimals: 1))"),
            .text(counseling.0), .text(counseling.1),
        ])
        #expect(counseling.0 == "74.3% (23.5%)")
        // 4/7 Wilson by the formula (Wilson 1927; docs/ReportingConventions.md, "Wilson score interval")
        #expect(isClose(wilson.lower, 0.25045, absolute: 5e-5) && isClose(wilson.upper, 0.84178, absolute: 5e-5))
    }

    /// Log-rank by hand, alone vs counseling. Event times 1 (n 5 + 7, d 1 + 2), 3 (4 + 5, alone), 6 (3 + 5, alone),
    /// 8 (2 + 5, counseling), 9 (2 + 4, counseling). E_alone = 3·5/12 + 4/9 + 3/8 + 2/7 + 2/6;
    /// V = 3·(5/12)(7/12)(9/11) + 20/81 + 15/64 + 10/49 + 8/36; O_alone = 3.
    @Test("Log-rank comparison with medication alone as the reference, and the contrast sentence")
    func comparisonByHand() async throws {
        let (cohort, provider) = Self.cohort(withSmallArm: false)
        let section = try await report(cohort, provider: provider)
        let comparisons = try table(section, "Relapse comparisons (log-rank)")
        let expected = 3.0 * 5 / 12 + 4.0 / 9 + 3.0 / 8 + 2.0 / 7 + 2.0 / 6
        let variance = 3.0 * (5.0 / 12) * (7.0 / 12) * (9.0 / 11) + 20.0 / 81 + 15.0 / 64 + 10.0 / 49 + 8.0 / 36
        let statistic = (3 - expected) * (3 - expected) / variance
        // R 4.2.2, survival 3.5.3: survdiff(Surv(t, e) ~ g) on these 12 observations gives chisq 0.0645115470004067
        #expect(isClose(statistic, 0.0645115470004067, relative: 1e-12))
        #expect(comparisons.rows.count == 1)
        #expect(Array(comparisons.rows[0].prefix(3)) == [
            .text("\(Self.counseling) vs \(Self.alone)"), .text("medication plus psychosocial support vs medication alone"),
            .text("0.06 (1)"),
        ])
        guard case .pValue(let p) = comparisons.rows[0][3] else { Issue.record("no p-value"); return }
        #expect(isClose(p, ChiSquared(degreesOfFreedom: 1).upperTail(statistic), relative: 1e-12))
        let sentences = section.blocks.compactMap { block -> [String]? in
            if case .bulletList(let items) = block { items } else { nil }
        }.flatMap { $0 }
        // Week 12 is withheld in both arms, as in the table (counseling: 1 relapse since week 8; alone: 2 not relapsed).
        #expect(sentences == [
            "\(Self.counseling) (buprenorphine + counseling) vs \(Self.alone) (buprenorphine + none): not relapsed by "
                + "week 12 withheld vs withheld; abstinent in weeks 12–15 57.1% vs withheld; mean negative weeks 1–15 74.3% "
                + "vs 67.3%; log-rank p = \(NumberFormat.pValue(ChiSquared(degreesOfFreedom: 1).upperTail(statistic)))."
        ])
    }

    @Test("An arm whose N the baseline tables withhold shows nothing here, and is not compared")
    func suppressedArms() async throws {
        let (cohort, provider) = Self.cohort(withSmallArm: true)
        let section = try await report(cohort, provider: provider)
        // arm Ns {C 2, counseling 7, alone 5 | 14}: C is small; alone's patients with a word (5) would bound alone's N
        // from below and so pin C, so the ledger withholds them too.
        let relapse = try table(section, "Relapse by arm (CTN-0094 definition)")
        #expect(try row(relapse, "C").dropFirst(2).allSatisfy { $0 == .suppressed })
        #expect(try row(relapse, Self.alone).dropFirst(2).allSatisfy { $0 == .suppressed })
        // counseling's 7 with a word would bound its N from below and so narrow C + alone: withheld too, and with
        // it every estimate of the arm; its 4 relapses (3 not) stay.
        #expect(try row(relapse, Self.counseling)[2] == .suppressed && row(relapse, Self.counseling)[3] == .count(4))
        #expect(!section.blocks.contains { if case .table(let t) = $0 { t.title.hasPrefix("Relapse comparisons") } else { false } })
        guard case .chart(let chart)? = section.blocks.first(where: { if case .chart = $0 { true } else { false } }) else {
            Issue.record("no chart")
            return
        }
        // Panels by medication keep an empty series per arm not drawn (its colour's place); nothing is drawn.
        #expect(chart.xySeries.allSatisfy { $0.points.isEmpty })
    }

    @Test("Words built from screens (hand-made screens of the two-arm cohort), and a cohort without screens")
    func builtFromScreens() async throws {
        let section = try await report(TestCohorts.twoArms, provider: .builtFromScreens(WeeklyUsePatternOptions()), minimum: 11)
        guard case .paragraph(let text)? = section.blocks.first else { Issue.record("no paragraph"); return }
        #expect(text.contains("words built from this cohort's urine screens") && text.contains("week 1 = days 1–7"))
        let relapse = try table(section, "Relapse by arm (CTN-0094 definition)")
        // medication only = patients 26…49: i mod 4 = 1 (6 patients) relapse at week 5, i mod 4 = 2 (6) at week 6;
        // S(5) = 18/24, S(6) = 12/24 = 0.5 and no later drop, so the median is 6 (R's rule).
        let only = try row(relapse, "medication only")
        #expect(Array(only[2...4]) == [.count(24), .count(12), .text("6.0 [6.0, NA]")])
        let abstinence = try table(section, "Dropout, abstinence and negative weeks by arm")
        // all 24 abstinent in weeks 12-15 (the complement 0 is not small); 6 dropouts (small) withheld, with the
        // dropout median
        let wilson = WilsonScoreInterval(successes: 24, trials: 24)
        #expect(Array(try row(abstinence, "medication only")[2...6]) == [
            .suppressed, .suppressed, .suppressed, .countAndPercentage(count: 24, percentage: 1, decimals: 1),
            .text("\(NumberFormat.percentage(wilson.lower, decimals: 1)) – 100.0%"),
        ])
        let none = try await report(TestCohorts.smallArm, provider: .builtFromScreens(WeeklyUsePatternOptions()))
        #expect(none.blocks == [.paragraph(
            "Urine-screen outcomes were not measured: weekly use-pattern words needs screens.csv, which this cohort does not have.")])
    }
}

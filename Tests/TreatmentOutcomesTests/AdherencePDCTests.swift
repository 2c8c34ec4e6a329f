import Foundation
import OutcomeStats
import Testing
import _OutcomeTestSupport

@testable import TreatmentOutcomes

/// Hand-computed PDC and MPR cases, one per rule of the PQA method (docs/Adherence.md, "PDC (PQA method)", "MPR").
@Suite("Adherence: proportion of days covered")
struct AdherencePDCTests {
    func date(_ text: String) -> Int32 { CivilDate(iso8601: text)!.daysSinceEpoch }

    /// Fills of one patient "P" on a day scale, drugs optional. Every patient with a fill in the period is kept
    /// (``PDCEligibility/anyFill``) unless `eligibility` says otherwise: these cases test the coverage rules.
    func pdc(_ fills: [(Int32, Int32)], drugs: [String]? = nil, period: ClosedRange<Int32>, fromFirst: Bool = false,
             threshold: Double = 0.8, eligibility: PDCEligibility = .anyFill) -> [PatientPDC] {
        let data = PharmacyFills(
            identifiers: fills.map { _ in "P" }, day: fills.map(\.0), daysSupply: fills.map(\.1), drug: drugs)
        return ProportionOfDaysCovered.compute(data, options: PDCOptions(
            period: DayInterval(first: period.lowerBound, last: period.upperBound), startsAtFirstFill: fromFirst,
            threshold: threshold, eligibility: eligibility))
    }

    @Test("PQA worked example: 90-day fills 2018-03-25, 07-05, 09-25 give 270/282 = 0.9574")
    func pqaWorkedExample() throws {
        let results = pdc(
            [(date("2018-03-25"), 90), (date("2018-07-05"), 90), (date("2018-09-25"), 90)],
            period: date("2018-01-01")...date("2018-12-31"), fromFirst: true)
        let result = try #require(results.first)
        #expect(result.periodStart == date("2018-03-25"))
        #expect(result.daysInPeriod == 282 && result.daysCovered == 270)
        #expect(abs(result.proportionOfDaysCovered - 0.9574) < 5e-5 && result.isAdherent)
    }

    @Test("overlaps cascade: 30-day fills on days 0, 10, 20 cover days 0–89")
    func cascade() throws {
        let result = try #require(pdc([(20, 30), (0, 30), (10, 30)], period: 0...99).first)
        #expect(result.daysInPeriod == 100 && result.daysCovered == 90 && result.proportionOfDaysCovered == 0.9)
        #expect(result.daysSupplied == 90 && result.medicationPossessionRatio == 0.9)
    }

    @Test("two same-day fills of one drug add their supplies")
    func sameDay() throws {
        let result = try #require(pdc([(0, 30), (0, 30)], period: 0...99).first)
        #expect(result.daysCovered == 60)
    }

    @Test("different drugs are not shifted and a day counts once")
    func twoDrugs() throws {
        let separate = try #require(pdc([(0, 30), (10, 30)], drugs: ["A", "B"], period: 0...99).first)
        #expect(separate.daysCovered == 40)
        let same = try #require(pdc([(0, 30), (10, 30)], drugs: ["A", "A"], period: 0...99).first)
        #expect(same.daysCovered == 60)
        // Drug A on day 0 and 10 cascades to 0–59 while drug B on day 5 overlaps without moving.
        let mixed = try #require(pdc([(0, 30), (5, 10), (10, 30)], drugs: ["A", "B", "A"], period: 0...99).first)
        #expect(mixed.daysCovered == 60)
    }

    @Test("supply past the end is cut; MPR is not, and the capped MPR is 1")
    func pastTheEnd() throws {
        let result = try #require(pdc([(0, 30), (20, 30)], period: 0...49).first)
        #expect(result.daysCovered == 50 && result.proportionOfDaysCovered == 1)
        #expect(result.medicationPossessionRatio == 1.2 && result.cappedMedicationPossessionRatio == 1)
        let late = try #require(pdc([(40, 30)], period: 0...49, fromFirst: true).first)
        #expect(late.daysInPeriod == 10 && late.daysCovered == 10)
    }

    @Test("fills dated before or after the period are ignored, with their supply")
    func outsideThePeriod() throws {
        let result = try #require(pdc([(-10, 30), (5, 10), (120, 30)], period: 0...99).first)
        #expect(result.daysCovered == 10 && result.fillCount == 1 && result.daysSupplied == 10)
        #expect(pdc([(-10, 30)], period: 0...99).isEmpty)
    }

    @Test("leap years: 2024 has 366 days; from 2024-02-28 to the end of the year is 308 days (307 in 2023)")
    func leapYears() throws {
        let leap = try #require(pdc([(date("2024-02-28"), 3)], period: date("2024-01-01")...date("2024-12-31")).first)
        #expect(leap.daysInPeriod == 366 && leap.daysCovered == 3)
        let fromFirst = try #require(
            pdc([(date("2024-02-28"), 3)], period: date("2024-01-01")...date("2024-12-31"), fromFirst: true).first)
        #expect(fromFirst.daysInPeriod == 308)
        let common = try #require(
            pdc([(date("2023-02-28"), 3)], period: date("2023-01-01")...date("2023-12-31"), fromFirst: true).first)
        #expect(common.daysInPeriod == 307 && common.daysCovered == 3)
    }

    @Test("adherent means PDC ≥ threshold (equality counts)")
    func threshold() throws {
        #expect(try #require(pdc([(0, 8)], period: 0...9).first).isAdherent)
        #expect(try #require(pdc([(0, 7)], period: 0...9).first).isAdherent == false)
        #expect(try #require(pdc([(0, 8)], period: 0...9, threshold: 0.9).first).isAdherent == false)
    }

    @Test("patients keep their order of first appearance; rows of each are sorted by day")
    func severalPatients() {
        let data = PharmacyFills(identifiers: ["B", "A", "B"], day: [10, 0, 0], daysSupply: [5, 10, 5])
        #expect(data.identifiers == ["B", "A"])
        let results = ProportionOfDaysCovered.compute(
            data, options: PDCOptions(period: DayInterval(first: 0, last: 19), eligibility: .anyFill))
        #expect(results.map(\.patient) == [0, 1] && results.map(\.daysCovered) == [10, 10])
    }

    @Test("PQA eligibility (default): two fills on different dates of service")
    func eligibilityTwoDates() throws {
        // The default options apply PQA's rule.
        #expect(PDCOptions(period: DayInterval(first: 0, last: 9)).eligibility == .pqa)
        // One fill: out. Two fills on one day (same drug, or two drugs): one date of service, out.
        #expect(pdc([(0, 30)], period: 0...99, eligibility: .pqa).isEmpty)
        #expect(pdc([(5, 30), (5, 30)], period: 0...99, eligibility: .pqa).isEmpty)
        #expect(pdc([(5, 30), (5, 30)], drugs: ["A", "B"], period: 0...99, eligibility: .pqa).isEmpty)
        // A second date before the period does not count; a second date inside it does.
        #expect(pdc([(-3, 30), (5, 30)], period: 0...99, eligibility: .pqa).isEmpty)
        let two = try #require(pdc([(5, 30), (5, 30), (40, 30)], period: 0...99, eligibility: .pqa).first)
        #expect(two.fillDates == 2 && two.fillCount == 3 && two.isEligible && two.daysCovered == 90)
        // Ineligible patients are returned flagged when asked, with their PDC.
        let data = PharmacyFills(identifiers: ["A", "B", "B"], day: [0, 0, 30], daysSupply: [30, 30, 30])
        let all = ProportionOfDaysCovered.compute(
            data, options: PDCOptions(period: DayInterval(first: 0, last: 59)), includingIneligible: true)
        #expect(all.map(\.isEligible) == [false, true] && all.map(\.daysCovered) == [30, 60])
        let denominator = ProportionOfDaysCovered.compute(data, options: PDCOptions(period: DayInterval(first: 0, last: 59)))
        #expect(denominator.map(\.patient) == [1])
        // A higher minimum.
        let three = PDCEligibility(minimumFillDates: 3)
        #expect(pdc([(0, 10), (10, 10)], period: 0...99, eligibility: three).isEmpty)
        #expect(pdc([(0, 10), (10, 10), (20, 10)], period: 0...99, eligibility: three).count == 1)
    }

    @Test("older PQA option: the IPSD at least 91 days before the end of the period")
    func eligibilityIndexRule() throws {
        let year = date("2018-01-01")...date("2018-12-31")
        // 2018-10-01 is 91 days before 2018-12-31: eligible; 2018-10-02 (90 days) is not.
        let onFirstOctober = pdc([(date("2018-10-01"), 30), (date("2018-11-01"), 30)], period: year,
                                 fromFirst: true, eligibility: .pqaWithIndexRule)
        #expect(try #require(onFirstOctober.first).daysInPeriod == 92)
        #expect(pdc([(date("2018-10-02"), 30), (date("2018-11-01"), 30)], period: year, fromFirst: true,
                    eligibility: .pqaWithIndexRule).isEmpty)
        // The rule uses the first fill in the period, also for a fixed period; two dates are still needed.
        #expect(pdc([(date("2018-10-02"), 30), (date("2018-11-01"), 30)], period: year, eligibility: .pqaWithIndexRule).isEmpty)
        #expect(pdc([(date("2018-03-01"), 30)], period: year, eligibility: .pqaWithIndexRule).isEmpty)
        #expect(pdc([(date("2018-10-02"), 30), (date("2018-11-01"), 30)], period: year, eligibility: .pqa).count == 1)
        // The PQA worked example (IPSD 2018-03-25, three dates) passes both rules.
        let example = pdc([(date("2018-03-25"), 90), (date("2018-07-05"), 90), (date("2018-09-25"), 90)], period: year,
                          fromFirst: true, eligibility: .pqaWithIndexRule)
        #expect(try #require(example.first).daysCovered == 270)
    }

    @Test("randomised: PDC ≤ 1, MPR ≥ PDC, and one drug covers at least as many days as shifting-free union")
    func invariants() {
        withEverySeed(1...100) { generator, seed in
            let count = Int.random(in: 1...12, using: &generator)
            let days = (0..<count).map { _ in Int32.random(in: -30...200, using: &generator) }
            let supplies = (0..<count).map { _ in Int32.random(in: 0...60, using: &generator) }
            let oneDrug = pdc(Array(zip(days, supplies)), period: 0...179)
            let eachOwn = pdc(Array(zip(days, supplies)), drugs: (0..<count).map { "D\($0)" }, period: 0...179)
            #expect(oneDrug.count == eachOwn.count, "seed \(seed)")
            for (single, separate) in zip(oneDrug, eachOwn) {
                #expect(single.proportionOfDaysCovered <= 1 && single.medicationPossessionRatio >= single.proportionOfDaysCovered - 1e-15, "seed \(seed)")
                #expect(single.daysCovered >= separate.daysCovered, "seed \(seed)")
            }
        }
    }

    @Test("input errors name the file, line and column")
    func inputErrors() throws {
        func error(_ csv: String) throws -> InputError? {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("fills-\(UUID().uuidString).csv")
            try Data(csv.utf8).write(to: url)
            defer { try? FileManager.default.removeItem(at: url) }
            do {
                _ = try PharmacyFills(table: InputTable(url: url, displayName: "fills.csv"), id: "id", date: "date",
                                      daysSupply: "supply")
                return nil
            } catch let error as InputError { return error }
        }
        #expect(try error("id,date,supply\nA,2024-02-30,30\n")?.description
                == "fills.csv:2: column \"date\": \"2024-02-30\" is not a valid date (expected YYYY-MM-DD)")
        #expect(try error("id,date,supply\nA,2024-02-01,30\nA,2024-03-01,-5\n")?.kind == .negativeDaysSupply)
        #expect(try error("id,date,supply\nA,2024-02-01,7.5\n")?.kind == .notAnInteger)
        #expect(try error("id,date,supply\n,2024-02-01,7\n")?.description == "fills.csv:2: column \"id\": required value is empty")
        #expect(try error("id,date,days\nA,2024-02-01,7\n")?.kind == .missingColumn)
        #expect(try error("id,date,supply\nA,2024-02-01,30\n") == nil)
    }
}

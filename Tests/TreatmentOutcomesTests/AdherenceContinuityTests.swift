import OutcomeStats
import Testing

@testable import TreatmentOutcomes

/// Hand-computed cases of 180-day continuity (NQF #3175 / HEDIS POD; docs/Adherence.md, "180-day continuity").
@Suite("Adherence: 180-day continuity of pharmacotherapy")
struct AdherenceContinuityTests {
    func continuity(_ fills: [(Int32, Int32)], drugs: [String]? = nil, options: ContinuityOptions = ContinuityOptions())
        -> [TreatmentStartContinuity] {
        PharmacotherapyContinuity.compute(
            PharmacyFills(identifiers: fills.map { _ in "P" }, day: fills.map(\.0), daysSupply: fills.map(\.1), drug: drugs),
            options: options)
    }

    @Test("six monthly 30-day fills cover the 180 days")
    func continuous() throws {
        let results = continuity([0, 30, 60, 90, 120, 150].map { ($0, 30) })
        #expect(results.count == 1)
        let result = try #require(results.first)
        #expect(result.start == 0 && result.periodEnd == 179 && result.daysCovered == 180)
        #expect(result.longestGap == 0 && result.isContinuous)
    }

    @Test("a gap of 7 days keeps continuity; 8 breaks it")
    func gapBoundary() throws {
        let seven = try #require(continuity([(0, 30), (37, 150)]).first)
        #expect(seven.longestGap == 7 && seven.isContinuous && seven.daysCovered == 173)
        let eight = try #require(continuity([(0, 30), (38, 150)]).first)
        #expect(eight.longestGap == 8 && !eight.isContinuous)
        let uncovered = try #require(continuity([(0, 30), (38, 150)], options: ContinuityOptions(maximumGap: 8)).first)
        #expect(uncovered.isContinuous)
    }

    @Test("same-drug supplies are summed; different drugs are not")
    func sameAndDifferentDrugs() throws {
        // Two 90-day fills on day 0: 0–179 covered.
        #expect(try #require(continuity([(0, 90), (0, 90)]).first).isContinuous)
        // Different drugs: both cover 0–89, then 90–179 is uncovered.
        let different = try #require(continuity([(0, 90), (0, 90)], drugs: ["A", "B"]).first)
        #expect(!different.isContinuous && different.longestGap == 90)
    }

    @Test("a start needs 31 days without fills or supply; a patient can have several starts")
    func negativeHistory() {
        // Day 45 has supply in hand within 31 days (covered to day 29): not a start. Day 100: history 69–99 is
        // empty, so a second start. Day 140 has the supply of day 100 (to day 129) in hand.
        let results = continuity([(0, 30), (45, 10), (100, 30), (140, 5)])
        #expect(results.map(\.start) == [0, 100])
        // With a 14-day history window, day 45 (history 31–44) is a start too.
        let short = continuity([(0, 30), (45, 10), (100, 30), (140, 5)], options: ContinuityOptions(negativeHistoryDays: 14))
        #expect(short.map(\.start) == [0, 45, 100])
        // Same-day fills give one start.
        #expect(continuity([(0, 30), (0, 30)]).count == 1)
    }

    @Test("options: period length and intake period")
    func options() {
        let results = continuity([(0, 30)], options: ContinuityOptions(treatmentDays: 30))
        #expect(results.first?.isContinuous == true && results.first?.periodEnd == 29)
        let intake = continuity([(0, 30), (100, 30)], options: ContinuityOptions(intake: DayInterval(first: 50, last: 200)))
        #expect(intake.map(\.start) == [100])
    }
}

import Testing
@testable import TreatmentOutcomes

@Suite("Civil dates")
struct CivilDateTests {
    @Test("Known day numbers")
    func knownDays() throws {
        #expect(CivilDate(year: 1970, month: 1, day: 1)?.daysSinceEpoch == 0)
        #expect(CivilDate(year: 2000, month: 3, day: 1)?.daysSinceEpoch == 11_017)
        #expect(CivilDate(year: 1969, month: 12, day: 31)?.daysSinceEpoch == -1)
        // PQA example: 2018-03-25 to 2018-12-31 inclusive is 282 days.
        let start = try #require(CivilDate(iso8601: "2018-03-25"))
        let end = try #require(CivilDate(iso8601: "2018-12-31"))
        #expect(start.days(to: end) + 1 == 282)
    }

    @Test("Invalid dates are rejected")
    func invalid() {
        #expect(CivilDate(iso8601: "2023-02-29") == nil)
        #expect(CivilDate(iso8601: "2024-02-29") != nil)
        #expect(CivilDate(iso8601: "1900-02-29") == nil)
        #expect(CivilDate(iso8601: "2000-02-29") != nil)
        #expect(CivilDate(iso8601: "2024-13-01") == nil)
        #expect(CivilDate(iso8601: "2024-04-31") == nil)
        #expect(CivilDate(iso8601: "2024-4-1") == nil)
        #expect(CivilDate(iso8601: "24-04-01x") == nil)
        #expect(CivilDate(iso8601: "") == nil)
    }

    @Test("Round trip over four centuries")
    func roundTrip() {
        for day in stride(from: Int32(-200_000), through: 200_000, by: 37) {
            let date = CivilDate(daysSinceEpoch: day)
            let (year, month, dayOfMonth) = date.components
            #expect(CivilDate(year: year, month: month, day: dayOfMonth) == date)
            #expect(CivilDate(iso8601: date.description) == date || year < 0 || year > 9999)
        }
    }
}

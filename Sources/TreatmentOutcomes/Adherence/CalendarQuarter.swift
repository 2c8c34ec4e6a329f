/// A calendar quarter: January–March is quarter 1, …, October–December quarter 4.
public struct CalendarQuarter: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    /// 1…4.
    public let quarter: Int

    /// - Precondition: `1 ≤ quarter ≤ 4`.
    public init(year: Int, quarter: Int) {
        precondition((1...4).contains(quarter), "CalendarQuarter: quarter must be 1…4")
        self.year = year
        self.quarter = quarter
    }

    /// The quarter containing `date`.
    public init(containing date: CivilDate) {
        self.init(year: date.components.year, quarter: date.quarter)
    }

    /// The first day (1 January, 1 April, 1 July or 1 October).
    public var firstDay: CivilDate { CivilDate(year: year, month: 3 * quarter - 2, day: 1)! }

    /// The last day (31 March, 30 June, 30 September or 31 December).
    public var lastDay: CivilDate { next.firstDay.adding(days: -1) }

    /// The quarter after this one.
    public var next: CalendarQuarter {
        quarter == 4 ? CalendarQuarter(year: year + 1, quarter: 1) : CalendarQuarter(year: year, quarter: quarter + 1)
    }

    /// Days in the quarter: 90 (91 in a leap year) for quarter 1, 91 for quarter 2, 92 for quarters 3 and 4.
    public var dayCount: Int { firstDay.days(to: lastDay) + 1 }

    /// `2024-Q1`.
    public var description: String { "\(year)-Q\(quarter)" }

    public static func < (lhs: CalendarQuarter, rhs: CalendarQuarter) -> Bool {
        (lhs.year, lhs.quarter) < (rhs.year, rhs.quarter)
    }
}

extension CalendarQuarter {
    /// Parses `YYYY-Qn` (`n` 1–4; year 1–9999); `nil` for anything else.
    public init?(parsing text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]), year >= 1,
              parts[1].count == 2, parts[1].first == "Q" || parts[1].first == "q",
              let quarter = Int(parts[1].dropFirst()), (1...4).contains(quarter)
        else { return nil }
        self.init(year: year, quarter: quarter)
    }

    /// The quarter before this one.
    public var previous: CalendarQuarter {
        quarter == 1 ? CalendarQuarter(year: year - 1, quarter: 4) : CalendarQuarter(year: year, quarter: quarter - 1)
    }
}

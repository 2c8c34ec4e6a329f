/// One measure of the quarterly outcome report; its id is what the CSV prints (docs/QuarterlyMeasures.md gives
/// each definition, its steward and its edge cases).
public struct QuarterlyMeasure: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// What the value is.
    public enum Kind: Sendable, Hashable {
        /// A count (no denominator, no interval).
        case count
        /// numerator / denominator, with a Wilson score interval.
        case proportion
        /// numerator per patient-month of treatment, with an exact Poisson interval.
        case rate
    }

    /// The CSV id, e.g. `retained_90_days`.
    public let id: String
    public let kind: Kind
    /// A short label for tables.
    public let label: String
    /// Days of follow-up after the quarter its value needs (retention: 90 or 180), else 0.
    public let followUpDays: Int
    /// Order in the report.
    let rank: Int

    public var description: String { id }

    public static func < (lhs: QuarterlyMeasure, rhs: QuarterlyMeasure) -> Bool { (lhs.rank, lhs.id) < (rhs.rank, rhs.id) }

    /// Patients whose index date falls in the quarter.
    public static let admissions = QuarterlyMeasure(id: "admissions", kind: .count, label: "Admissions", followUpDays: 0, rank: 0)
    /// Patients in treatment on at least one day of the quarter.
    public static let activePatients = QuarterlyMeasure(
        id: "active_patients", kind: .count, label: "Patients in treatment", followUpDays: 0, rank: 1)
    /// Of the quarter's admissions, those whose first episode lasted at least `days` (end − start ≥ days).
    public static func retained(days: Int) -> QuarterlyMeasure {
        QuarterlyMeasure(
            id: "retained_\(days)_days", kind: .proportion, label: "Retained \(days) days", followUpDays: days,
            rank: 10 + min(days, 9_999) / 1_000)
    }
    /// Of active patients with an opioid screen in the quarter, those whose screens in it were all negative.
    public static let opioidNegative = QuarterlyMeasure(
        id: "opioid_negative", kind: .proportion, label: "Opioid-negative screens", followUpDays: 0, rank: 30)
    /// Attended psychosocial sessions per active patient-month.
    public static let psychosocialSessionsRate = QuarterlyMeasure(
        id: "psychosocial_sessions_rate", kind: .rate, label: "Psychosocial sessions per patient-month",
        followUpDays: 0, rank: 40)
    /// Active patients with at least the plan's minimum of attended psychosocial sessions in the quarter.
    public static let psychosocialEngaged = QuarterlyMeasure(
        id: "psychosocial_engaged", kind: .proportion, label: "Engaged in psychosocial care", followUpDays: 0, rank: 41)
    /// Episodes ending in the quarter, for any reason.
    public static let discharges = QuarterlyMeasure(id: "discharges", kind: .count, label: "Discharges", followUpDays: 0, rank: 50)
    /// Episodes ending in the quarter for `reason`.
    public static func discharges(_ reason: EpisodeEndReason) -> QuarterlyMeasure {
        QuarterlyMeasure(
            id: "discharges_\(reason.rawValue)", kind: .count, label: "Discharges: \(reason.rawValue)", followUpDays: 0,
            rank: 51 + (EpisodeEndReason.allCases.firstIndex(of: reason) ?? 0))
    }
    /// The end reasons counted as discharges (every reason but `ongoing`).
    public static let dischargeReasons: [EpisodeEndReason] = EpisodeEndReason.allCases.filter { $0 != .ongoing }
}

/// Whom a quarterly value counts.
public enum QuarterlyGroup: Sendable, Hashable, Comparable, CustomStringConvertible {
    case all
    case medication(Medication)
    /// A psychosocial support label; `nil` for patients without one.
    case psychosocial(String?)
    /// An arm (a medication with a support, as the program records it); `nil` for patients without one.
    case arm(String?)
    /// A site; `nil` for patients without one.
    case site(String?)

    /// As the CSV prints it: `all`, `medication=methadone`, `psychosocial=CBT` (`psychosocial=missing`),
    /// `arm=…`, `site=…`.
    public var description: String {
        switch self {
        case .all: "all"
        case .medication(let medication): "medication=\(medication.rawValue)"
        case .psychosocial(let label): "psychosocial=\(label ?? "missing")"
        case .arm(let label): "arm=\(label ?? "missing")"
        case .site(let label): "site=\(label ?? "missing")"
        }
    }

    private var order: (Int, Int, String) {
        switch self {
        case .all: (0, 0, "")
        case .medication(let medication): (1, Medication.allCases.firstIndex(of: medication) ?? 0, "")
        case .psychosocial(let label): (2, label == nil ? 1 : 0, label ?? "")
        case .arm(let label): (3, label == nil ? 1 : 0, label ?? "")
        case .site(let label): (4, label == nil ? 1 : 0, label ?? "")
        }
    }

    public static func < (lhs: QuarterlyGroup, rhs: QuarterlyGroup) -> Bool { lhs.order < rhs.order }
}

/// One measure for one group in one quarter.
public struct QuarterlyValue: Sendable, Hashable {
    public let quarter: CalendarQuarter
    public let measure: QuarterlyMeasure
    public let group: QuarterlyGroup
    /// The count (count measures), the numerator (proportions) or the events (rates).
    public let numerator: Int
    /// Patients in the denominator (proportions); `nil` otherwise.
    public let denominator: Int?
    /// Patient-months of treatment (rates: days in treatment / 30.4375); `nil` otherwise.
    public let patientMonths: Double?
    /// The count, proportion or rate; `nil` when the denominator is 0.
    public let value: Double?
    /// The 95% interval (proportions: Wilson; rates: exact Poisson); `nil` for counts or without a denominator.
    public let lower: Double?
    public let upper: Double?
}

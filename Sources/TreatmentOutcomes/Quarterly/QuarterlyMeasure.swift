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
    /// Days of follow-up after the quarter its value needs (retention: 90 or 180; continuity and PDC: 180; observed
    /// dosing: the longest dosing window; craving: the week-12 value's window), else 0.
    public let followUpDays: Int
    /// What a proportion's denominator counts; `nil` for counts and rates.
    public let denominator: Denominator?
    /// Order in the report.
    let rank: Int

    /// Whom a proportion's denominator counts, for the small-cell ledger (docs/QuarterlyMeasures.md, "Small cells").
    public enum Denominator: Sendable, Hashable {
        /// The count of another measure (its id) of the same quarter and group: the same printed cell.
        case countOf(String)
        /// Its own count; a part of another measure's count (its id) of the same quarter and group when set.
        case own(partOf: String?)
    }

    init(id: String, kind: Kind, label: String, followUpDays: Int, denominator: Denominator? = nil, rank: Int) {
        precondition((kind == .proportion) == (denominator != nil), "QuarterlyMeasure: proportions have a denominator, other kinds none")
        self.id = id
        self.kind = kind
        self.label = label
        self.followUpDays = followUpDays
        self.denominator = denominator
        self.rank = rank
    }

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
            denominator: .countOf(admissions.id), rank: 10 + min(days, 9_999) / 1_000)
    }
    /// NQF #3175: of the quarter's admissions with a treatment start (``PharmacotherapyContinuity``) from the index
    /// date to the quarter's end, those whose first such start had 180 days of continuous treatment.
    public static let continuity180Days = QuarterlyMeasure(
        id: "continuity_180_days", kind: .proportion, label: "Continuous pharmacotherapy 180 days", followUpDays: 180,
        denominator: .own(partOf: admissions.id), rank: 20)
    /// PQA: of the patients whose first fill falls in the quarter, those with a proportion of days covered of at
    /// least 80% over the `days` days from it (``QuarterlyPDC``).
    public static func pdc80(days: Int) -> QuarterlyMeasure {
        QuarterlyMeasure(
            id: pdc80ID, kind: .proportion, label: "PDC ≥ 80% over \(days) days", followUpDays: days,
            denominator: .own(partOf: nil), rank: 21)
    }
    /// Of the quarter's admissions on observed dosing (all with a dosing window but those on pharmacy fills only:
    /// ``ObservedDosing``), those covered on at least 80% of their window's days; `windowDays` is the longest window.
    public static func observedDosing80(windowDays: Int) -> QuarterlyMeasure {
        QuarterlyMeasure(
            id: observedDosing80ID, kind: .proportion, label: "Observed dosing ≥ 80%", followUpDays: windowDays,
            denominator: .own(partOf: admissions.id), rank: 22)
    }
    /// The ids of the measures made by functions (their label or follow-up depends on the plan or the cohort).
    public static let pdc80ID = "pdc_80", observedDosing80ID = "observed_dosing_80"
    public static let cravingReliableImprovementID = "craving_reliable_improvement"
    /// Of active patients with an opioid screen in the quarter, those whose screens in it were all negative.
    public static let opioidNegative = QuarterlyMeasure(
        id: "opioid_negative", kind: .proportion, label: "Opioid-negative screens", followUpDays: 0,
        denominator: .own(partOf: activePatients.id), rank: 30)
    /// Of the patients reaching the craving section's reliable-change week in the quarter with a baseline and a
    /// value that week on `instrument`, those reliably improved (Jacobson–Truax, ``SymptomTrajectory``);
    /// `windowDays` is the ± window of that week's value.
    public static func cravingReliableImprovement(instrument: String, windowDays: Int) -> QuarterlyMeasure {
        QuarterlyMeasure(
            id: cravingReliableImprovementID, kind: .proportion, label: "Reliable craving improvement (\(instrument))",
            followUpDays: windowDays, denominator: .own(partOf: nil), rank: 31)
    }
    /// Attended psychosocial sessions per active patient-month.
    public static let psychosocialSessionsRate = QuarterlyMeasure(
        id: "psychosocial_sessions_rate", kind: .rate, label: "Psychosocial sessions per patient-month",
        followUpDays: 0, rank: 40)
    /// Active patients with at least the plan's minimum of attended psychosocial sessions in the quarter.
    public static let psychosocialEngaged = QuarterlyMeasure(
        id: "psychosocial_engaged", kind: .proportion, label: "Engaged in psychosocial care", followUpDays: 0,
        denominator: .countOf(activePatients.id), rank: 41)
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

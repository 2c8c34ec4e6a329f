/// The rows of one patient in an event table: `rows(of:)` gives a contiguous range.
///
/// Every event table is sorted by patient index, then day (stable: rows on the same day keep file order),
/// so a patient's events are `offsets[p] ..< offsets[p + 1]`.
public struct PatientRanges: Sendable, Equatable {
    /// `patientCount + 1` offsets, non-decreasing, from 0 to the row count.
    public let offsets: [Int]

    public init(offsets: [Int]) {
        self.offsets = offsets
    }

    /// Builds the offsets of rows already sorted by `patient`.
    public init(sortedPatients patient: [Int32], patientCount: Int) {
        var offsets = [Int](repeating: 0, count: patientCount + 1)
        for index in patient { offsets[Int(index) + 1] += 1 }
        for position in 0..<patientCount { offsets[position + 1] += offsets[position] }
        self.offsets = offsets
    }

    /// The rows of patient `index`.
    public func rows(of index: Int) -> Range<Int> { offsets[index]..<offsets[index + 1] }
}

/// `doses.csv`: observed or administered doses, one row per dose day.
public struct DoseTable: Sendable {
    /// Patient index (position in ``PatientTable``).
    public let patient: [Int32]
    /// Days since the patient's index day (day 0 = index day).
    public let day: [Int32]
    /// `amount` (mg, or 1 for an injection).
    public let amount: [Double]
    /// `take_home` (optional column): take-home doses dispensed with this dose, each covering one further day;
    /// `nil` when the file has no such column.
    public let takeHome: [Int32]?
    public let byPatient: PatientRanges

    public init(patient: [Int32], day: [Int32], amount: [Double], takeHome: [Int32]? = nil, byPatient: PatientRanges) {
        precondition(takeHome.map { $0.count == patient.count } ?? true, "DoseTable: one take_home per dose")
        self.patient = patient
        self.day = day
        self.amount = amount
        self.takeHome = takeHome
        self.byPatient = byPatient
    }

    public var count: Int { patient.count }
}

/// `dispensings.csv`: pharmacy fills.
public struct DispensingTable: Sendable {
    public let patient: [Int32]
    public let day: [Int32]
    /// `days_supply`, ≥ 0.
    public let daysSupply: [Int32]
    /// `drug` (active ingredient or product).
    public let drug: CategoricalColumn
    public let byPatient: PatientRanges

    public init(patient: [Int32], day: [Int32], daysSupply: [Int32], drug: CategoricalColumn, byPatient: PatientRanges) {
        self.patient = patient
        self.day = day
        self.daysSupply = daysSupply
        self.drug = drug
        self.byPatient = byPatient
    }

    public var count: Int { patient.count }
}

/// `screens.csv`: urine drug screens, one row per specimen and substance.
public struct ScreenTable: Sendable {
    public let patient: [Int32]
    public let day: [Int32]
    public let substance: CategoricalColumn
    public let result: [ScreenResult]
    public let byPatient: PatientRanges

    public init(
        patient: [Int32], day: [Int32], substance: CategoricalColumn, result: [ScreenResult], byPatient: PatientRanges
    ) {
        self.patient = patient
        self.day = day
        self.substance = substance
        self.result = result
        self.byPatient = byPatient
    }

    public var count: Int { patient.count }
}

/// `visits.csv`: scheduled visits and whether they took place.
public struct VisitTable: Sendable {
    public let patient: [Int32]
    public let day: [Int32]
    /// `kind`: medical, counseling, group, peer, …
    public let kind: CategoricalColumn
    public let status: [VisitStatus]
    public let byPatient: PatientRanges

    public init(patient: [Int32], day: [Int32], kind: CategoricalColumn, status: [VisitStatus], byPatient: PatientRanges) {
        self.patient = patient
        self.day = day
        self.kind = kind
        self.status = status
        self.byPatient = byPatient
    }

    public var count: Int { patient.count }
}

/// `assessments.csv`: instrument scores, one row per item (or per total score).
public struct AssessmentTable: Sendable {
    public let patient: [Int32]
    public let day: [Int32]
    public let instrument: CategoricalColumn
    /// The item; missing (code −1) for a total score.
    public let item: CategoricalColumn
    public let score: [Double]
    public let byPatient: PatientRanges

    public init(
        patient: [Int32], day: [Int32], instrument: CategoricalColumn, item: CategoricalColumn, score: [Double],
        byPatient: PatientRanges
    ) {
        self.patient = patient
        self.day = day
        self.instrument = instrument
        self.item = item
        self.score = score
        self.byPatient = byPatient
    }

    public var count: Int { patient.count }
}

/// `episodes.csv`: treatment episodes with their end and reason.
public struct EpisodeTable: Sendable {
    public let patient: [Int32]
    /// First day of the episode (days since the index day).
    public let start: [Int32]
    /// Last day of the episode; `nil` only for an ongoing episode recorded without an end.
    public let end: [Int32?]
    public let endReason: [EpisodeEndReason]
    public let byPatient: PatientRanges

    public init(
        patient: [Int32], start: [Int32], end: [Int32?], endReason: [EpisodeEndReason], byPatient: PatientRanges
    ) {
        self.patient = patient
        self.start = start
        self.end = end
        self.endReason = endReason
        self.byPatient = byPatient
    }

    public var count: Int { patient.count }
}

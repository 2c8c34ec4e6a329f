import OutcomeStats

/// Proportion of days covered (PDC) by the Pharmacy Quality Alliance method, with the medication possession ratio
/// (MPR) of the same fills (docs/Adherence.md, "PDC (PQA method)" and "MPR").
///
/// ```
/// fills used      = fills dated inside the measurement period [start, end] (others are ignored, with their supply)
/// treatment period = [start, end], or [first fill used, end] with `startsAtFirstFill`
/// coverage        = each fill covers [date, date + daysSupply − 1]; fills of the same drug that overlap move to
///                   the day after the earlier supply ends, cascading; two same-day fills of one drug also move,
///                   so their supplies add; fills of different drugs do not move
/// PDC             = |treatment period ∩ ⋃ coverage| / |treatment period|     (a day counts once; ≤ 1)
/// adherent        = PDC ≥ threshold                                        (PQA: 0.80; 0.90 for antiretrovirals)
/// MPR             = Σ daysSupply of the fills used / |treatment period|    (uncapped; may exceed 1)
/// capped MPR      = min(MPR, 1)
/// ```
/// MPR ignores overlap and does not cut supply at the end of the period, so MPR ≥ PDC (Hess LM et al., Ann
/// Pharmacother 2006;40:1280, doi:10.1345/aph.1H018). Same-day fills of one drug add their supplies, as the issue
/// specifies and as HEDIS POD does; PQA may instead keep the longest (unverified: docs/Adherence.md, "PDC (PQA
/// method)", item 7).
/// Denominator eligibility (``PDCEligibility``), on by default as the PQA measure states it: at least two fills on
/// different dates of service in the period. The older PQA rule that the index prescription start date (IPSD, the
/// first fill in the period) fall at least 91 days before the end of the period is offered as an option
/// (``PDCEligibility/pqaWithIndexRule``); ``PDCEligibility/anyFill`` keeps every patient with a fill in the period.
/// Not applied (the input has no data for them): hospice and ESRD exclusions, and the CMS inpatient-stay adjustment.
/// - Complexity: O(f log f) per patient with f fills (O(f) for f < 32); no allocation per patient.
public enum ProportionOfDaysCovered {
    /// One result per patient in the measure's denominator (a fill in the period and ``PDCOptions/eligibility``
    /// met), in patient order; with `includingIneligible`, every patient with a fill in the period, ineligible ones
    /// flagged by ``PatientPDC/isEligible``.
    public static func compute(_ fills: PharmacyFills, options: PDCOptions, includingIneligible: Bool = false) -> [PatientPDC] {
        var results: [PatientPDC] = []
        var workspace = CoverageWorkspace(drugCount: fills.drugs.count)
        for patientIndex in 0..<fills.patientCount {
            if let result = patient(patientIndex, fills: fills, options: options, workspace: &workspace),
               includingIneligible || result.isEligible {
                results.append(result)
            }
        }
        return results
    }

    /// The PDC of one patient (eligible or not), or `nil` when the patient has no fill dated in the period.
    static func patient(
        _ patientIndex: Int, fills: PharmacyFills, options: PDCOptions, workspace: inout CoverageWorkspace
    ) -> PatientPDC? {
        let rows = fills.byPatient.rows(of: patientIndex)
        let period = options.period
        // Rows are sorted by day: the first row inside the period is the first fill used.
        guard let firstRow = rows.first(where: { fills.day[$0] >= period.first && fills.day[$0] <= period.last })
        else { return nil }
        let start = options.startsAtFirstFill ? fills.day[firstRow] : period.first
        let treatmentPeriod = DayInterval(first: start, last: period.last)
        workspace.reset()
        var fillCount = 0
        var fillDates = 0
        var daysSupplied = 0
        for row in firstRow..<rows.upperBound where fills.day[row] <= period.last {
            // Rows are sorted by day, so a new date of service is a change of day.
            if row == firstRow || fills.day[row] != fills.day[row - 1] { fillDates += 1 }
            fillCount += 1
            daysSupplied += Int(fills.daysSupply[row])
            workspace.place(drug: fills.drug[row], start: fills.day[row], length: Int(fills.daysSupply[row]))
        }
        let summary = workspace.summary(window: treatmentPeriod, runThreshold: 1)
        let pdc = summary.proportionCovered
        let mpr = Double(daysSupplied) / Double(summary.windowDays)
        return PatientPDC(
            patient: patientIndex, periodStart: start, periodEnd: period.last, daysInPeriod: summary.windowDays,
            daysCovered: summary.coveredDays, proportionOfDaysCovered: pdc, isAdherent: pdc >= options.threshold,
            fillCount: fillCount, fillDates: fillDates, daysSupplied: daysSupplied, medicationPossessionRatio: mpr,
            isEligible: options.eligibility.admits(
                fillDates: fillDates, indexDay: fills.day[firstRow], periodEnd: period.last))
    }
}

/// Options of ``ProportionOfDaysCovered``.
public struct PDCOptions: Sendable, Hashable {
    /// The measurement period, both ends included.
    public var period: DayInterval
    /// Whether the treatment period starts at the patient's first fill in the period (the PQA index prescription
    /// start date) rather than at the start of the period.
    public var startsAtFirstFill: Bool
    /// Adherent when PDC ≥ threshold (PQA 0.80).
    public var threshold: Double
    /// Who enters the denominator; PQA's rule (two fill dates) by default.
    public var eligibility: PDCEligibility

    /// - Precondition: the period is not empty; `0 ≤ threshold ≤ 1`.
    public init(
        period: DayInterval, startsAtFirstFill: Bool = false, threshold: Double = 0.8, eligibility: PDCEligibility = .pqa
    ) {
        precondition(!period.isEmpty, "PDCOptions: the period ends before it starts")
        precondition(threshold >= 0 && threshold <= 1, "PDCOptions: threshold must be in [0, 1]")
        self.period = period
        self.startsAtFirstFill = startsAtFirstFill
        self.threshold = threshold
        self.eligibility = eligibility
    }
}

/// Denominator eligibility of the PQA PDC measure (docs/Adherence.md, "PDC (PQA method)", item 2).
///
/// ```
/// eligible = fill dates ≥ minimumFillDates                       distinct dates of service in the period, any drug
///            and (periodEnd − IPSD ≥ minimumDaysFromIndexToPeriodEnd, when set)
/// ```
/// IPSD = the first fill dated in the period. The current PQA text asks for two fills on different dates of service
/// (``pqa``, the default). The older text also required the IPSD to fall at least 91 days before the end of the
/// period (``pqaWithIndexRule``: `periodEnd − IPSD ≥ 91`, so a calendar-year IPSD on or before 1 October; the
/// inclusive treatment period is then at least 92 days; the exact boundary is as we read the text, unverified
/// against the licensed manual). Two fills of different drugs on one day are one date of service.
public struct PDCEligibility: Sendable, Hashable {
    /// Distinct fill dates needed in the period (1 admits every patient with a fill).
    public var minimumFillDates: Int
    /// Days needed from the IPSD to the end of the period, `nil` for no such rule.
    public var minimumDaysFromIndexToPeriodEnd: Int?

    /// - Precondition: `minimumFillDates ≥ 1`; `minimumDaysFromIndexToPeriodEnd ≥ 0` when set.
    public init(minimumFillDates: Int, minimumDaysFromIndexToPeriodEnd: Int? = nil) {
        precondition(minimumFillDates >= 1, "PDCEligibility: minimumFillDates must be at least 1")
        precondition((minimumDaysFromIndexToPeriodEnd ?? 0) >= 0, "PDCEligibility: days must not be negative")
        self.minimumFillDates = minimumFillDates
        self.minimumDaysFromIndexToPeriodEnd = minimumDaysFromIndexToPeriodEnd
    }

    /// The current PQA rule: at least two fills on different dates of service.
    public static let pqa = PDCEligibility(minimumFillDates: 2)
    /// The older PQA rule: two fill dates and the IPSD at least 91 days before the end of the period.
    public static let pqaWithIndexRule = PDCEligibility(minimumFillDates: 2, minimumDaysFromIndexToPeriodEnd: 91)
    /// Every patient with a fill in the period.
    public static let anyFill = PDCEligibility(minimumFillDates: 1)

    /// Whether a patient with `fillDates` dates of service and first fill `indexDay` is in the denominator.
    public func admits(fillDates: Int, indexDay: Int32, periodEnd: Int32) -> Bool {
        guard fillDates >= minimumFillDates else { return false }
        guard let minimumDaysFromIndexToPeriodEnd else { return true }
        return Int(periodEnd) - Int(indexDay) >= minimumDaysFromIndexToPeriodEnd
    }
}

/// The PDC and MPR of one patient: see ``ProportionOfDaysCovered``.
public struct PatientPDC: Sendable, Hashable {
    /// The patient's index in ``PharmacyFills/identifiers``.
    public let patient: Int
    /// First and last day of the treatment period.
    public let periodStart: Int32
    public let periodEnd: Int32
    public let daysInPeriod: Int
    public let daysCovered: Int
    public let proportionOfDaysCovered: Double
    public let isAdherent: Bool
    /// Fills dated in the treatment period.
    public let fillCount: Int
    /// Distinct dates of service among them.
    public let fillDates: Int
    /// Σ days' supply of those fills (not cut at the end of the period).
    public let daysSupplied: Int
    /// `daysSupplied / daysInPeriod`, uncapped.
    public let medicationPossessionRatio: Double
    /// Whether the patient meets ``PDCOptions/eligibility`` (is in the measure's denominator).
    public let isEligible: Bool

    /// `min(MPR, 1)`.
    public var cappedMedicationPossessionRatio: Double { min(medicationPossessionRatio, 1) }
}

/// Reused buffers for coverage: one ``CascadingCursor`` per drug (reset only where touched) and the intervals.
struct CoverageWorkspace {
    private var cursors: [CascadingCursor]
    private var touched: [Int32] = []
    private(set) var intervals: [DayInterval] = []
    private(set) var isMerged = false

    init(drugCount: Int) {
        cursors = [CascadingCursor](repeating: CascadingCursor(), count: max(drugCount, 1))
        intervals.reserveCapacity(64)
        touched.reserveCapacity(8)
    }

    mutating func reset() {
        for drug in touched { cursors[Int(drug)].reset() }
        touched.removeAll(keepingCapacity: true)
        intervals.removeAll(keepingCapacity: true)
        isMerged = false
    }

    /// Adds a supply of `drug`, moved after that drug's earlier supplies (``CascadingCursor``).
    mutating func place(drug: Int32, start: Int32, length: Int) {
        if cursors[Int(drug)].lastPlacedDay == nil { touched.append(drug) }
        if let interval = cursors[Int(drug)].place(start: start, length: length) { intervals.append(interval) }
        isMerged = false
    }

    /// Adds an interval that is not moved (observed doses, take-home days).
    mutating func add(_ interval: DayInterval) {
        intervals.append(interval)
        isMerged = false
    }

    mutating func merge() {
        guard !isMerged else { return }
        DayCoverage.merge(&intervals)
        isMerged = true
    }

    /// The last covered day, `nil` when nothing is covered.
    var lastCoveredDay: Int32? {
        mutating get {
            merge()
            return intervals.last?.last
        }
    }

    mutating func summary(window: DayInterval, runThreshold: Int) -> CoverageSummary {
        merge()
        return DayCoverage.summary(ofMerged: intervals, window: window, runThreshold: runThreshold)
    }
}

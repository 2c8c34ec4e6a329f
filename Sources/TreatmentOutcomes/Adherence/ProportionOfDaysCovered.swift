import OutcomeStats

/// Proportion of days covered (PDC) by the Pharmacy Quality Alliance method, with the medication possession ratio
/// (MPR) of the same fills (DOMAIN.md 2.1–2.2).
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
/// specifies and as HEDIS POD does; DOMAIN.md 2.1 item 7 notes that PQA may instead keep the longest (unverified).
/// Not applied: PQA's denominator rules (≥ 2 fills on different days, IPSD ≥ 91 days before the end), hospice and
/// ESRD exclusions, and the CMS inpatient-stay adjustment; the result carries the fill count so callers can apply the
/// first.
/// - Complexity: O(f log f) per patient with f fills (O(f) for f < 32); no allocation per patient.
public enum ProportionOfDaysCovered {
    /// One result per patient with at least one fill in the period, in patient order.
    public static func compute(_ fills: PharmacyFills, options: PDCOptions) -> [PatientPDC] {
        var results: [PatientPDC] = []
        var workspace = CoverageWorkspace(drugCount: fills.drugs.count)
        for patientIndex in 0..<fills.patientCount {
            if let result = patient(patientIndex, fills: fills, options: options, workspace: &workspace) {
                results.append(result)
            }
        }
        return results
    }

    /// The PDC of one patient, or `nil` when the patient has no fill dated in the period.
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
        var daysSupplied = 0
        for row in firstRow..<rows.upperBound where fills.day[row] <= period.last {
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
            fillCount: fillCount, daysSupplied: daysSupplied, medicationPossessionRatio: mpr)
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

    /// - Precondition: the period is not empty; `0 ≤ threshold ≤ 1`.
    public init(period: DayInterval, startsAtFirstFill: Bool = false, threshold: Double = 0.8) {
        precondition(!period.isEmpty, "PDCOptions: the period ends before it starts")
        precondition(threshold >= 0 && threshold <= 1, "PDCOptions: threshold must be in [0, 1]")
        self.period = period
        self.startsAtFirstFill = startsAtFirstFill
        self.threshold = threshold
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
    /// Σ days' supply of those fills (not cut at the end of the period).
    public let daysSupplied: Int
    /// `daysSupplied / daysInPeriod`, uncapped.
    public let medicationPossessionRatio: Double

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

    mutating func summary(window: DayInterval, runThreshold: Int) -> CoverageSummary {
        merge()
        return DayCoverage.summary(ofMerged: intervals, window: window, runThreshold: runThreshold)
    }
}

import TreatmentOutcomes

/// Aggregate tables of quarterly PDC (``QuarterlyPDC``) by arm, site and quarter, with small cells withheld
/// consistently across the three: they describe the same units, so one problem (``SuppressionProblem``) holds them.
///
/// Cells and sums (g = grouping, l = its label; the unshown totals are implied by any complete grouping):
/// ```
/// N(g, l) = adherent(g, l) + non-adherent(g, l)
/// Σ_l N(g, l) = N,   Σ_l adherent(g, l) = adherent,   Σ_l non-adherent(g, l) = non-adherent   (each g)
/// ```
/// The totals and the non-adherent counts are not printed (hidden cells: a reader works them out from the rows).
/// A withheld N withholds every statistic of its row (mean and median could not then be tied to a size); a
/// withheld adherent count withholds its share and interval.
public struct QuarterlyPDCTables: Sendable {
    enum Key: Hashable, Sendable {
        case count(QuarterlyPDCGrouping, String)
        case adherent(QuarterlyPDCGrouping, String)
        case nonAdherent(QuarterlyPDCGrouping, String)
        case total, totalAdherent, totalNonAdherent
    }

    public let quarterly: QuarterlyPDC
    public let policy: SmallCellPolicy
    /// Summaries per grouping, in the order of ``QuarterlyPDCGrouping/allCases``.
    public let summaries: [QuarterlyPDCGrouping: [AdherenceSummary]]
    let suppressed: Set<Key>

    /// The tables with their own withholding (the `adherence` command).
    public init(_ quarterly: QuarterlyPDC, patients: PatientTable, policy: SmallCellPolicy) {
        let summaries = Self.summaries(quarterly, patients: patients, quantiles: DisclosurePlan(minimumCellSize: policy.minimumCount).publishedQuantiles)
        var problem = SuppressionProblem<Key>()
        Self.register(quarterly, summaries: summaries, into: &problem, key: { $0 })
        self.init(quarterly, summaries: summaries, policy: policy, suppressed: problem.solve(policy).suppressed)
    }

    /// The tables with withholding chosen elsewhere (the report's ledger, which ties these counts to the arm Ns).
    init(
        _ quarterly: QuarterlyPDC, summaries: [QuarterlyPDCGrouping: [AdherenceSummary]], policy: SmallCellPolicy,
        suppressed: Set<Key>
    ) {
        self.quarterly = quarterly
        self.policy = policy
        self.summaries = summaries
        self.suppressed = suppressed
    }

    /// Summaries per grouping, quantiles by `rule`.
    static func summaries(
        _ quarterly: QuarterlyPDC, patients: PatientTable, quantiles rule: QuantileRule
    ) -> [QuarterlyPDCGrouping: [AdherenceSummary]] {
        Dictionary(uniqueKeysWithValues: QuarterlyPDCGrouping.allCases.map {
            ($0, quarterly.summaries(by: $0, patients: patients, quantiles: rule))
        })
    }

    /// Every key the tables use, with its count, for a ledger keyed by `key`.
    static func register<Other: Hashable & Sendable>(
        _ quarterly: QuarterlyPDC, summaries: [QuarterlyPDCGrouping: [AdherenceSummary]],
        into problem: inout SuppressionProblem<Other>, key: (Key) -> Other
    ) {
        let adherent = quarterly.results.count(where: \.isAdherent)
        problem.addHiddenCell(key(.total), count: quarterly.results.count)
        problem.addHiddenCell(key(.totalAdherent), count: adherent)
        problem.addHiddenCell(key(.totalNonAdherent), count: quarterly.results.count - adherent)
        problem.addGroup([key(.totalAdherent), key(.totalNonAdherent), key(.total)])
        for grouping in QuarterlyPDCGrouping.allCases {
            let rows = summaries[grouping] ?? []
            for row in rows {
                problem.addCell(key(.count(grouping, row.label)), count: row.count)
                problem.addCell(key(.adherent(grouping, row.label)), count: row.adherentCount)
                problem.addHiddenCell(key(.nonAdherent(grouping, row.label)), count: row.count - row.adherentCount)
                problem.addGroup([key(.adherent(grouping, row.label)), key(.nonAdherent(grouping, row.label)), key(.count(grouping, row.label))])
            }
            problem.addGroup(rows.map { key(.count(grouping, $0.label)) } + [key(.total)])
            problem.addGroup(rows.map { key(.adherent(grouping, $0.label)) } + [key(.totalAdherent)])
            problem.addGroup(rows.map { key(.nonAdherent(grouping, $0.label)) } + [key(.totalNonAdherent)])
        }
    }

    /// Whether the row's N, whether its adherent count, and whether its share (which needs both) are withheld.
    /// A count that is not withheld is printed, even beside a withheld N: zeros are printed, so a withheld count is
    /// never 0.
    func withheld(_ grouping: QuarterlyPDCGrouping, _ row: AdherenceSummary) -> (count: Bool, adherent: Bool, share: Bool) {
        let count = suppressed.contains(.count(grouping, row.label))
        let adherent = suppressed.contains(.adherent(grouping, row.label))
        return (count, adherent, count || adherent)
    }

    /// The machine-readable summary (`outcome-report adherence --by`): `<grouping>,patients,mean_pdc,median_pdc,
    /// q1_pdc,q3_pdc,adherent,share_adherent,ci_lower,ci_upper`; numbers in full, withheld cells `suppressed`.
    public func csvTable(by grouping: QuarterlyPDCGrouping) -> Table {
        let rows = (summaries[grouping] ?? []).map { row -> [Cell] in
            let (count, adherent, share) = withheld(grouping, row)
            let statistics: [Cell] = [
                .count(row.count), .exact(row.mean), .exact(row.median), .exact(row.lowerQuartile), .exact(row.upperQuartile),
            ]
            let shares: [Cell] = [
                .exact(row.shareAdherent.estimate), .exact(row.shareAdherent.lower), .exact(row.shareAdherent.upper),
            ]
            return [.text(row.label)]
                + (count ? Array(repeating: .suppressed, count: 5) : statistics)
                + [adherent ? .suppressed : .count(row.adherentCount)]
                + (share ? Array(repeating: .suppressed, count: 3) : shares)
        }
        let columns = [grouping.rawValue, "patients", "mean_pdc", "median_pdc", "q1_pdc", "q3_pdc", "adherent",
                       "share_adherent", "ci_lower", "ci_upper"]
        return Table(title: "PDC by \(grouping.rawValue)", columns: columns.map { Table.Column($0) }, rows: rows)
    }

    /// The report's table for `grouping`: N, mean, median [Q1, Q3], adherent n (%) and its interval.
    public func reportTable(by grouping: QuarterlyPDCGrouping) -> Table {
        let rows = (summaries[grouping] ?? []).map { row -> [Cell] in
            let (count, adherent, share) = withheld(grouping, row)
            let interval = row.shareAdherent
            return [
                .text(row.label), count ? .suppressed : .count(row.count),
                count ? .suppressed : .percentage(row.mean, decimals: 1),
                count ? .suppressed : .text(
                    "\(NumberFormat.percentage(row.median, decimals: 1)) [\(NumberFormat.percentage(row.lowerQuartile, decimals: 1)), \(NumberFormat.percentage(row.upperQuartile, decimals: 1))]"),
                adherent ? .suppressed
                    : .countAndPercentage(count: row.adherentCount, percentage: share ? nil : interval.estimate, decimals: 1),
                share ? .suppressed : .text(
                    "\(NumberFormat.percentage(interval.lower, decimals: 1)) – \(NumberFormat.percentage(interval.upper, decimals: 1))"),
            ]
        }
        let unit = quarterly.options.cohort == .active ? "Patient-quarters" : "Patients"
        let heading = grouping == .quarter ? "Quarter" : grouping.rawValue.capitalized
        return Table(
            title: "Proportion of days covered by \(grouping.rawValue)",
            columns: [
                Table.Column(heading), Table.Column(unit, alignment: .right), Table.Column("Mean PDC", alignment: .right),
                Table.Column("Median [Q1, Q3]", alignment: .right),
                Table.Column("Adherent (PDC ≥ \(NumberFormat.percentage(quarterly.options.threshold, decimals: 0)))", alignment: .right),
                Table.Column("95% CI", alignment: .right),
            ],
            rows: rows, footnotes: [PublishedQuantiles.footnote(minimum: policy.minimumCount)])
    }

    /// Share adherent by quarter with its Wilson band, and mean PDC, for quarters whose N and adherent count are
    /// shown; `nil` with fewer than two such quarters. x = year + (quarter − 1)/4.
    public func chartByQuarter() -> Chart? {
        let shown = zip(quarterly.quarters, summaries[.quarter] ?? []).filter { !withheld(.quarter, $0.1).share }
        guard shown.count >= 2 else { return nil }
        func x(_ quarter: CalendarQuarter) -> Double { Double(quarter.year) + Double(quarter.quarter - 1) / 4 }
        let share = ChartSeries(
            name: "Adherent (95% CI)", style: .line,
            points: shown.map { ChartPoint(x: x($0.0), y: $0.1.shareAdherent.estimate * 100) },
            band: shown.map { ChartBandPoint(x: x($0.0), lower: $0.1.shareAdherent.lower * 100, upper: $0.1.shareAdherent.upper * 100) })
        let mean = ChartSeries(
            name: "Mean PDC", style: .line, points: shown.map { ChartPoint(x: x($0.0), y: $0.1.mean * 100) })
        return Chart(
            identifier: "adherence-pdc-by-quarter", title: "Proportion of days covered by quarter",
            xLabel: "Quarter (year + (quarter − 1)/4)", yLabel: "%", content: .xy([share, mean]), yRange: 0...100,
            summary: "Share of patients adherent (PDC ≥ \(NumberFormat.percentage(quarterly.options.threshold, decimals: 0))) "
                + "by quarter with 95% Wilson score intervals, and mean PDC; quarters with withheld counts are left out.")
    }
}

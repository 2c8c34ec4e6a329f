import TreatmentOutcomes

/// Aggregate tables of quarterly PDC (``QuarterlyPDC``) by arm, site and quarter, with small cells withheld
/// consistently across the three: they describe the same units, so one problem (``SuppressionProblem``) holds them.
///
/// Cells and sums (g = grouping, l = its label; the unshown totals are implied by any complete grouping):
/// ```
/// N(g, l) = adherent(g, l) + non-adherent(g, l)
/// Σ_l N(g, l) = N,   Σ_l adherent(g, l) = adherent,   Σ_l non-adherent(g, l) = non-adherent   (each g)
/// ```
/// A withheld N withholds every statistic of its row (mean and median could not then be tied to a size); a
/// withheld adherent or non-adherent count withholds the adherent count, its share and interval.
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
    let suppression: Suppression<Key>

    public init(_ quarterly: QuarterlyPDC, patients: PatientTable, policy: SmallCellPolicy) {
        self.quarterly = quarterly
        self.policy = policy
        var summaries: [QuarterlyPDCGrouping: [AdherenceSummary]] = [:]
        var problem = SuppressionProblem<Key>()
        let adherent = quarterly.results.count(where: \.isAdherent)
        problem.addCell(.total, count: quarterly.results.count)
        problem.addCell(.totalAdherent, count: adherent)
        problem.addCell(.totalNonAdherent, count: quarterly.results.count - adherent)
        problem.addGroup([.totalAdherent, .totalNonAdherent, .total])
        for grouping in QuarterlyPDCGrouping.allCases {
            let rows = quarterly.summaries(by: grouping, patients: patients)
            summaries[grouping] = rows
            for row in rows {
                problem.addCell(.count(grouping, row.label), count: row.count)
                problem.addCell(.adherent(grouping, row.label), count: row.adherentCount)
                problem.addCell(.nonAdherent(grouping, row.label), count: row.count - row.adherentCount)
                problem.addGroup([.adherent(grouping, row.label), .nonAdherent(grouping, row.label), .count(grouping, row.label)])
            }
            problem.addGroup(rows.map { .count(grouping, $0.label) } + [.total])
            problem.addGroup(rows.map { .adherent(grouping, $0.label) } + [.totalAdherent])
            problem.addGroup(rows.map { .nonAdherent(grouping, $0.label) } + [.totalNonAdherent])
        }
        self.summaries = summaries
        suppression = problem.solve(policy)
    }

    /// Whether the row's N, and whether its adherent count, are withheld.
    func withheld(_ grouping: QuarterlyPDCGrouping, _ row: AdherenceSummary) -> (count: Bool, adherent: Bool) {
        let count = suppression.isSuppressed(.count(grouping, row.label))
        let adherent = count || suppression.isSuppressed(.adherent(grouping, row.label))
            || suppression.isSuppressed(.nonAdherent(grouping, row.label))
        return (count, adherent)
    }

    /// The machine-readable summary (`outcome-report adherence --by`): `<grouping>,patients,mean_pdc,median_pdc,
    /// q1_pdc,q3_pdc,adherent,share_adherent,ci_lower,ci_upper`; numbers in full, withheld cells `suppressed`.
    public func csvTable(by grouping: QuarterlyPDCGrouping) -> Table {
        let rows = (summaries[grouping] ?? []).map { row -> [Cell] in
            let (count, adherent) = withheld(grouping, row)
            let statistics: [Cell] = [
                .count(row.count), .exact(row.mean), .exact(row.median), .exact(row.lowerQuartile), .exact(row.upperQuartile),
            ]
            let share: [Cell] = [
                .count(row.adherentCount), .exact(row.shareAdherent.estimate), .exact(row.shareAdherent.lower),
                .exact(row.shareAdherent.upper),
            ]
            return [.text(row.label)]
                + (count ? Array(repeating: .suppressed, count: 5) : statistics)
                + (adherent ? Array(repeating: .suppressed, count: 4) : share)
        }
        let columns = [grouping.rawValue, "patients", "mean_pdc", "median_pdc", "q1_pdc", "q3_pdc", "adherent",
                       "share_adherent", "ci_lower", "ci_upper"]
        return Table(title: "PDC by \(grouping.rawValue)", columns: columns.map { Table.Column($0) }, rows: rows)
    }

    /// The report's table for `grouping`: N, mean, median [Q1, Q3], adherent n (%) and its interval.
    public func reportTable(by grouping: QuarterlyPDCGrouping) -> Table {
        var anyWithheld = false
        let rows = (summaries[grouping] ?? []).map { row -> [Cell] in
            let (count, adherent) = withheld(grouping, row)
            anyWithheld = anyWithheld || count || adherent
            let interval = row.shareAdherent
            return [
                .text(row.label), count ? .suppressed : .count(row.count),
                count ? .suppressed : .percentage(row.mean, decimals: 1),
                count ? .suppressed : .text(
                    "\(NumberFormat.percentage(row.median, decimals: 1)) [\(NumberFormat.percentage(row.lowerQuartile, decimals: 1)), \(NumberFormat.percentage(row.upperQuartile, decimals: 1))]"),
                adherent ? .suppressed
                    : .countAndPercentage(count: row.adherentCount, percentage: interval.estimate, decimals: 1),
                adherent ? .suppressed : .text(
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
            rows: rows, footnotes: anyWithheld ? [policy.statement] : [])
    }

    /// Share adherent by quarter with its Wilson band, and mean PDC, for quarters whose N and adherent count are
    /// shown; `nil` with fewer than two such quarters. x = year + (quarter − 1)/4.
    public func chartByQuarter() -> Chart? {
        let shown = zip(quarterly.quarters, summaries[.quarter] ?? []).filter { !withheld(.quarter, $0.1).adherent }
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

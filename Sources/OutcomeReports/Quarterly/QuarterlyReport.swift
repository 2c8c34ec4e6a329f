import TreatmentOutcomes

/// The quarterly outcome report of a ``QuarterlyAnalysis``: a scorecard of the reported quarter against the one
/// before, each measure's trend over the window by group, and one long CSV table with every value
/// (docs/QuarterlyMeasures.md). Counts go through one small-cell ledger (``QuarterlyDisclosure``): a withheld
/// count prints `suppressed`, and so do the value and interval computed from it.
public enum QuarterlyReport {
    /// The CSV header the contract fixes (more columns may follow in later versions).
    public static let csvColumns = ["quarter", "measure", "group", "numerator", "denominator", "value", "lower", "upper"]

    /// Every value as one long table: `quarter,measure,group,numerator,denominator,value,lower,upper`.
    /// Proportions print as proportions (0–1) with 6 decimals, rates per patient-month with 4, counts as counts;
    /// an empty field means not applicable (no denominator, no interval, or a denominator of 0).
    public static func csvTable(_ analysis: QuarterlyAnalysis, policy: SmallCellPolicy) -> Table {
        csvTable(analysis, disclosure: QuarterlyDisclosure(analysis: analysis, policy: policy))
    }

    /// The Markdown report and the CSV table together, with the small-cell ledger solved once for both.
    public static func reportAndTable(
        _ analysis: QuarterlyAnalysis, policy: SmallCellPolicy, sourceDescription: String
    ) -> (report: Report, table: Table) {
        let disclosure = QuarterlyDisclosure(analysis: analysis, policy: policy)
        return (make(analysis, disclosure: disclosure, sourceDescription: sourceDescription), csvTable(analysis, disclosure: disclosure))
    }

    static func csvTable(_ analysis: QuarterlyAnalysis, disclosure: QuarterlyDisclosure) -> Table {
        let rows: [[Cell]] = analysis.values.map { value in
            let withheld = disclosure.isWithheld(value)
            let numerator: Cell = disclosure.isWithheld(QuarterlyDisclosure.numeratorKey(value)) ? .suppressed : .count(value.numerator)
            let denominator: Cell = switch (value.denominator, value.patientMonths) {
            case (let count?, _):
                (QuarterlyDisclosure.denominatorKey(value).map(disclosure.isWithheld) ?? false) ? .suppressed : .count(count)
            case (nil, let months?): .number(months, decimals: 1)
            case (nil, nil): .notApplicable
            }
            let decimals = value.measure.kind == .rate ? 4 : 6
            func number(_ x: Double?) -> Cell {
                guard let x else { return .notApplicable }
                if withheld { return .suppressed }
                return value.measure.kind == .count ? .count(Int(x)) : .number(x, decimals: decimals)
            }
            return [
                .text(value.quarter.description), .text(value.measure.id), .text(value.group.description),
                numerator, denominator, number(value.value), number(value.lower), number(value.upper),
            ]
        }
        return Table(title: "Quarterly measures", columns: csvColumns.map { Table.Column($0) }, rows: rows)
    }

    /// The Markdown report: data and privacy, the scorecard, then each measure's trend by group.
    public static func make(_ analysis: QuarterlyAnalysis, policy: SmallCellPolicy, sourceDescription: String) -> Report {
        make(analysis, disclosure: QuarterlyDisclosure(analysis: analysis, policy: policy), sourceDescription: sourceDescription)
    }

    static func make(_ analysis: QuarterlyAnalysis, disclosure: QuarterlyDisclosure, sourceDescription: String) -> Report {
        let policy = disclosure.policy
        var data: [Report.Block] = [
            .paragraph(
                "Source: \(sourceDescription). As of \(analysis.asOf) (the last day of \(analysis.quarter)): records "
                    + "dated after it are not used, and a treatment episode still open then counts as ongoing. "
                    + "Quarters shown: \(analysis.quarters.first!) to \(analysis.quarter). Episodes from "
                    + "\(analysis.episodeSource.rawValue)."),
            .paragraph(
                "Only aggregates are shown: no patient identifiers and no dates of individuals. " + policy.statement
                    + SuppressionSummary.sentence(disclosure.suppression, policy: policy)),
        ]
        if !analysis.unavailable.isEmpty {
            data.append(.paragraph("Not computed:"))
            data.append(.bulletList(analysis.unavailable.map { "\($0.measureID): \($0.reason)" }))
        }
        if !analysis.pending.isEmpty {
            data.append(.paragraph("Still pending (their follow-up ends after the as-of date):"))
            data.append(.bulletList(analysis.pending.keys.sorted().map { measure in
                "\(measure.label): \(analysis.pending[measure]!.map(\.description).joined(separator: ", "))"
            }))
        }
        let scorecard = Table(
            title: "Scorecard: \(analysis.quarter), each measure against the quarter before",
            columns: [
                Table.Column("Measure"), Table.Column("Quarter"), Table.Column("Value", alignment: .right),
                Table.Column("95% CI", alignment: .right), Table.Column("n / N", alignment: .right),
                Table.Column("Previous quarter", alignment: .right), Table.Column("Change", alignment: .right),
                Table.Column("Signal"),
            ],
            rows: analysis.measures.filter { !$0.id.hasPrefix("discharges_") }.map { measure in
                let shown = analysis.quarters.filter { analysis.value(measure, .all, in: $0) != nil }
                guard let latest = shown.last else {
                    return [.text(measure.label), .text("pending"), .notApplicable, .notApplicable, .notApplicable,
                            .notApplicable, .notApplicable, .notApplicable]
                }
                let current = analysis.value(measure, .all, in: latest)
                let before = analysis.value(measure, .all, in: latest.previous)
                return [
                    .text(measure.label), .text(latest.description), valueCell(current, disclosure),
                    intervalCell(current, disclosure), countsCell(current, disclosure),
                    before == nil ? .notApplicable : valueCell(before, disclosure), changeCell(current, before, disclosure),
                    signalCell(shown.compactMap { analysis.value(measure, .all, in: $0) }, disclosure),
                ]
            },
            footnotes: [
                "All patients. Proportions with Wilson 95% intervals; the session rate per patient-month of treatment "
                    + "with an exact Poisson interval. A measure that needs follow-up shows the latest quarter whose "
                    + "follow-up has ended. Change: that quarter minus the one before. Signal: statistical process "
                    + "control over the quarters shown (a p-chart for proportions, a u-chart for the rate, a c-chart "
                    + "for counts; centre line and 3-sigma limits from those quarters): the quarter is beyond a "
                    + "limit, ends a run of 6 or more quarters on one side of the centre line, or ends 6 or more "
                    + "quarters each rising (or falling); none otherwise. A signal is a reason to look, not a verdict."
            ])
        var sections = [
            Report.Section(heading: "Data", blocks: data),
            Report.Section(heading: "Scorecard", blocks: [.table(scorecard)]),
        ]
        var trends: [Report.Block] = []
        for measure in analysis.measures {
            let quarters = analysis.quarters.filter { !(analysis.pending[measure]?.contains($0) ?? false) }
            guard !quarters.isEmpty else { continue }
            let rows: [[Cell]] = analysis.groups.map { group in
                [.text(group.description)] + quarters.map { quarter in
                    valueCell(analysis.value(measure, group, in: quarter), disclosure)
                }
            }
            trends.append(.table(Table(
                title: "\(measure.label) (\(measure.id)) by quarter",
                columns: [Table.Column("Group")] + quarters.map { Table.Column($0.description, alignment: .right) },
                rows: rows)))
            if let chart = QuarterlyCharts.controlChart(analysis, measure, disclosure: disclosure) {
                trends.append(.chart(chart))
            }
            if !measure.id.hasPrefix("discharges_"),
               let chart = QuarterlyCharts.smallMultiples(analysis, measure, disclosure: disclosure) {
                trends.append(.chart(chart))
            }
        }
        sections.append(Report.Section(heading: "Trends by group", blocks: trends))
        if let support = QuarterlySupportSection.make(analysis, disclosure: disclosure) { sections.append(support) }
        // One colour per psychosocial support in every small multiple, then the two groups of the support section.
        let supports = Array(Set(analysis.armTreatments.compactMap(\.support))).sorted()
        return Report(
            title: "Quarterly outcome report: \(analysis.quarter)", sections: sections,
            colourOrder: supports + ["Medication alone", "With psychosocial support"])
    }

    static func valueCell(_ value: QuarterlyValue?, _ disclosure: QuarterlyDisclosure) -> Cell {
        guard let value else { return .text("pending") }
        if disclosure.isWithheld(value) { return .suppressed }
        guard let estimate = value.value else { return .notApplicable }
        switch value.measure.kind {
        case .count: return .count(value.numerator)
        case .proportion: return .percentage(estimate, decimals: 1)
        case .rate: return .number(estimate, decimals: 2)
        }
    }

    static func intervalCell(_ value: QuarterlyValue?, _ disclosure: QuarterlyDisclosure) -> Cell {
        guard let value, let lower = value.lower, let upper = value.upper else { return .notApplicable }
        if disclosure.isWithheld(value) { return .suppressed }
        switch value.measure.kind {
        case .proportion:
            return .text("\(NumberFormat.percentage(lower, decimals: 1)) – \(NumberFormat.percentage(upper, decimals: 1))")
        default:
            return .text("\(NumberFormat.fixed(lower, decimals: 2)) – \(NumberFormat.fixed(upper, decimals: 2))")
        }
    }

    static func countsCell(_ value: QuarterlyValue?, _ disclosure: QuarterlyDisclosure) -> Cell {
        guard let value, let denominator = value.denominator else { return .notApplicable }
        if disclosure.isWithheld(value) { return .suppressed }
        return .text("\(value.numerator) / \(denominator)")
    }

    static func changeCell(_ current: QuarterlyValue?, _ before: QuarterlyValue?, _ disclosure: QuarterlyDisclosure) -> Cell {
        guard let current, let before, let now = current.value, let then = before.value else { return .notApplicable }
        if disclosure.isWithheld(current) || disclosure.isWithheld(before) { return .suppressed }
        switch current.measure.kind {
        case .count: return .text(signed(Double(current.numerator - before.numerator), decimals: 0))
        case .proportion: return .text(signed(100 * (now - then), decimals: 1) + " points")
        case .rate: return .text(signed(now - then, decimals: 2))
        }
    }

    /// The control-chart signal of the last of `series` (one measure's values for all patients, oldest first);
    /// not applicable when any of them is withheld (its limits would be computed from withheld counts).
    static func signalCell(_ series: [QuarterlyValue], _ disclosure: QuarterlyDisclosure) -> Cell {
        guard !series.isEmpty, !series.contains(where: disclosure.isWithheld) else { return .notApplicable }
        let chart = controlChart(series)
        guard let last = chart.points.last, let point = last else { return .notApplicable }
        guard !point.signals.isEmpty else { return .text("none") }
        return .text(point.signals.map(describe).joined(separator: "; "))
    }

    /// The control chart of one measure's values (oldest first): p-chart, u-chart or c-chart by its kind.
    static func controlChart(_ series: [QuarterlyValue]) -> ControlChart {
        let numerators = series.map { Double($0.numerator) }
        switch series.first?.measure.kind ?? .count {
        case .proportion:
            return ControlChart(kind: .proportion, numerators: numerators, denominators: series.map { Double($0.denominator ?? 0) })
        case .rate:
            return ControlChart(kind: .rate, numerators: numerators, denominators: series.map { $0.patientMonths ?? 0 })
        case .count:
            return ControlChart(kind: .count, numerators: numerators)
        }
    }

    static func describe(_ signal: ControlChart.Signal) -> String {
        switch signal {
        case .aboveUpperLimit: "above the upper limit"
        case .belowLowerLimit: "below the lower limit"
        case .runAbove(let count): "\(count) quarters above the centre line"
        case .runBelow(let count): "\(count) quarters below the centre line"
        case .trendUp(let count): "\(count) quarters rising"
        case .trendDown(let count): "\(count) quarters falling"
        }
    }

    static func signed(_ value: Double, decimals: Int) -> String {
        (value > 0 ? "+" : value < 0 ? "−" : "±") + NumberFormat.fixed(abs(value), decimals: decimals)
    }
}

import TreatmentOutcomes

/// The pharmacy part of the report's "Adherence" section: proportion of days covered from `dispensings.csv` for
/// patients inducted in each calendar quarter (``QuarterlyPDC`` with the plan's follow-up and threshold),
/// by quarter, arm and site with Wilson intervals, and a chart by quarter. Empty when the cohort has no
/// dispensings, no calendar dates, or no quarter whose follow-up has passed.
enum PharmacyAdherenceBlocks {
    /// - Parameter summaries: the analysis's ``AdherenceResults/pharmacySummaries`` (computed once).
    static func make(
        _ quarterly: QuarterlyPDC, summaries: [QuarterlyPDCGrouping: [AdherenceSummary]], counts: ReportCounts
    ) -> [Report.Block] {
        var keys: [QuarterlyPDCTables.Key] = [.total, .totalAdherent, .totalNonAdherent]
        for (grouping, rows) in summaries {
            for row in rows {
                keys += [.count(grouping, row.label), .adherent(grouping, row.label), .nonAdherent(grouping, row.label)]
            }
        }
        let tables = QuarterlyPDCTables(
            quarterly, summaries: summaries, policy: counts.policy,
            suppressed: Set(keys.filter { counts.isWithheld(AdherenceSection.Keys.pharmacy($0)) }))
        guard case .inducted(let followUpDays) = quarterly.options.cohort else { return [] }
        var blocks: [Report.Block] = [
            .paragraph(
                "Pharmacy fills: proportion of days covered (PDC, Pharmacy Quality Alliance method: overlapping fills "
                    + "of one drug move to the day after the earlier supply ends; a day counts once) over the "
                    + "\(followUpDays) days from each patient's first fill, for patients whose first fill fell in the "
                    + "quarter (the \"inducted in the quarter\" cohort: everyone has the same follow-up, and stopping "
                    + "treatment counts as uncovered days). A quarter is shown once \(followUpDays) days have passed "
                    + "after its last day by the data cut-off (in \(CalendarQuarter(containing: quarterly.dataCutoff)))"
                    + (quarterly.pendingQuarters.isEmpty ? "." : "; not yet shown: "
                        + quarterly.pendingQuarters.map(\.description).joined(separator: ", ") + ".")
                    + " Adherent = PDC ≥ \(NumberFormat.percentage(quarterly.options.threshold, decimals: 0)); 95% "
                    + "Wilson score intervals."),
            .table(tables.reportTable(by: .quarter)),
        ]
        if let chart = tables.chartByQuarter() { blocks.append(.chart(chart)) }
        blocks.append(.table(tables.reportTable(by: .arm)))
        blocks.append(.table(tables.reportTable(by: .site)))
        return blocks
    }
}

import TreatmentOutcomes

/// Patients by arm and a grouping such as trial or site: a cross-tabulation with row and column totals.
///
/// Rows are the grouping's levels (then `(missing)` when some patients have no value) and a `Total` row;
/// columns are the arms (ordered by label) and `Total`. Counts come from ``ReportCounts``, already suppressed.
enum PatientsByGroupTable {
    static func make(arms: ArmColumns, grouping: PatientGrouping, counts: ReportCounts) -> Table {
        let block = ReportCounts.groupingBlock
        let rowLabels = grouping.levels + (grouping.hasMissing ? ["(missing)"] : [])
        let columnsOrOverall = arms.labels.indices.map { Optional($0) } + [nil]
        var rows: [[Cell]] = rowLabels.enumerated().map { row, label in
            [.text(label)] + columnsOrOverall.map { counts.countCell(ReportCounts.column($0, block: block, row: row)) }
        }
        rows.append([.text("Total")] + columnsOrOverall.map { counts.countCell(ReportCounts.total($0)) })
        let columns = [Table.Column(grouping.name)]
            + arms.labels.map { Table.Column($0, alignment: .right) } + [Table.Column("Total", alignment: .right)]
        return Table(
            title: "Patients by arm and \(grouping.name)", columns: columns, rows: rows,
            footnotes: ["Patients by arm (columns) and \(grouping.name) (rows)."])
    }
}

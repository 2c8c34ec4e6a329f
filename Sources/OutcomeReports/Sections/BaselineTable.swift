import TreatmentOutcomes

/// Baseline characteristics by arm ("Table 1"): one column per arm, ordered by label, then Overall.
///
/// Rows: N; the treatment (each arm's medication and psychosocial support, so medication alone and medication
/// with psychosocial support sit side by side); then per characteristic either n (% of the column's patients with
/// a recorded value) for each level and n (% of the column's N) for missing, or mean (SD), median [Q1, Q3] (only when `Characteristic.showsQuantiles`:
/// a quantile is often one patient's value) and the missing count for a numeric covariate, all from
/// ``BaselineCharacteristics``. A numeric summary over 1…(minimum − 1) recorded values is suppressed: it could
/// reveal a patient's value.
enum BaselineTable {
    static func make(_ baseline: BaselineCharacteristics, counts: ReportCounts) -> Table {
        let arms = baseline.arms
        let columnsOrOverall = arms.labels.indices.map { Optional($0) } + [nil]
        var rows: [[Cell]] = [
            [.text("Patients"), .text("N")] + columnsOrOverall.map { counts.countCell(ReportCounts.total($0)) },
            [.text("Treatment"), .text("medication + psychosocial support")]
                + baseline.treatments.map { .text($0.label) } + [.notApplicable],
        ]
        for (index, characteristic) in baseline.characteristics.enumerated() {
            let block = index + 1
            switch characteristic.summary {
            case .categorical(let levels, _):
                // Levels as shares of the recorded values (a level of a mostly missing covariate is not rare because
                // most patients have no value); missing as a share of N.
                let missingRow = levels.count
                for (row, level) in (levels + ["missing"]).enumerated() {
                    rows.append([.text(characteristic.name), .text(level)] + columnsOrOverall.map {
                        counts.countAndPercentageCell(
                            ReportCounts.column($0, block: block, row: row), of: ReportCounts.total($0),
                            less: row == missingRow ? nil : ReportCounts.column($0, block: block, row: missingRow))
                    })
                }
            case .numeric(let byArm, let overall, _):
                let summaries = (byArm + [overall]).map { cells(of: $0, policy: counts.policy) }
                rows.append([.text(characteristic.name), .text("mean (SD)")] + summaries.map(\.meanAndStandardDeviation))
                if characteristic.showsQuantiles {
                    rows.append(
                        [.text(characteristic.name), .text("median [Q1, Q3]")] + summaries.map(\.medianAndInterquartileRange))
                }
                rows.append([.text(characteristic.name), .text("missing")] + columnsOrOverall.map {
                    counts.countAndPercentageCell(
                        ReportCounts.column($0, block: block, row: 0), of: ReportCounts.total($0))
                })
            }
        }
        let columns = [Table.Column("Characteristic"), Table.Column("Level or statistic")]
            + arms.labels.map { Table.Column($0, alignment: .right) } + [Table.Column("Overall", alignment: .right)]
        var footnotes = [
            "Levels: n (% of the column's patients with a recorded value); missing: n (% of the column's N). Numeric: mean (SD) of the recorded values, and median "
                + "[first quartile, third quartile] (quantiles as R's default, type 7) only for covariates the cohort "
                + "manifest declares with quantiles, since a quantile is often one patient's value; — means no value "
                + "or an SD of a single value.",
        ]
        if rows.contains(where: { $0.contains(notComputable) }) {
            footnotes.append(
                "not computable: the recorded values are too large in magnitude for a mean and SD in double precision "
                    + "(a unit or data-entry error?); check the covariate.")
        }
        if rows.contains(where: { $0.contains(.suppressed) }) {
            footnotes.append(
                "Numeric summaries of 1 to \(counts.policy.minimumCount - 1) recorded values are suppressed; a count "
                    + "without a percentage has a suppressed denominator.")
        }
        return Table(title: "Baseline characteristics by arm", columns: columns, rows: rows, footnotes: footnotes)
    }

    /// The cell of a mean (SD) that overflowed.
    static let notComputable = Cell.text("not computable")

    /// The two summary cells of a numeric covariate in one column.
    static func cells(of summary: SampleSummary?, policy: SmallCellPolicy)
        -> (meanAndStandardDeviation: Cell, medianAndInterquartileRange: Cell)
    {
        guard let summary else { return (.notApplicable, .notApplicable) }
        if policy.isSmall(summary.count) { return (.suppressed, .suppressed) }
        guard summary.mean.isFinite, summary.standardDeviation?.isFinite ?? true else {
            return (notComputable, .medianAndInterquartileRange(
                median: summary.median, lowerQuartile: summary.lowerQuartile, upperQuartile: summary.upperQuartile,
                decimals: 1))
        }
        return (
            .meanAndStandardDeviation(mean: summary.mean, standardDeviation: summary.standardDeviation, decimals: 1),
            .medianAndInterquartileRange(
                median: summary.median, lowerQuartile: summary.lowerQuartile, upperQuartile: summary.upperQuartile,
                decimals: 1)
        )
    }
}

import TreatmentOutcomes

/// Baseline characteristics by arm ("Table 1"): one column per arm, ordered by label, then Overall.
///
/// Rows: N; the treatment (each arm's medication and psychosocial support, so medication alone and medication
/// with psychosocial support sit side by side); then per variable either n (% of the column's N) for each level
/// and for missing, or mean (SD), median [Q1, Q3] and the missing count for a numeric variable.
/// A numeric summary over 1…(minimum − 1) recorded values is suppressed: it could reveal a patient's value.
enum BaselineTable {
    static func make(
        patients: PatientTable, arms: ArmColumns, variables: [BaselineVariable], counts: ReportCounts
    ) -> Table {
        let columnsOrOverall = arms.labels.indices.map { Optional($0) } + [nil]
        var rows: [[Cell]] = [
            [.text("Patients"), .text("N")] + columnsOrOverall.map { counts.countCell(ReportCounts.total($0)) },
            [.text("Treatment"), .text("medication + psychosocial support")]
                + arms.labels.indices.map { .text(treatmentLabel(patients: patients, arms: arms, column: $0)) }
                + [.notApplicable],
        ]
        for (index, variable) in variables.enumerated() {
            let block = index + 1
            switch variable.values {
            case .categorical(let grouping):
                for (row, level) in (grouping.levels + ["missing"]).enumerated() {
                    rows.append([.text(variable.name), .text(level)] + columnsOrOverall.map {
                        counts.countAndPercentageCell(
                            ReportCounts.column($0, block: block, row: row), of: ReportCounts.total($0))
                    })
                }
            case .numeric(let numbers):
                let summaries = columnsOrOverall.map { column in
                    summary(of: numbers, arms: arms, column: column, policy: counts.policy)
                }
                rows.append([.text(variable.name), .text("mean (SD)")] + summaries.map(\.meanAndStandardDeviation))
                rows.append(
                    [.text(variable.name), .text("median [Q1, Q3]")] + summaries.map(\.medianAndInterquartileRange))
                rows.append([.text(variable.name), .text("missing")] + columnsOrOverall.map {
                    counts.countAndPercentageCell(
                        ReportCounts.column($0, block: block, row: 0), of: ReportCounts.total($0))
                })
            }
        }
        let columns = [Table.Column("Characteristic"), Table.Column("Level or statistic")]
            + arms.labels.map { Table.Column($0, alignment: .right) } + [Table.Column("Overall", alignment: .right)]
        var footnotes = [
            "Levels and missing: n (% of the column's N). Numeric: mean (SD) and median [first quartile, third "
                + "quartile] of the recorded values (quantiles as R's default, type 7); — means no value or an "
                + "SD of a single value.",
        ]
        if rows.contains(where: { $0.contains(.suppressed) }) {
            footnotes.append(
                counts.policy.statement + " Numeric summaries of 1 to \(counts.policy.minimumCount - 1) recorded "
                    + "values are suppressed; a count without a percentage has a suppressed denominator.")
        }
        return Table(title: "Baseline characteristics by arm", columns: columns, rows: rows, footnotes: footnotes)
    }

    /// The two summary cells of a numeric variable in one column (`column == nil`: all patients).
    static func summary(
        of numbers: [Double?], arms: ArmColumns, column: Int?, policy: SmallCellPolicy
    ) -> (meanAndStandardDeviation: Cell, medianAndInterquartileRange: Cell) {
        let values = numbers.indices.compactMap { patient in
            column == nil || arms.columnOfPatient[patient] == column ? numbers[patient] : nil
        }
        if values.isEmpty { return (.notApplicable, .notApplicable) }
        if policy.isSmall(values.count) { return (.suppressed, .suppressed) }
        let statistics = SummaryStatistics(values)
        return (
            .meanAndStandardDeviation(
                mean: statistics.mean, standardDeviation: statistics.standardDeviation, decimals: 1),
            .medianAndInterquartileRange(
                median: statistics.median, lowerQuartile: statistics.lowerQuartile,
                upperQuartile: statistics.upperQuartile, decimals: 1)
        )
    }

    /// `methadone + counseling` when every patient of the arm has the same medication and support;
    /// `mixed` stands for a part that varies (the level rows below give the counts, with suppression).
    static func treatmentLabel(patients: PatientTable, arms: ArmColumns, column: Int) -> String {
        var medications = Set<Medication>()
        var supports = Set<String>()
        for patient in arms.columnOfPatient.indices where arms.columnOfPatient[patient] == column {
            medications.insert(patients.medication[patient])
            supports.insert(patients.psychosocial.label(at: patient) ?? "not recorded")
        }
        let medication = medications.count == 1 ? medications.first!.rawValue : "mixed"
        let support = supports.count == 1 ? supports.first! : "mixed"
        return "\(medication) + \(support)"
    }
}

import OutcomeStats

/// Design columns of a model's adjustment covariates, for a list of patients (one row per patient, repeated
/// patients allowed): a numeric covariate as it is, a categorical one as an indicator of each level but the first in
/// label order (the first is the reference, as R's treatment contrasts with sorted levels). A missing value leaves
/// the row's column `nil`; the caller drops incomplete rows and reports how many.
enum AdjustmentDesign {
    /// The columns of the covariates in `names` that the patients have (others are skipped) for `patientRows`,
    /// with their term names (`age`, `sex: male`).
    static func columns(
        _ names: [String], patients: PatientTable, patientRows: [Int]
    ) -> (terms: [String], columns: [[Double?]]) {
        var terms: [String] = [], columns: [[Double?]] = []
        for name in names {
            guard let covariate = patients.covariate(named: name) else { continue }
            switch covariate.values {
            case .numeric(let values):
                terms.append(name)
                columns.append(patientRows.map { values[$0] })
            case .categorical(let column):
                let design = indicators(name, column, patientRows: patientRows)
                terms += design.terms
                columns += design.columns
            }
        }
        return (terms, columns)
    }

    /// Indicators of each level of `column` but the first in label order; `nil` where the value is missing.
    static func indicators(
        _ name: String, _ column: CategoricalColumn, patientRows: [Int]
    ) -> (terms: [String], columns: [[Double?]]) {
        let order = column.levels.indices.sorted { column.levels[$0] < column.levels[$1] }
        var terms: [String] = [], columns: [[Double?]] = []
        for code in order.dropFirst() {
            terms.append("\(name): \(column.levels[code])")
            columns.append(patientRows.map { patient -> Double? in
                let value = column.codes[patient]
                return value == CategoricalColumn.missingCode ? nil : (value == Int32(code) ? 1 : 0)
            })
        }
        return (terms, columns)
    }

    /// The rows (indices into the columns) with every column present.
    static func completeRows(_ columns: [[Double?]], count: Int) -> [Int] {
        (0..<count).filter { index in columns.allSatisfy { $0[index] != nil } }
    }

    /// The column-major design matrix of `columns` at `rows`. - Precondition: every value at `rows` is present.
    static func matrix(_ columns: [[Double?]], rows: [Int]) -> Matrix {
        Matrix(rows: rows.count, columns: columns.count, columnMajor: columns.flatMap { column in rows.map { column[$0]! } })
    }
}

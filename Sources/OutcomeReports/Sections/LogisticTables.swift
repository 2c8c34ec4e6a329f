import TreatmentOutcomes

/// Tables of logistic fits and relapse-risk validation, for the `logistic` and `risk` commands.
public enum LogisticTables {
    /// `term,coef,se,z,p,lower95,upper95`: one row per design column; an aliased column has empty fields.
    public static func coefficients(_ fit: LogisticFit, terms: [String]) -> Table {
        let intervals = fit.confidenceIntervals()
        let rows: [[Cell]] = terms.indices.map { j in
            let values: [Double?] = [
                fit.coefficients[j], fit.standardErrors[j], fit.zStatistics[j], fit.pValues[j],
                intervals[j]?.lower, intervals[j]?.upper,
            ]
            return [.text(terms[j])] + values.map { $0.map(Cell.exact) ?? .notApplicable }
        }
        return Table(
            title: "Logistic regression coefficients",
            columns: ["term", "coef", "se", "z", "p", "lower95", "upper95"].map { Table.Column($0) },
            rows: rows)
    }

    /// `measure,apparent,cross_validated,held_out`: AUC (with DeLong 95% limits), Brier, scaled Brier, calibration
    /// in the large, calibration intercept and slope, patients and events.
    ///
    /// A column whose patients, events or non-events are from 1 to the policy's minimum − 1 is withheld whole (every
    /// field empty, as R prints `NA`, and named in ``withheldColumns(_:policy:)``): its counts are small cells, and
    /// the AUC's DeLong limits and the calibration estimates rest on them.
    public static func performance(_ validation: RelapseRiskValidation, policy: SmallCellPolicy) -> Table {
        let columns = performanceColumns(validation).map { _, performance in
            performance.flatMap { isSmall($0, policy: policy) ? nil : $0 }
        }
        func row(_ name: String, _ value: (PredictionPerformance) -> Double?) -> [Cell] {
            [.text(name)] + columns.map { performance in performance.flatMap(value).map(Cell.exact) ?? .notApplicable }
        }
        return Table(
            title: "Relapse-risk model performance",
            columns: (["measure"] + performanceColumns(validation).map(\.name)).map { Table.Column($0) },
            rows: [
                row("patients") { Double($0.count) },
                row("events") { Double($0.events) },
                row("auc") { $0.auc?.estimate },
                row("auc_lower95") { $0.auc?.confidenceInterval()?.lower },
                row("auc_upper95") { $0.auc?.confidenceInterval()?.upper },
                row("brier") { $0.calibration.brier },
                row("scaled_brier") { $0.calibration.scaledBrier },
                row("calibration_in_the_large") { $0.calibration.calibrationInTheLarge },
                row("calibration_intercept") { $0.calibration.calibrationIntercept },
                row("calibration_slope") { $0.calibration.calibrationSlope },
            ])
    }

    /// The names of the columns ``performance(_:policy:)`` withholds.
    public static func withheldColumns(_ validation: RelapseRiskValidation, policy: SmallCellPolicy) -> [String] {
        performanceColumns(validation)
            .compactMap { name, performance in performance.map { isSmall($0, policy: policy) } == true ? name : nil }
    }

    /// The performance table's columns after `measure`, by name.
    static func performanceColumns(_ validation: RelapseRiskValidation) -> [(name: String, performance: PredictionPerformance?)] {
        [("apparent", validation.apparent), ("cross_validated", validation.crossValidated), ("held_out", validation.heldOut)]
    }

    static func isSmall(_ performance: PredictionPerformance, policy: SmallCellPolicy) -> Bool {
        [performance.count, performance.events, performance.count - performance.events].contains(where: policy.isSmall)
    }

    /// `patient_id,risk`: patient-level output for `risk score`, never part of an aggregate report.
    public static func patientRisks(identifiers: [String], risks: [Double]) -> Table {
        Table(
            title: "Predicted relapse risk", columns: [Table.Column("patient_id"), Table.Column("risk")],
            rows: zip(identifiers, risks).map { [.text($0), .exact($1)] })
    }
}

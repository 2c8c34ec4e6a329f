import OutcomeStats

/// A Cox model of dropout (or relapse) on ``EngagementIntervals``: counting-process rows (start, stop], Efron ties, and the
/// robust variance with the patient as cluster, since a patient's rows are not independent observations
/// (R: `coxph(Surv(start, stop, dropout) ~ …, cluster = patient)`; Therneau & Grambsch 2000, §3.7 and §8.2; Lin &
/// Wei, JASA 84 (1989) 1074, doi:10.1080/01621459.1989.10478874).
///
/// Columns that do not vary over the rows fitted are left out before the fit and named in ``constantTerms`` (a
/// cohort without any session gives a sessions column of zeros: engagement is not measurable there, which
/// ``fit`` says instead of returning an aliased coefficient or NaN).
public struct EngagementHazards: Sendable {
    /// What the model is of: a medication's patients, or every medication with an interaction.
    public let label: String
    /// Patients, rows and dropouts of the rows fitted.
    public let patientCount: Int
    public let intervalCount: Int
    public let eventCount: Int
    /// The design's terms, in column order of the fit.
    public let terms: [String]
    /// Terms left out because they take one value on every row.
    public let constantTerms: [String]
    /// The fit's estimates (without its copy of the interval rows: ``CoxEstimates``), or why there is none (no rows,
    /// no dropout, or no exposure that varies).
    public let fit: AnalysisComponent<CoxEstimates>

    /// The hazard ratio of `term` (exp of its coefficient) with its robust 95% interval; `nil` when the term was
    /// not fitted or is not estimable.
    public func hazardRatio(_ term: String) -> CoefficientInference? {
        guard let fit = fit.value, let index = terms.firstIndex(of: term) else { return nil }
        return fit.coefficientInference()[index]
    }

    /// A column of the design: its term and its value on interval row i (evaluated only on the rows fitted).
    typealias Column = (term: String, value: (Int) -> Double)

    /// Fits the event (`outcome`: dropout, relapse) on the `columns` of the interval rows `rows` (32-bit: a model may
    /// have tens of millions).
    /// - Parameters:
    ///   - required: terms without which the model answers nothing (the exposures); when none of them is left to
    ///     fit (constant, or not a column) the fit is `unavailable` with `notMeasurable` as the reason.
    ///   - perPatient: terms whose column takes one value on all of a patient's rows (baseline covariates, the
    ///     medication): the fit keeps them once per patient instead of once per row (``CoxGroupedColumns``; the same
    ///     numbers in about a third of the memory).
    init(
        label: String, outcome: String, intervals: EngagementIntervals, rows: [Int32], columns: [Column],
        required: Set<String>, notMeasurable: String, perPatient: Set<String> = []
    ) {
        self.label = label
        let patients = rows.map { Int(intervals.patient[Int($0)]) }
        // Distinct patients by a flag per patient number (no hashing of every interval).
        var seen = [Bool](repeating: false, count: (patients.max() ?? -1) + 1), distinct = 0
        for patient in patients where !seen[patient] {
            seen[patient] = true
            distinct += 1
        }
        patientCount = distinct
        intervalCount = rows.count
        eventCount = rows.count { intervals.event[Int($0)] }
        let varying = columns.filter { column in
            guard let first = rows.first.map({ column.value(Int($0)) }) else { return false }
            return rows.contains { column.value(Int($0)) != first }
        }
        let fitted = varying.map(\.term)
        terms = fitted
        constantTerms = columns.map(\.term).filter { !fitted.contains($0) }
        if rows.isEmpty {
            fit = .unavailable(reason: "no patient at risk")
        } else if eventCount == 0 {
            fit = .unavailable(reason: "no \(outcome) among these patients")
        } else if !required.isEmpty && required.isDisjoint(with: Set(fitted)) {
            fit = .unavailable(reason: notMeasurable)
        } else {
            // The design by its entries, patient-level columns once per patient, and the intervals' times and
            // events read from them: no rows × terms matrix and no copy of the times beside the fit's sorted ones
            // (docs/Performance.md).
            let grouped = Set(varying.indices.filter { perPatient.contains(varying[$0].term) })
            fit = .computed(CoxModel().fit(
                rowCount: rows.count, columnCount: varying.count,
                covariate: { row, column in varying[column].value(Int(rows[row])) },
                groupedColumns: grouped.isEmpty ? nil : CoxGroupedColumns(
                    group: patients, groupCount: (patients.max() ?? 0) + 1, columns: grouped),
                entryTime: { Double(intervals.start[Int(rows[$0])]) }, time: { Double(intervals.stop[Int(rows[$0])]) },
                event: { intervals.event[Int(rows[$0])] }, clusters: patients).estimates)
        }
    }
}

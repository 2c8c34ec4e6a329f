/// A cohort as it was known at the end of an as-of date: what a quarterly report may see.
///
/// Made only by this initialiser, so that no record dated after the as-of date can change a quarterly number:
/// - patients whose index date is after the as-of date are left out (they had not started);
/// - dose, fill, screen, visit and assessment rows dated after it are dropped;
/// - an episode starting after it is dropped; one ending after it (or without an end) is ongoing at the as-of date:
///   its end becomes the as-of date and its end reason `ongoing`, as a data cut-off records it.
///
/// The result equals the cohort loaded from the files cut the same way (rows after the as-of date deleted, such
/// episodes rewritten as ongoing at the as-of date): categorical levels are rebuilt from the patients kept (sorted,
/// as the loader builds them), and a covariate whose kept values are all numbers becomes numeric, as the loader
/// infers it (unless `cohort.json` declares it categorical).
/// - Complexity: O(rows).
public struct AsOfCohort: Sendable {
    /// The last day whose records are kept.
    public let asOf: CivilDate
    /// The cut cohort (patient indexes renumbered: the kept patients in file order).
    public let cohort: Cohort

    /// - Throws: ``QuarterlyError/noCalendarDates`` when `patients.csv` has no `index_date`.
    public init(_ full: Cohort, asOf: CivilDate) throws {
        guard let indexDates = full.patients.indexDate else { throw QuarterlyError.noCalendarDates }
        self.asOf = asOf
        let keptPatients = indexDates.indices.filter { indexDates[$0] <= asOf }
        var renumbering = [Int32](repeating: -1, count: full.patients.count)
        for (position, patient) in keptPatients.enumerated() { renumbering[patient] = Int32(position) }
        let newIndex = renumbering
        // The last kept day of each old patient, in days since its index date.
        let lastDay = indexDates.map { Int32(clamping: $0.days(to: asOf)) }
        let patientCount = keptPatients.count

        /// The kept rows as runs of consecutive rows (one per patient when its rows are sorted by day, as the loader
        /// sorts them), the renumbered patient column and its ranges: no per-row index array is built.
        @Sendable func kept(_ patient: [Int32], _ day: [Int32]) -> (rows: KeptRows, patient: [Int32], ranges: PatientRanges) {
            var runs: [Range<Int>] = []
            var renumbered: [Int32] = []
            var offsets = [Int](repeating: 0, count: patientCount + 1)
            var row = 0
            while row < patient.count {
                let old = Int(patient[row]), new = newIndex[old]
                guard new >= 0, day[row] <= lastDay[old] else {
                    row += 1
                    continue
                }
                var end = row + 1
                while end < patient.count, Int(patient[end]) == old, day[end] <= lastDay[old] { end += 1 }
                runs.append(row..<end)
                offsets[Int(new) + 1] += end - row
                row = end
            }
            let total = runs.reduce(0) { $0 + $1.count }
            renumbered.reserveCapacity(total)
            for run in runs { renumbered.append(contentsOf: repeatElement(newIndex[Int(patient[run.lowerBound])], count: run.count)) }
            for position in 0..<patientCount { offsets[position + 1] += offsets[position] }
            return (KeptRows(runs: runs, count: total), renumbered, PatientRanges(offsets: offsets))
        }
        // The tables are cut at the same time (each on its own; the results do not depend on the number of cores).
        enum Cut: Sendable {
            case doses(DoseTable?), dispensings(DispensingTable?), screens(ScreenTable?), visits(VisitTable?)
            case assessments(AssessmentTable?), episodes(EpisodeTable?)
        }
        let work: [@Sendable () -> Cut] = [
            { .doses(full.doses.map { table in
                let (rows, patient, ranges) = kept(table.patient, table.day)
                return DoseTable(
                    patient: patient, day: rows.gather(table.day), amount: rows.gather(table.amount),
                    takeHome: table.takeHome.map { rows.gather($0) }, byPatient: ranges)
            }) },
            { .dispensings(full.dispensings.map { table in
                let (rows, patient, ranges) = kept(table.patient, table.day)
                return DispensingTable(
                    patient: patient, day: rows.gather(table.day), daysSupply: rows.gather(table.daysSupply),
                    drug: table.drug.keeping(rows), byPatient: ranges)
            }) },
            { .screens(full.screens.map { table in
                let (rows, patient, ranges) = kept(table.patient, table.day)
                return ScreenTable(
                    patient: patient, day: rows.gather(table.day), substance: table.substance.keeping(rows),
                    result: rows.gather(table.result), byPatient: ranges)
            }) },
            { .visits(full.visits.map { table in
                let (rows, patient, ranges) = kept(table.patient, table.day)
                return VisitTable(
                    patient: patient, day: rows.gather(table.day), kind: table.kind.keeping(rows),
                    status: rows.gather(table.status), byPatient: ranges)
            }) },
            { .assessments(full.assessments.map { table in
                let (rows, patient, ranges) = kept(table.patient, table.day)
                return AssessmentTable(
                    patient: patient, day: rows.gather(table.day), instrument: table.instrument.keeping(rows),
                    item: table.item.keeping(rows), score: rows.gather(table.score), byPatient: ranges)
            }) },
            { .episodes(full.episodes.map { table in
                let (rows, patient, ranges) = kept(table.patient, table.start)
                var end: [Int32?] = [], reason: [EpisodeEndReason] = []
                for row in rows.runs.joined() {
                    let last = lastDay[Int(table.patient[row])]
                    if let recorded = table.end[row], recorded <= last {
                        end.append(recorded)
                        reason.append(table.endReason[row])
                    } else {
                        end.append(last)
                        reason.append(.ongoing)
                    }
                }
                return EpisodeTable(
                    patient: patient, start: rows.gather(table.start), end: end, endReason: reason, byPatient: ranges)
            }) },
        ]
        var doses: DoseTable?, dispensings: DispensingTable?, screens: ScreenTable?, visits: VisitTable?
        var assessments: AssessmentTable?, episodes: EpisodeTable?
        for result in concurrently(work) {
            switch try result.get() {
            case .doses(let table): doses = table
            case .dispensings(let table): dispensings = table
            case .screens(let table): screens = table
            case .visits(let table): visits = table
            case .assessments(let table): assessments = table
            case .episodes(let table): episodes = table
            }
        }
        let source = full.patients
        let declaredCategorical = Set(
            (full.manifest?.covariates ?? []).filter { $0.type == .categorical }.map(\.name))
        let covariates = source.covariates.map { covariate in
            switch covariate.values {
            case .numeric(let values):
                return Covariate(name: covariate.name, values: .numeric(keptPatients.map { values[$0] }))
            case .categorical(let column):
                let column = column.keeping(keptPatients)
                if !declaredCategorical.contains(covariate.name), let numbers = column.numericValues() {
                    return Covariate(name: covariate.name, values: .numeric(numbers))
                }
                return Covariate(name: covariate.name, values: .categorical(column))
            }
        }
        let patients = PatientTable(
            identifiers: keptPatients.map { source.identifiers[$0] }, site: source.site.keeping(keptPatients),
            arm: source.arm.keeping(keptPatients), medication: keptPatients.map { source.medication[$0] },
            psychosocial: source.psychosocial.keeping(keptPatients), indexDate: keptPatients.map { indexDates[$0] },
            covariates: covariates)
        cohort = Cohort(
            patients: patients, doses: doses, dispensings: dispensings, screens: screens, visits: visits,
            assessments: assessments, episodes: episodes, loadReport: full.loadReport, manifest: full.manifest,
            publishedUsePatterns: full.publishedUsePatterns)
    }
}

/// Why a quarterly analysis cannot run.
public enum QuarterlyError: Error, Equatable, CustomStringConvertible, Sendable {
    /// `patients.csv` has no `index_date`: the cohort is recorded in days since each patient's index day.
    case noCalendarDates
    /// A quarter written other than `YYYY-Qn`.
    case invalidQuarter(String)

    public var description: String {
        switch self {
        case .noCalendarDates:
            "a quarterly report needs calendar dates: patients.csv has no index_date column (this cohort is recorded "
                + "in days since each patient's index day, as the bundled CTN-0094 cohort is)"
        case .invalidQuarter(let text):
            "\"\(text)\" is not a quarter; write it as YYYY-Qn, e.g. 2025-Q4"
        }
    }
}

/// Rows of an event table kept by the as-of cut, as runs of consecutive rows in order.
struct KeptRows: Sendable {
    let runs: [Range<Int>]
    /// Rows in all runs.
    let count: Int

    /// The values of `column` at the kept rows, in order.
    func gather<T>(_ column: [T]) -> [T] {
        var values: [T] = []
        values.reserveCapacity(count)
        for run in runs { values.append(contentsOf: column[run]) }
        return values
    }
}

extension CategoricalColumn {
    /// The kept rows, with the levels they use (sorted, as the loader builds them).
    func keeping(_ rows: KeptRows) -> CategoricalColumn {
        recoded(rows.gather(codes))
    }

    /// The rows `rows`, with the levels they use (sorted, as the loader builds them).
    func keeping(_ rows: [Int]) -> CategoricalColumn {
        recoded(rows.map { codes[$0] })
    }

    /// `kept` (codes of this column's levels) with the levels no code uses dropped and the codes renumbered.
    private func recoded(_ kept: [Int32]) -> CategoricalColumn {
        var used = [Bool](repeating: false, count: levels.count)
        for code in kept where code >= 0 { used[Int(code)] = true }
        var newCode = [Int32](repeating: CategoricalColumn.missingCode, count: levels.count)
        var keptLevels: [String] = []
        for (code, level) in levels.enumerated() where used[code] {
            newCode[code] = Int32(keptLevels.count)
            keptLevels.append(level)
        }
        return CategoricalColumn(levels: keptLevels, codes: kept.map { $0 < 0 ? CategoricalColumn.missingCode : newCode[Int($0)] })
    }

    /// Every value as a number when each non-missing label parses as a finite number (as the loader infers a
    /// numeric column), else `nil`. A column with no value at all is numeric, as the loader reads an empty column.
    func numericValues() -> [Double?]? {
        var numbers: [Double?] = []
        for level in levels {
            var text = level
            let value: Double? = text.withUTF8 { bytes in
                if case .value(let number) = NumberParsing.parseDouble(UnsafeRawBufferPointer(bytes)) { number } else { nil }
            }
            guard let value else { return nil }
            numbers.append(value)
        }
        return codes.map { $0 < 0 ? nil : numbers[Int($0)] }
    }
}

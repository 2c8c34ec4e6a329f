import OutcomeStats

/// Raw feature values for every patient of a ``LandmarkCohort``, one column per ``RelapseRiskFeature/Source``.
///
/// It only ever sees the landmark cohort, so no feature can depend on a record after the landmark. Candidate
/// sources are the baseline covariates asked for (numeric as is; categorical as one indicator per level, plus a
/// missing indicator), every arm level, the weekly urine-screen symbols, observed dosing, each instrument's level,
/// slope and missingness, and attended visits, as far as the cohort has the tables.
struct RelapseRiskFeatureTable {
    let landmark: LandmarkCohort
    let landmarkWeek: Int
    let patternOptions: WeeklyUsePatternOptions
    let dosingOptions: ObservedDosingOptions
    private(set) var columns: [RelapseRiskFeature.Source: [Double?]] = [:]
    /// The landmark cohort's weekly words and observed dosing, each built once for all the columns that use them.
    private var words: [UsePattern]?
    private var dosing: [PatientDosingAdherence]?

    init(
        landmark: LandmarkCohort, landmarkWeek: Int, patternOptions: WeeklyUsePatternOptions,
        dosingOptions: ObservedDosingOptions = ObservedDosingOptions()
    ) {
        self.landmark = landmark
        self.landmarkWeek = landmarkWeek
        self.patternOptions = patternOptions
        self.dosingOptions = dosingOptions
    }

    /// Every source the cohort can supply for `covariates`, in a stable order.
    func candidateSources(covariates: [String]) throws(RelapseRiskError) -> [RelapseRiskFeature.Source] {
        let cohort = landmark.cohort
        var sources: [RelapseRiskFeature.Source] = []
        for name in covariates {
            guard let covariate = cohort.patients.covariate(named: name) else {
                throw RelapseRiskError(.missingCovariate, "covariate '\(name)' is not a column of patients.csv")
            }
            switch covariate.values {
            case .numeric: sources.append(.covariate(name: name))
            case .categorical(let column):
                sources += column.levels.map { .covariateLevel(name: name, level: $0) }
                sources.append(.covariateMissing(name: name))
            }
            if case .numeric = covariate.values { sources.append(.covariateMissing(name: name)) }
        }
        sources += cohort.patients.arm.levels.map { .arm(level: $0) }
        if cohort.screens != nil { sources += ["-", "+", "o", "*"].map { .screenWeeks(symbol: $0) } }
        if cohort.doses != nil { sources += [.dosingAdherence, .longestMissedDoseRun] }
        if let assessments = cohort.assessments {
            for instrument in assessments.instrument.levels {
                sources += [.assessmentLevel(instrument: instrument), .assessmentSlope(instrument: instrument),
                            .assessmentMissing(instrument: instrument)]
            }
        }
        if cohort.visits != nil { sources.append(.attendedVisits) }
        return sources
    }

    /// The column of `source`, computed once.
    mutating func values(_ source: RelapseRiskFeature.Source) throws -> [Double?] {
        if let cached = columns[source] { return cached }
        let computed = try compute(source)
        columns[source] = computed
        return computed
    }

    private mutating func compute(_ source: RelapseRiskFeature.Source) throws -> [Double?] {
        let cohort = landmark.cohort
        let patients = cohort.patients
        switch source {
        case .covariate(let name), .covariateLevel(let name, _), .covariateMissing(let name):
            guard let covariate = patients.covariate(named: name) else {
                throw RelapseRiskError(.missingCovariate, "covariate '\(name)' is not a column of patients.csv")
            }
            switch (covariate.values, source) {
            case (.numeric(let values), .covariate): return values
            case (.numeric(let values), .covariateMissing): return values.map { $0 == nil ? 1 : 0 }
            case (.categorical(let column), .covariateLevel(_, let level)):
                return (0..<column.count).map { column.label(at: $0) == level ? 1 : 0 }
            case (.categorical(let column), .covariateMissing): return column.codes.map { $0 < 0 ? 1 : 0 }
            default:
                throw RelapseRiskError(.covariateTypeMismatch, "covariate '\(name)' is \(covariate.isNumeric ? "numeric" : "categorical") "
                    + "here but the model used it as \(covariate.isNumeric ? "categorical" : "numeric")")
            }
        case .arm(let level):
            return (0..<patients.count).map { patients.arm.label(at: $0) == level ? 1 : 0 }
        case .screenWeeks(let symbol):
            let words = try self.words ?? WeeklyUsePatterns.make(from: cohort, options: patternOptions)
            self.words = words
            let wanted = UseSymbol(Character(symbol))
            return words.map { word in Double(word.symbols.prefix(landmarkWeek).filter { $0 == wanted }.count) }
        case .dosingAdherence, .longestMissedDoseRun:
            let window = DayInterval(first: 0, last: Int32(clamping: landmark.day))
            let dosing = try self.dosing ?? ObservedDosing.compute(
                cohort, windows: TreatmentWindows(cohort: cohort, period: window, endsAtDischarge: false),
                options: dosingOptions)
            self.dosing = dosing
            return dosing.map { source == .dosingAdherence ? $0.adherence : Double($0.longestMissedRun) }
        case .assessmentLevel(let instrument), .assessmentSlope(let instrument), .assessmentMissing(let instrument):
            let assessments = try cohort.require(\.assessments, file: .assessments, for: "assessment features")
            return (0..<patients.count).map { patient in
                let totals = Self.dailyTotals(assessments, patient: patient, instrument: instrument)
                switch source {
                case .assessmentLevel: return totals.isEmpty ? nil : totals.map(\.total).reduce(0, +) / Double(totals.count)
                case .assessmentMissing: return totals.isEmpty ? 1 : 0
                default:
                    return SimpleLinearRegression(x: totals.map { Double($0.day) }, y: totals.map(\.total))
                        .map { $0.slope * 7 } ?? 0
                }
            }
        case .attendedVisits:
            let visits = try cohort.require(\.visits, file: .visits, for: "attendance features")
            return (0..<patients.count).map { patient in
                Double(visits.byPatient.rows(of: patient).filter { visits.day[$0] >= 0 && visits.status[$0] == .attended }.count)
            }
        }
    }

    /// The instrument's scores summed per day, days ascending.
    private static func dailyTotals(_ table: AssessmentTable, patient: Int, instrument: String) -> [(day: Int32, total: Double)] {
        var totals: [(day: Int32, total: Double)] = []
        for row in table.byPatient.rows(of: patient) where table.instrument.label(at: row) == instrument {
            if let last = totals.last, last.day == table.day[row] {
                totals[totals.count - 1].total += table.score[row]
            } else {
                totals.append((table.day[row], table.score[row]))
            }
        }
        return totals
    }
}

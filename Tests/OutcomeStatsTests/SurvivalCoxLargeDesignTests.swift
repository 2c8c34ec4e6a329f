import Foundation
import Testing
import _OutcomeTestSupport

@testable import OutcomeStats

/// The memory-saving paths of the Cox fit (docs/Performance.md): a design given by its entries instead of a matrix,
/// columns constant within groups kept once per group, and the robust variance summed row by row into its clusters
/// instead of from an n × p matrix of score residuals.
@Suite("Cox on large designs: entries instead of a matrix, streamed robust variance")
struct SurvivalCoxLargeDesignTests {
    static func data(seed: UInt64, n: Int = 300, p: Int = 3) -> (design: Matrix, times: [Double], events: [Bool]) {
        var generator = SplitMix64(seed: seed)
        return SurvivalHandComputedTests.simulated(&generator, n: n, p: p, rounding: 0.1)
    }

    @Test("a design given by its entries gives the matrix fit's numbers bit for bit, robust, weighted, with intervals")
    func entriesEqualMatrix() {
        let data = Self.data(seed: 41)
        let n = data.times.count
        let entries = data.times.map { max(0, $0 - 0.35) }
        let weights = (0..<n).map { 0.5 + Double($0 % 4) / 4 }
        let clusters = (0..<n).map { $0 / 4 }
        for ties in CoxTies.allCases {
            let model = CoxModel(options: CoxOptions(ties: ties))
            let matrixFit = model.fit(
                design: data.design, entryTimes: entries, times: data.times, events: data.events, weights: weights,
                clusters: clusters)
            let entryFit = model.fit(
                rowCount: n, columnCount: data.design.columns, covariate: { data.design[$0, $1] },
                entryTimes: entries, times: data.times, events: data.events, weights: weights, clusters: clusters)
            #expect(matrixFit.estimates == entryFit.estimates, "\(ties)")
            #expect(matrixFit.concordance == entryFit.concordance, "\(ties)")
            // times, entries and events read from functions of the row: the same numbers
            let functionFit = model.fit(
                rowCount: n, columnCount: data.design.columns, covariate: { data.design[$0, $1] },
                entryTime: { entries[$0] }, time: { data.times[$0] }, event: { data.events[$0] }, weights: weights,
                clusters: clusters)
            #expect(matrixFit.estimates == functionFit.estimates, "\(ties)")
            #expect(matrixFit.scoreResiduals() == functionFit.scoreResiduals(), "\(ties)")
        }
    }

    @Test("an aliased column given by entries is found and reported as with the matrix")
    func aliasedEntries() {
        let data = Self.data(seed: 43, p: 2)
        let n = data.times.count
        // Column 2 = column 0 + column 1: aliased, as R's coxph gives NA for the later column.
        let value: (Int, Int) -> Double = { row, column in
            column < 2 ? data.design[row, column] : data.design[row, 0] + data.design[row, 1]
        }
        let matrix = Matrix(rows: n, columns: 3, columnMajor: (0..<3).flatMap { column in (0..<n).map { value($0, column) } })
        let matrixFit = CoxModel().fit(design: matrix, times: data.times, events: data.events, robust: true)
        let entryFit = CoxModel().fit(
            rowCount: n, columnCount: 3, covariate: value, times: data.times, events: data.events, robust: true)
        #expect(entryFit.coefficients[2] == nil)
        #expect(entryFit.convergence.warnings.contains { $0.code == .aliasedColumns })
        #expect(matrixFit.estimates == entryFit.estimates)
    }

    @Test("the streamed robust variance equals V (Σ_c U_c U_cᵀ) V from the stored score residuals")
    func streamedSandwich() {
        let data = Self.data(seed: 47)
        let n = data.times.count
        let clusters = (0..<n).map { ($0 * 7) % 60 }
        for ties in CoxTies.allCases {
            let fit = CoxModel(options: CoxOptions(ties: ties)).fit(
                design: data.design, times: data.times, events: data.events, clusters: clusters)
            let residuals = fit.scoreResiduals()
            let p = data.design.columns
            var sums = [[Double]](repeating: [Double](repeating: 0, count: p), count: 60)
            for row in 0..<n {
                for j in 0..<p { sums[clusters[row]][j] += residuals[row, j] }
            }
            var meat = Matrix(rows: p, columns: p)
            for sum in sums {
                for j in 0..<p { for k in 0..<p { meat[j, k] += sum[j] * sum[k] } }
            }
            let expected = fit.modelVariance * meat * fit.modelVariance
            for j in 0..<p {
                for k in 0..<p {
                    #expect(isClose(fit.robustVariance![j, k], expected[j, k], relative: 1e-10), "\(ties) [\(j), \(k)]")
                }
            }
        }
    }

    @Test("cluster codes of any range (negative, sparse) give the robust variance of the codes 0, 1, 2, …")
    func clusterCodes() {
        let data = Self.data(seed: 53)
        let n = data.times.count
        let dense = (0..<n).map { $0 / 3 }
        let sparse = dense.map { $0 * 1_000_003 - 7 }
        let a = CoxModel().fit(design: data.design, times: data.times, events: data.events, clusters: dense)
        let b = CoxModel().fit(design: data.design, times: data.times, events: data.events, clusters: sparse)
        #expect(a.robustVariance == b.robustVariance)
        #expect(a.robustVariance != a.modelVariance)
    }

    /// Counting-process rows of 60 subjects (5 intervals each): columns 0 and 2 vary over a subject's rows, 1 and 3
    /// are the subject's baseline values; `grouped` keeps 1 and 3 once per subject.
    static func subjectRows() -> (value: (Int, Int) -> Double, subject: [Int], start: [Double], stop: [Double], events: [Bool]) {
        var generator = SplitMix64(seed: 59)
        let subjects = 60, intervals = 5
        let baseline = (0..<subjects).map { _ in
            [Double.random(in: -1...1, using: &generator), Double(Int.random(in: 0...2, using: &generator))]
        }
        var rows: [[Double]] = [], subject: [Int] = [], start: [Double] = [], stop: [Double] = [], events: [Bool] = []
        for s in 0..<subjects {
            for k in 0..<intervals {
                rows.append([Double(Int.random(in: 0...4, using: &generator)), baseline[s][0],
                             Double.random(in: 0...1, using: &generator), baseline[s][1]])
                subject.append(s)
                start.append(Double(10 * k))
                stop.append(Double(10 * k + Int.random(in: 1...10, using: &generator)))
                events.append(k == intervals - 1 && Double.random(in: 0...1, using: &generator) < 0.6)
            }
        }
        return ({ rows[$0][$1] }, subject, start, stop, events)
    }

    /// The fits agree to rounding: coefficients, both variances and the log-likelihoods within `relative`.
    static func expectClose(_ a: CoxEstimates, _ b: CoxEstimates, relative: Double = 1e-10, _ comment: Comment) {
        #expect(a.coefficients.map { $0 == nil } == b.coefficients.map { $0 == nil }, comment)
        for (x, y) in zip(a.coefficients, b.coefficients) {
            #expect(isClose(x ?? 0, y ?? 0, relative: relative, absolute: 1e-14), comment)
        }
        for (x, y) in zip(a.modelVariance.storage, b.modelVariance.storage) {
            #expect(isClose(x, y, relative: relative, absolute: 1e-16), comment)
        }
        #expect((a.robustVariance == nil) == (b.robustVariance == nil), comment)
        for (x, y) in zip(a.robustVariance?.storage ?? [], b.robustVariance?.storage ?? []) {
            #expect(isClose(x, y, relative: relative, absolute: 1e-16), comment)
        }
        #expect(isClose(a.logLikelihood, b.logLikelihood, relative: 1e-13), comment)
        #expect(a.convergence.iterations == b.convergence.iterations, comment)
    }

    @Test("the information summed after the sweep (Σ rᵢAᵢxᵢxᵢᵀ) equals the running S₂ sums, to rounding")
    func informationSummedAfterSweep() {
        let data = Self.subjectRows()
        let n = data.subject.count
        let strata = (0..<n).map { $0 % 3 == 0 ? 7 : -2 }
        let weights = (0..<n).map { 0.5 + Double($0 % 5) / 3 }
        for ties in CoxTies.allCases {
            for grouped: Set<Int> in [[], [1, 3]] {
                for (entries, stratified, weighted) in [(true, false, false), (true, true, true), (false, true, false)] {
                    let fit = CoxModel(options: CoxOptions(ties: ties)).fit(
                        rowCount: n, columnCount: 4, covariate: data.value,
                        groupedColumns: grouped.isEmpty ? nil : CoxGroupedColumns(group: data.subject, groupCount: 60, columns: grouped),
                        entryTimes: entries ? data.start : nil, times: data.stop, events: data.events,
                        weights: weighted ? weights : nil, strata: stratified ? strata : nil)
                    let riskSets = fit.riskSets
                    for beta in [[0.0, 0, 0, 0], [0.3, -0.2, 0.5, 0.1]] {
                        let summed = riskSets.evaluate(beta, ties: ties)
                        // phWeights keeps the running S₂ (the way every fit summed it before)
                        let running = riskSets.evaluate(
                            beta, ties: ties, phWeights: [Double](repeating: 0, count: riskSets.blockCount))
                        let comment: Comment = "\(ties) grouped \(grouped.sorted()) entries \(entries) strata \(stratified) weights \(weighted) β \(beta)"
                        #expect(summed.score == running.score && summed.logLikelihood == running.logLikelihood, comment)
                        for (x, y) in zip(summed.information.storage, running.information.storage) {
                            #expect(isClose(x, y, relative: 1e-11, absolute: 1e-12), comment)
                        }
                    }
                }
            }
        }
    }

    @Test("columns kept once per group give the fit of the full design (Efron and Breslow, robust)")
    func groupedColumns() {
        let data = Self.subjectRows()
        let n = data.subject.count
        for ties in CoxTies.allCases {
            let model = CoxModel(options: CoxOptions(ties: ties))
            let full = model.fit(
                rowCount: n, columnCount: 4, covariate: data.value, entryTimes: data.start, times: data.stop,
                events: data.events, clusters: data.subject)
            for columns: Set<Int> in [[1, 3], [1], [3], [0, 1, 2, 3]] {  // [3]: three distinct values among 60 subjects
                let grouped = model.fit(
                    rowCount: n, columnCount: 4,
                    covariate: { row, column in columns == [0, 1, 2, 3] ? data.value(row - row % 5, column) : data.value(row, column) },
                    groupedColumns: CoxGroupedColumns(group: data.subject, groupCount: 60, columns: columns),
                    entryTimes: data.start, times: data.stop, events: data.events, clusters: data.subject)
                if columns == [0, 1, 2, 3] {
                    // every column constant within subjects: the fit of those values as ordinary columns
                    let reference = model.fit(
                        rowCount: n, columnCount: 4, covariate: { row, column in data.value(row - row % 5, column) },
                        entryTimes: data.start, times: data.stop, events: data.events, clusters: data.subject)
                    // the grouped columns' squares are summed per combination, the plain ones per row: equal to
                    // rounding, not bit for bit
                    Self.expectClose(grouped.estimates, reference.estimates, "\(ties) all grouped")
                } else {
                    Self.expectClose(grouped.estimates, full.estimates, "\(ties) \(columns.sorted())")
                    #expect(isClose(grouped.concordance, full.concordance, relative: 1e-12), "\(ties) \(columns.sorted())")
                    for (x, y) in zip(grouped.scoreResiduals().storage, full.scoreResiduals().storage) {
                        #expect(isClose(x, y, relative: 1e-9, absolute: 1e-12), "\(ties) \(columns.sorted())")
                    }
                }
            }
        }
    }

    /// Rows whose own columns take few distinct combinations keep each combination once and its index per row
    /// (``CoxCovariates/rowCodes``); the values read are the same doubles, so every sum is the same bit for bit.
    @Test("few distinct row values kept once each: the same sums, residuals and fit bit for bit")
    func distinctRowValues() {
        let data = Self.subjectRows()
        let n = data.subject.count
        // columns 0 (0…4) and 2 (0, ½, 1) vary within subjects: at most 15 combinations
        let value: (Int, Int) -> Double = { row, column in
            column == 2 ? (data.value(row, 2) * 3).rounded(.down) / 2 : data.value(row, column) }
        let strata = (0..<n).map { $0 % 3 == 0 ? 7 : -2 }
        let weights = (0..<n).map { 0.5 + Double($0 % 5) / 3 }
        let grouped = CoxGroupedColumns(group: data.subject, groupCount: 60, columns: [1, 3])
        for (stratified, weighted) in [(false, false), (true, true)] {
            func riskSets(_ limit: Int?) -> CoxRiskSets {
                CoxRiskSets(entries: value, grouped: grouped, entryTime: { data.start[$0] }, rowCount: n,
                            time: { data.stop[$0] }, event: { data.events[$0] }, weights: weighted ? weights : nil,
                            strata: stratified ? strata : nil, columns: [0, 1, 2, 3], distinctRowLimit: limit)
            }
            // numbered as read; a row per position from the start; and numbered until the 4th distinct row, then a
            // row per position with the rows read so far decoded
            let coded = riskSets(nil), dense = riskSets(0), fallback = riskSets(3)
            #expect(coded.covariates.rowCodes != nil && dense.covariates.rowCodes == nil)
            #expect(fallback.covariates.rowCodes == nil && fallback.covariates.rowValues.count == 2 * n)
            #expect(coded.covariates.rowValues.count <= 15 * 2 && dense.covariates.rowValues.count == 2 * n)
            for other in [dense, fallback] {
                coded.covariates.withRows { a in
                    other.covariates.withRows { b in
                        for i in 0..<n {
                            #expect(Array(UnsafeBufferPointer(start: a.row(i), count: 4))
                                        == Array(UnsafeBufferPointer(start: b.row(i), count: 4)))
                        }
                    }
                }
                for ties in CoxTies.allCases {
                    for beta in [[0.0, 0, 0, 0], [0.3, -0.2, 0.5, 0.1]] {
                        let comment: Comment = "\(ties) strata \(stratified) weights \(weighted) β \(beta)"
                        let x = coded.evaluate(beta, ties: ties), y = other.evaluate(beta, ties: ties)
                        #expect(x.logLikelihood == y.logLikelihood && x.score == y.score, comment)
                        #expect(x.information == y.information, comment)
                        #expect(CoxFit.sortedScoreResiduals(riskSets: coded, beta: beta, ties: ties)
                                    == CoxFit.sortedScoreResiduals(riskSets: other, beta: beta, ties: ties), comment)
                    }
                }
            }
        }
        // a fit takes the coded form by itself, and agrees with the fit of the full design to rounding
        let model = CoxModel()
        let fit = model.fit(rowCount: n, columnCount: 4, covariate: value, groupedColumns: grouped,
                            entryTimes: data.start, times: data.stop, events: data.events, clusters: data.subject)
        let full = model.fit(rowCount: n, columnCount: 4, covariate: value, entryTimes: data.start, times: data.stop,
                             events: data.events, clusters: data.subject)
        #expect(fit.riskSets.covariates.rowCodes != nil && full.riskSets.covariates.rowCodes == nil)
        Self.expectClose(fit.estimates, full.estimates, "coded against full")
    }

    @Test("a grouped column aliased with another is reported as without grouping")
    func groupedAliased() {
        let data = Self.subjectRows()
        let n = data.subject.count
        // Column 4 = 2 × column 1, both baseline values of the subject.
        let value: (Int, Int) -> Double = { row, column in column == 4 ? 2 * data.value(row, 1) : data.value(row, column) }
        let plain = CoxModel().fit(
            rowCount: n, columnCount: 5, covariate: value, entryTimes: data.start, times: data.stop,
            events: data.events, clusters: data.subject)
        let grouped = CoxModel().fit(
            rowCount: n, columnCount: 5, covariate: value,
            groupedColumns: CoxGroupedColumns(group: data.subject, groupCount: 60, columns: [1, 3, 4]),
            entryTimes: data.start, times: data.stop, events: data.events, clusters: data.subject)
        #expect(grouped.coefficients[4] == nil)
        Self.expectClose(grouped.estimates, plain.estimates, "aliased")
    }
}

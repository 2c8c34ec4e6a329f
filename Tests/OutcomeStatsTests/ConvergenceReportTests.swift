import OutcomeStats
import Testing

@Suite("ConvergenceReport and ConvergenceWarning")
struct ConvergenceReportTests {
    @Test("stopped(): converged when the change is within tolerance, no warning")
    func converged() {
        let report = ConvergenceReport.stopped(iterations: 4, maximumIterations: 20, tolerance: 1e-9, finalChange: 3e-12)
        #expect(report.converged && report.isClean && report.iterations == 4)
        #expect(report.description == "converged after 4 of 20 iterations (change 3e-12, tolerance 1e-09)")
    }

    @Test("stopped(): the iteration limit adds its warning; a NaN change never converges")
    func iterationLimit() {
        let report = ConvergenceReport.stopped(iterations: 20, maximumIterations: 20, tolerance: 1e-9, finalChange: 0.01)
        #expect(!report.converged && report.hasWarning(.iterationLimitReached))
        #expect(report.warnings.count == 1)
        #expect(report.description.hasPrefix("did not converge: stopped after 20 of 20 iterations"))
        #expect(report.description.contains("[iteration-limit-reached]"))
        let nan = ConvergenceReport.stopped(iterations: 3, maximumIterations: 20, tolerance: 1e-9, finalChange: .nan)
        #expect(!nan.converged && !nan.hasWarning(.iterationLimitReached))
    }

    @Test("warnings carry code, index, term and message; filtering and appending keep values immutable")
    func warnings() {
        let infinite = ConvergenceWarning.coefficientMayBeInfinite(index: 2, estimate: 23.5)
        #expect(infinite.code == .coefficientMayBeInfinite && infinite.index == 2 && infinite.term == nil)
        #expect(infinite.description == "[coefficient-may-be-infinite] #2: coefficient 2 may be infinite: it kept growing (estimate 23.5)")
        let named = infinite.naming("age")
        #expect(named.term == "age" && named.description.hasPrefix("[coefficient-may-be-infinite] age: "))
        let boundary = ConvergenceWarning(code: .varianceOnBoundary, message: "random-intercept variance is 0")
        #expect(boundary.description == "[variance-on-boundary] random-intercept variance is 0")

        let base = ConvergenceReport(converged: true, iterations: 6, maximumIterations: 25, tolerance: 1e-8, finalChange: 1e-10)
        let flagged = base.adding([infinite, .aliasedColumn(index: 3), .aliasedColumn(index: 4)])
        #expect(base.warnings.isEmpty && !flagged.isClean && flagged.converged)
        #expect(flagged.warnings(.aliasedColumns).map(\.index) == [3, 4])
        #expect(!flagged.hasWarning(.stepHalvingFailed) && !flagged.hasWarning(.hessianNotPositiveDefinite))
        #expect(flagged.description.split(separator: "\n").count == 4)
    }

    @Test("equality and stable codes")
    func equality() {
        let a = ConvergenceReport(converged: false, iterations: 3, maximumIterations: 3, tolerance: 1e-6, finalChange: 1,
                                  warnings: [ConvergenceWarning(code: .stepHalvingFailed, message: "no improvement")])
        let b = ConvergenceReport(converged: false, iterations: 3, maximumIterations: 3, tolerance: 1e-6, finalChange: 1,
                                  warnings: [ConvergenceWarning(code: .stepHalvingFailed, message: "no improvement")])
        #expect(a == b)
        #expect(a != a.adding([ConvergenceWarning(code: .hessianNotPositiveDefinite, message: "x")]))
        let codes: [ConvergenceWarning.Code] = [
            .coefficientMayBeInfinite, .hessianNotPositiveDefinite, .varianceOnBoundary, .iterationLimitReached,
            .stepHalvingFailed, .aliasedColumns,
        ]
        #expect(Set(codes.map(\.rawValue)).count == codes.count)
        #expect(ConvergenceWarning.Code(rawValue: "variance-on-boundary") == .varianceOnBoundary)
    }
}

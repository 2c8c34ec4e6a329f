import Foundation
import OutcomeStats
import Testing
import _OutcomeTestSupport

@Suite("Craving: per-patient OLS slope")
struct CravingSimpleRegressionTests {
    @Test("hand-derived line")
    func handDerived() throws {
        // x = 0, 1, 2, 3; y = 1, 3, 2, 6: x̄ = 1.5, ȳ = 3, Sxx = 5, Sxy = 7 → b = 1.4, a = 0.9;
        // residuals 0.1, 0.7, −1.7, 0.9 → RSS = 4.2, s² = 2.1, SE(b) = √(2.1/5).
        let fit = try #require(SimpleLinearRegression(x: [0, 1, 2, 3], y: [1, 3, 2, 6]))
        #expect(isClose(fit.slope, 1.4, relative: 1e-14))
        #expect(isClose(fit.intercept, 0.9, relative: 1e-14))
        #expect(isClose(fit.slopeStandardError!, (2.1 / 5).squareRoot(), relative: 1e-14))
        #expect(fit.count == 4)
    }

    @Test("undefined and degenerate cases")
    func edgeCases() throws {
        #expect(SimpleLinearRegression(x: [1], y: [2]) == nil)
        #expect(SimpleLinearRegression(x: [2, 2, 2], y: [1, 2, 3]) == nil)
        let two = try #require(SimpleLinearRegression(x: [0, 2], y: [1, 5]))
        #expect(two.slope == 2 && two.slopeStandardError == nil)
        let perfect = try #require(SimpleLinearRegression(x: [10_000, 10_001, 10_002], y: [3, 5, 7]))
        #expect(isClose(perfect.slope, 2, relative: 1e-12) && perfect.slopeStandardError! < 1e-9)
    }

    private struct Slopes: Decodable {
        struct Slope: Decodable { let group: String; let n: Int; let slope: Double; let slope_se: Double; let intercept: Double }
        let slopes: [Slope]
    }

    @Test("matches lm per subject in sleepstudy")
    func sleepstudy() throws {
        // R 4.2.2, lme4 1.1.31 data: coef(summary(lm(Reaction ~ I(Days / 7)))) per Subject (slopes.json).
        let reference = try JSONDecoder().decode(
            Slopes.self, from: Data(contentsOf: datasetURL("reference/craving/slopes.json")))
        let text = try String(contentsOf: datasetURL("reference/craving/sleepstudy.csv"), encoding: .utf8)
        let rows = text.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        #expect(reference.slopes.count == 18)
        for expected in reference.slopes {
            let mine = rows.filter { $0[0] == expected.group }
            let fit = try #require(SimpleLinearRegression(
                x: mine.map { Double($0[1])! / 7 }, y: mine.map { Double($0[2])! }))
            #expect(fit.count == expected.n)
            #expect(isClose(fit.slope, expected.slope, relative: 1e-12))
            #expect(isClose(fit.slopeStandardError!, expected.slope_se, relative: 1e-12))
            #expect(isClose(fit.intercept, expected.intercept, relative: 1e-12))
        }
    }
}

import Foundation
import OutcomeStats
import Testing
import _OutcomeTestSupport

/// Cox fits, log-rank tests and Aalen–Johansen curves against R 4.2.2 / survival 3.5.3
/// (datasets/reference/retention/make_reference.R, sections "cox": coxph, summary, cox.zph(transform = "km"),
/// basehaz(centered = FALSE); "logrank": survdiff; "cif": summary(survfit(Surv(time, factor(status)) ~ 1))).
@Suite("Cox, log-rank and cumulative incidence against R survival")
struct SurvivalCoxReferenceTests {
    /// Coefficients, model-based standard errors, likelihoods, tests, concordance: 1e-6 relative.
    static let tolerance = 1e-6
    /// Robust variance and the proportional-hazards test: 1e-4 relative (the tolerance).
    static let looseTolerance = 1e-4

    static func fit(_ reference: [String: Any]) -> CoxFit {
        let table = SurvivalReference.table(reference["file"] as! String)
        let covariates = reference.strings("covariates")
        let n = table[reference["time"] as! String]!.count
        var columnMajor: [Double] = []
        for name in covariates { columnMajor += SurvivalReference.numbers(table, name) }
        let design = Matrix(rows: n, columns: covariates.count, columnMajor: columnMajor)
        func codes(_ column: String?) -> [Int]? {
            guard let column else { return nil }
            let labels = table[column]!
            let sorted = sortedLabels(labels)
            return labels.map { sorted.firstIndex(of: $0)! }
        }
        let ties = CoxTies(rawValue: reference["ties"] as! String)!
        return CoxModel(options: CoxOptions(ties: ties)).fit(
            design: design, times: SurvivalReference.numbers(table, reference["time"] as! String),
            events: SurvivalReference.numbers(table, reference["event"] as! String).map { $0 == 1 },
            strata: codes(reference["strata"] as? String), clusters: codes(reference["cluster"] as? String),
            robust: reference["robust"] as? Bool ?? false)
    }

    @Test("coefficients, errors, tests, likelihoods, concordance, iterations", arguments: SurvivalReference.cases("cox").keys.sorted())
    func cox(name: String) {
        let reference = SurvivalReference.cases("cox")[name]!
        let fit = Self.fit(reference)
        let t = Self.tolerance
        let robust = fit.robustStandardErrors != nil
        for (j, expected) in reference.optionalNumbers("coef").enumerated() {
            #expect(agree(fit.coefficients[j], expected, relative: t), "\(name) coef \(j)")
            #expect(agree(fit.standardErrors[j], reference.optionalNumbers("se")[j], relative: t), "\(name) se \(j)")
            let inference = fit.coefficientInference()[j]
            let zTolerance = robust ? Self.looseTolerance : t
            #expect(agree(inference?.z, reference.optionalNumbers("z")[j], relative: zTolerance), "\(name) z \(j)")
            #expect(agree(inference?.pValue, reference.optionalNumbers("p")[j], relative: zTolerance), "\(name) p \(j)")
            #expect(agree(inference?.ratioInterval.lower, reference.optionalNumbers("lower95")[j], relative: zTolerance), "\(name) lower \(j)")
            #expect(agree(inference?.ratioInterval.upper, reference.optionalNumbers("upper95")[j], relative: zTolerance), "\(name) upper \(j)")
            if robust {
                #expect(agree(fit.robustStandardErrors![j], reference.optionalNumbers("robust_se")[j], relative: Self.looseTolerance),
                        "\(name) robust se \(j)")
            }
        }
        #expect(robust == (reference["robust_se"] is [Any]), "\(name): robust variance present exactly when R has one")
        let loglik = reference.numbers("loglik")
        #expect(isClose(fit.logLikelihoodNull, loglik[0], relative: t), "\(name) loglik null")
        #expect(isClose(fit.logLikelihood, loglik[1], relative: t), "\(name) loglik")
        #expect(isClose(fit.concordance, reference.number("concordance"), relative: t), "\(name) concordance")
        #expect(fit.subjectCount == Int(reference.number("n")) && fit.eventCount == Int(reference.number("events")))
        #expect(fit.convergence.iterations == Int(reference.number("iterations")), "\(name) iterations")
        #expect(fit.convergence.converged)
        #expect(isClose(fit.scoreTest.statistic, reference.number("score_test"), relative: t), "\(name) score test")
        #expect(isClose(fit.likelihoodRatioTest.statistic, reference.number("lr_test"), relative: t), "\(name) LR test")
        #expect(isClose(fit.waldTest.statistic, reference.number("wald_test"), relative: robust ? Self.looseTolerance : t),
                "\(name) Wald test")
    }

    @Test("cox.zph(transform = \"km\") terms and GLOBAL",
          arguments: SurvivalReference.cases("cox").filter { $0.value["zph"] is [String: Any] }.keys.sorted())
    func proportionalHazards(name: String) {
        let reference = SurvivalReference.cases("cox")[name]!
        let zph = reference.object("zph")
        let test = Self.fit(reference).proportionalHazardsTest()
        let statistics = test.terms.map(\.test.statistic) + [test.global.statistic]
        let pValues = test.terms.map(\.test.pValue) + [test.global.pValue]
        #expect(statistics.count == zph.numbers("chisq").count)
        for (index, expected) in zph.numbers("chisq").enumerated() {
            #expect(isClose(statistics[index], expected, relative: Self.looseTolerance), "\(name) zph chisq \(index)")
            #expect(isClose(pValues[index], zph.numbers("p")[index], relative: Self.looseTolerance), "\(name) zph p \(index)")
        }
    }

    @Test("baseline cumulative hazard at x = 0",
          arguments: SurvivalReference.cases("cox").filter { $0.value["basehaz"] is [String: Any] }.keys.sorted())
    func baselineHazard(name: String) {
        let reference = SurvivalReference.cases("cox")[name]!
        let basehaz = reference.object("basehaz")
        let hazard = Self.fit(reference).baselineCumulativeHazard()
        let labels = basehaz.strings("strata")
        let table = SurvivalReference.table(reference["file"] as! String)
        let order = (reference["strata"] as? String).map { sortedLabels(table[$0]!) } ?? []
        for (index, time) in basehaz.numbers("time").enumerated() {
            let stratum = labels.isEmpty ? 0 : order.firstIndex(of: labels[index])!
            let value = hazard.cumulativeHazard(at: time, stratum: stratum)
            #expect(agree(value, basehaz.numbers("hazard")[index], relative: Self.tolerance, absolute: 1e-13),
                    "\(name) H0(\(time)) stratum \(stratum)")
        }
    }

    @Test("survdiff: chi-square, df, p, observed and expected", arguments: SurvivalReference.cases("logrank").keys.sorted())
    func logRank(name: String) {
        let reference = SurvivalReference.cases("logrank")[name]!
        let table = SurvivalReference.table(reference["file"] as! String)
        let labels = table[reference["group"] as! String]!
        let levels = sortedLabels(labels)
        let strata = (reference["strata"] as? String).map { column in
            let values = table[column]!
            let sorted = sortedLabels(values)
            return values.map { sorted.firstIndex(of: $0)! }
        }
        let test = LogRankTest(
            times: SurvivalReference.numbers(table, reference["time"] as! String),
            events: SurvivalReference.numbers(table, reference["event"] as! String).map { $0 == 1 },
            groups: labels.map { levels.firstIndex(of: $0)! }, groupCount: levels.count, strata: strata)
        #expect(isClose(test.test.statistic, reference.number("chisq"), relative: Self.tolerance), "\(name) chisq")
        #expect(test.test.degreesOfFreedom == Int(reference.number("df")))
        #expect(isClose(test.test.pValue, reference.number("p"), relative: Self.tolerance), "\(name) p")
        for (g, expected) in reference.numbers("expected").enumerated() {
            #expect(isClose(test.expected[g], expected, relative: Self.tolerance), "\(name) E \(g)")
            #expect(test.observed[g] == reference.numbers("observed")[g], "\(name) O \(g)")
        }
    }

    @Test("Aalen–Johansen state probabilities and standard errors", arguments: SurvivalReference.cases("cif").keys.sorted())
    func cumulativeIncidence(name: String) {
        let reference = SurvivalReference.cases("cif")[name]!
        let table = SurvivalReference.table(reference["file"] as! String)
        let estimate = CumulativeIncidence(
            times: SurvivalReference.numbers(table, reference["time"] as! String),
            status: SurvivalReference.numbers(table, reference["status"] as! String).map { Int($0) })
        let pstate = (reference["pstate"] as! [[NSNumber]]).map { $0.map(\.doubleValue) }
        let errors = (reference["std_err"] as! [[NSNumber]]).map { $0.map(\.doubleValue) }
        for (row, time) in reference.numbers("times").enumerated() {
            let values = estimate.values(at: time)
            let index = estimate.times.lastIndex { $0 <= time }!
            #expect(isClose(estimate.eventFree[index], pstate[row][0], relative: Self.tolerance, absolute: 1e-14), "\(name) S(\(time))")
            #expect(isClose(estimate.eventFreeStandardErrors[index], errors[row][0], relative: Self.tolerance, absolute: 1e-14))
            for k in values.indices {
                #expect(isClose(values[k].incidence, pstate[row][k + 1], relative: Self.tolerance, absolute: 1e-14),
                        "\(name) CIF\(k + 1)(\(time))")
                #expect(isClose(values[k].standardError, errors[row][k + 1], relative: Self.tolerance, absolute: 1e-14),
                        "\(name) se CIF\(k + 1)(\(time))")
            }
        }
    }
}

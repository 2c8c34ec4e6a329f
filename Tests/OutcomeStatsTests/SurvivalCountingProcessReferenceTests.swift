import Foundation
import OutcomeStats
import Testing
import _OutcomeTestSupport

/// Cox fits on (start, stop] data with strata, clusters and case weights against R 4.2.2 / survival 3.5.3
/// (datasets/reference/stats/cox-counting-process.R: coxph(Surv(start, stop, event) ~ …, weights =, cluster =),
/// fit$naive.var and fit$var, fit$concordance, basehaz(fit, centered = FALSE), residuals(fit, type = "score")).
@Suite("Cox on counting-process data with weights against R survival")
struct SurvivalCountingProcessReferenceTests {
    /// Coefficients, model standard errors, likelihoods, score and LR tests, concordance, baseline hazard.
    static let tolerance = 1e-6
    /// The robust standard errors and the Wald test that uses them.
    static let robustTolerance = 1e-5

    @Test("coefficients, errors, tests, likelihoods, concordance, counts", arguments: CountingProcessReference.cases)
    func coefficients(reference: CountingProcessReference.Case) {
        let fit = CountingProcessReference.fit(reference)
        let expected = CountingProcessReference.values[reference.name]!
        let t = Self.tolerance
        #expect(fit.convergence.converged, "\(reference)")
        for j in reference.covariates.indices {
            #expect(agree(fit.coefficients[j], expected["coef"]![j], relative: t), "\(reference) coef \(j)")
            #expect(agree(fit.standardErrors[j], expected["se"]![j], relative: t), "\(reference) se \(j)")
            if reference.robust {
                #expect(agree(fit.robustStandardErrors?[j] ?? nil, expected["robust_se"]![j],
                              relative: Self.robustTolerance), "\(reference) robust se \(j)")
            }
        }
        #expect((fit.robustVariance != nil) == reference.robust)
        #expect(isClose(fit.logLikelihoodNull, expected["loglik_null"]![0], relative: t), "\(reference) loglik null")
        #expect(isClose(fit.logLikelihood, expected["loglik"]![0], relative: t), "\(reference) loglik")
        #expect(isClose(fit.scoreTest.statistic, expected["score"]![0], relative: t), "\(reference) score test")
        #expect(isClose(fit.likelihoodRatioTest.statistic, expected["likelihood_ratio"]![0], relative: t),
                "\(reference) LR test")
        #expect(isClose(fit.waldTest.statistic, expected["wald"]![0], relative: reference.robust ? Self.robustTolerance : t),
                "\(reference) Wald test")
        #expect(isClose(fit.concordance, expected["concordance"]![0], relative: t), "\(reference) concordance")
        #expect(fit.subjectCount == Int(expected["n"]![0]) && fit.eventCount == Int(expected["events"]![0]),
                "\(reference) n and events")
        #expect(fit.convergence.iterations == Int(expected["iterations"]![0]), "\(reference) iterations")
    }

    @Test("score residuals of each interval (residuals(fit, type = \"score\")), small data set",
          arguments: CountingProcessReference.cases.filter { $0.data == "small" })
    func scoreResiduals(reference: CountingProcessReference.Case) {
        let residuals = CountingProcessReference.fit(reference).scoreResiduals()
        let expected = CountingProcessReference.values[reference.name]!["score_residual"]!
        let p = reference.covariates.count
        #expect(expected.count == residuals.rows * p)
        for (index, value) in expected.enumerated() {
            #expect(isClose(residuals[index / p, index % p], value, relative: Self.tolerance, absolute: 1e-12),
                    "\(reference) row \(index / p + 1) term \(index % p)")
        }
    }

    @Test("baseline cumulative hazard at x = 0, per stratum", arguments: CountingProcessReference.cases)
    func baselineHazard(reference: CountingProcessReference.Case) {
        let hazard = CountingProcessReference.fit(reference).baselineCumulativeHazard()
        let expected = CountingProcessReference.values[reference.name]!
        for (index, time) in expected["basehaz_time"]!.enumerated() {
            let stratum = Int(expected["basehaz_stratum"]![index])
            let value = hazard.cumulativeHazard(at: time, stratum: stratum)
            #expect(agree(value, expected["basehaz_hazard"]![index], relative: Self.tolerance, absolute: 1e-13),
                    "\(reference) H0(\(time)) stratum \(stratum)")
        }
    }
}

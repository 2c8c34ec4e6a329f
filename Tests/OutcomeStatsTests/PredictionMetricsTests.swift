import OutcomeStats
import Testing
import _OutcomeTestSupport

@Suite struct PredictionMetricsTests {
    static let binaryCases = LogisticReference.shared.binary.sorted { $0.key < $1.key }.map(\.value)
    static let concordanceCases = LogisticReference.shared.concordance.sorted { $0.key < $1.key }.map(\.value)

    /// pROC 1.18.0 auc, var(method = "delong"), ci.auc(method = "delong"); Brier; glm calibration fits (risk.json
    /// binary.*: the test vector of docs/RelapseRisk.md, "Test vectors", and 300 draws with many ties).
    @Test(arguments: binaryCases)
    func matchesPROCAndGlm(_ reference: LogisticReference.BinaryCase) throws {
        let auc = try #require(AreaUnderCurve(outcome: reference.y, scores: reference.p))
        #expect(isClose(auc.estimate, reference.auc, relative: 1e-12))
        #expect(isClose(auc.variance!, reference.delong_variance, relative: 1e-10))
        let interval = try #require(auc.confidenceInterval())
        #expect(isClose(interval.lower, reference.lower95, relative: 1e-9))
        #expect(isClose(interval.upper, reference.upper95, relative: 1e-9))
        let calibration = ProbabilityCalibration(outcome: reference.y, probabilities: reference.p)
        #expect(isClose(calibration.brier, reference.brier, relative: 1e-12))
        #expect(isClose(calibration.scaledBrier!, reference.scaled_brier, relative: 1e-12))
        #expect(isClose(calibration.calibrationInTheLarge!, reference.calibration_in_the_large, relative: 1e-7))
        #expect(isClose(calibration.calibrationIntercept!, reference.weak_intercept, relative: 1e-6))
        #expect(isClose(calibration.calibrationSlope!, reference.weak_slope, relative: 1e-6))
    }

    /// docs/RelapseRisk.md, "Test vectors" (pROC 1.18.0 and glm, R 4.2.2), as printed there: AUC 0.8889, DeLong
    /// variance 0.0098765, CI 0.6941–1, Brier 0.1575, CITL 0.3694, weak calibration 0.8457 and 2.4926.
    @Test func domainTestVector() throws {
        let y: [Double] = [0, 0, 1, 0, 1, 1, 0, 1, 1, 0, 0, 1]
        let p = [0.10, 0.20, 0.35, 0.40, 0.45, 0.50, 0.55, 0.60, 0.70, 0.30, 0.15, 0.80]
        let auc = try #require(AreaUnderCurve(outcome: y, scores: p))
        #expect(abs(auc.estimate - 0.8889) < 5e-5)
        #expect(abs(auc.variance! - 0.0098765) < 5e-8)
        #expect(abs(auc.confidenceInterval()!.lower - 0.6941) < 5e-5 && auc.confidenceInterval()!.upper == 1)
        let calibration = ProbabilityCalibration(outcome: y, probabilities: p)
        #expect(abs(calibration.brier - 0.1575) < 1e-12)
        #expect(abs(calibration.calibrationInTheLarge! - 0.3694) < 5e-5)
        #expect(abs(calibration.calibrationIntercept! - 0.8457) < 5e-5)
        #expect(abs(calibration.calibrationSlope! - 2.4926) < 5e-5)
    }

    /// Hand-derived: all ties give ½; perfect separation gives 1; no controls gives nil.
    @Test func aucEdgeCases() {
        #expect(AreaUnderCurve(outcome: [1, 0, 1, 0], scores: [0.5, 0.5, 0.5, 0.5])!.estimate == 0.5)
        #expect(AreaUnderCurve(outcome: [0, 1, 0, 1], scores: [0.1, 0.9, 0.2, 0.8])!.estimate == 1)
        #expect(AreaUnderCurve(outcome: [1, 1], scores: [0.1, 0.9]) == nil)
    }

    /// survival 3.5.3 concordance(Surv(t, e) ~ s, reverse = TRUE): C, SE (infinitesimal jackknife) and pair counts;
    /// includes the test vector of docs/RelapseRisk.md (C 0.95 = 19 concordant, 1 discordant, SE 0.0643).
    @Test(arguments: concordanceCases)
    func matchesSurvivalConcordance(_ reference: LogisticReference.ConcordanceCase) throws {
        let c = try #require(ConcordanceIndex(time: reference.time, event: reference.event.map { $0 == 1 }, score: reference.score))
        #expect(isClose(c.concordance, reference.c, relative: 1e-12))
        #expect(isClose(c.standardError, reference.se, relative: 1e-9))
        #expect(c.concordant == reference.concordant && c.discordant == reference.discordant)
        #expect(c.tiedOnScore == reference.tied_risk)
    }

    /// ntile grouping: 25 rows in 10 groups of sizes 2 or 3, ordered by prediction; events counted per group.
    @Test func calibrationTableGroups() {
        let p = (0..<25).map { Double((17 * $0) % 25) / 25 }
        let y = p.map { $0 > 0.5 ? 1.0 : 0.0 }
        let table = CalibrationTable(outcome: y, probabilities: p)
        #expect(table.groups.map(\.count) == [3, 2, 3, 2, 3, 2, 3, 2, 3, 2])
        #expect(table.groups.map(\.count).reduce(0, +) == 25)
        #expect(zip(table.groups, table.groups.dropFirst()).allSatisfy { $0.maximumPrediction <= $1.minimumPrediction })
        #expect(table.groups.map(\.events).reduce(0, +) == 12)
        #expect(table.groups.first!.events == 0 && table.groups.last!.events == 2)
    }
}

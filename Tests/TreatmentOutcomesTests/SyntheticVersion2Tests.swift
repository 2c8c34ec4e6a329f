import Foundation
import OutcomeStats
import Testing
@testable import TreatmentOutcomes

/// Generator version 2.0.0 (docs/SyntheticCohort.md, "Version 2") and version 1.0.0 unchanged beside it.
@Suite("Synthetic cohort: version 2 (synthetic truth)")
struct SyntheticVersion2Tests {
    static let fileNames = CohortFile.allCases.map(\.rawValue) + ["truth.json"]

    /// FNV-1a (64 bits) of a file's bytes: enough to notice any change.
    static func fingerprint(_ url: URL) throws -> UInt64 {
        try Data(contentsOf: url).reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }

    @Test("Version 1.0.0 is the default and its files are those written before version 2 existed")
    func versionOneUnchanged() throws {
        // FNV-1a of `outcome-report generate --patients 300 --seed 7` at commit c2bfbea (before version 2).
        let expected: [String: UInt64] = [
            "assessments.csv": 0xbaef_e0c9_16b1_0cc5, "dispensings.csv": 0x384c_a730_9a00_f47a,
            "doses.csv": 0xdf37_8a59_132f_a1f9, "episodes.csv": 0x1b24_8879_1fc6_e308,
            "patients.csv": 0xbaf3_e5ff_50fc_41e3, "screens.csv": 0xc603_5c7a_1643_465a,
            "truth.json": 0x240d_b35c_2f59_594f, "visits.csv": 0x3bc2_e150_346c_9415,
        ]
        let (folder, _) = try SyntheticFixture.generate(patientCount: 300, seed: 7, name: "v1-fingerprint")
        for name in Self.fileNames {
            #expect(try Self.fingerprint(folder.appendingPathComponent(name)) == expected[name], "\(name) changed")
        }
        #expect(try SyntheticCohortGenerator(patientCount: 1, seed: 1).generatorVersion == .one)
    }

    @Test("Version 2 is deterministic, differs from version 1, and keeps version 1's covariates")
    func versionTwoDeterministic() throws {
        func write(_ name: String, _ version: SyntheticGeneratorVersion) throws -> URL {
            let url = SyntheticFixture.folder(name)
            _ = try SyntheticCohortGenerator(patientCount: 200, seed: 11, version: version).write(to: url)
            return url
        }
        let first = try write("v2-first", .two), second = try write("v2-second", .two), one = try write("v1", .one)
        for name in Self.fileNames {
            let a = try Data(contentsOf: first.appendingPathComponent(name))
            #expect(a == (try Data(contentsOf: second.appendingPathComponent(name))), "\(name) differs between runs")
            #expect(a != (try Data(contentsOf: one.appendingPathComponent(name))), "\(name) is version 1's")
        }
        // Patient i's rows depend only on (seed, i): 120 patients are a prefix of 200.
        let small = SyntheticFixture.folder("v2-small")
        _ = try SyntheticCohortGenerator(patientCount: 120, seed: 11, version: .two).write(to: small)
        for file in CohortFile.allCases {
            let prefix = try Data(contentsOf: small.appendingPathComponent(file.rawValue))
            #expect(try Data(contentsOf: first.appendingPathComponent(file.rawValue)).starts(with: prefix), "\(file)")
        }
        // Site, medication, index date and covariates come from the same draws as in version 1; only the arm differs.
        let v2 = try SyntheticFixture.table(first, .patients).rows, v1 = try SyntheticFixture.table(one, .patients).rows
        let covariateColumns = [0, 1, 3, 5, 6, 7, 8, 9, 10]
        #expect(zip(v1, v2).allSatisfy { a, b in covariateColumns.allSatisfy { a[$0] == b[$0] } })
    }

    @Test("truth.json of version 2 records the version, the assignment, the session effect and the estimands")
    func truthDocument() throws {
        let generator = try SyntheticCohortGenerator(patientCount: 10, seed: 3, version: .two)
        let truth = try #require(try JSONSerialization.jsonObject(with: generator.truthJSON()) as? [String: Any])
        #expect(truth["generator_version"] as? String == "2.0.0")
        let parameters = try #require(truth["parameters"] as? [String: Any])
        let assignment = try #require(parameters["support_assignment"] as? [String: Any])
        #expect(assignment["log_odds_ratio_homeless"] as? Double == 0.8)
        #expect(assignment["alone_levels"] as? [String] == ["none", "standard"])
        let engagement = try #require(parameters["engagement"] as? [String: Any])
        #expect(engagement["log_hazard_ratio_per_session"] as? Double == -0.15)
        #expect(engagement["look_back_days"] as? Int == 28)
        let estimands = try #require(parameters["estimands"] as? [String: Any])
        let support = try #require(estimands["support_against_alone"] as? [[String: Any]])
        #expect(support.compactMap { $0["medication"] as? String } == ["methadone", "buprenorphine", "naltrexone"])
        for entry in support {
            for key in ["log_hazard_ratio", "monte_carlo_standard_error", "naive_log_hazard_ratio",
                        "naive_monte_carlo_standard_error"] {
                #expect((entry[key] as? Double)?.isFinite == true, "\(key)")
            }
        }
        for section in ["support_assignment", "engagement", "estimands"] {
            let body = try #require(parameters[section] as? [String: Any])
            #expect(body.keys.contains { $0.hasSuffix("formula") }, "section \(section) has no formula")
        }
        // Support acts through sessions only: no direct psychosocial effect on dropout.
        let retention = try #require(parameters["retention"] as? [String: Any])
        let ratios = try #require(retention["dropout_log_hazard_ratios"] as? [String: Any])
        let psychosocial = try #require(ratios["psychosocial"] as? [[String: Any]])
        #expect(psychosocial.allSatisfy { $0["effect"] as? Double == 0 })
        // Version 1's truth.json has none of the new sections.
        let one = try SyntheticCohortGenerator(patientCount: 10, seed: 3).truthJSON()
        let oneParameters = try #require(
            (try JSONSerialization.jsonObject(with: one) as? [String: Any])?["parameters"] as? [String: Any])
        #expect(!oneParameters.keys.contains("engagement") && !oneParameters.keys.contains("estimands"))
    }

    @Test("The dropout time walks the piecewise hazard: without sessions it is version 1's closed form")
    func dropoutTime() throws {
        let parameters = SyntheticCohortParameters(version: .two)
        let engagement = try #require(parameters.engagement)
        let retention = parameters.retention
        let none = SyntheticEngagement(attendance: 0.8, psychosocialStatuses: [], attendedDays: [])
        // H(t) = (t/λ)^k·e^η = E  ⇒  t = λ(E e^−η)^(1/k)
        let closedForm = retention.dropoutWeibullScaleDays * Foundation.pow(0.4 * Foundation.exp(-0.3), 1 / 0.75)
        let walked = none.dropoutTime(
            cumulativeHazard: 0.4, predictor: 0.3, retention: retention, parameters: engagement, lastDay: 366)
        #expect(abs(walked - closedForm) < 1e-9 * closedForm)
        // Sessions on days 1 and 2: S(d) counts days d − 28 … d − 1, so S = 0 on (0, 1], 1 on (1, 2], 2 on (2, 29],
        // 1 on (29, 30]; by hand, H(30) with those factors.
        let two = SyntheticEngagement(attendance: 0.8, psychosocialStatuses: [], attendedDays: [1, 2])
        func baseline(_ day: Double) -> Double { Foundation.pow(day / retention.dropoutWeibullScaleDays, 0.75) }
        let beta = engagement.logHazardRatioPerSession
        let target = baseline(1) + (baseline(2) - baseline(1)) * Foundation.exp(beta)
            + (baseline(29) - baseline(2)) * Foundation.exp(2 * beta)
            + (baseline(30) - baseline(29)) * Foundation.exp(beta)
        let time = two.dropoutTime(
            cumulativeHazard: target, predictor: 0, retention: retention, parameters: engagement, lastDay: 366)
        #expect(abs(time - 30) < 1e-9)
        #expect(none.dropoutTime(cumulativeHazard: 1e6, predictor: 0, retention: retention, parameters: engagement,
                                 lastDay: 366) == .infinity)
    }
}

/// The analyses of docs/Balance.md on one version-2 cohort against the truth in truth.json (the coverage study over
/// 200 seeds is in docs/SyntheticCohort.md; this is its one-seed smoke test, seeded so it never flickers).
///
/// Tolerances: an estimate within 3 of its standard errors of the truth (a false alarm has probability 0.27% per
/// check when the standard error is right; the coverage study shows the standard errors are right or conservative).
/// The crude contrast's bias (≈ +0.15 on the log scale, truth.json) is tested pooled over the three medications by
/// inverse-variance weighting, where it is about 3 standard errors at N = 2,000.
@Suite("Synthetic cohort: version 2 truth recovered")
struct SyntheticTruthRecoveryTests {
    static let analysis = Result { () throws -> BalanceResults in
        let folder = SyntheticFixture.folder("v2-truth")
        _ = try SyntheticCohortGenerator(patientCount: 2000, seed: 2026, version: .two).write(to: folder)
        let cohort = try CohortLoader.load(from: folder)
        // The default plan: its engagement models adjust for the default propensity covariates, here age, sex,
        // iv_use, homeless and prior_episodes, the covariates of the generator's assignment and hazard.
        return try BalanceResults(cohort: cohort, plan: try AnalysisPlan.effective(for: cohort))
    }
    static let estimands = SyntheticCohortParameters(version: .two).estimands!

    @Test("The default plan's adjusted sessions hazard ratio recovers β_s per medication; the covered proportion's is near 0")
    func engagement() throws {
        let engagement = try #require(try Self.analysis.get().engagement.value)
        #expect(engagement.adjustmentTerms == ["age", "sex: male", "iv_use: yes", "homeless: yes", "prior_episodes"])
        #expect(engagement.excludedForMissingCovariates > 0)  // prior_episodes is written empty for about 4%
        let beta = Self.estimands.engagementLogHazardRatioPerSession
        for (medication, hazards) in engagement.byMedication {
            let sessions = try #require(hazards.hazardRatio(EngagementAnalysis.sessionsTerm), "\(medication)")
            #expect(abs(sessions.estimate - beta) < 3 * sessions.standardError,
                    "\(medication): \(sessions.estimate) ± \(sessions.standardError) against \(beta)")
            let covered = try #require(hazards.hazardRatio(EngagementAnalysis.coverageTerm))
            #expect(abs(covered.estimate) < 3 * covered.standardError, "\(medication): covered \(covered.estimate)")
        }
    }

    @Test("The weighted hazard ratio recovers the marginal truth; the crude one is biased towards harm")
    func support() throws {
        let comparisons = try Self.analysis.get().supportComparisons
        #expect(comparisons.count == 3)
        var pooledBias = 0.0, pooledWeight = 0.0
        for (medication, component) in comparisons {
            let comparison = try #require(component.value, "\(medication): \(component.reason ?? "")")
            let truth = try #require(Self.estimands.supportAgainstAlone.first { $0.medication == medication.rawValue })
            let weighted = try #require(comparison.hazardRatio), crude = try #require(comparison.unweightedHazardRatio)
            #expect(abs(weighted.estimate - truth.logHazardRatio) < 3 * weighted.standardError,
                    "\(medication): weighted \(weighted.estimate) ± \(weighted.standardError) (truth in truth.json)")
            // Same data, so the difference is much less variable than either: confounding pushes the crude one up.
            #expect(crude.estimate > weighted.estimate,
                    "\(medication): crude \(crude.estimate), weighted \(weighted.estimate)")
            let weight = 1 / (crude.standardError * crude.standardError)
            pooledBias += weight * (crude.estimate - truth.logHazardRatio)
            pooledWeight += weight
        }
        let bias = pooledBias / pooledWeight, standardError = 1 / pooledWeight.squareRoot()
        #expect(bias > standardError, "pooled crude bias \(bias), SE \(standardError)")
    }

    @Test("The committed Monte Carlo truth agrees with the simulation code (one small replicate)")
    func monteCarloTruth() throws {
        // One replicate of n = 3,000: its SD is the 20-replicate MC SE × √20 × √(100,000/3,000) (about 0.009 for the
        // marginal value and 0.037 for the naive one); 5 SDs catch constants left stale after a model change.
        let results = try SyntheticEstimandSimulation.supportAgainstAlone(
            replicates: 1, patientsPerReplicate: 3000, seed: 99)
        let scale = (20.0 * 100_000 / 3000).squareRoot()
        for result in results {
            let truth = try #require(
                Self.estimands.supportAgainstAlone.first { $0.medication == result.medication.rawValue })
            let marginal = result.marginalLogHazardRatio.mean, naive = result.naiveLogHazardRatio.mean
            #expect(abs(marginal - truth.logHazardRatio) < 5 * scale * truth.monteCarloStandardError,
                    "\(result.medication): \(marginal) against \(truth.logHazardRatio)")
            #expect(abs(naive - truth.naiveLogHazardRatio) < 5 * scale * truth.naiveMonteCarloStandardError,
                    "\(result.medication): naive \(naive) against \(truth.naiveLogHazardRatio)")
        }
    }
}

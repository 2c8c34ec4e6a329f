import Foundation
import OutcomeStats
import Testing
import _OutcomeTestSupport
@testable import TreatmentOutcomes

/// Engagement intervals and their Cox models (dropout, and relapse from the weekly words) against R's
/// `survival::tmerge` and `coxph`, and the support
/// comparison against base R `glm` and weighted `survfit`/`coxph` (datasets/reference/balance/tmerge.R and
/// iptw.R, R 4.2.2, survival 3.5.3).
@Suite("Balance against R")
struct BalanceReferenceTests {
    /// A CSV written by R's `write.csv` (no commas inside fields) as named columns of text.
    static func columns(_ file: String) throws -> [String: [String]] {
        let text = try String(contentsOf: datasetURL("reference/balance/" + file), encoding: .utf8)
        let lines = text.split(separator: "\n").map { line in
            line.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return Dictionary(uniqueKeysWithValues: lines[0].enumerated().map { index, name in
            (name, lines.dropFirst().map { $0[index] })
        })
    }

    /// The fixture's models have the exposures only (tmerge.R), so the plan asks for no adjustment covariate.
    static let exposuresOnly: AnalysisPlan = {
        var plan = AnalysisPlan()
        plan.balance.engagementCovariates = []
        return plan
    }()

    static func engagement() throws -> EngagementAnalysis {
        let cohort = try CohortLoader.load(from: datasetURL("reference/balance/tmerge-cohort"))
        return try EngagementAnalysis(cohort: cohort, plan: Self.exposuresOnly)
    }

    @Test("(start, stop] intervals equal tmerge's row by row, with rows of unchanged exposure merged")
    func intervalsMatchTmerge() throws {
        let cohort = try CohortLoader.load(from: datasetURL("reference/balance/tmerge-cohort"))
        let intervals = try EngagementIntervals(cohort: cohort, plan: Self.exposuresOnly)
        #expect(try Self.engagement().intervals == EngagementIntervalSummary(intervals))
        let reference = try Self.columns("tmerge-intervals.csv")
        let id = reference["id"]!.map { Int32($0)! - 1 }
        #expect(intervals.count == id.count)
        guard intervals.count == id.count else { return }
        #expect(intervals.patient == id)
        #expect(intervals.start == reference["tstart"]!.map { Int32($0)! })
        #expect(intervals.stop == reference["tstop"]!.map { Int32($0)! })
        #expect(intervals.event == reference["dropout"]!.map { $0 == "1" })
        #expect(intervals.sessions == reference["sessions"]!.map { Int32($0)! })
        #expect(intervals.coveredDays == reference["covered"]!.map { Int32($0)! })
        #expect(intervals.episodeCount == 40)
    }

    @Test("relapse intervals on the week-1 clock equal tmerge's row by row")
    func relapseIntervalsMatchTmerge() throws {
        let cohort = try CohortLoader.load(from: datasetURL("reference/balance/tmerge-cohort"))
        let intervals = try RelapseEngagement.intervals(cohort: cohort, plan: Self.exposuresOnly)
        let reference = try Self.columns("tmerge-relapse-intervals.csv")
        #expect(intervals.count == reference["id"]!.count)
        guard intervals.count == reference["id"]!.count else { return }
        #expect(intervals.patient == reference["id"]!.map { Int32($0)! - 1 })
        #expect(intervals.start == reference["tstart"]!.map { Int32($0)! })
        #expect(intervals.stop == reference["tstop"]!.map { Int32($0)! })
        #expect(intervals.event == reference["dropout"]!.map { $0 == "1" })
        #expect(intervals.sessions == reference["sessions"]!.map { Int32($0)! })
        #expect(intervals.coveredDays == reference["covered"]!.map { Int32($0)! })
        #expect(intervals.episodeCount == 39)  // one word is shorter than 4 weeks
    }

    @Test("counting-process Cox fits with patient clusters: coefficients and model SE to 1e-6, robust SE to 1e-5")
    func fitsMatchCoxph() throws {
        let analysis = try Self.engagement()
        let cohort = try CohortLoader.load(from: datasetURL("reference/balance/tmerge-cohort"))
        let relapse = try RelapseEngagement(cohort: cohort, plan: Self.exposuresOnly)
        let reference = try Self.columns("tmerge-fits.csv")
        var adjustedPlan = AnalysisPlan()
        adjustedPlan.balance.engagementCovariates = ["age", "sex"]
        let adjusted = try EngagementAnalysis(cohort: cohort, plan: adjustedPlan)
        var oneCut = Self.exposuresOnly
        oneCut.balance.sessionBandCuts = [1]
        let relapseBands = try RelapseEngagement(cohort: cohort, plan: oneCut).models.doseResponse
        func hazards(_ model: String) -> EngagementHazards? {
            if model == "methadone adjusted" { return adjusted.byMedication.first { $0.medication == .methadone }?.hazards }
            if model.hasSuffix(" bands 0 and 1+") {
                return relapseBands.first { "relapse \($0.medication.rawValue) bands 0 and 1+" == model }?.hazards
            }
            if model == "relapse interaction" { return relapse.models.interaction }
            if model.hasPrefix("relapse ") {
                return relapse.byMedication.first { "relapse \($0.medication.rawValue)" == model }?.hazards
            }
            if model == "interaction" { return analysis.interaction }
            let bands = model.hasSuffix(" bands")
            let name = bands ? String(model.dropLast(6)) : model
            return bands ? analysis.doseResponse.first { $0.medication.rawValue == name }?.hazards
                : analysis.byMedication.first { $0.medication.rawValue == name }?.hazards
        }
        var compared = 0
        for row in reference["model"]!.indices {
            let model = reference["model"]![row], term = reference["term"]![row]
            let quantity = reference["quantity"]![row], expected = Double(reference["value"]![row])!
            let found = try #require(hazards(model), "\(model)")
            let fit = try #require(found.fit.value, "\(model): \(found.fit.reason ?? "")")
            #expect(fit.convergence.converged, "\(model)")
            let actual: Double?
            if quantity == "loglik" {
                actual = fit.logLikelihood
            } else {
                let index = try #require(found.terms.firstIndex(of: term), "\(model) \(term) in \(found.terms)")
                switch quantity {
                case "coef": actual = fit.coefficients[index]
                case "se": actual = fit.standardErrors[index]
                default: actual = fit.robustStandardErrors?[index] ?? nil
                }
            }
            let tolerance = quantity == "robust_se" ? 1e-5 : 1e-6
            let value = try #require(actual, "\(model) \(term) \(quantity)")
            #expect(closeness(value, expected, relative: tolerance, label: "\(model) \(term) \(quantity)") == nil)
            compared += 1
        }
        #expect(compared == 107)  // 80 exposure-only values, 13 of a model adjusted for age and sex, 14 of relapse bands
    }

    @Test("IPTW support against alone per medication: glm scores, ESS, SMD, weighted KM and Cox as in R, truncated too")
    func supportComparisonMatchesR() throws {
        let cohort = try CohortLoader.load(from: datasetURL("reference/balance/iptw-cohort"))
        var plan = AnalysisPlan()
        plan.balance.covariates = ["age", "sex", "homeless"]
        plan.retention.horizonDays = [30, 90]
        let results = try BalanceResults(cohort: cohort, plan: plan)
        plan.balance.weightTruncation = [0.01, 0.99]
        let truncatedResults = try BalanceResults(cohort: cohort, plan: plan)
        let reference = try Self.columns("iptw.csv")
        var compared = 0
        for row in reference["medication"]!.indices {
            let medication = try #require(Medication(rawValue: reference["medication"]![row]))
            let truncated = reference["quantity"]![row].hasPrefix("truncated_")
            let found = try #require((truncated ? truncatedResults : results).supportComparisons.first { $0.medication == medication })
            let comparison = try #require(found.comparison.value, "\(found.comparison.reason ?? "")")
            let quantity = String(reference["quantity"]![row].dropFirst(truncated ? "truncated_".count : 0))
            let term = reference["term"]![row]
            let expected = Double(reference["value"]![row])!
            let termIndex = comparison.terms.firstIndex(of: term)
            let balance = termIndex.map { comparison.balance.terms[$0] }
            let ps = comparison.propensity.logistic
            let horizon = Int(term).flatMap { [30, 90].firstIndex(of: $0) }
            let actual: Double? = switch quantity {
            case "ps_coef": ps.coefficients[termIndex.map { $0 + 1 } ?? 0]
            case "ps_se": ps.standardErrors[termIndex.map { $0 + 1 } ?? 0]
            case "count_support": Double(comparison.supportCount)
            case "count_alone": Double(comparison.aloneCount)
            case "ess_support": comparison.effectiveSampleSize.support
            case "ess_alone": comparison.effectiveSampleSize.alone
            case "smd": balance?.standardisedDifference
            case "smd_weighted": balance?.weightedStandardisedDifference
            case "variance_ratio": balance?.varianceRatio
            case "variance_ratio_weighted": balance?.weightedVarianceRatio
            case "retained_support": horizon.flatMap { comparison.supportRetained[$0].estimate }
            case "retained_lower_support": horizon.flatMap { comparison.supportRetained[$0].lower }
            case "retained_upper_support": horizon.flatMap { comparison.supportRetained[$0].upper }
            case "retained_alone": horizon.flatMap { comparison.aloneRetained[$0].estimate }
            case "retained_lower_alone": horizon.flatMap { comparison.aloneRetained[$0].lower }
            case "retained_upper_alone": horizon.flatMap { comparison.aloneRetained[$0].upper }
            case "cox_weighted_coef": comparison.hazardRatio?.estimate
            case "cox_weighted_robust_se": comparison.hazardRatio?.standardError
            case "cox_coef": comparison.unweightedHazardRatio?.estimate
            case "cox_se": comparison.unweightedHazardRatio?.standardError
            default: nil
            }
            let value = try #require(actual, "\(medication) \(quantity) \(term)")
            let tolerance = quantity.contains("robust") || quantity.hasPrefix("retained_") ? 1e-5 : 1e-6
            #expect(closeness(value, expected, relative: tolerance, absolute: 1e-12,
                              label: "\(medication) \(quantity) \(term)") == nil)
            compared += 1
        }
        #expect(compared == reference["medication"]!.count)
        let truncatedMethadone = try #require(truncatedResults.supportComparisons.first { $0.medication == .methadone }?.comparison.value)
        #expect(truncatedMethadone.weights.truncatedCount > 0)
        let methadone = try #require(results.supportComparisons.first { $0.medication == .methadone }?.comparison.value)
        #expect(methadone.excludedForMissingCovariates == 2)
        #expect(methadone.supportArms == ["methadone+counseling"] && methadone.aloneArms == ["methadone+none"])
    }
}

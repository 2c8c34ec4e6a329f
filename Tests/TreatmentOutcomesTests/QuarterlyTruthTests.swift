import Foundation
import Testing
@testable import TreatmentOutcomes

/// The quarterly 90-day retention of a synthetic program against the value its generative model implies
/// (truth.json; docs/SyntheticCohort.md): per medication and per psychosocial support, pooled over the quarters
/// whose follow-up has ended.
///
/// The model: dropout is Weibull proportional hazards, h(t | x) = (k/λ)(t/λ)^(k−1)·exp(β·x), against exponential
/// competing reasons h_r(t | x) = rate_r·exp(β_r·x); the episode ends on day max(1, ⌈T⌉) of T = the earliest.
/// A patient is retained 90 days when end − start ≥ 90, i.e. ⌈T⌉ ≥ 90, i.e. T > 89, with probability
/// ```
/// S(89 | x) = exp(−(89/λ)^k·exp(β·x) − Σ_r rate_r·89·exp(β_r·x))
/// ```
/// (completion at day 365 and the data cut-off come later). The implied proportion of a group is the mean of
/// S(89 | xᵢ) over its admissions, each patient's covariates as the generator drew them; the truth is read from
/// truth.json, not from the generator's code.
@Suite("Quarterly retention against the synthetic truth")
struct QuarterlyTruthTests {
    @Test("90-day retention per medication and per support: truth.json's implied value lies in the 99% Wilson interval")
    func retentionMatchesTruth() throws {
        let generator = try SyntheticCohortGenerator(patientCount: 3_000, seed: 17)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("quarterly-truth-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try generator.write(to: folder)
        var plan = AnalysisPlan()
        plan.disclosure.minimumCellSize = 1
        let analysis = try QuarterlyAnalysis(
            cohort: try CohortLoader.load(from: folder), plan: plan, quarter: CalendarQuarter(year: 2025, quarter: 4))

        let model = try SyntheticRetentionTruth(generator)
        let reported = analysis.quarters.filter { analysis.pending[.retained(days: 90)]?.contains($0) != true }
        var implied: [QuarterlyGroup: (sum: Double, count: Int)] = [:]
        for index in 0..<3_000 {
            let patient = generator.baseline(of: index).0
            guard reported.contains(CalendarQuarter(containing: patient.indexDate)) else { continue }
            let survival = exp(-model.dropoutHazard(patient, through: 89) - model.competingHazard(patient, through: 89))
            for group in [
                QuarterlyGroup.medication(Medication(rawValue: model.medications[patient.medication])!),
                .psychosocial(model.supports[patient.psychosocial]),
            ] {
                implied[group, default: (0, 0)].sum += survival
                implied[group, default: (0, 0)].count += 1
            }
        }
        #expect(implied.count == 8)
        for (group, expected) in implied.sorted(by: { $0.key < $1.key }) {
            let values = reported.compactMap { analysis.value(.retained(days: 90), group, in: $0) }
            let retained = values.reduce(0) { $0 + $1.numerator }, admitted = values.reduce(0) { $0 + ($1.denominator ?? 0) }
            #expect(admitted == expected.count, "\(group): every admission of the reported quarters is in a denominator")
            let interval = WilsonScoreInterval(successes: retained, trials: admitted, level: 0.99)
            let truthValue = expected.sum / Double(expected.count)
            #expect(
                interval.lower <= truthValue && truthValue <= interval.upper,
                "\(group): observed \(retained)/\(admitted) = \(interval.estimate), 99% [\(interval.lower), \(interval.upper)], truth \(truthValue)")
        }
    }

    /// The window's medication-alone and with-support groups (``QuarterlySupportComparison``): Kaplan–Meier
    /// retention at day 90, dropout the event and every other end censored, against the mean over each group's
    /// patients of the net dropout survival S_d(89 | x) = exp(−(89/λ)^k·exp(β·x)) (T > 89 ⇔ the episode's length
    /// ⌈T⌉ > 89.5), inside the 99% log-scale interval. Competing ends and the as-of date censor; the competing
    /// reasons depend on covariates that also move dropout, a bias far smaller than these intervals (≈7% of patients
    /// end for another reason by day 89).
    @Test("support comparison: each group's Kaplan–Meier 90-day retention holds truth.json's implied net survival (99%)")
    func supportComparisonMatchesTruth() throws {
        let generator = try SyntheticCohortGenerator(patientCount: 3_000, seed: 23)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("support-truth-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try generator.write(to: folder)
        let analysis = try QuarterlyAnalysis(
            cohort: try CohortLoader.load(from: folder), plan: AnalysisPlan(), quarter: CalendarQuarter(year: 2025, quarter: 4))
        let model = try SyntheticRetentionTruth(generator)
        let window = Set(analysis.quarters)
        var implied: [String: (sum: Double, count: Int)] = [:]
        for index in 0..<3_000 {
            let patient = generator.baseline(of: index).0
            guard window.contains(CalendarQuarter(containing: patient.indexDate)) else { continue }
            let support = model.supports[patient.psychosocial]
            let group = "\(model.medications[patient.medication]) \(["none", "standard"].contains(support) ? "alone" : "with")"
            implied[group, default: (0, 0)].sum += exp(-model.dropoutHazard(patient, through: 89))
            implied[group, default: (0, 0)].count += 1
        }
        let comparison = analysis.supportComparison
        #expect(comparison.medications.count == 3)
        #expect(comparison.adjustment == ["site", "age", "sex"])
        for entry in comparison.medications {
            for (name, group) in [("alone", entry.alone), ("with", entry.withSupport)] {
                let key = "\(entry.medication.rawValue) \(name)"
                let expected = try #require(implied[key])
                #expect(group.patients + (name == "alone" ? entry.withSupport.patients : entry.alone.patients)
                    + entry.withoutRecord == entry.admissions)
                #expect(group.patients == expected.count, "\(key): every admission of the window has an episode")
                let estimate = group.curve.estimate(at: 89.5, type: .log, level: ConfidenceLevel(0.99))
                let truth = expected.sum / Double(expected.count)
                let lower = try #require(estimate.lower), upper = try #require(estimate.upper)
                #expect(lower <= truth && truth <= upper, "\(key): KM \(estimate.survival), 99% [\(lower), \(upper)], truth \(truth)")
                #expect(group.retained.estimate == group.curve.estimate(at: 89.5, type: .log, level: .ninetyFive).survival)
            }
            // Support lowers the dropout hazard in every medication (true log hazard ratios −0.25 to −0.45 against 0
            // and −0.10): the adjusted ratio is below 1.
            #expect((entry.adjustedHazardRatio?.ratio ?? 2) < 1, "\(entry.medication)")
            #expect(entry.adjusted.subjectCount + entry.excludedForMissingCovariates == entry.alone.patients + entry.withSupport.patients)
        }
    }
}

/// The retention model of truth.json (docs/SyntheticCohort.md), read from the file, not from the generator's code.
struct SyntheticRetentionTruth {
    let scale: Double, shape: Double
    let effects: [String: Any]
    let risks: [[String: Any]]
    let medications: [String], supports: [String], sites: [String]

    init(_ generator: SyntheticCohortGenerator) throws {
        let truth = try #require(try JSONSerialization.jsonObject(with: generator.truthJSON()) as? [String: Any])
        let parameters = try #require(truth["parameters"] as? [String: Any])
        let retention = try #require(parameters["retention"] as? [String: Any])
        let population = try #require(parameters["population"] as? [String: Any])
        scale = try #require(retention["dropout_weibull_scale_days"] as? Double)
        shape = try #require(retention["dropout_weibull_shape"] as? Double)
        effects = try #require(retention["dropout_log_hazard_ratios"] as? [String: Any])
        risks = try #require(retention["competing_risks"] as? [[String: Any]])
        func levels(_ key: String) -> [String] { (population[key] as? [[String: Any]] ?? []).compactMap { $0["level"] as? String } }
        medications = levels("medications")
        supports = levels("psychosocial_supports")
        sites = levels("sites")
        #expect(medications.count == 3 && supports.count == 5 && sites.count == 6)
    }

    func effect(_ key: String, _ level: String) -> Double {
        ((effects[key] as? [[String: Any]]) ?? []).first { $0["level"] as? String == level }?["effect"] as? Double ?? 0
    }

    /// The Weibull dropout cumulative hazard through `days`: (days/λ)^k·exp(β·x).
    func dropoutHazard(_ patient: SyntheticBaseline, through days: Double) -> Double {
        let age = Double(patient.age - 40) / 10
        var predictor = effect("medication", medications[patient.medication]) + effect("psychosocial", supports[patient.psychosocial])
            + effect("site", sites[patient.site]) + (effects["per_ten_years_of_age_above40"] as! Double) * age
            + (effects["per_prior_episode"] as! Double) * Double(patient.priorEpisodes)
        if patient.female { predictor += effects["female"] as! Double }
        if patient.injectionUse { predictor += effects["injection_use"] as! Double }
        if patient.homeless { predictor += effects["homeless"] as! Double }
        return pow(days / scale, shape) * exp(predictor)
    }

    /// The competing reasons' cumulative hazard through `days`: Σ_r rate_r·days·exp(β_r·x).
    func competingHazard(_ patient: SyntheticBaseline, through days: Double) -> Double {
        let age = Double(patient.age - 40) / 10
        var hazard = 0.0
        for risk in risks {
            var predictor = (risk["log_hazard_ratio_per_ten_years_of_age_above40"] as! Double) * age
            if patient.injectionUse { predictor += risk["log_hazard_ratio_injection_use"] as! Double }
            if patient.homeless { predictor += risk["log_hazard_ratio_homeless"] as! Double }
            hazard += (risk["rate_per_day"] as! Double) * days * exp(predictor)
        }
        return hazard
    }
}

import Foundation
import Testing
@testable import TreatmentOutcomes

/// Statistical sanity checks on 5,000 synthetic patients (seed ``SyntheticFixture/seed``): the data show the
/// effects the true parameters put in, within generous tolerances (about 4 standard errors).
@Suite("Synthetic cohort: statistical sanity")
struct SyntheticStatisticsTests {
    static let cohort = Result { try CohortLoader.load(from: SyntheticFixture.large.get().0) }
    let parameters = SyntheticCohortParameters()

    func psychosocial(_ cohort: Cohort, _ patient: Int) -> String {
        cohort.patients.psychosocial.levels[Int(cohort.patients.psychosocial.codes[patient])]
    }

    func isEnhanced(_ cohort: Cohort, _ patient: Int) -> Bool {
        ["counseling", "CBT", "contingency-management"].contains(psychosocial(cohort, patient))
    }

    /// Crude dropout rate (dropouts per person-day) among the patients where `include` holds.
    func dropoutRate(_ cohort: Cohort, where include: (Int) -> Bool) throws -> Double {
        let episodes = try #require(cohort.episodes)
        var dropouts = 0.0
        var days = 0.0
        for row in 0..<episodes.count where include(Int(episodes.patient[row])) {
            days += Double(episodes.end[row]! - episodes.start[row])
            if episodes.endReason[row] == .dropout { dropouts += 1 }
        }
        return dropouts / days
    }

    @Test("Dropout hazard ratios have the direction of the true log hazard ratios")
    func dropoutDirection() throws {
        let cohort = try Self.cohort.get()
        let none = try dropoutRate(cohort) { psychosocial(cohort, $0) == "none" }
        let enhanced = try dropoutRate(cohort) { isEnhanced(cohort, $0) }
        #expect(enhanced / none < 0.95, "enhanced vs none rate ratio \(enhanced / none)")
        let methadone = try dropoutRate(cohort) { cohort.patients.medication[$0] == .methadone }
        let naltrexone = try dropoutRate(cohort) { cohort.patients.medication[$0] == .naltrexone }
        // True log hazard ratio 0.55; the crude rate ratio of a Weibull with shape < 1 is attenuated.
        #expect(log(naltrexone / methadone) > 0.2 && log(naltrexone / methadone) < 0.8,
                "naltrexone vs methadone log rate ratio \(log(naltrexone / methadone))")
        guard case .categorical(let injection)? = cohort.patients.covariate(named: "iv_use")?.values else {
            Issue.record("iv_use is not categorical")
            return
        }
        let yes = Int32(try #require(injection.levels.firstIndex(of: "yes")))
        let users = try dropoutRate(cohort) { injection.codes[$0] == yes }
        let nonUsers = try dropoutRate(cohort) { injection.codes[$0] != yes }
        #expect(users / nonUsers > 1.1, "injection use rate ratio \(users / nonUsers)")
    }

    /// Within-patient (fixed-effects) slope of craving on weeks, on the BSCS total scale 0–12: BSCS item sums,
    /// and VAS scores times 12/100.
    func pooledCravingSlope(_ cohort: Cohort, enhanced: Bool) throws -> Double {
        let assessments = try #require(cohort.assessments)
        var crossProducts = 0.0
        var squares = 0.0
        for patient in 0..<cohort.patients.count where isEnhanced(cohort, patient) == enhanced {
            var scores: [Int32: Double] = [:]
            for row in assessments.byPatient.rows(of: patient) {
                let instrument = assessments.instrument.levels[Int(assessments.instrument.codes[row])]
                if instrument == "BSCS" { scores[assessments.day[row], default: 0] += assessments.score[row] }
                if instrument == "craving-VAS" { scores[assessments.day[row]] = assessments.score[row] * 12 / 100 }
            }
            guard scores.count >= 3 else { continue }
            let weeks = scores.keys.map { Double($0) / 7 }
            let meanWeek = weeks.reduce(0, +) / Double(weeks.count)
            let meanScore = scores.values.reduce(0, +) / Double(scores.count)
            for (day, score) in scores {
                crossProducts += (Double(day) / 7 - meanWeek) * (score - meanScore)
                squares += (Double(day) / 7 - meanWeek) * (Double(day) / 7 - meanWeek)
            }
        }
        return crossProducts / squares
    }

    @Test("Craving falls over time, faster with enhanced psychosocial support, near the true slopes")
    func cravingSlopes() throws {
        let cohort = try Self.cohort.get()
        let craving = parameters.craving
        let standard = try pooledCravingSlope(cohort, enhanced: false)
        let enhanced = try pooledCravingSlope(cohort, enhanced: true)
        #expect(standard < 0 && enhanced < standard, "slopes \(standard), \(enhanced) per week")
        #expect(abs(standard - craving.slopePerWeek) < 0.03, "slope without enhanced support \(standard)")
        #expect(abs(enhanced - (craving.slopePerWeek + craving.enhancedSlopePerWeek)) < 0.03,
                "slope with enhanced support \(enhanced)")
    }

    /// E[logistic(η + u)] for u ~ N(0, σ²), by the midpoint rule over ±8σ.
    func marginalProbability(_ linearPredictor: Double, standardDeviation: Double) -> Double {
        let steps = 1600
        let width = 16 * standardDeviation / Double(steps)
        var total = 0.0
        for step in 0..<steps {
            let u = -8 * standardDeviation + (Double(step) + 0.5) * width
            let density = exp(-0.5 * u * u / (standardDeviation * standardDeviation))
                / (standardDeviation * (2 * Double.pi).squareRoot())
            total += density * width / (1 + exp(-(linearPredictor + u)))
        }
        return total
    }

    @Test("Opioid positivity in week 1 (before any relapse) matches the logistic model with a random intercept")
    func weekOnePositivity() throws {
        let cohort = try Self.cohort.get()
        let screens = try #require(cohort.screens)
        let truth = parameters.urineScreens
        var positives = 0.0
        var expected = 0.0
        var specimens = 0.0
        for row in 0..<screens.count where screens.day[row] == 7 && screens.result[row] != .invalid {
            guard screens.substance.levels[Int(screens.substance.codes[row])] == "opioid" else { continue }
            let patient = Int(screens.patient[row])
            let medication = cohort.patients.medication[patient].rawValue
            let support = psychosocial(cohort, patient)
            let predictor = truth.intercept
                + truth.medicationLogOdds.first { $0.level == medication }!.effect
                + truth.psychosocialLogOdds.first { $0.level == support }!.effect
            expected += marginalProbability(predictor, standardDeviation: truth.randomInterceptStandardDeviation)
            if screens.result[row] == .positive { positives += 1 }
            specimens += 1
        }
        #expect(specimens > 2500)
        #expect(abs(positives / specimens - expected / specimens) < 0.03,
                "observed \(positives / specimens) vs model \(expected / specimens) over \(specimens) specimens")
    }

    @Test("Observed methadone dose days over retained days is near the mean of the dose-probability Beta")
    func methadoneAdherence() throws {
        let cohort = try Self.cohort.get()
        let doses = try #require(cohort.doses)
        let episodes = try #require(cohort.episodes)
        var doseDays = 0.0
        var retainedDays = 0.0
        for patient in 0..<cohort.patients.count where cohort.patients.medication[patient] == .methadone {
            doseDays += Double(doses.byPatient.rows(of: patient).count)
            let episode = episodes.byPatient.rows(of: patient).lowerBound
            retainedDays += Double(episodes.end[episode]! - episodes.start[episode] + 1)
        }
        let adherence = parameters.adherence
        let mean = adherence.doseProbabilityBetaAlpha / (adherence.doseProbabilityBetaAlpha + adherence.doseProbabilityBetaBeta)
        #expect(abs(doseDays / retainedDays - mean) < 0.03, "dose-day share \(doseDays / retainedDays) vs \(mean)")
    }

    @Test("The latent relapse indicator has the true log odds ratio for injection use")
    func relapseOddsRatio() throws {
        let generator = try SyntheticCohortGenerator(patientCount: 20_000, seed: SyntheticFixture.seed)
        var counts = [[0.0, 0.0], [0.0, 0.0]]  // [injection use][relapse]
        for index in 0..<generator.patientCount {
            let (patient, _) = generator.baseline(of: index)
            counts[patient.injectionUse ? 1 : 0][patient.relapseDay == nil ? 0 : 1] += 1
            if let day = patient.relapseDay { #expect(day >= generator.parameters.relapse.minimumDay) }
        }
        let logOddsRatio = log(counts[1][1] / counts[1][0]) - log(counts[0][1] / counts[0][0])
        // Marginal over the other covariates, so slightly attenuated from the conditional 0.6; SE ≈ 0.03.
        #expect(abs(logOddsRatio - generator.parameters.relapse.logOddsRatios.injectionUse) < 0.15,
                "log odds ratio \(logOddsRatio)")
    }
}

import Foundation

/// One synthetic patient's baseline, episode and latent relapse: everything that is drawn once per patient.
struct SyntheticBaseline: Sendable {
    /// Position in the cohort (0-based); the identifier is `SYN` + the 1-based position in 8 digits.
    let index: Int
    let site: Int
    let medication: Int
    let psychosocial: Int
    let indexDate: CivilDate
    let age: Int
    let female: Bool
    let injectionUse: Bool
    let homeless: Bool
    let priorEpisodes: Int
    /// `false` when `prior_episodes` is written as an empty field (the value is still used by the model).
    let priorEpisodesRecorded: Bool

    /// Last day of the episode in days since the index date (the cut-off day when ongoing).
    var endDay: Int = 0
    var endReason: EpisodeEndReason = .ongoing
    /// Day of the latent return to use, or `nil` when the patient does not relapse.
    var relapseDay: Int?
    /// Version 2: attendance and the psychosocial visits drawn before the episode; `nil` in version 1.
    var engagement: SyntheticEngagement?

    /// The patient identifier, independent of the cohort size so patient `i`'s rows do not change with N.
    var identifier: String {
        let digits = String(index + 1)
        return "SYN" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }

    /// Draws the baseline characteristics (population sub-model; in version 2 the support assignment after them).
    /// - Parameter assignment: a medication or support group to impose instead of the drawn one (counterfactual
    ///   cohorts, ``SyntheticEstimandSimulation``); the draws are made all the same, so nothing else changes.
    init(
        index: Int, model: SyntheticModel, random: inout Xoshiro256StarStar,
        assignment: SyntheticAssignment = SyntheticAssignment()
    ) {
        let population = model.parameters.population
        self.index = index
        site = random.categorical(model.siteWeights)
        let drawnMedication = random.categorical(model.medicationWeights)
        medication = assignment.medication ?? drawnMedication
        let drawnPsychosocial = random.categorical(model.psychosocialWeights)
        indexDate = model.firstIndexDate.adding(days: random.integer(in: 0...(model.indexDateCount - 1)))
        let rawAge = random.normal(mean: population.ageMeanYears, standardDeviation: population.ageStandardDeviationYears)
        age = min(max(Int(rawAge.rounded()), population.ageMinimumYears), population.ageMaximumYears)
        female = random.bernoulli(population.femaleProbability)
        injectionUse = random.bernoulli(population.injectionUseProbability)
        homeless = random.bernoulli(population.homelessProbability)
        priorEpisodes = random.poisson(mean: population.priorEpisodesMean)
        priorEpisodesRecorded = !random.bernoulli(population.priorEpisodesMissingProbability)
        if let parameters = model.parameters.supportAssignment, let supportWeights = model.supportWeights,
           let aloneWeights = model.aloneWeights
        {
            var logOdds = parameters.intercept + parameters.logOddsRatioPerTenYearsOfAgeAbove40 * Double(age - 40) / 10
                + parameters.logOddsRatioPerPriorEpisode * Double(priorEpisodes)
            if injectionUse { logOdds += parameters.logOddsRatioInjectionUse }
            if homeless { logOdds += parameters.logOddsRatioHomeless }
            let drawnSupport = random.bernoulli(logistic(logOdds))
            let support = assignment.support ?? drawnSupport
            let level = random.uniform()
            psychosocial = Self.level(of: level, weights: support ? supportWeights : aloneWeights)
        } else {
            psychosocial = drawnPsychosocial
        }
    }

    /// The index of `weights` (need not sum to 1) in which the uniform `u` falls, as
    /// ``Xoshiro256StarStar/categorical(_:)`` does with its own draw.
    private static func level(of u: Double, weights: [Double]) -> Int {
        var target = u * weights.reduce(0, +)
        for (index, weight) in weights.enumerated() {
            target -= weight
            if target < 0 { return index }
        }
        return weights.count - 1
    }

    /// Days from the index date to the data cut-off date.
    func cutoffDay(_ model: SyntheticModel) -> Int { indexDate.days(to: model.dataCutoffDate) }

    /// Draws the episode end (retention sub-model): Weibull PH dropout against exponential competing reasons,
    /// completion at the protocol end, administrative censoring at the data cut-off. In version 2 the dropout hazard
    /// also depends on the sessions attended (``drawEngagement(model:random:)`` must have run).
    mutating func drawEpisode(model: SyntheticModel, random: inout Xoshiro256StarStar) {
        let retention = model.parameters.retention
        let dropoutPredictor = model.dropoutEffects.linearPredictor(self)
        let exponential = random.standardExponential()
        var earliest: Double
        if let engagement, let parameters = model.parameters.engagement {
            earliest = engagement.dropoutTime(
                cumulativeHazard: exponential, predictor: dropoutPredictor, retention: retention,
                parameters: parameters, lastDay: model.parameters.calendar.protocolEndDays + 1)
        } else {
            // H(t) = (t/λ)^k·exp(β·x) = E  ⇒  t = λ·(E·exp(−β·x))^(1/k)
            earliest = retention.dropoutWeibullScaleDays
                * Foundation.pow(exponential * Foundation.exp(-dropoutPredictor), 1 / retention.dropoutWeibullShape)
        }
        var reason = EpisodeEndReason.dropout
        for risk in retention.competingRisks {
            var predictor = risk.logHazardRatioPerTenYearsOfAgeAbove40 * Double(age - 40) / 10
            if injectionUse { predictor += risk.logHazardRatioInjectionUse }
            if homeless { predictor += risk.logHazardRatioHomeless }
            let time = random.standardExponential() / (risk.ratePerDay * Foundation.exp(predictor))
            if time < earliest {
                earliest = time
                reason = EpisodeEndReason(rawValue: risk.endReason)!
            }
        }
        let protocolEnd = model.parameters.calendar.protocolEndDays
        var day = earliest >= Double(protocolEnd) ? protocolEnd + 1 : max(1, Int(earliest.rounded(.up)))
        if day > protocolEnd {
            day = protocolEnd
            reason = .completed
        }
        let cutoff = cutoffDay(model)
        if day > cutoff {
            day = cutoff
            reason = .ongoing
        }
        endDay = day
        endReason = reason
    }

    /// Version 2: draws attendance and the status of every psychosocial visit scheduled up to the protocol end
    /// (engagement stream); nothing in version 1.
    mutating func drawEngagement(model: SyntheticModel, random: inout Xoshiro256StarStar) {
        guard model.parameters.engagement != nil else { return }
        engagement = SyntheticEngagement(patient: self, model: model, random: &random)
    }

    /// Draws the latent relapse (relapse sub-model): logistic indicator, then a delayed exponential day.
    mutating func drawRelapse(model: SyntheticModel, random: inout Xoshiro256StarStar) {
        let relapse = model.parameters.relapse
        let probability = logistic(relapse.intercept + model.relapseEffects.linearPredictor(self))
        let relapses = random.bernoulli(probability)
        let delay = random.standardExponential() * relapse.meanDelayDays
        relapseDay = relapses ? relapse.minimumDay + Int(delay.rounded(.down)) : nil
    }
}

extension Xoshiro256StarStar {
    /// Poisson by inversion of the cumulative distribution (the means used here are small).
    mutating func poisson(mean: Double) -> Int {
        var count = 0
        var probability = Foundation.exp(-mean)
        var cumulative = probability
        let target = uniform()
        while target > cumulative && count < 1000 {
            count += 1
            probability *= mean / Double(count)
            cumulative += probability
        }
        return count
    }
}

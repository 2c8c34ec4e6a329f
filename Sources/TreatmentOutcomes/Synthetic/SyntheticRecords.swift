/// The event rows of one synthetic patient, in day order within each table. The buffers are reused from
/// patient to patient, so generating a cohort allocates only while the largest patient grows them.
struct SyntheticRecords {
    struct Dose { let day: Int; let amount: Int }
    struct Dispensing { let day: Int; let daysSupply: Int }
    struct Screen { let day: Int; let substance: String; let result: ScreenResult }
    struct Visit { let day: Int; let kind: String; let status: VisitStatus }
    struct Assessment { let day: Int; let instrument: String; let item: String; let score: Int }

    var doses: [Dose] = []
    var dispensings: [Dispensing] = []
    var screens: [Screen] = []
    var visits: [Visit] = []
    var assessments: [Assessment] = []

    /// Replaces the rows with those of `patient`.
    mutating func generate(for patient: SyntheticBaseline, model: SyntheticModel, streams: inout SyntheticStreams) {
        doses.removeAll(keepingCapacity: true)
        dispensings.removeAll(keepingCapacity: true)
        screens.removeAll(keepingCapacity: true)
        visits.removeAll(keepingCapacity: true)
        assessments.removeAll(keepingCapacity: true)
        generateAdherence(patient, model, &streams.adherence)
        generateVisitsAndScreens(patient, model, &streams.visits, &streams.screens)
        generateAssessments(patient, model, &streams.craving)
    }

    /// Methadone daily observed doses, buprenorphine fills, naltrexone injections (adherence sub-model).
    private mutating func generateAdherence(
        _ patient: SyntheticBaseline, _ model: SyntheticModel, _ random: inout Xoshiro256StarStar
    ) {
        let adherence = model.parameters.adherence
        switch model.medications[patient.medication] {
        case .methadone:
            let doseProbability = random.beta(adherence.doseProbabilityBetaAlpha, adherence.doseProbabilityBetaBeta)
            let steps = (adherence.targetDoseMaximumMg - adherence.targetDoseMinimumMg) / adherence.targetDoseStepMg
            let target = adherence.targetDoseMinimumMg + adherence.targetDoseStepMg * random.integer(in: 0...steps)
            for day in 0...patient.endDay where random.bernoulli(doseProbability) {
                let titrated = adherence.inductionDoseMg
                    + adherence.titrationStepMg * (day / adherence.titrationIntervalDays)
                doses.append(Dose(day: day, amount: min(target, titrated)))
            }
        case .buprenorphine:
            let meanLateness = random.standardExponential() * adherence.buprenorphineMeanLatenessDays
            let maintenance = model.maintenanceSupplyDays[random.categorical(model.maintenanceSupplyWeights)]
            var day = 0
            var fill = 0
            while day <= patient.endDay {
                let supply = fill < adherence.inductionFills ? adherence.inductionSupplyDays : maintenance
                dispensings.append(Dispensing(day: day, daysSupply: supply))
                day += supply + Int((meanLateness * random.standardExponential()).rounded(.down))
                fill += 1
            }
        case .naltrexone:
            let meanLateness = random.standardExponential() * adherence.naltrexoneMeanLatenessDays
            var day = 0
            while day <= patient.endDay {
                doses.append(Dose(day: day, amount: 1))
                day += adherence.injectionIntervalDays
                    + Int((meanLateness * random.standardExponential()).rounded(.down))
            }
        case .none, .other:
            break
        }
    }

    /// Weekly medical visits with a urine specimen when attended, and psychosocial visits by arm.
    private mutating func generateVisitsAndScreens(
        _ patient: SyntheticBaseline, _ model: SyntheticModel,
        _ visitRandom: inout Xoshiro256StarStar, _ screenRandom: inout Xoshiro256StarStar
    ) {
        let parameters = model.parameters.visits
        // Version 2 drew attendance and the psychosocial statuses before the episode (SyntheticBaseline.engagement).
        let attendance = patient.engagement?.attendance
            ?? visitRandom.beta(parameters.attendanceBetaAlpha, parameters.attendanceBetaBeta)
        let randomIntercept = screenRandom.normal(
            mean: 0, standardDeviation: model.parameters.urineScreens.randomInterceptStandardDeviation)
        let psychosocial = model.psychosocialVisitKind(patient.psychosocial)
        var drawnPsychosocial = patient.engagement?.psychosocialStatuses.makeIterator()
        var week = 0
        while 7 * week <= patient.endDay {
            let medicalDay = 7 * week
            let medical = model.visitStatus(probability: attendance, &visitRandom)
            visits.append(Visit(day: medicalDay, kind: "medical", status: medical))
            if medical == .attended {
                collectSpecimen(patient, model, day: medicalDay, randomIntercept: randomIntercept, &screenRandom)
            }
            if let psychosocial, SyntheticModel.psychosocialScheduled(week: week, every: psychosocial.everyWeeks),
                medicalDay + 3 <= patient.endDay
            {
                let probability = attendance * parameters.psychosocialAttendanceFactor
                let attended = drawnPsychosocial?.next()?.status
                    ?? model.visitStatus(probability: probability, &visitRandom)
                visits.append(Visit(day: medicalDay + 3, kind: psychosocial.kind, status: attended))
            }
            week += 1
        }
    }

    /// One specimen: opioid always, fentanyl every fourth week, cocaine every eighth week (urine-screen sub-model).
    private mutating func collectSpecimen(
        _ patient: SyntheticBaseline, _ model: SyntheticModel, day: Int, randomIntercept: Double,
        _ random: inout Xoshiro256StarStar
    ) {
        let parameters = model.parameters.urineScreens
        let week = day / 7
        let relapsed = patient.relapseDay.map { day >= $0 } ?? false
        var logOdds = randomIntercept
        if day == 0 {
            logOdds += parameters.baselineLogOdds
        } else {
            logOdds += parameters.intercept + model.screenMedicationLogOdds[patient.medication]
                + model.screenPsychosocialLogOdds[patient.psychosocial]
                + (relapsed ? parameters.relapseLogOddsRatio : 0)
        }
        let invalid = random.bernoulli(parameters.invalidSpecimenProbability)
        let opioidPositive = random.bernoulli(logistic(logOdds))
        func result(_ positive: Bool) -> ScreenResult { invalid ? .invalid : positive ? .positive : .negative }
        screens.append(Screen(day: day, substance: "opioid", result: result(opioidPositive)))
        if week % 4 == 0 {
            let probability = opioidPositive
                ? parameters.fentanylPositiveGivenOpioidPositive : parameters.fentanylPositiveGivenOpioidNegative
            screens.append(Screen(day: day, substance: "fentanyl", result: result(random.bernoulli(probability))))
        }
        if week % 8 == 0 {
            let cocaineLogOdds = parameters.cocaineIntercept
                + (patient.injectionUse ? parameters.cocaineInjectionUse : 0)
                + (relapsed ? parameters.cocaineAfterRelapse : 0)
            screens.append(Screen(day: day, substance: "cocaine", result: result(random.bernoulli(logistic(cocaineLogOdds)))))
        }
    }

    /// Craving (BSCS items and VAS) from the latent mixed-model trajectory, and COWS at induction.
    private mutating func generateAssessments(
        _ patient: SyntheticBaseline, _ model: SyntheticModel, _ random: inout Xoshiro256StarStar
    ) {
        let craving = model.parameters.craving
        let z0 = random.standardNormal()
        let z1 = random.standardNormal()
        let rho = craving.randomEffectsCorrelation
        let randomIntercept = craving.randomInterceptStandardDeviation * z0
        let randomSlope = craving.randomSlopeStandardDeviationPerWeek * (rho * z0 + (1 - rho * rho).squareRoot() * z1)
        let enhanced = model.psychosocialIsEnhanced[patient.psychosocial]
        let intercept = craving.intercept + (enhanced ? craving.enhancedIntercept : 0) + randomIntercept
        let slope = craving.slopePerWeek + (enhanced ? craving.enhancedSlopePerWeek : 0) + randomSlope
        let recordsVAS = model.siteRecordsVAS[patient.site]
        let isBuprenorphine = model.medications[patient.medication] == .buprenorphine

        func withdrawal(day: Int, mean: Double) {
            let score = random.normal(mean: mean, standardDeviation: craving.cowsStandardDeviation)
            assessments.append(Assessment(day: day, instrument: "COWS", item: "", score: clamp(score, 0, 48)))
        }
        let cowsMean = craving.cowsDay0Mean + (patient.injectionUse ? craving.cowsInjectionUseIncrease : 0)
        withdrawal(day: 0, mean: cowsMean)
        var day = 0
        while day <= patient.endDay {
            if !random.bernoulli(craving.missedAssessmentProbability) {
                let weeks = Double(day) / 7
                let latent = intercept + slope * weeks
                    + random.normal(mean: 0, standardDeviation: craving.residualStandardDeviation)
                if recordsVAS {
                    assessments.append(Assessment(
                        day: day, instrument: "craving-VAS", item: "", score: clamp(100 * latent / 12, 0, 100)))
                } else {
                    for item in ["intensity", "frequency", "duration"] {
                        let value = latent / 3
                            + random.normal(mean: 0, standardDeviation: craving.itemNoiseStandardDeviation)
                        assessments.append(Assessment(day: day, instrument: "BSCS", item: item, score: clamp(value, 0, 4)))
                    }
                }
            }
            if day == 0 && isBuprenorphine {
                withdrawal(day: 1, mean: cowsMean - craving.cowsDay1Decrease)
            }
            day += 14 + random.integer(in: 0...14)
        }
    }
}

/// `value` rounded half away from zero and clamped to `[lower, upper]`.
func clamp(_ value: Double, _ lower: Int, _ upper: Int) -> Int {
    min(max(Int(value.rounded()), lower), upper)
}

import OutcomeStats

/// A quarterly proportion whose per-patient definition lives elsewhere in the library, evaluated once on the as-of
/// cohort: for each patient, the date whose quarter they count in (none: in no denominator) and whether they are in
/// the numerator (docs/QuarterlyMeasures.md). ``QuarterlyTally`` counts members by quarter and group in one pass.
///
/// | measure | definition reused | denominator (quarter of) | numerator |
/// |---|---|---|---|
/// | `continuity_180_days` | ``PharmacotherapyContinuity`` (NQF #3175 defaults) | admissions with a treatment start from the index date to the quarter's end (index date) | that start's 180 days continuous |
/// | `pdc_80` | ``QuarterlyPDC``, inducted cohort | patients with a first fill (its date) | PDC ≥ 0.80 over the follow-up days from it |
/// | `observed_dosing_80` | ``ObservedDosing`` in the plan's windows | admissions with a window, but for those on pharmacy fills only (index date) | adherence ≥ 0.80 |
/// | `craving_reliable_improvement` | ``SymptomTrajectory`` (Jacobson–Truax) | patients with a baseline and a value at the reliable-change week (index date + 7 × week) | reliably improved |
///
/// Each needs its table (fills, doses, assessments) and is `nil` without it.
/// - Complexity: that of the definition reused; O(patients) memory per measure.
struct QuarterlyMembership {
    struct Member {
        /// The date whose quarter the patient counts in.
        let date: CivilDate
        let isInNumerator: Bool
    }

    let measure: QuarterlyMeasure
    /// One entry per patient of the as-of cohort.
    let members: [Member?]

    /// The 80% that the ids `pdc_80` and `observed_dosing_80` name (PQA's threshold), whatever the plan's
    /// `adherence.threshold` says.
    static let adherenceThreshold = 0.8

    /// A measure that cannot be computed for this cohort, and why.
    struct Unavailable: Error, CustomStringConvertible {
        let description: String
    }

    /// The membership measures in report order, each with its builder: a builder returns `nil` when the cohort lacks
    /// the table it needs, and throws when the measure cannot be computed (the error says why). The builders are
    /// independent and may run at the same time.
    static func builders(
        _ cohort: Cohort, plan: AnalysisPlan, asOf: CivilDate
    ) -> [(id: String, build: @Sendable () throws -> QuarterlyMembership?)] {
        [
            (QuarterlyMeasure.continuity180Days.id, { continuity(cohort) }),
            (QuarterlyMeasure.pdc80ID, { try pdc80(cohort, plan: plan, asOf: asOf) }),
            (QuarterlyMeasure.observedDosing80ID, { try observedDosing80(cohort, plan: plan) }),
            (QuarterlyMeasure.cravingReliableImprovementID, { try cravingImprovement(cohort, plan: plan) }),
        ]
    }

    /// `continuity_180_days`: each patient's first treatment start (a fill with a negative medication history) on or
    /// after the index day, when it falls by the end of the index date's quarter; continuous = no run of 8 or more
    /// uncovered days in its 180 days.
    static func continuity(_ cohort: Cohort) -> QuarterlyMembership? {
        guard let dispensings = cohort.dispensings, let indexDates = cohort.patients.indexDate else { return nil }
        let fills = PharmacyFills(dispensings: dispensings, patients: cohort.patients)
        var members = [Member?](repeating: nil, count: cohort.patients.count)
        var decided = [Bool](repeating: false, count: cohort.patients.count)
        // By patient, then start day: the first start on or after day 0 is the patient's.
        for start in PharmacotherapyContinuity.compute(fills) where start.start >= 0 && !decided[start.patient] {
            decided[start.patient] = true
            let index = indexDates[start.patient]
            guard Int(start.start) <= index.days(to: CalendarQuarter(containing: index).lastDay) else { continue }
            members[start.patient] = Member(date: index, isInNumerator: start.isContinuous)
        }
        return QuarterlyMembership(measure: .continuity180Days, members: members)
    }

    /// `pdc_80`: the inducted cohort of ``QuarterlyPDC`` (the patient's first fill, PDC over the plan's
    /// `adherence.pharmacyFollowUpDays` from it), measured with data to the as-of date.
    static func pdc80(_ cohort: Cohort, plan: AnalysisPlan, asOf: CivilDate) throws -> QuarterlyMembership? {
        guard cohort.dispensings != nil else { return nil }
        let days = plan.adherence.pharmacyFollowUpDays
        let pdc = try QuarterlyPDC(cohort, options: QuarterlyPDCOptions(
            cohort: .inducted(followUpDays: days), threshold: adherenceThreshold, dataCutoff: asOf))
        var members = [Member?](repeating: nil, count: cohort.patients.count)
        for result in pdc.results {
            members[result.patient] = Member(date: CivilDate(daysSinceEpoch: result.period.first), isInNumerator: result.isAdherent)
        }
        return QuarterlyMembership(measure: .pdc80(days: days), members: members)
    }

    /// `observed_dosing_80`: ``ObservedDosing`` in the adherence section's windows (``AnalysisPlan/treatmentWindows(for:)``),
    /// for every patient with a window except those on pharmacy fills (a fill dated in the window and no dose in it):
    /// their medication is dispensed, not observed. A patient with neither (one who never came to dose) counts, as
    /// not adherent.
    static func observedDosing80(_ cohort: Cohort, plan: AnalysisPlan) throws -> QuarterlyMembership? {
        guard cohort.doses != nil, let indexDates = cohort.patients.indexDate else { return nil }
        let results = try ObservedDosing.compute(
            cohort, windows: plan.treatmentWindows(for: cohort), options: plan.observedDosingOptions)
        var members = [Member?](repeating: nil, count: cohort.patients.count)
        for result in results {
            if result.doseDays == 0, let fills = cohort.dispensings,
               fills.byPatient.rows(of: result.patient).contains(where: {
                   fills.day[$0] >= result.window.first && fills.day[$0] <= result.window.last
               })
            { continue }
            members[result.patient] = Member(
                date: indexDates[result.patient], isInNumerator: result.adherence >= adherenceThreshold)
        }
        let longest = ([plan.adherence.windowDays]
            + cohort.patients.arm.levels.compactMap { plan.protocolOf(arm: $0)?.medicationPhaseDays }).max()!
        return QuarterlyMembership(measure: .observedDosing80(windowDays: longest), members: members)
    }

    /// `craving_reliable_improvement`: the first instrument of the craving section's order with a reliable-change
    /// rule; its change from baseline at the reliable-change week judged by that rule.
    /// - Throws: ``ScoringError``; ``Unavailable`` when no instrument has a reliable-change rule.
    static func cravingImprovement(_ cohort: Cohort, plan: AnalysisPlan) throws -> QuarterlyMembership? {
        guard let assessments = cohort.assessments, let indexDates = cohort.patients.indexDate else { return nil }
        let scores = try InstrumentScoring.score(assessments).scores
        let options = plan.symptomTrajectoryOptions
        for name in CravingResults.instruments(in: scores, plan: plan) {
            guard let instrument = InstrumentRegistry.standard.instrument(named: name),
                  let series = SymptomTrajectory.Series(scores, instrument: instrument),
                  let rule = SymptomTrajectory.Calibration(series, options: options, higherIsWorse: instrument.higherIsWorse).rule
            else { continue }
            let week = options.reliableChangeWeek
            var members = [Member?](repeating: nil, count: cohort.patients.count)
            for change in ChangeFromBaseline.changes(
                patient: series.patient, day: series.day, value: series.value, baselineDays: options.baselineDays,
                weeks: [week], windowDays: options.windowDays)
            {
                let patient = Int(change.patient)
                members[patient] = Member(
                    date: indexDates[patient].adding(days: 7 * week),
                    isInNumerator: rule.isReliableImprovement(pre: change.baseline, post: change.value))
            }
            return QuarterlyMembership(
                measure: .cravingReliableImprovement(instrument: name, windowDays: Int(options.windowDays)), members: members)
        }
        throw Unavailable(description: "no instrument has a test–retest reliability (at least 3 pairs of assessments "
            + "\(options.retestGapDays.lowerBound)–\(options.retestGapDays.upperBound) days apart from day "
            + "\(options.retestFirstDay)) and baselines that differ, so reliable change is not defined")
    }
}

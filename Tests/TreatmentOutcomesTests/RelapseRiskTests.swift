import Foundation
import OutcomeStats
import Testing
import _OutcomeTestSupport
@testable import TreatmentOutcomes

/// The bundled CTN-0094 cohort, loaded once.
let ctnCohort: Cohort = try! CohortLoader.load(from: datasetURL("ctn0094/cohort"))

/// Quick options for tests: maximum likelihood, 3 folds.
let quickRiskOptions = RelapseRiskOptions(penalty: .none, foldCount: 3, seed: 7)

@Suite struct RelapseRiskLeakageTests {
    /// Changing, adding or deleting any record after the landmark day changes no feature and no score: screens after
    /// the landmark flipped and one more added per patient, visits after it dropped, doses after it doubled, assessment
    /// scores after it +10. A record before the landmark does change the score (so the test can fail).
    @Test func recordsAfterTheLandmarkCannotChangeAScore() throws {
        let fit = try RelapseRiskFit(cohort: ctnCohort, options: quickRiskOptions)
        let landmarkDay = fit.model.landmark.day
        let original = try fit.model.score(ctnCohort)
        let altered = ctnCohort.alteringRecords(after: landmarkDay)
        #expect(altered.screens!.count == ctnCohort.screens!.count + ctnCohort.patients.count)
        #expect(altered.visits!.count < ctnCohort.visits!.count)
        #expect(try fit.model.score(altered) == original)
        for feature in fit.model.features {
            var before = RelapseRiskFeatureTable(
                landmark: LandmarkCohort(ctnCohort, throughDay: landmarkDay), landmarkWeek: 3,
                patternOptions: fit.model.patternOptions)
            var after = RelapseRiskFeatureTable(
                landmark: LandmarkCohort(altered, throughDay: landmarkDay), landmarkWeek: 3,
                patternOptions: fit.model.patternOptions)
            #expect(try before.values(feature.source) == after.values(feature.source), "\(feature.name)")
        }
        // The control: the same alteration from the day before the landmark does reach a score.
        let early = ctnCohort.alteringRecords(after: landmarkDay - 7)
        #expect(try fit.model.score(early) != original)
    }

    /// LandmarkCohort keeps exactly the rows on or before its day, per patient ranges rebuilt.
    @Test func landmarkCohortKeepsRowsThroughItsDay() {
        let landmark = LandmarkCohort(ctnCohort, throughDay: 20)
        let screens = landmark.cohort.screens!
        #expect(screens.day.allSatisfy { $0 <= 20 })
        #expect(screens.count == ctnCohort.screens!.day.filter { $0 <= 20 }.count)
        #expect(screens.byPatient.offsets.last == screens.count)
        #expect(landmark.cohort.episodes == nil)
        for patient in [0, 100, 2_000] {
            #expect(screens.byPatient.rows(of: patient).allSatisfy { Int(screens.patient[$0]) == patient })
        }
    }
}

@Suite struct RelapseRiskModelFileTests {
    /// save → load → score gives bit-identical risks, and the decoded model equals the saved one.
    @Test func saveLoadScoreRoundTripsExactly() throws {
        let fit = try RelapseRiskFit(cohort: ctnCohort, options: quickRiskOptions)
        let data = try fit.model.jsonData()
        let loaded = try RelapseRiskModel(jsonData: data)
        #expect(loaded == fit.model)
        #expect(try loaded.score(ctnCohort) == fit.model.score(ctnCohort))
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"format\" : \"treatment-outcomes/relapse-risk-model\""))
        #expect(text.contains("\"standardDeviation\""))
    }

    @Test func rejectsOtherFilesAndUnknownLevels() throws {
        let notAModel = #expect(throws: RelapseRiskError.self) { try RelapseRiskModel(jsonData: Data("{\"a\": 1}".utf8)) }
        #expect(notAModel?.code == .invalidModelFile)
        let fit = try RelapseRiskFit(cohort: ctnCohort, options: quickRiskOptions)
        var json = try JSONSerialization.jsonObject(with: fit.model.jsonData()) as! [String: Any]
        json["version"] = 99
        let newer = #expect(throws: RelapseRiskError.self) {
            try RelapseRiskModel(jsonData: JSONSerialization.data(withJSONObject: json))
        }
        #expect(newer?.code == .invalidModelFile)
        let renamed = ctnCohort.renamingArm("Methadone", to: "Methadone (new clinic)")
        let unseen = #expect(throws: RelapseRiskError.self) { try fit.model.score(renamed) }
        #expect(unseen?.code == .unseenLevel)
    }
}

@Suite struct RelapseRiskValidationTests {
    /// The same seed gives the same folds, out-of-fold risks and λ; another seed other folds.
    @Test func crossValidationIsReproducibleBySeed() throws {
        let options = RelapseRiskOptions(foldCount: 3, seed: 11)
        let first = try RelapseRiskFit(cohort: ctnCohort, options: options)
        let again = try RelapseRiskFit(cohort: ctnCohort, options: options)
        #expect(first.validation.outOfFoldRisks == again.validation.outOfFoldRisks)
        #expect(first.model == again.model)
        var other = options
        other.seed = 12
        let second = try RelapseRiskFit(cohort: ctnCohort, options: other)
        #expect(second.validation.folds.fold != first.validation.folds.fold)
        #expect(first.validation.outOfFoldRisks.allSatisfy { $0 > 0 && $0 < 1 })
        #expect(first.model.lambda != nil)
    }

    /// Honest validation on CTN-0094: cross-validated AUC below apparent, both well above chance, a held-out share
    /// kept out of fitting.
    @Test func ctnValidationIsHonest() throws {
        var options = quickRiskOptions
        options.heldOutFraction = 0.2
        let fit = try RelapseRiskFit(cohort: ctnCohort, options: options)
        let validation = fit.validation
        #expect(validation.rows.count + validation.heldOutRows.count == ctnCohort.patients.count)
        #expect(Set(validation.rows).isDisjoint(with: validation.heldOutRows))
        #expect(fit.model.trainingPatients == validation.rows.count)
        let apparent = try #require(validation.apparent.auc?.estimate)
        let crossValidated = try #require(validation.crossValidated.auc?.estimate)
        #expect(apparent > crossValidated)
        #expect(crossValidated > 0.6)
        #expect(validation.heldOut?.count == validation.heldOutRows.count)
    }
}

@Suite struct RelapseOutcomeTests {
    /// Hand-derived words (week 1 = days 1–7): P1 positive weeks 1–4 → relapse at week 1; P2 negative weeks 1–12 →
    /// none; P3 no records → 12 missing weeks count as positive → relapse; P4 negative weeks 1–9, positive 10–12 and
    /// nothing after → run starting week 10 ≤ 12 → relapse; by week 9 it is not.
    @Test func ctn0094RelapseByWeek() throws {
        var screens = "patient_id,day,substance,result\n"
        for week in 1...4 { screens += "P1,\(7 * week),opioid,positive\n" }
        for week in 1...12 { screens += "P2,\(7 * week),opioid,negative\n" }
        for week in 1...12 { screens += "P4,\(7 * week),opioid,\(week >= 10 ? "positive" : "negative")\n" }
        let fixture = try CohortFolderFixture([
            "patients.csv": """
                patient_id,site,arm,medication,psychosocial
                P1,S,A,methadone,none
                P2,S,A,methadone,none
                P3,S,A,methadone,none
                P4,S,A,methadone,none

                """,
            "screens.csv": screens,
        ])
        let cohort = try fixture.load()
        #expect(try RelapseOutcome.ctn0094Relapse.evaluate(cohort, substances: .nonStudyOpioids, firstDayOfWeekOne: 1)
            == [1, 0, 1, 1])
        #expect(try RelapseOutcome.endpoint(column: "RsE_ctnNinetyFour_2023", byWeek: 9)
            .evaluate(cohort, substances: .nonStudyOpioids, firstDayOfWeekOne: 1) == [1, 0, 1, 0])
        let unknown = #expect(throws: RelapseRiskError.self) { try RelapseOutcome(parsing: "Rs_nonexistent") }
        #expect(unknown?.code == .invalidOutcome)
        #expect(try RelapseOutcome(parsing: "retention<90") == .retentionBelow(days: 90))
        #expect(try RelapseOutcome(parsing: "RsE_ctnNinetyFour_2023@8") == .endpoint(column: "RsE_ctnNinetyFour_2023", byWeek: 8))
    }
}

extension Cohort {
    /// A copy in which every record after `day` is changed: screen results flipped and a screen added per patient,
    /// visits dropped, doses doubled in amount, assessment scores + 10.
    func alteringRecords(after day: Int) -> Cohort {
        let last = Int32(day)
        let s = screens!
        // Every result after `day` flipped, and one positive opioid screen added on day 10,000 for every patient.
        var patient: [Int32] = [], days: [Int32] = [], codes: [Int32] = [], results: [ScreenResult] = []
        let opioid = Int32(s.substance.levels.firstIndex(of: "opioid")!)
        for p in 0..<patients.count {
            for row in s.byPatient.rows(of: p) {
                patient.append(s.patient[row])
                days.append(s.day[row])
                codes.append(s.substance.codes[row])
                results.append(s.day[row] > last ? (s.result[row] == .positive ? .negative : .positive) : s.result[row])
            }
            patient.append(Int32(p))
            days.append(10_000)
            codes.append(opioid)
            results.append(.positive)
        }
        let v = visits!
        let keptVisits = v.day.indices.filter { v.day[$0] <= last }
        let d = doses!
        let a = assessments!
        return Cohort(
            patients: patients,
            doses: DoseTable(
                patient: d.patient, day: d.day,
                amount: d.amount.indices.map { d.day[$0] > last ? d.amount[$0] * 2 : d.amount[$0] },
                takeHome: d.takeHome, byPatient: d.byPatient),
            screens: ScreenTable(
                patient: patient, day: days, substance: CategoricalColumn(levels: s.substance.levels, codes: codes),
                result: results, byPatient: PatientRanges(sortedPatients: patient, patientCount: patients.count)),
            visits: VisitTable(
                patient: keptVisits.map { v.patient[$0] }, day: keptVisits.map { v.day[$0] },
                kind: CategoricalColumn(levels: v.kind.levels, codes: keptVisits.map { v.kind.codes[$0] }),
                status: keptVisits.map { v.status[$0] },
                byPatient: PatientRanges(sortedPatients: keptVisits.map { v.patient[$0] }, patientCount: patients.count)),
            assessments: AssessmentTable(
                patient: a.patient, day: a.day, instrument: a.instrument, item: a.item,
                score: a.score.indices.map { a.day[$0] > last ? a.score[$0] + 10 : a.score[$0] }, byPatient: a.byPatient),
            episodes: episodes)
    }

    /// A copy with one arm label renamed.
    func renamingArm(_ old: String, to new: String) -> Cohort {
        let arm = CategoricalColumn(labels: (0..<patients.count).map { patients.arm.label(at: $0).map { $0 == old ? new : $0 } })
        let table = PatientTable(
            identifiers: patients.identifiers, site: patients.site, arm: arm, medication: patients.medication,
            psychosocial: patients.psychosocial, indexDate: patients.indexDate, covariates: patients.covariates)
        return Cohort(patients: table, doses: doses, dispensings: dispensings, screens: screens, visits: visits,
                      assessments: assessments, episodes: episodes)
    }
}

import Foundation
import Testing
import _OutcomeTestSupport
@testable import TreatmentOutcomes

/// The relapse-risk model reads covariates through the covariate policy: what it leaves out never reaches the model
/// or its file, rare levels are merged into Other, and scoring maps a level the model does not know to Other.
@Suite struct RelapseRiskCovariatePolicyTests {
    /// The bundled cohort without its manifest (so each column is judged from its values), with `extra` covariates.
    static func cohort(adding extra: [Covariate]) -> Cohort {
        let patients = ctnCohort.patients.replacingCovariates(ctnCohort.patients.covariates + extra)
        return Cohort(
            patients: patients, doses: ctnCohort.doses, dispensings: ctnCohort.dispensings, screens: ctnCohort.screens,
            visits: ctnCohort.visits, assessments: ctnCohort.assessments, episodes: ctnCohort.episodes)
    }

    /// A clinic per patient: Clinic-North and Clinic-South for all but 12 patients, who attend Clinic-Zeta (5) and
    /// Clinic-Yarrow (7): both fewer than 11, so they become Other.
    static func clinic(_ label: (Int) -> String) -> Covariate {
        Covariate(name: "clinic", values: .categorical(CategoricalColumn(labels: (0..<ctnCohort.patients.count).map(label))))
    }

    static let clinics = clinic { $0 < 5 ? "Clinic-Zeta" : $0 < 12 ? "Clinic-Yarrow" : $0 % 2 == 0 ? "Clinic-North" : "Clinic-South" }

    static var baselineOptions: RelapseRiskOptions {
        var options = quickRiskOptions
        options.featureSet = .baseline
        return options
    }

    @Test("covariates the policy leaves out are not in the default set, and naming one is an error")
    func excludedCovariates() throws {
        let identifiers = ctnCohort.patients.identifiers
        let cohort = Self.cohort(adding: [
            Covariate(name: "dob", values: .categorical(CategoricalColumn(labels: identifiers.indices.map {
                "19\(60 + $0 % 40)-0\(1 + $0 % 9)-1\($0 % 10)"
            }))),
            Covariate(name: "referral", values: .categorical(CategoricalColumn(labels: identifiers.map { $0 + "0" }))),
        ])
        let fit = try RelapseRiskFit(cohort: cohort, options: Self.baselineOptions)
        let text = String(decoding: try fit.model.jsonData(), as: UTF8.self)
        #expect(!fit.model.features.contains { $0.name.hasPrefix("dob") || $0.name.hasPrefix("referral") })
        #expect(fit.model.knownLevels["dob"] == nil && !text.contains("\"dob") && !text.contains("referral"))
        var named = Self.baselineOptions
        named.covariates = ["age", "dob"]
        let error = #expect(throws: RelapseRiskError.self) { try RelapseRiskFit(cohort: cohort, options: named) }
        #expect(error?.code == .excludedCovariate)
        #expect(error?.message == "covariate 'dob' is left out by the covariate policy (date values); see docs/CovariatePolicy.md")
        // with the bundled manifest, a column it does not declare is left out
        let declared = ctnCohort.replacingPatients(
            ctnCohort.patients.replacingCovariates(ctnCohort.patients.covariates + [Self.clinics]))
        var clinic = Self.baselineOptions
        clinic.covariates = ["clinic"]
        let undeclared = #expect(throws: RelapseRiskError.self) { try RelapseRiskFit(cohort: declared, options: clinic) }
        #expect(undeclared?.message.contains("(not declared in cohort.json)") == true)
    }

    @Test("rare levels are merged into Other in the model and its file; scoring maps unknown levels to Other")
    func rareLevelsAndScoring() throws {
        var options = Self.baselineOptions
        options.covariates = ["clinic", "age"]
        let cohort = Self.cohort(adding: [Self.clinics])
        let fit = try RelapseRiskFit(cohort: cohort, options: options)
        #expect(fit.model.knownLevels["clinic"] == ["Clinic-North", "Clinic-South", "Other"])
        #expect(fit.model.mergedIntoOther == ["clinic"])
        let data = try fit.model.jsonData()
        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.contains("Zeta") && !text.contains("Yarrow"))
        #expect(text.contains("\"mergedIntoOther\" : [\n    \"clinic\"\n  ]"))
        let loaded = try RelapseRiskModel(jsonData: data)
        #expect(loaded == fit.model)
        // the raw rare levels, a new level, and Other itself all score as Other
        let asOther = try loaded.score(Self.cohort(adding: [Self.clinic { $0 < 12 ? "Other" : ($0 % 2 == 0 ? "Clinic-North" : "Clinic-South") }]))
        #expect(try loaded.score(cohort) == asOther)
        let renamed = try loaded.score(Self.cohort(adding: [Self.clinic { $0 < 12 ? "Clinic-Omega" : ($0 % 2 == 0 ? "Clinic-North" : "Clinic-South") }]))
        #expect(renamed == asOther)
        // a covariate without merged levels still refuses a level it has not seen
        #expect(fit.model.knownLevels["arm"] != nil)
        let unseen = #expect(throws: RelapseRiskError.self) { try loaded.score(cohort.renamingArm("Methadone", to: "Methadone 2")) }
        #expect(unseen?.code == .unseenLevel)
    }
}

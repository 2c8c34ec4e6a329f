import Foundation
import Testing
@testable import TreatmentOutcomes

/// The `covariates` declaration of a cohort manifest: read and checked with the manifest, then against patients.csv.
@Suite("Covariate declarations in cohort.json")
struct CovariateDeclarationTests {
    static let patients = """
        patient_id,site,arm,medication,psychosocial,age,sex,trial
        A,s,BUP,buprenorphine,none,30,female,27
        B,s,BUP+CBT,buprenorphine,CBT,40,male,30
        C,s,BUP,buprenorphine,none,,,27

        """

    static func manifest(_ covariates: String) -> String {
        #"{"name": "Clinic", "provenance": "test", "covariates": "# + covariates + "}"
    }

    static let declared = #"""
        [{"name": "age", "type": "numeric", "quantiles": true},
         {"name": "sex", "type": "categorical", "levels": ["female", "male"]},
         {"name": "trial", "type": "categorical", "levels": ["27", "30", "51"]}]
        """#

    @Test("a declaration is read with the manifest; a declared categorical column of numbers stays categorical")
    func accepted() throws {
        let cohort = try CohortFolderFixture(["patients.csv": Self.patients, "cohort.json": Self.manifest(Self.declared)])
            .load()
        #expect(cohort.manifest?.covariates == [
            CovariateDeclaration(numeric: "age", quantiles: true),
            CovariateDeclaration(categorical: "sex", levels: ["female", "male"]),
            CovariateDeclaration(categorical: "trial", levels: ["27", "30", "51"]),
        ])
        #expect(cohort.manifest?.covariates?.map(\.allowsQuantiles) == [true, false, false])
        guard case .categorical(let trial)? = cohort.patients.covariate(named: "trial")?.values else {
            Issue.record("trial is not categorical"); return
        }
        #expect(trial.levels == ["27", "30"] && trial.codes == [0, 1, 0])
        #expect(cohort.patients.covariate(named: "age")?.isNumeric == true)
    }

    @Test("the manifest's errors name cohort.json", arguments: [
        (#"[{"name": "age", "type": "numeric", "level": []}]"#, "covariates[0]: unknown key 'level'; known: levels, name, quantiles, type"),
        (#"[{"name": "age", "type": "number"}]"#, "covariates[0].type: expected one of categorical, numeric"),
        (#"[{"name": "sex", "type": "categorical"}]"#, "covariates[0] (sex): a categorical covariate lists its levels"),
        (#"[{"name": "sex", "type": "categorical", "levels": ["a", "a"]}]"#, "covariates[0] (sex): a level is listed twice"),
        (#"[{"name": "sex", "type": "categorical", "levels": ["a", ""]}]"#, "covariates[0] (sex): a level is empty"),
        (#"[{"name": "sex", "type": "categorical", "levels": ["a"], "quantiles": true}]"#,
         "covariates[0] (sex): only a numeric covariate has quantiles"),
        (#"[{"name": "age", "type": "numeric", "levels": ["1"]}]"#, "covariates[0] (age): a numeric covariate has no levels"),
        (#"[{"name": "age", "type": "numeric"}, {"name": "age", "type": "numeric"}]"#, "covariates[1] (age): declared twice"),
        (#"[{"name": "arm", "type": "categorical", "levels": ["BUP"]}]"#,
         "covariates[0] (arm): arm is a fixed column of patients.csv, not a covariate"),
    ])
    func manifestErrors(covariates: String, message: String) throws {
        let fixture = try CohortFolderFixture(["patients.csv": Self.patients, "cohort.json": Self.manifest(covariates)])
        let error = try #require(fixture.loadError())
        #expect(error.file == fixture.path("cohort.json") && error.kind == .invalidValue, "\(error)")
        #expect(error.message.contains(message), "\(error)")
    }

    @Test("patients.csv against the declaration: a missing column, an undeclared level, text in a numeric covariate")
    func patientsFileErrors() throws {
        let missing = try CohortFolderFixture([
            "patients.csv": Self.patients,
            "cohort.json": Self.manifest(#"[{"name": "dob", "type": "categorical", "levels": ["x"]}]"#),
        ])
        let missingError = try #require(missing.loadError())
        #expect(missingError.kind == .missingColumn && missingError.column == "dob" && missingError.line == 1)
        #expect(missingError.file == missing.path("patients.csv"))
        #expect(missingError.message.hasPrefix("declared in cohort.json but not in the header"), "\(missingError)")

        let undeclaredLevel = try CohortFolderFixture([
            "patients.csv": Self.patients,
            "cohort.json": Self.manifest(#"[{"name": "trial", "type": "categorical", "levels": ["27", "51"]}]"#),
        ])
        let levelError = try #require(undeclaredLevel.loadError())
        #expect(levelError.description == undeclaredLevel.path("patients.csv")
            + #":3: column "trial": "30" is not a level cohort.json declares (declared: 27, 51)"#)

        let text = try CohortFolderFixture([
            "patients.csv": Self.patients, "cohort.json": Self.manifest(#"[{"name": "sex", "type": "numeric"}]"#),
        ])
        let textError = try #require(text.loadError())
        #expect(textError.kind == .notANumber && textError.line == 2 && textError.column == "sex", "\(textError)")
        #expect(textError.message.contains("cohort.json declares this covariate numeric"))
    }
}

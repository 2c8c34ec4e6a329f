import Foundation
import Testing
@testable import TreatmentOutcomes

/// The covariate policy on hand-built columns: one case per rule, the declaration, rare levels and the numeric rule.
@Suite("Covariate policy")
struct CovariatePolicyTests {
    /// `count` patients `P01`, `P02`, …, arm A (first half) and B, with `covariates`.
    static func patients(_ covariates: [Covariate], count: Int = 40) -> PatientTable {
        let identifiers = (1...count).map { $0 < 10 ? "P0\($0)" : "P\($0)" }
        return PatientTable(
            identifiers: identifiers, site: CategoricalColumn(labels: identifiers.map { _ in "s" }),
            arm: CategoricalColumn(labels: identifiers.indices.map { $0 < count / 2 ? "A" : "B" }),
            medication: identifiers.map { _ in .methadone },
            psychosocial: CategoricalColumn(labels: identifiers.map { _ in "none" }), indexDate: nil,
            covariates: covariates)
    }

    static func categorical(_ name: String, count: Int = 40, _ labels: (Int) -> String?) -> Covariate {
        Covariate(name: name, values: .categorical(CategoricalColumn(labels: (0..<count).map(labels))))
    }

    static func numeric(_ name: String, _ values: (Int) -> Double?) -> Covariate {
        Covariate(name: name, values: .numeric((0..<40).map(values)))
    }

    /// The rule that leaves `covariate` out of a cohort without declarations, or `nil`.
    static func rule(_ covariate: Covariate) -> CovariateScreening.Exclusion.Rule? {
        let screening = CovariatePolicy().screen(patients([covariate], count: covariate.count), declarations: nil)
        return screening.exclusions.first?.rule
    }

    @Test("identifiers: values equal to patient identifiers, distinct values for most patients")
    func identifiers() {
        #expect(Self.rule(Self.categorical("referral") { $0 < 3 ? "P0\($0 + 5)" : nil }) == .identifiesPatients)
        #expect(Self.rule(Self.categorical("chart") { "CH-\($0 * 7919 % 1000)X" }) == .identifiesPatients)
        // unique where recorded (3 of 40): identifying although nearly empty
        #expect(Self.rule(Self.categorical("badge") { $0 < 3 ? "K\($0)" : nil }) == .identifiesPatients)
    }

    @Test("identifier-like numbers: record numbers, zip codes, SSN last four")
    func identifierNumbers() {
        #expect(Self.rule(Self.numeric("record") { Double(40_000_000 + $0 * 7_919) }) == .identifierLikeNumbers)
        #expect(Self.rule(Self.numeric("area") { Double(60_001 + $0 * 37) }) == .identifierLikeNumbers)
        #expect(Self.rule(Self.numeric("last4") { Double(5_000 + $0 * 97) }) == .identifierLikeNumbers)
        // zip codes repeated (a few local areas): not distinct, but the name says what they are
        #expect(Self.rule(Self.numeric("zip") { Double(60_601 + $0 % 3) }) == .identifyingName)
        #expect(Self.rule(Self.numeric("patientMRN") { Double(1 + $0 % 2) }) == .identifyingName)
    }

    @Test("dates in several formats, in text and as yyyymmdd numbers", arguments: [
        "1984-03-17", "1984/3/17", "03/17/1984", "17.03.1984", "17-03-84", "2023-03-17T09:30:00", "2023-03-17 09:30",
        "2023-03", "03/2023", "17 Mar 2023", "March 17, 2023", "Mar 2023", "seen 2023-03-17 at the clinic", "20230317",
    ])
    func dates(value: String) {
        #expect(DateLikeText.containsDate(value), "\(value)")
        #expect(Self.rule(Self.categorical("when") { $0 == 7 ? value : ["early", "late"][$0 % 2] }) == .dateValues)
    }

    @Test("not dates: phone numbers, codes, fractions, years, labels", arguments: [
        "612-555-0147", "(612) 555-0147", "CTN-0027", "3/4", "1.5.2", "2019-20", "Married or Partnered", "HS/GED",
        "2023", "12.5", "May", "Refused/missing", "60123-4567", "Marisol",
    ])
    func notDates(value: String) {
        #expect(!DateLikeText.containsDate(value), "\(value)")
    }

    @Test("a numeric yyyymmdd column is date values")
    func numericDates() {
        #expect(Self.rule(Self.numeric("intake") { Double(20_230_101 + $0 % 28) }) == .dateValues)
    }

    @Test("free text with names and phone numbers; contact details")
    func freeText() {
        let notes = ["Seen by Zelbrin Quorvath, call back tomorrow", "No show", "Called Marisol Okonkwo"]
        #expect(Self.rule(Self.categorical("summary") { notes[$0 % 3] }) == .freeText)
        #expect(Self.rule(Self.categorical("summary") { $0 == 0 ? String(repeating: "x", count: 41) : "short" })
            == .freeText)
        #expect(Self.rule(Self.categorical("summary") { $0 == 0 ? "line one\nline two" : "short" }) == .freeText)
        // twelve counselors, five patients each: names, not categories
        let names = (0..<12).map { "Ann Pexworth-\(Character(UnicodeScalar(65 + $0)!))" }
        #expect(Self.rule(Self.categorical("counselor", count: 60) { names[$0 % 12] }) == .freeText)
        #expect(Self.rule(Self.categorical("reach") { ["(612) 555-0147", "(612) 555-0199"][$0 % 2] })
            == .identifiesPatients)
        #expect(Self.rule(Self.categorical("reach") { ["a@b.org", "c@d.org"][$0 % 2] }) == .identifiesPatients)
        #expect(Self.rule(Self.categorical("remarks") { ["ok", "fine"][$0 % 2] }) == .identifyingName)
        #expect(CovariatePolicy.hasIdentifyingName("date_of_birth") && CovariatePolicy.hasIdentifyingName("patientID")
            && CovariatePolicy.hasIdentifyingName("zip5") && CovariatePolicy.hasIdentifyingName("FirstName"))
        #expect(!CovariatePolicy.hasIdentifyingName("living_stable") && !CovariatePolicy.hasIdentifyingName("job")
            && !CovariatePolicy.hasIdentifyingName("idle_days") && !CovariatePolicy.hasIdentifyingName("iv_use"))
    }

    @Test("genuine covariates pass: sex, a small categorical; age, a numeric covariate distinct for most patients")
    func genuine() {
        let screening = CovariatePolicy().screen(Self.patients([
            Self.categorical("sex") { $0 % 3 == 0 ? "female" : "male" },
            Self.numeric("age") { Double(18 + $0) },
            Self.numeric("weight") { 60 + Double($0) * 0.7 },
            Self.categorical("race") { ["White", "Black", "Other"][$0 % 3] },
        ]), declarations: nil)
        #expect(screening.exclusions.isEmpty)
        #expect(screening.patients.covariates.map(\.name) == ["sex", "age", "weight", "race"])
        #expect(screening.quantiles.isEmpty && screening.pooled.isEmpty)
        #expect(Self.rule(Self.categorical("clinic", count: 60) { "c\($0 % 21)" }) == .tooManyLevels(maximum: 20))
    }

    @Test("rare levels merge into Other (with an existing Other); a covariate all Other is left out")
    func rareLevels() throws {
        // race: White 27, Black 11, Asian 1, Native 1: Asian and Native (2 patients) become Other, which stays small
        let race = Self.categorical("race") { $0 < 27 ? "White" : $0 < 38 ? "Black" : $0 == 38 ? "Asian" : "Native" }
        // job: Full Time 25, Other 12, Student 3: Student joins the existing Other (15)
        let job = Self.categorical("job") { $0 < 25 ? "Full Time" : $0 < 37 ? "Other" : "Student" }
        // sex: 7 and 8 (and 25 missing): both would be Other
        let sex = Self.categorical("sex") { $0 < 7 ? "female" : $0 < 15 ? "male" : nil }
        let screening = CovariatePolicy().screen(Self.patients([race, job, sex]), declarations: nil)
        #expect(screening.pooled == ["race", "job"])
        #expect(screening.exclusions == [.init(name: "sex", rule: .levelsTooSmall(minimum: 11))])
        #expect(screening.exclusions.map(\.reason) == ["every level has fewer than 11 patients"])
        guard case .categorical(let pooledRace)? = screening.patients.covariate(named: "race")?.values,
              case .categorical(let pooledJob)? = screening.patients.covariate(named: "job")?.values
        else { Issue.record("race and job stay categorical"); return }
        #expect(pooledRace.levels == ["Black", "Other", "White"])
        #expect(pooledRace.codes.filter { $0 == 1 }.count == 2)
        #expect(pooledJob.levels == ["Full Time", "Other"] && pooledJob.codes.filter { $0 == 1 }.count == 15)
        // at a minimum of 1 nothing is merged
        let unmerged = CovariatePolicy(minimumCellSize: 1).screen(Self.patients([race, job, sex]), declarations: nil)
        #expect(unmerged.pooled.isEmpty && unmerged.exclusions.isEmpty)
    }

    @Test("a declaration is complete and trusted: undeclared columns out, declared ones kept, rare levels still merged")
    func declarations() {
        let declared = [
            CovariateDeclaration(categorical: "site_code", levels: ["1", "2", "9"]),
            CovariateDeclaration(numeric: "age", quantiles: true),
            CovariateDeclaration(numeric: "score"),
        ]
        let screening = CovariatePolicy().screen(Self.patients([
            Self.categorical("site_code") { $0 < 39 ? ["1", "2"][$0 % 2] : "9" },
            Self.numeric("age") { Double(18 + $0) },
            Self.numeric("score") { Double($0 % 5) },
            Self.categorical("sex") { $0 % 2 == 0 ? "female" : "male" },
        ]), declarations: declared)
        #expect(screening.exclusions == [.init(name: "sex", rule: .notDeclared)])
        #expect(screening.exclusions.first?.reason == "not declared in cohort.json")
        #expect(screening.patients.covariates.map(\.name) == ["site_code", "age", "score"])
        #expect(screening.pooled == ["site_code"] && screening.quantiles == ["age"])
        // a declared identifier-like column is the owner's call
        let record = CovariatePolicy().screen(
            Self.patients([Self.numeric("mrn") { Double(40_000_000 + $0) }]),
            declarations: [CovariateDeclaration(numeric: "mrn")])
        #expect(record.exclusions.isEmpty)
    }

    @Test("the numeric rule: mean and SD always; median and quartiles (and the chart) only when declared with quantiles")
    func numericRule() {
        var plan = AnalysisPlan()
        plan.baseline.chartedCovariate = "age"
        let table = Self.patients([Self.numeric("age") { Double(18 + $0) }, Self.numeric("score") { Double($0 % 5) }])
        let undeclared = BaselineCharacteristics(patients: table, plan: plan)
        #expect(undeclared.characteristics.filter(\.showsQuantiles).isEmpty && undeclared.charted == nil)
        let declared = BaselineCharacteristics(
            patients: table, plan: plan,
            declarations: [CovariateDeclaration(numeric: "age", quantiles: true), CovariateDeclaration(numeric: "score")])
        #expect(declared.characteristics.filter(\.showsQuantiles).map(\.name) == ["age"])
        #expect(declared.charted?.name == "age")
    }

    @Test("the grouping covariate follows the policy: screened, a numeric one by its values, an excluded one not used")
    func grouping() {
        let table = Self.patients([
            Self.numeric("trial") { Double([27, 30][$0 % 2]) },
            Self.numeric("mrn") { Double(40_000_000 + $0) },
            Self.numeric("age") { Double(18 + $0) },
        ])
        let policy = CovariatePolicy()
        #expect(policy.screen(table, declarations: nil, groupingCovariate: "trial").grouping?.levels == ["27", "30"])
        let byRecord = policy.screen(table, declarations: nil, groupingCovariate: "mrn")
        #expect(byRecord.grouping == nil && byRecord.exclusions.map(\.name) == ["mrn"])
        let byAge = policy.screen(table, declarations: nil, groupingCovariate: "age")
        #expect(byAge.grouping == nil)
        #expect(byAge.exclusions.last == .init(name: "age", rule: .identifiesPatients, asGrouping: true))
        #expect(byAge.exclusions.last?.reason == "identifies patients (as the grouping covariate)")
        #expect(BaselineCharacteristics(patients: table, plan: AnalysisPlan()).grouping.name == "site")
    }

    @Test("the analysis reads the screened cohort: excluded covariates are gone from every part")
    func analysisUsesScreenedCohort() async {
        let cohort = Cohort(patients: Self.patients([
            Self.categorical("dob") { "19\(50 + $0)-01-15" }, Self.numeric("age") { Double(18 + $0) },
        ]))
        var plan = AnalysisPlan()
        plan.retention.adjustment = ["age", "dob"]
        let analysis = await CohortAnalysis(cohort: cohort, plan: plan, parts: [])
        #expect(analysis.cohort.patients.covariates.map(\.name) == ["age"])
        #expect(analysis.covariates.exclusions == [.init(name: "dob", rule: .dateValues)])
        #expect(analysis.baseline.exclusions.map(\.description) == ["dob: date values"])
    }
}

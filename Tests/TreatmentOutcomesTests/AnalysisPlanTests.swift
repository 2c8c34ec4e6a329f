import Foundation
import Testing
@testable import TreatmentOutcomes
import _CohortTestSupport
import _OutcomeTestSupport

/// The analysis plan: its JSON, the layering and checking of overrides, the cohort manifest, and how each setting
/// reaches the measures (one definition, used everywhere).
@Suite("Analysis plan and cohort manifest")
struct AnalysisPlanTests {
    static let patients = """
        patient_id,site,arm,medication,psychosocial,age,sex
        A,s,BUP,buprenorphine,none,30,female
        B,s,BUP+CBT,buprenorphine,CBT,40,male
        C,s,BUP+SMM,buprenorphine,standard,50,female
        D,s,NTX,naltrexone,none,35,male
        E,s,NTX+CM,naltrexone,contingency-management,45,male
        F,s,MET+C,methadone,counseling,45,male
        """

    @Test("the plan's JSON round-trips, and the default plan states every default once")
    func roundTrip() throws {
        let data = try AnalysisPlan.default.jsonData()
        #expect(try JSONDecoder().decode(AnalysisPlan.self, from: data) == AnalysisPlan.default)
        let text = String(decoding: data, as: UTF8.self)
        for key in ["\"version\" : 1", "\"weekOneStartDay\" : 1", "\"naltrexoneInjectionCoverageDays\" : 28",
                    "\"allowedGapDays\" : 7", "\"threshold\" : 0.8", "\"landmarkWeek\" : 3", "\"minimumCellSize\" : 11"] {
            #expect(text.contains(key), "\(key)")
        }
    }

    @Test("overrides merge per key, arrays are replaced whole, and the result is checked")
    func overrides() throws {
        let overrides: JSONValue = .object([
            "retention": .object(["allowedGapDays": .number(14), "horizonDays": .array([.number(60)])]),
            "contrasts": .object(["pairs": .array([.object(["reference": .string("A"), "comparison": .string("B")])])]),
        ])
        let plan = try AnalysisPlan.default.applying(overrides)
        #expect(plan.retention.allowedGapDays == 14 && plan.retention.horizonDays == [60])
        #expect(plan.retention.adjustment == ["age", "sex"])  // untouched sibling kept
        #expect(plan.contrasts.pairs == [ArmPair(reference: "A", comparison: "B")])
        #expect(plan.contrasts.medicationAloneSupports == ["none", "standard"])
    }

    @Test("unknown settings, wrong types, out-of-range values and other versions are errors naming the setting")
    func errors() {
        func error(_ json: String) -> AnalysisPlanError? {
            do {
                _ = try AnalysisPlan.default.applying(JSONDecoder().decode(JSONValue.self, from: Data(json.utf8)), source: "p.json")
                return nil
            } catch let error as AnalysisPlanError { return error } catch { return nil }
        }
        let unknown = error(#"{"retention": {"gap": 3}}"#)
        #expect(unknown?.code == .unknownKey && unknown?.path == "retention.gap")
        #expect(unknown?.description.hasPrefix("p.json: the analysis plan has no setting 'retention.gap'") == true)
        let type = error(#"{"relapseRisk": {"landmarkWeek": "four"}}"#)
        #expect(type?.code == .invalidValue && type?.path == "relapseRisk.landmarkWeek")
        let range = error(#"{"adherence": {"threshold": 0}}"#)
        #expect(range?.code == .invalidValue && range?.path == "adherence.threshold")
        #expect(error(#"{"relapseRisk": {"outcome": "RsE_nonexistent"}}"#)?.path == "relapseRisk.outcome")
        #expect(error(#"{"version": 2}"#)?.code == .unsupportedVersion)
        #expect(error(#"[1, 2]"#)?.code == .unreadable)
        let twice = error(#"{"protocols": [{"arms": ["X"], "description": "a", "followUpDays": 10, "medicationPhaseDays": 5},"#
            + #" {"arms": ["X"], "description": "b", "followUpDays": 10, "medicationPhaseDays": 5}]}"#)
        #expect(twice?.code == .invalidValue && twice?.path == "protocols")
        // inside array elements too, a misspelt key is an error, not silently dropped
        let inElement = error(#"{"contrasts": {"pairs": [{"reference": "A", "comparison": "B", "referance": "C"}]}}"#)
        #expect(inElement?.code == .unknownKey && inElement?.path == "contrasts.pairs[0].referance")
        // messages a user can act on
        #expect(error(#"{"version": 2}"#)?.message == "the plan is for schema version 2; this library reads version 1")
        #expect(error(#"{"urineScreens": {"words": "published"}}"#)?.message
            == "urineScreens.words: expected one of publishedWhenAvailable, builtFromScreens")
        #expect(error(#"{"retention": {"allowedGapDays": 14.5}}"#)?.path == "retention.allowedGapDays")
        #expect(error(#"{"weekOneStartDay": -3}"#)?.path == "weekOneStartDay")
        #expect(error(#"{"craving": {"followUpWeeks": [12, 4]}}"#)?.path == "craving.followUpWeeks")
        #expect(error(#"{"baseline": {"maximumLevels": 0}}"#)?.path == "baseline.maximumLevels")
    }

    @Test("one setting, one definition: the injection coverage, week convention and small-cell minimum reach every measure")
    func settingsReachMeasures() throws {
        var plan = AnalysisPlan()
        plan.naltrexoneInjectionCoverageDays = 31
        plan.weekOneStartDay = 0
        plan.disclosure.minimumCellSize = 5
        #expect(plan.retentionOptions.naltrexoneDoseCoverageDays == 31)
        #expect(plan.observedDosingOptions.injectionDays == 31)
        let risk = try plan.relapseRiskOptions()
        #expect(risk.naltrexoneInjectionCoverageDays == 31 && risk.landmark.firstDayOfWeekOne == 0)
        #expect(risk.minimumIndicatorCount == 5)
        #expect(plan.weeklyUsePatternOptions.firstDayOfWeekOne == 0)
        // and the defaults of the measures' own option types are the plan's
        #expect(RetentionOptions() == AnalysisPlan.default.retentionOptions)
        #expect(ObservedDosingOptions() == AnalysisPlan.default.observedDosingOptions)
        #expect(WeeklyUsePatternOptions() == AnalysisPlan.default.weeklyUsePatternOptions)
    }

    /// The finding that started the plan: `RetentionOptions()` gave Methadone 90-day retention 92.7% while the
    /// report said 79.0%. A library call without options now uses the cohort's plan and gives the report's numbers.
    @Test("library calls without options use the cohort's plan: the bundled cohort's retention is the report's")
    func libraryDefaultsAreTheReports() async throws {
        let analysis = try await BundledCohort.analysis()
        let episodes = try RetentionEpisodes.make(from: analysis.cohort)
        let report = try #require(analysis.retention.value)
        #expect(episodes.days == report.episodes.days && episodes.discontinued == report.episodes.discontinued)
        let methadone = try #require(RetentionAnalysis.byArm(episodes, patients: analysis.cohort.patients, days: [90])
            .first { $0.label == "Methadone" })
        #expect(methadone.retained[0].estimate.map { (($0 * 1000).rounded()) / 10 } == 79.0)
        // the words follow the cohort's week convention (day 0), as the published CTN-0094 words do
        let words = try WeeklyUsePatterns.make(from: analysis.cohort)
        #expect(words == (try WeeklyUsePatterns.make(from: analysis.cohort, options: analysis.plan.weeklyUsePatternOptions)))
        #expect(analysis.plan.weeklyUsePatternOptions.firstDayOfWeekOne == 0)
    }

    @Test("protocol arms: observed through their follow-up and measured over their medication phase; other arms by default")
    func protocolsReachWindows() throws {
        let cohort = try CohortFolderFixture(["patients.csv": Self.patients]).load()
        var plan = AnalysisPlan()
        plan.protocols = [ArmProtocol(arms: ["NTX", "NTX+CM"], description: "trial", followUpDays: 84, medicationPhaseDays: 28)]
        let windows = plan.treatmentWindows(for: cohort).windows
        #expect(windows[3] == DayInterval(first: 0, last: 27) && windows[4] == DayInterval(first: 0, last: 27))
        #expect(windows[0] == DayInterval(first: 0, last: 179))
        #expect(plan.retentionOptions.observationEnd == .throughDayByArm(["NTX": 84, "NTX+CM": 84]))
    }

    @Test("contrasts: each supported arm against its medication's alone arm; plan pairs as given; absent arms said")
    func contrasts() throws {
        let cohort = try CohortFolderFixture(["patients.csv": Self.patients]).load()
        let arms = ArmColumns(arm: cohort.patients.arm)
        let treatments = ArmTreatment.of(arms: arms, patients: cohort.patients, plan: ContrastPlan())
        let derived = ArmContrasts(treatments: treatments, plan: ContrastPlan())
        // BUP+CBT vs BUP (none preferred to standard); NTX+CM vs NTX; MET+C has no alone arm; BUP+SMM is alone
        #expect(derived.contrasts.map { "\($0.comparison.arm) vs \($0.reference.arm)" } == ["BUP+CBT vs BUP", "NTX+CM vs NTX"])
        #expect(derived.contrasts.allSatisfy { $0.isSupportContrast })
        let given = ArmContrasts(
            treatments: treatments,
            plan: ContrastPlan(pairs: [ArmPair(reference: "BUP+SMM", comparison: "BUP+CBT"), ArmPair(reference: "X", comparison: "BUP")]))
        #expect(given.contrasts.count == 1 && given.contrasts[0].isSupportContrast)
        #expect(given.unmatchedPairs == [ArmPair(reference: "X", comparison: "BUP")])
        // "standard" is medication alone only because the plan says so
        let strict = ArmContrasts(treatments: ArmTreatment.of(
            arms: arms, patients: cohort.patients, plan: ContrastPlan(medicationAloneSupports: ["none"])),
            plan: ContrastPlan(medicationAloneSupports: ["none"]))
        #expect(strict.contrasts.map(\.comparison.arm) == ["BUP+CBT", "BUP+SMM", "NTX+CM"])
    }

    @Test("the manifest: read with the cohort, its words resolved against the folder, its plan laid over the defaults")
    func manifest() throws {
        let manifest = """
            {"name": "Clinic", "provenance": "test data",
             "usePatterns": {"file": "words.csv", "identifierColumn": "who", "wordColumn": "usePatternUDS",
                             "description": "the clinic's words"},
             "plan": {"weekOneStartDay": 0, "retention": {"allowedGapDays": 14}}}
            """
        let folder = try CohortFolderFixture([
            "patients.csv": Self.patients, "cohort.json": manifest,
            "words.csv": "who,usePatternUDS\nA,--+\nB,ooo\n",
        ])
        let cohort = try folder.load()
        #expect(cohort.manifest?.name == "Clinic")
        #expect(cohort.publishedUsePatterns?.file.identifiers == ["A", "B"])
        let plan = try AnalysisPlan.effective(for: cohort)
        #expect(plan.weekOneStartDay == 0 && plan.retention.allowedGapDays == 14)
        guard case .published(_, let description) = plan.usePatternProvider(for: cohort) else {
            Issue.record("expected the published words"); return
        }
        #expect(description == "the clinic's words")
        var built = plan
        built.urineScreens.words = .builtFromScreens
        guard case .builtFromScreens(let options) = built.usePatternProvider(for: cohort) else {
            Issue.record("expected built words"); return
        }
        #expect(options.firstDayOfWeekOne == 0)
    }

    @Test("a bad manifest names the file: unknown key, missing words file, a plan setting that does not exist")
    func badManifests() throws {
        let unknown = try CohortFolderFixture(["patients.csv": Self.patients, "cohort.json": #"{"name": "x", "provenance": "y", "color": 1}"#])
        #expect(unknown.loadError()?.message.contains("unknown manifest key 'color'") == true)
        #expect(unknown.loadError()?.file.hasSuffix("cohort.json") == true)
        let missing = try CohortFolderFixture([
            "patients.csv": Self.patients,
            "cohort.json": #"{"name": "x", "provenance": "y", "usePatterns": {"file": "nope.csv", "identifierColumn": "who", "wordColumn": "w", "description": "d"}}"#,
        ])
        #expect(missing.loadError()?.kind == .missingFile && missing.loadError()?.file.hasSuffix("nope.csv") == true)
        // an empty manifest is an error of the manifest (read without Data(contentsOf:), which leaks on empty files)
        let empty = try CohortFolderFixture(["patients.csv": Self.patients, "cohort.json": ""])
        #expect(empty.loadError()?.file.hasSuffix("cohort.json") == true && empty.loadError()?.message == "not valid JSON")
        #expect(try FileContents.read(URL(fileURLWithPath: empty.path("cohort.json"))).isEmpty)
        let badPlan = try CohortFolderFixture([
            "patients.csv": Self.patients, "cohort.json": #"{"name": "x", "provenance": "y", "plan": {"retention": {"gapDays": 3}}}"#,
        ])
        let cohort = try badPlan.load()
        let error = #expect(throws: AnalysisPlanError.self) { try AnalysisPlan.effective(for: cohort) }
        #expect(error?.code == .unknownKey && error?.source == badPlan.path(CohortManifest.fileName))
    }
}

import Foundation
import Testing
@testable import TreatmentOutcomes

/// The `balance` settings and the shared psychosocial visit kinds (docs/AnalysisPlan.md).
@Suite("Balance plan settings")
struct BalancePlanTests {
    func plan(_ json: String) throws -> AnalysisPlan {
        try AnalysisPlan.default.applying(JSONDecoder().decode(JSONValue.self, from: Data(json.utf8)))
    }

    func error(_ json: String) -> AnalysisPlanError? {
        do { _ = try plan(json); return nil } catch let error as AnalysisPlanError { return error } catch { return nil }
    }

    @Test("defaults, JSON round trip and overrides of the balance settings")
    func roundTrip() throws {
        let defaults = AnalysisPlan.default.balance
        #expect(defaults.lookBackDays == 28 && defaults.sessionBandCuts == [1, 3, 5] && defaults.covariates.isEmpty)
        #expect(defaults.maximumCovariateLevels == 12 && defaults.maximumMissingShare == 0.1)
        #expect(defaults.weightTruncation.isEmpty && defaults.truncation == nil)
        #expect(SessionBand.bands(cuts: defaults.sessionBandCuts).map(\.label) == ["0", "1–2", "3–4", "5+"])
        #expect(SessionBand.bands(cuts: [1, 2]).map(\.label) == ["0", "1", "2+"])
        let data = try AnalysisPlan.default.jsonData()
        #expect(try JSONDecoder().decode(AnalysisPlan.self, from: data) == AnalysisPlan.default)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"lookBackDays\" : 28") && text.contains("\"psychosocialVisitKinds\""))
        let edited = try plan(#"{"balance": {"lookBackDays": 14, "sessionBandCuts": [1, 4], "weightTruncation": [0.01, 0.99]}}"#)
        #expect(edited.balance.lookBackDays == 14 && edited.balance.sessionBandCuts == [1, 4])
        #expect(edited.balance.truncation == .init(lower: 0.01, upper: 0.99))
        #expect(try plan(String(decoding: edited.jsonData(), as: UTF8.self)) == edited)
    }

    @Test("out-of-range balance settings are errors naming the setting")
    func errors() {
        #expect(error(#"{"balance": {"lookBackDays": 0}}"#)?.path == "balance.lookBackDays")
        #expect(error(#"{"balance": {"lookBackDays": 2.5}}"#)?.path == "balance.lookBackDays")
        #expect(error(#"{"balance": {"sessionBandCuts": []}}"#)?.path == "balance.sessionBandCuts")
        #expect(error(#"{"balance": {"sessionBandCuts": [0, 3]}}"#)?.path == "balance.sessionBandCuts")
        #expect(error(#"{"balance": {"sessionBandCuts": [3, 3]}}"#)?.path == "balance.sessionBandCuts")
        #expect(error(#"{"balance": {"weightTruncation": [0.99, 0.01]}}"#)?.path == "balance.weightTruncation")
        #expect(error(#"{"balance": {"weightTruncation": [0.01]}}"#)?.path == "balance.weightTruncation")
        #expect(error(#"{"balance": {"maximumMissingShare": 1.5}}"#)?.path == "balance.maximumMissingShare")
        #expect(error(#"{"balance": {"lookback": 7}}"#)?.code == .unknownKey)
    }

    @Test("psychosocial visit kinds: one list for the quarterly report and engagement; the older place still works")
    func psychosocialKinds() throws {
        #expect(AnalysisPlan.default.isPsychosocial("Counseling") && !AnalysisPlan.default.isPsychosocial("medical"))
        let moved = try plan(#"{"psychosocialVisitKinds": ["therapy"]}"#)
        #expect(moved.isPsychosocial("THERAPY") && !moved.isPsychosocial("counseling"))
        let legacy = try plan(#"{"quarterly": {"psychosocialVisitKinds": ["therapy"], "quarters": 4}}"#)
        #expect(legacy.psychosocialVisitKinds == ["therapy"] && legacy.quarterly.quarters == 4)
        let both = error(#"{"psychosocialVisitKinds": ["a"], "quarterly": {"psychosocialVisitKinds": ["b"]}}"#)
        #expect(both?.path == "quarterly.psychosocialVisitKinds")
    }
}

@Suite("Balance plan: engagement covariates")
struct BalanceEngagementCovariatesPlanTests {
    @Test("balance.engagementCovariates defaults to null (the propensity covariates), prints as null, reads a list or []")
    func engagementCovariates() throws {
        #expect(BalancePlan().engagementCovariates == nil)
        #expect(AnalysisPlan.default.balance.engagementCovariates == nil)
        let printed = String(decoding: try AnalysisPlan.default.jsonData(), as: UTF8.self)
        #expect(printed.contains(#""engagementCovariates" : null"#))
        let none = try AnalysisPlan.default.applying(
            JSONDecoder().decode(JSONValue.self, from: Data(#"{"balance": {"engagementCovariates": []}}"#.utf8)))
        #expect(none.balance.engagementCovariates == [])
        let json = #"{"balance": {"engagementCovariates": ["age", "sex"]}}"#
        let plan = try AnalysisPlan.default.applying(JSONDecoder().decode(JSONValue.self, from: Data(json.utf8)))
        #expect(plan.balance.engagementCovariates == ["age", "sex"])
        #expect(plan.balance.lookBackDays == 28)
    }
}

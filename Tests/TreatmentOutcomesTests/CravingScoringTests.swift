import Foundation
import Testing
import TreatmentOutcomes
import _OutcomeTestSupport

@Suite("Craving: instrument scoring")
struct CravingScoringTests {
    @Test("shipped instruments: item counts, ranges and totals (docs/Craving.md, Instruments)")
    func shipped() {
        let expected: [(Instrument, Int, Double, Int)] = [
            (.cravingVAS, 1, 100, 1), (.briefSubstanceCravingScale, 3, 12, 2),
            (.obsessiveCompulsiveDrugUseScale, 13, 52, 11), (.pennAlcoholCravingScale, 5, 30, 4),
            (.clinicalOpiateWithdrawalScale, 11, 48, 9), (.subjectiveOpiateWithdrawalScale, 16, 64, 13),
        ]
        for (instrument, items, maximum, minimumAnswered) in expected {
            #expect(instrument.items.count == items, "\(instrument.name)")
            #expect(instrument.minimumTotal == 0 && instrument.maximumTotal == maximum, "\(instrument.name)")
            #expect(instrument.minimumAnsweredItems == minimumAnswered, "\(instrument.name)")
            #expect(instrument.higherIsWorse)
        }
        #expect(InstrumentRegistry.standard.names == ["BSCS", "COWS", "OCDS", "PACS", "SOWS", "craving-VAS"])
    }

    @Test("COWS and SOWS bands at every edge")
    func bands() {
        let cows = Instrument.clinicalOpiateWithdrawalScale
        for (total, label) in [(0.0, "none"), (4, "none"), (5, "mild"), (12, "mild"), (13, "moderate"), (24, "moderate"),
                               (25, "moderately severe"), (36, "moderately severe"), (37, "severe"), (48, "severe")] {
            #expect(cows.band(of: total)?.label == label, "COWS \(total)")
        }
        let sows = Instrument.subjectiveOpiateWithdrawalScale
        for (total, label) in [(0.0, "none"), (1, "mild"), (10, "mild"), (11, "moderate"), (20, "moderate"), (21, "severe"), (64, "severe")] {
            #expect(sows.band(of: total)?.label == label, "SOWS \(total)")
        }
    }

    /// An assessments file scored row by row: each patient, day and instrument is one assessment.
    static func scored(_ assessments: String) throws -> (scores: [InstrumentScore], summary: ScoringSummary) {
        let folder = try CohortFolderFixture([
            "patients.csv": "patient_id,site,arm,medication,psychosocial\nA,s,x,methadone,none\nB,s,x,methadone,none\n",
            "assessments.csv": "patient_id,day,instrument,item,score\n" + assessments,
        ])
        return try InstrumentScoring.score(try #require(try folder.load().assessments))
    }

    @Test("an assessments table: items in any order, totals, severity codes, unknown instruments counted")
    func table() throws {
        let (scores, summary) = try Self.scored("""
            A,0,BSCS,duration,4
            A,0,BSCS,intensity,3
            A,0,BSCS,frequency,2
            A,7,BSCS,intensity,3
            A,7,BSCS,frequency,2
            A,14,craving-VAS,,66
            B,0,OCDS,item1,1
            B,0,other-scale,q1,5
            B,0,other-scale,q2,5

            """)
        #expect(scores.map(\.total) == [9, 7.5, 66, nil])
        #expect(scores.map(\.kind) == [.complete, .prorated, .recordedTotal, .insufficientItems])
        #expect(scores.map(\.instrument) == ["BSCS", "BSCS", "craving-VAS", "OCDS"])
        #expect(summary.unregisteredRows == ["other-scale": 2])
        #expect(summary.count(.complete) == 1 && summary.count(.prorated) == 1)
    }

    @Test("an assessments table's errors name the patient, day and instrument")
    func tableErrors() throws {
        let cases: [(String, String)] = [
            ("A,0,BSCS,urge,1\n", "day 0, BSCS: BSCS has no item \"urge\""),
            ("A,0,BSCS,intensity,1\nA,0,BSCS,intensity,2\n", "day 0, BSCS: item \"intensity\" recorded twice"),
            ("A,3,BSCS,intensity,5\nA,3,BSCS,frequency,1\n", "day 3, BSCS: BSCS item \"intensity\": 5.0 is outside 0.0–4.0"),
            ("B,2,craving-VAS,,101\n", "day 2, craving-VAS: total 101.0 is outside 0.0–100.0"),
        ]
        for (rows, message) in cases {
            #expect {
                _ = try Self.scored(rows)
            } throws: { error in
                (error as? ScoringError)?.message.contains(message) == true && "\(error)".contains("patient ")
            }
        }
    }

    @Test("BSCS: complete, prorated with one missing, missing with two")
    func bscs() throws {
        let bscs = Instrument.briefSubstanceCravingScale
        let complete = try InstrumentScoring.score(bscs, responses: ["intensity": 3, "frequency": 2, "duration": 4])
        #expect(complete.total == 9 && complete.kind == .complete && complete.answeredItems == 3)
        // (3 + 2)/2 × 3 = 7.5
        let prorated = try InstrumentScoring.score(bscs, responses: ["intensity": 3, "frequency": 2])
        #expect(prorated.total == 7.5 && prorated.kind == .prorated && prorated.answeredItems == 2)
        let missing = try InstrumentScoring.score(bscs, responses: ["intensity": 3])
        #expect(missing.total == nil && missing.kind == .insufficientItems)
    }

    @Test("single-item VAS is never prorated; out-of-range and unknown items are errors")
    func vasAndErrors() throws {
        let vas = try InstrumentScoring.score(.cravingVAS, responses: ["vas": 62])
        #expect(vas.total == 62 && vas.kind == .complete)
        #expect(try InstrumentScoring.score(.cravingVAS, responses: [:]).kind == .insufficientItems)
        #expect(throws: ScoringError.self) { try InstrumentScoring.score(.cravingVAS, responses: ["vas": 101]) }
        #expect(throws: ScoringError.self) { try InstrumentScoring.score(.briefSubstanceCravingScale, responses: ["urge": 1]) }
    }

    @Test("reverse-keyed item: r' = (min + max) − r, prorated from the keyed responses")
    func reverseKeyed() throws {
        let scale = Instrument(name: "demo", items: [
            Instrument.Item("a", minimum: 1, maximum: 5), Instrument.Item("b", minimum: 1, maximum: 5, reverseKeyed: true),
            Instrument.Item("c", minimum: 1, maximum: 5), Instrument.Item("d", minimum: 1, maximum: 5),
        ], minimumAnsweredItems: 3)
        // a = 4, b = 2 → 4, c = 5, d = 1: 14.
        #expect(try InstrumentScoring.score(scale, responses: ["a": 4, "b": 2, "c": 5, "d": 1]).total == 14)
        // b = 1 → 5; (5 + 4 + 3)/3 × 4 = 16.
        let prorated = try InstrumentScoring.score(scale, responses: ["a": 4, "b": 1, "c": 3])
        #expect(prorated.total == 16 && prorated.kind == .prorated)
        #expect(scale.minimumTotal == 4 && scale.maximumTotal == 20)
        #expect(scale.percentOfMaximumPossible(16) == 75)
    }

    @Test("OCDS prorates with 11 of 13 items, not with 10")
    func ocdsProrating() throws {
        let ocds = Instrument.obsessiveCompulsiveDrugUseScale
        let eleven = Dictionary(uniqueKeysWithValues: (1...11).map { ("item\($0)", 2.0) })
        let scored = try InstrumentScoring.score(ocds, responses: eleven)
        #expect(scored.total == 26 && scored.kind == .prorated)
        let ten = eleven.filter { $0.key != "item11" }
        #expect(try InstrumentScoring.score(ocds, responses: ten).kind == .insufficientItems)
    }

    @Test("registry: JSON definitions, duplicates and invalid definitions are errors")
    func registry() throws {
        var registry = InstrumentRegistry.standard
        let json = """
            [{"name": "urge", "minimumAnsweredItems": 2,
              "items": [{"name": "a", "minimum": 0, "maximum": 4}, {"name": "b", "minimum": 0, "maximum": 4, "reverseKeyed": true},
                        {"name": "c", "minimum": 0, "maximum": 4}],
              "severityBands": [{"label": "low", "lower": 0, "upper": 5}, {"label": "high", "lower": 6, "upper": 12}]}]
            """
        try registry.register(json: Data(json.utf8), file: "urge.json")
        let urge = try #require(registry.instrument(named: "urge"))
        #expect(urge.items[1].reverseKeyed && urge.maximumTotal == 12 && urge.band(of: 7)?.label == "high")
        #expect(try InstrumentScoring.score(urge, responses: ["a": 1, "b": 0]).total == 7.5)  // (1 + 4)/2 × 3
        #expect(throws: InstrumentDefinitionError.self) { try registry.register(json: Data(json.utf8), file: "urge.json") }
        let bad = #"[{"name": "x", "minimumAnsweredItems": 3, "items": [{"name": "a", "minimum": 0, "maximum": 4}]}]"#
        var fresh = InstrumentRegistry()
        #expect(throws: InstrumentDefinitionError.self) { try fresh.register(json: Data(bad.utf8), file: "x.json") }
        let inverted = #"[{"name": "x", "items": [{"name": "a", "minimum": 4, "maximum": 0}]}]"#
        #expect(throws: InstrumentDefinitionError.self) { try fresh.register(json: Data(inverted.utf8), file: "x.json") }
    }

    @Test("cohort rows: items, recorded totals, CTN severity codes, unregistered instruments counted")
    func cohortRows() throws {
        let instruments = ["BSCS", "BSCS", "BSCS", "craving-VAS", "COWS", "BSCS", "other"]
        let items: [String?] = ["intensity", "frequency", "duration", nil, "severity", "intensity", "x"]
        let table = AssessmentTable(
            patient: [1, 1, 1, 1, 2, 2, 3], day: [0, 0, 0, 7, 0, 14, 0],
            instrument: CategoricalColumn(labels: instruments), item: CategoricalColumn(labels: items),
            score: [2, 3, 4, 55, 2, 1, 9], byPatient: PatientRanges(sortedPatients: [1, 1, 1, 1, 2, 2, 3], patientCount: 4))
        let (scores, summary) = try InstrumentScoring.score(table)
        #expect(scores.count == 4)
        #expect(scores[0].total == 9 && scores[0].kind == .complete)
        #expect(scores[1].total == 55 && scores[1].kind == .recordedTotal)
        #expect(scores[2].severityLevel == 2 && scores[2].total == nil && scores[2].kind == .severityCode)
        #expect(scores[3].kind == .insufficientItems && scores[3].total == nil)
        #expect(summary.count(.complete) == 1 && summary.count(.insufficientItems) == 1)
        #expect(summary.unregisteredRows == ["other": 1])
    }
}

@Suite("Craving: Jacobson–Truax reliable change")
struct CravingReliableChangeTests {
    @Test("hand-computed RCI, cut-offs and categories")
    func handComputed() {
        // s₁ = 3, r = 0.8: SE = 3√0.2, S_diff = √(2·9·0.2) = √3.6.
        let rule = ReliableChange(baselineStandardDeviation: 3, reliability: 0.8, cutOffScore: 5)
        #expect(isClose(rule.standardErrorOfDifference, 3.6.squareRoot(), relative: 1e-15))
        #expect(isClose(rule.index(pre: 10, post: 4), -6 / 3.6.squareRoot(), relative: 1e-15))
        #expect(rule.category(pre: 10, post: 4) == .recovered)       // RCI −3.16, below the cut-off 5
        #expect(rule.category(pre: 12, post: 6) == .improved)        // reliable, still above 5
        #expect(rule.category(pre: 10, post: 7) == .unchanged)       // RCI −1.58
        #expect(rule.category(pre: 4, post: 9) == .deteriorated)     // RCI +2.64
        // Lower is worse (e.g. a quality-of-life score): a rise is improvement.
        let upward = ReliableChange(baselineStandardDeviation: 3, reliability: 0.8, higherIsWorse: false)
        #expect(upward.category(pre: 4, post: 10) == .improved && upward.category(pre: 10, post: 4) == .deteriorated)
        // a = 20 − 2·4 = 12; b = 6 + 2·2 = 10; c = (2·20 + 4·6)/(2 + 4) = 64/6.
        #expect(ReliableChange.cutOff(.a, dysfunctionalMean: 20, dysfunctionalStandardDeviation: 4) == 12)
        #expect(ReliableChange.cutOff(.b, dysfunctionalMean: 20, dysfunctionalStandardDeviation: 4,
                                      functionalMean: 6, functionalStandardDeviation: 2) == 10)
        #expect(isClose(ReliableChange.cutOff(.c, dysfunctionalMean: 20, dysfunctionalStandardDeviation: 4,
                                              functionalMean: 6, functionalStandardDeviation: 2)!, 64 / 6.0, relative: 1e-15))
        #expect(ReliableChange.cutOff(.c, dysfunctionalMean: 20, dysfunctionalStandardDeviation: 4) == nil)
    }
}

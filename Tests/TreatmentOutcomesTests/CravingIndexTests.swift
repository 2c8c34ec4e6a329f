import Testing
import TreatmentOutcomes
import _OutcomeTestSupport

@Suite("Craving: combined index and change from baseline")
struct CravingIndexTests {
    /// Recorded totals of craving-VAS (0–100) and BSCS (0–12) for three patients, and one BSCS assessment with a
    /// single item (too few to prorate):
    /// ```
    /// patient 1: day 0 VAS 60, BSCS 6;  day 7 VAS 30;  day 28 VAS 20, BSCS 3;  day 31 VAS 5
    /// patient 2: day −3 VAS 80, BSCS 9;  day 0 VAS 40;  day 26 BSCS 0;  day 30 VAS 10
    /// patient 3: day 2 VAS 50, BSCS intensity 2 only
    /// ```
    static func scores() throws -> [InstrumentScore] {
        try scores([
            (1, 0, "craving-VAS", nil, 60), (1, 0, "BSCS", nil, 6), (1, 7, "craving-VAS", nil, 30),
            (1, 28, "craving-VAS", nil, 20), (1, 28, "BSCS", nil, 3), (1, 31, "craving-VAS", nil, 5),
            (2, -3, "craving-VAS", nil, 80), (2, -3, "BSCS", nil, 9), (2, 0, "craving-VAS", nil, 40),
            (2, 26, "BSCS", nil, 0), (2, 30, "craving-VAS", nil, 10),
            (3, 2, "craving-VAS", nil, 50), (3, 2, "BSCS", "intensity", 2),
        ])
    }

    /// Scores of rows (patient, day, instrument, item, score), sorted by patient and day.
    static func scores(_ rows: [(Int32, Int32, String, String?, Double)]) throws -> [InstrumentScore] {
        let table = AssessmentTable(
            patient: rows.map(\.0), day: rows.map(\.1), instrument: CategoricalColumn(labels: rows.map(\.2)),
            item: CategoricalColumn(labels: rows.map(\.3)), score: rows.map(\.4),
            byPatient: PatientRanges(sortedPatients: rows.map(\.0), patientCount: 4))
        return try InstrumentScoring.score(table).scores
    }

    @Test("POMP: each total as percent of its maximum, averaged per patient-day")
    func percentOfMaximumPossible() throws {
        let index = try CravingIndex(scores: Self.scores(), instruments: ["craving-VAS", "BSCS"],
                                     scale: .percentOfMaximumPossible)
        // VAS x → x; BSCS x → 100x/12: day 0 of patient 1 is (60 + 50)/2, day 28 (20 + 25)/2, and so on.
        let expected: [(Int32, Int32, Double, Int)] = [
            (1, 0, 55, 2), (1, 7, 30, 1), (1, 28, 22.5, 2), (1, 31, 5, 1),
            (2, -3, 77.5, 2), (2, 0, 40, 1), (2, 26, 0, 1), (2, 30, 10, 1), (3, 2, 50, 1),
        ]
        #expect(index.entries.count == expected.count)
        for (entry, (patient, day, value, count)) in zip(index.entries, expected) {
            #expect(entry.patient == patient && entry.day == day && entry.instrumentCount == count)
            #expect(isClose(entry.value, value, relative: 1e-14), "patient \(patient) day \(day)")
        }
        #expect(index.references.isEmpty)
        #expect(index.unscoredAssessments == 1)
    }

    @Test("baseline z: the latest baseline-window total per patient gives each instrument's mean and SD")
    func baselineZScores() throws {
        let index = try CravingIndex(scores: Self.scores(), instruments: ["craving-VAS", "BSCS"], scale: .baselineZScore)
        // VAS baselines: patient 1 day 0 = 60, patient 2 day 0 = 40 (later than day −3): mean 50, SD √200.
        // BSCS baselines: 6 and 9: mean 7.5, SD √4.5. Patient 3 has none (day 2 is after the window).
        #expect(index.references.map(\.instrument) == ["craving-VAS", "BSCS"])
        #expect(index.references.map(\.patients) == [2, 2])
        #expect(isClose(index.references[0].mean, 50) && isClose(index.references[0].standardDeviation, 200.0.squareRoot()))
        #expect(isClose(index.references[1].mean, 7.5) && isClose(index.references[1].standardDeviation, 4.5.squareRoot()))
        let value = Dictionary(uniqueKeysWithValues: index.entries.map { ("\($0.patient)/\($0.day)", $0.value) })
        let half = 0.5.squareRoot()
        #expect(isClose(value["1/0"]!, 0, absolute: 1e-15))          // (10/√200 − 1.5/√4.5)/2 = (√½ − √½)/2
        #expect(isClose(value["1/28"]!, -3 * half * 1))               // (−30/√200 − 4.5/√4.5)/2 = −3√½
        #expect(isClose(value["2/-3"]!, 2 * half * 1))                // (30/√200 + 1.5/√4.5)/2 = 2√½
        #expect(isClose(value["2/26"]!, -7.5 / 4.5.squareRoot()))
        #expect(isClose(value["3/2"]!, 0, absolute: 1e-15))
    }

    @Test("bad choices are errors: unknown instrument, repeats, too few or constant baselines for z")
    func errors() throws {
        let scores = try Self.scores()
        #expect(throws: CravingIndexError.self) { try CravingIndex(scores: scores, instruments: ["PACS?"], scale: .percentOfMaximumPossible) }
        #expect(throws: CravingIndexError.self) { try CravingIndex(scores: scores, instruments: [], scale: .percentOfMaximumPossible) }
        #expect(throws: CravingIndexError.self) {
            try CravingIndex(scores: scores, instruments: ["BSCS", "BSCS"], scale: .percentOfMaximumPossible)
        }
        // Baseline window −3…−1: only patient 2's day −3 → one baseline total per instrument.
        #expect(throws: CravingIndexError.self) {
            try CravingIndex(scores: scores, instruments: ["BSCS"], scale: .baselineZScore, baselineDays: -3...(-1))
        }
        // The same baseline for both patients: SD 0; POMP needs no baseline and works.
        let constant = try Self.scores([(1, 0, "craving-VAS", nil, 50), (1, 7, "craving-VAS", nil, 20),
                                        (2, 0, "craving-VAS", nil, 50)])
        #expect(throws: CravingIndexError.self) {
            try CravingIndex(scores: constant, instruments: ["craving-VAS"], scale: .baselineZScore)
        }
        #expect(try CravingIndex(scores: constant, instruments: ["craving-VAS"], scale: .percentOfMaximumPossible)
            .entries.map(\.value) == [50, 20, 50])
    }

    @Test("change from baseline at weeks 1 and 4 ± 3 days: closest day, earlier on a tie, none without baseline")
    func changeFromBaseline() throws {
        let index = try CravingIndex(scores: Self.scores(), instruments: ["craving-VAS", "BSCS"],
                                     scale: .percentOfMaximumPossible)
        let entries = index.entries.reversed()   // any order is accepted
        let changes = ChangeFromBaseline.changes(
            patient: entries.map(\.patient), day: entries.map(\.day), value: entries.map(\.value),
            baselineDays: -14...0, weeks: [1, 4], windowDays: 3)
        // Patient 1: baseline day 0 = 55; week 1 → day 7 (30); week 4 → day 28 (22.5), not day 31 (3 days off).
        // Patient 2: baseline day 0 = 40 (the latest in the window); week 1 → nothing in days 4–10; week 4 → days
        // 26 and 30 are both 2 days off: the earlier, 0. Patient 3: no baseline.
        let expected: [(Int32, Int, Int32, Int32, Double)] = [(1, 1, 0, 7, -25), (1, 4, 0, 28, -32.5), (2, 4, 0, 26, -40)]
        #expect(changes.count == expected.count)
        for (change, (patient, week, baselineDay, day, value)) in zip(changes, expected) {
            #expect(change.patient == patient && change.week == week && change.baselineDay == baselineDay && change.day == day)
            #expect(isClose(change.change, value, relative: 1e-14))
        }
        // A window of 1 day keeps patient 1's day 28 and loses patient 2 (2 days off); a window of 0 only exact days.
        let narrow = ChangeFromBaseline.changes(
            patient: entries.map(\.patient), day: entries.map(\.day), value: entries.map(\.value),
            baselineDays: -14...0, weeks: [4], windowDays: 1)
        #expect(narrow.map(\.patient) == [1])
        let none = ChangeFromBaseline.changes(
            patient: entries.map(\.patient), day: entries.map(\.day), value: entries.map(\.value),
            baselineDays: -14...0, weeks: [4], windowDays: 0)
        #expect(none.map(\.day) == [28])
    }
}

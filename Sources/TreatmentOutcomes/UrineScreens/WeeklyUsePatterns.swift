/// Which screen results make a week positive.
public enum ScreenedSubstances: Sendable, Hashable {
    /// Non-study opioids for the patient's medication (public.ctn0094extra; docs/UrineScreenOutcomes.md, "Weekly
    /// words"): buprenorphine arm `opioid` + `methadone`; methadone arm `opioid` + `buprenorphine`; naltrexone, none
    /// or other medication `opioid` + `methadone` + `buprenorphine`.
    case nonStudyOpioids
    /// Any of these substances (names as in `screens.csv`, compared exactly).
    case named(Set<String>)

    /// The substances that count as positive for a patient on `medication`.
    public func substances(for medication: Medication) -> Set<String> {
        switch self {
        case .named(let names): names
        case .nonStudyOpioids:
            switch medication {
            case .buprenorphine: ["opioid", "methadone"]
            case .methadone: ["opioid", "buprenorphine"]
            case .naltrexone, .none, .other: ["opioid", "methadone", "buprenorphine"]
            }
        }
    }
}

/// Options of ``WeeklyUsePatterns/make(from:options:)``.
public struct WeeklyUsePatternOptions: Sendable, Hashable {
    public var substances: ScreenedSubstances
    /// The day (since the index day) on which week 1 starts: 1 by default (week 1 = days 1–7, the index day is
    /// the last day of week 0, as the public.ctn0094extra script states: docs/UrineScreenOutcomes.md, "Weekly
    /// words"). The CTN-0094 words in `use_patterns_uds.csv` line up with 0 (week 1 = days 0–6): see
    /// docs/UrineScreenOutcomes.md.
    public var firstDayOfWeekOne: Int
    /// The word has at least this many weeks; weeks after a patient's last record are `o` (scheduled, no
    /// specimen). The CTN-0094 words have at least 15.
    public var minimumWeeks: Int
    /// Whether an attended visit without a positive screen makes its day negative (as the CTN-0094 words do);
    /// when false only a screened specimen does.
    public var attendedVisitsAreNegative: Bool

    public init(
        substances: ScreenedSubstances = .nonStudyOpioids, firstDayOfWeekOne: Int = 1, minimumWeeks: Int = 0,
        attendedVisitsAreNegative: Bool = true
    ) {
        precondition(minimumWeeks >= 0, "minimumWeeks must not be negative")
        self.substances = substances
        self.firstDayOfWeekOne = firstDayOfWeekOne
        self.minimumWeeks = minimumWeeks
        self.attendedVisitsAreNegative = attendedVisitsAreNegative
    }
}

/// Weekly use-pattern words built from a cohort's urine screens and visit schedule.
///
/// For each patient and study week `w = ⌊(day − firstDayOfWeekOne) / 7⌋ + 1` (weeks before 1 are ignored):
/// ```
/// positive days = days with a positive screen for a counted substance
/// observed days = days with any screen row, and (option) days with an attended visit
/// nPos = #positive days,  nNeg = #observed days that are not positive
/// symbol = "+" if nPos > 0, nNeg = 0;  "-" if nPos = 0, nNeg > 0;  "*" if both;  "o" if neither
/// ```
/// The word runs from week 1 to the later of the patient's last week with any screen or visit (any status) and
/// `minimumWeeks`; every week of it is scheduled, so `_` never occurs. A patient without records gets
/// `minimumWeeks` `o`s. An `invalid` screen result is a specimen day, positive for nothing.
public enum WeeklyUsePatterns {
    /// One word per patient, in ``PatientTable`` order; without `options`, under the cohort's analysis plan (its
    /// week convention and substances), as the report builds them.
    /// - Throws: ``MissingTableError`` when the cohort has no `screens.csv`; ``AnalysisPlanError`` when the cohort's
    ///   manifest holds an invalid plan.
    /// - Complexity: O(rows + patients · weeks).
    public static func make(from cohort: Cohort, options: WeeklyUsePatternOptions? = nil) throws -> [UsePattern] {
        let options = try options ?? AnalysisPlan.effective(for: cohort).weeklyUsePatternOptions
        let screens = try cohort.require(\.screens, file: .screens, for: "weekly use-pattern words")
        let patients = cohort.patients
        // counted substance codes per medication
        var counted: [Medication: [Bool]] = [:]
        for medication in Medication.allCases {
            let names = options.substances.substances(for: medication)
            counted[medication] = screens.substance.levels.map { names.contains($0) }
        }
        var patterns: [UsePattern] = []
        patterns.reserveCapacity(patients.count)
        var positiveDays: [Int32] = []
        var observedDays: [Int32] = []
        for patient in 0..<patients.count {
            positiveDays.removeAll(keepingCapacity: true)
            observedDays.removeAll(keepingCapacity: true)
            var lastDay = Int32.min
            let isCounted = counted[patients.medication[patient]]!
            for row in screens.byPatient.rows(of: patient) {
                let day = screens.day[row]
                lastDay = max(lastDay, day)
                observedDays.append(day)
                let code = screens.substance.codes[row]
                if screens.result[row] == .positive && code >= 0 && isCounted[Int(code)] { positiveDays.append(day) }
            }
            if let visits = cohort.visits {
                for row in visits.byPatient.rows(of: patient) {
                    lastDay = max(lastDay, visits.day[row])
                    if options.attendedVisitsAreNegative && visits.status[row] == .attended {
                        observedDays.append(visits.day[row])
                    }
                }
            }
            patterns.append(word(
                positiveDays: positiveDays, observedDays: observedDays, lastDay: lastDay, options: options))
        }
        return patterns
    }

    static func week(of day: Int32, options: WeeklyUsePatternOptions) -> Int {
        let offset = Int(day) - options.firstDayOfWeekOne
        return (offset >= 0 ? offset / 7 : (offset - 6) / 7) + 1
    }

    private static func word(
        positiveDays: [Int32], observedDays: [Int32], lastDay: Int32, options: WeeklyUsePatternOptions
    ) -> UsePattern {
        let lastWeek = lastDay == Int32.min ? 0 : week(of: lastDay, options: options)
        let length = max(options.minimumWeeks, lastWeek)
        guard length > 0 else { return UsePattern([]) }
        let positive = Set(positiveDays)
        var positiveCount = [Int](repeating: 0, count: length + 1)
        var negativeCount = [Int](repeating: 0, count: length + 1)
        for day in Set(observedDays).union(positive) {
            let w = week(of: day, options: options)
            guard w >= 1 && w <= length else { continue }
            if positive.contains(day) { positiveCount[w] += 1 } else { negativeCount[w] += 1 }
        }
        return UsePattern((1...length).map { w in
            switch (positiveCount[w] > 0, negativeCount[w] > 0) {
            case (true, false): .positive
            case (false, true): .negative
            case (true, true): .mixed
            case (false, false): .missing
            }
        })
    }
}

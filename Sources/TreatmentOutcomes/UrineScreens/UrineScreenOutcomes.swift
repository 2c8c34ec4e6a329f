import OutcomeStats

/// The CTN-0094 urine-screen outcomes of one patient, from the endpoint library (``UrineScreenEndpoint``).
public struct PatientUrineScreenOutcome: Sendable, Hashable {
    /// The patient's row in ``PatientTable``.
    public let patient: Int
    /// RsT/RsE_ctnNinetyFour_2023: the first week of 4 consecutive positive weeks (missing and mixed count as
    /// positive), or censoring at week `n − 3`; both `nil` for a word shorter than 4 weeks.
    public let relapse: WindowDetection
    /// DrT/DrE_ctnNinetyFour_2023: the first week of 4 consecutive missing weeks; `nil` as for ``relapse``.
    public let dropout: WindowDetection
    /// Ab_ctnNinetyFour_2023: no positive week and at most one missing week in weeks 12–15.
    public let abstinent: Bool
    /// Rd_ling_2010: the proportion of weeks 1–15 negative, mixed weeks counting half, missing weeks in the
    /// denominator (0 for an empty word).
    public let proportionNegative: Double
}

/// Relapse, dropout, abstinence and negative screens of one arm (or any group of patients).
public struct UrineScreenGroupSummary: Sendable {
    public let label: String
    /// Patients in the group, with or without a word.
    public let patientCount: Int
    /// The outcomes of the group's patients that have a word.
    public let outcomes: [PatientUrineScreenOutcome]
    /// Kaplan–Meier curve of weeks to relapse over the patients whose word has at least 4 weeks.
    public let relapse: KaplanMeierEstimate
    /// Kaplan–Meier curve of weeks to dropout, over the same patients.
    public let dropout: KaplanMeierEstimate

    /// Patients with a word.
    public var patientsWithWord: Int { outcomes.count }
    /// Patients with a word shorter than 4 weeks (no relapse or dropout time).
    public var patientsWithShortWord: Int { outcomes.count - relapse.subjectCount }
    /// Patients abstinent by Ab_ctnNinetyFour_2023.
    public var abstinentCount: Int { outcomes.reduce(0) { $0 + ($1.abstinent ? 1 : 0) } }
    /// Patients with a dropout event.
    public var dropoutCount: Int { dropout.eventCount }
    /// Patients with a relapse event.
    public var relapseCount: Int { relapse.eventCount }

    /// Rd_ling_2010 (share of weeks 1–15 negative) over the patients with a word: mean, SD and the normal
    /// interval of the mean; `nil` without patients.
    public var negativeWeeks: SampleSummary? {
        outcomes.isEmpty ? nil : SampleSummary(outcomes.map(\.proportionNegative))
    }

    /// Dropped out (4 consecutive missing weeks) among the patients with a dropout time, with its 95% Wilson
    /// interval; `nil` without such patients.
    public var dropoutShare: WilsonScoreInterval? {
        dropout.subjectCount == 0 ? nil : WilsonScoreInterval(successes: dropout.eventCount, trials: dropout.subjectCount)
    }

    /// Abstinent (Ab_ctnNinetyFour_2023) among the patients with a word, with its 95% Wilson interval.
    public var abstinenceShare: WilsonScoreInterval? {
        outcomes.isEmpty ? nil : WilsonScoreInterval(successes: abstinentCount, trials: outcomes.count)
    }

    /// The proportion not relapsed by the end of `week`, S(week), with its 95% log interval; `nil` past the
    /// curve's last time.
    public func relapseFree(atWeek week: Int) -> (survival: Double, standardError: Double?, lower: Double?, upper: Double?)? {
        guard let last = relapse.times.last, Double(week) <= last else { return nil }
        return relapse.estimate(at: Double(week))
    }
}

/// The report's urine-screen outcomes (CTN-0094 definitions: docs/UrineScreenOutcomes.md, "Endpoint catalogue")
/// computed over a cohort's words.
public enum UrineScreenOutcomes {
    static let relapseEndpoint = UrineScreenEndpoint.named("RsT_ctnNinetyFour_2023")[0]
    static let dropoutEndpoint = UrineScreenEndpoint.named("DrT_ctnNinetyFour_2023")[0]
    static let abstinenceEndpoint = UrineScreenEndpoint.named("Ab_ctnNinetyFour_2023")[0]
    static let negativeEndpoint = UrineScreenEndpoint.named("Rd_ling_2010")[0]

    /// The outcomes of one word.
    public static func outcome(
        of pattern: UsePattern, patient: Int, convention: UsePatternConvention = .ctnote
    ) -> PatientUrineScreenOutcome {
        func detection(_ values: [Double?]) -> WindowDetection {
            WindowDetection(time: values[0].map { Int($0) }, event: values[1].map { $0 == 1 })
        }
        return PatientUrineScreenOutcome(
            patient: patient,
            relapse: detection(relapseEndpoint.evaluate(pattern, convention: convention)),
            dropout: detection(dropoutEndpoint.evaluate(pattern, convention: convention)),
            abstinent: abstinenceEndpoint.evaluate(pattern, convention: convention)[0] == 1,
            proportionNegative: negativeEndpoint.evaluate(pattern, convention: convention)[0] ?? 0)
    }

    /// The outcomes of every patient with a word, in patient order.
    public static func perPatient(
        _ words: CohortUsePatterns, convention: UsePatternConvention = .ctnote
    ) -> [PatientUrineScreenOutcome] {
        words.patterns.enumerated().compactMap { patient, pattern in
            pattern.map { outcome(of: $0, patient: patient, convention: convention) }
        }
    }

    /// One summary per arm, arms in label order; patients without an arm are left out, and so is an arm none of
    /// whose patients has a word.
    public static func byArm(_ outcomes: [PatientUrineScreenOutcome], patients: PatientTable) -> [UrineScreenGroupSummary] {
        let arms = patients.arm
        var members = [[PatientUrineScreenOutcome]](repeating: [], count: arms.levels.count)
        var sizes = [Int](repeating: 0, count: arms.levels.count)
        for code in arms.codes where code >= 0 { sizes[Int(code)] += 1 }
        for outcome in outcomes {
            let code = arms.codes[outcome.patient]
            if code >= 0 { members[Int(code)].append(outcome) }
        }
        return arms.levels.indices.sorted { arms.levels[$0] < arms.levels[$1] }.compactMap { code in
            members[code].isEmpty ? nil
                : summary(label: arms.levels[code], patientCount: sizes[code], outcomes: members[code])
        }
    }

    /// The summary of `outcomes`: Kaplan–Meier curves over the patients whose times are defined.
    public static func summary(
        label: String, patientCount: Int, outcomes: [PatientUrineScreenOutcome]
    ) -> UrineScreenGroupSummary {
        func curve(_ detection: (PatientUrineScreenOutcome) -> WindowDetection) -> KaplanMeierEstimate {
            var times: [Double] = [], events: [Bool] = []
            for outcome in outcomes {
                let value = detection(outcome)
                guard let time = value.time, let event = value.event else { continue }
                times.append(Double(time))
                events.append(event)
            }
            return KaplanMeierEstimate(times: times, events: events)
        }
        return UrineScreenGroupSummary(
            label: label, patientCount: patientCount, outcomes: outcomes, relapse: curve(\.relapse),
            dropout: curve(\.dropout))
    }

    /// The log-rank test of weeks to relapse between two groups; `nil` when either has no relapse time.
    public static func compareRelapse(_ reference: UrineScreenGroupSummary, _ comparison: UrineScreenGroupSummary)
        -> LogRankTest?
    {
        var times: [Double] = [], events: [Bool] = [], groups: [Int] = []
        for (group, summary) in [reference, comparison].enumerated() {
            for outcome in summary.outcomes {
                guard let time = outcome.relapse.time, let event = outcome.relapse.event else { continue }
                times.append(Double(time))
                events.append(event)
                groups.append(group)
            }
        }
        guard Set(groups).count == 2 else { return nil }
        return LogRankTest(times: times, events: events, groups: groups, groupCount: 2)
    }
}

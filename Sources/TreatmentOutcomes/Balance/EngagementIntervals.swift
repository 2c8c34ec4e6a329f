/// Each started retention episode split into (start, stop] intervals on the episode's clock, with two exposures
/// known before each interval starts: attended psychosocial sessions and covered medication days in the look-back
/// window (docs/Balance.md, "Engagement as a time-varying exposure"). The layout of R's
/// `survival::tmerge(…, sessions = cumtdc(…), covered = cumtdc(…))`, with rows whose exposures do not change merged.
///
/// ```
/// episode e: patient p, record day s₀ = its day 0, length T, dropout δ (RetentionEpisodes)
/// window of an interval starting on episode day t:  record days s₀ + t − L … s₀ + t − 1      (L = look-back days)
/// sessions(t) = #{attended visits of a psychosocial kind on a window day}
/// covered(t)  = #{window days covered by a dose or fill}                  (a day counts once)
/// rows: (t_k, t_{k+1}] for the days t_0 = 0 < t_1 < … < t_m = T where (sessions, covered) changes;
///       event = δ on the last row only
/// ```
/// No immortal time: a session on record day d first counts in the interval starting on day d + 1 (episode day
/// d − s₀ + 1) and last in the one starting on day d + L, whatever happens after. Window days before the episode
/// start count like any other (a session a week before induction is known at induction; days before the first
/// covered day are uncovered). Hernán & Robins, *Causal Inference: What If* (2020), ch. 19–21 (time-varying
/// exposures, immortal time); Therneau & Grambsch, *Modeling Survival Data* (2000), §3.7 (counting-process data);
/// Therneau, Crowson & Atkinson, "Using time dependent covariates and time dependent coefficients in the Cox
/// model" (survival package vignette, `tmerge`).
///
/// Edge cases: a patient with no session has sessions 0 on every row; an episode of one day is one row (0, 1]
/// with both exposures from the days before it; several sessions on one day each count.
/// - Complexity: O(T + L + records) per episode.
public struct EngagementIntervals: Sendable {
    /// L, the look-back window in days.
    public let lookBackDays: Int
    // The columns are 32-bit: a row is 21 bytes instead of 41, which is most of what the balance part keeps at a
    // million patients (about 44 rows a patient; docs/Performance.md).

    /// Patient index (position in the cohort's patients) of each row; rows of a patient are consecutive and in time
    /// order.
    public let patient: [Int32]
    /// Episode days: the row covers (start, stop].
    public let start: [Int32]
    public let stop: [Int32]
    /// Whether the episode ended in dropout at ``stop`` (last row of an episode only).
    public let event: [Bool]
    /// Attended psychosocial sessions in the window before ``start``.
    public let sessions: [Int32]
    /// Covered days in the window before ``start``.
    public let coveredDays: [Int32]
    /// Episodes split (started episodes: retention days ≥ 1).
    public let episodeCount: Int
    /// Attended psychosocial sessions of the cohort's patients on any day (0: engagement cannot be measured).
    public let attendedSessionCount: Int

    public var count: Int { patient.count }

    /// The share of the window covered, covered days / L, per row.
    public var coveredProportion: [Double] { coveredDays.map { Double($0) / Double(lookBackDays) } }

    /// The intervals of `cohort`'s retention episodes under `plan`: its episodes (``AnalysisPlan/retentionOptions``),
    /// its psychosocial visit kinds (``AnalysisPlan/psychosocialVisitKinds``), coverage from doses and fills
    /// (``CoverageIntervals``) and ``BalancePlan/lookBackDays``.
    /// - Throws: ``RetentionDataMissing`` when the cohort has no episodes, doses or fills.
    public init(cohort: Cohort, plan: AnalysisPlan) throws {
        let episodes = try RetentionEpisodes.make(from: cohort, options: plan.retentionOptions)
        self.init(timelines: try EpisodeTimeline.of(episodes, cohort: cohort), cohort: cohort, plan: plan)
    }

    /// The intervals of `timelines` with `cohort`'s sessions and coverage under `plan`.
    init(timelines: [EpisodeTimeline], cohort: Cohort, plan: AnalysisPlan) {
        self.init(
            timelines: timelines, sessionDays: Self.sessionDays(of: cohort, plan: plan),
            coverage: CoverageIntervals.fromAllRecords(of: cohort, options: plan.retentionOptions),
            lookBackDays: plan.balance.lookBackDays)
    }

    /// The record days of each patient's attended visits of a psychosocial kind (one entry per visit).
    static func sessionDays(of cohort: Cohort, plan: AnalysisPlan) -> [[Int]] {
        var days = [[Int]](repeating: [], count: cohort.patients.count)
        guard let visits = cohort.visits else { return days }
        let psychosocial = visits.kind.levels.map(plan.isPsychosocial)
        for row in 0..<visits.count where visits.status[row] == .attended {
            let code = visits.kind.codes[row]
            if code >= 0 && psychosocial[Int(code)] { days[Int(visits.patient[row])].append(Int(visits.day[row])) }
        }
        return days
    }

    /// Splits `timelines` given each patient's session days and covered intervals (record days).
    init(timelines: [EpisodeTimeline], sessionDays: [[Int]], coverage: [[ClosedRange<Int>]], lookBackDays: Int) {
        precondition(lookBackDays >= 1, "the look-back window is at least one day")
        let window = lookBackDays
        var patient: [Int32] = [], start: [Int32] = [], stop: [Int32] = [], event: [Bool] = []
        var sessions: [Int32] = [], covered: [Int32] = []
        for episode in timelines {
            // Per-day counts over record days s₀ − L … s₀ + T − 2 (index = episode day + L), then prefix sums.
            let first = episode.startDay - window, last = episode.startDay + episode.days - 2
            let length = max(0, last - first + 1)
            var sessionsOnDay = [Int](repeating: 0, count: length), coveredOnDay = [Int](repeating: 0, count: length)
            for day in sessionDays[episode.patient] where day >= first && day <= last { sessionsOnDay[day - first] += 1 }
            for interval in coverage[episode.patient] where interval.upperBound >= first && interval.lowerBound <= last {
                for day in max(interval.lowerBound, first)...min(interval.upperBound, last) { coveredOnDay[day - first] = 1 }
            }
            let sessionSums = Self.prefixSums(sessionsOnDay), coveredSums = Self.prefixSums(coveredOnDay)
            // Window of episode day t: indices t … t + L − 1 (clipped to the counted days).
            func inWindow(_ sums: [Int], _ t: Int) -> Int { sums[min(t + window, length)] - sums[min(t, length)] }
            for t in 0..<episode.days {
                let s = Int32(inWindow(sessionSums, t)), c = Int32(inWindow(coveredSums, t))
                if t > 0 && s == sessions.last! && c == covered.last! { continue }
                if t > 0 { stop.append(Int32(t)) }
                patient.append(Int32(episode.patient))
                start.append(Int32(t))
                event.append(false)
                sessions.append(s)
                covered.append(c)
            }
            stop.append(Int32(episode.days))
            event[event.count - 1] = episode.discontinued
        }
        // The columns grew by appending, to up to twice their length: each is kept at its length instead (about
        // 10 bytes a row, half a gigabyte at a million patients).
        self.lookBackDays = lookBackDays
        self.patient = Self.trimmed(patient)
        self.start = Self.trimmed(start)
        self.stop = Self.trimmed(stop)
        self.event = Self.trimmed(event)
        self.sessions = Self.trimmed(sessions)
        self.coveredDays = Self.trimmed(covered)
        self.episodeCount = timelines.count
        self.attendedSessionCount = sessionDays.reduce(0) { $0 + $1.count }
    }

    /// `values` in storage of exactly its length (appending leaves up to as much again unused).
    private static func trimmed<Value>(_ values: [Value]) -> [Value] {
        guard values.capacity > values.count else { return values }
        return [Value](unsafeUninitializedCapacity: values.count) { buffer, initialized in
            initialized = buffer.initialize(fromContentsOf: values)
        }
    }

    /// sums[k] = values[0] + … + values[k − 1].
    private static func prefixSums(_ values: [Int]) -> [Int] {
        var sums = [Int](repeating: 0, count: values.count + 1)
        for (index, value) in values.enumerated() { sums[index + 1] = sums[index] + value }
        return sums
    }
}

/// What a set of ``EngagementIntervals`` held, without the rows: an analysis keeps its estimates, not the rows they
/// were fitted on (at a million patients a set is about 750 MB; docs/Performance.md). The rows themselves come from
/// ``EngagementIntervals/init(cohort:plan:)`` or ``RelapseEngagement/intervals(cohort:plan:)``.
public struct EngagementIntervalSummary: Sendable, Hashable {
    /// L, the look-back window in days.
    public let lookBackDays: Int
    /// Interval rows.
    public let count: Int
    /// Episodes split.
    public let episodeCount: Int
    /// Attended psychosocial sessions of the cohort's patients on any day (0: engagement cannot be measured).
    public let attendedSessionCount: Int

    public init(_ intervals: EngagementIntervals) {
        lookBackDays = intervals.lookBackDays
        count = intervals.count
        episodeCount = intervals.episodeCount
        attendedSessionCount = intervals.attendedSessionCount
    }
}

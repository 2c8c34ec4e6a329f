/// A craving index per assessment: one or several instruments' totals put on a common scale and averaged over the
/// instruments a patient completed that day (docs/Craving.md, "Scoring composites").
///
/// ```
/// POMP:      s = 100 · (total − minimum total) / (maximum total − minimum total)          (0–100)
/// baseline z: s = (total − m_k) / sd_k,  m_k, sd_k = mean and SD (n − 1) of instrument k's baseline totals,
///             one per patient: the patient's last assessment of k on a day in the baseline window
/// index(patient, day) = mean of s over the chosen instruments scored that day
/// ```
/// POMP needs no reference sample and keeps every instrument on 0–100 (Cohen, Cohen, Aiken & West 1999,
/// doi:10.1207/S15327906MBR3403_2); baseline z-scores put each instrument in units of the cohort's own baseline
/// spread, so 0 is the average patient at baseline and −1 is one baseline SD less craving. Which scale was used is
/// recorded on the value (``scale``, ``references``).
///
/// Edge cases: assessments without a total (too few items, CTN severity codes, which are ordinal bands and not
/// totals) are left out and counted in ``unscoredAssessments``; an instrument that is not registered, or (for
/// z-scores) has fewer than 2 baseline totals or a baseline SD of 0, is a ``CravingIndexError``.
public struct CravingIndex: Sendable {
    public enum Scale: String, Sendable, Hashable, CaseIterable {
        /// Percent of maximum possible, 0–100.
        case percentOfMaximumPossible = "pomp"
        /// z-score against the cohort's baseline mean and SD of each instrument.
        case baselineZScore = "baseline-z"
    }

    /// The baseline distribution of one instrument (z-scores only).
    public struct Reference: Sendable, Hashable {
        public let instrument: String
        public let mean: Double
        public let standardDeviation: Double
        /// Patients with a baseline total.
        public let patients: Int
    }

    /// One patient-day.
    public struct Entry: Sendable, Hashable {
        public let patient: Int32
        public let day: Int32
        public let value: Double
        /// How many of the chosen instruments were averaged.
        public let instrumentCount: Int
    }

    public let scale: Scale
    public let instruments: [String]
    /// The baseline days (relative to the index day, inclusive) used for z-score references and for
    /// ``ChangeFromBaseline``.
    public let baselineDays: ClosedRange<Int32>
    /// Per instrument, in the order of ``instruments``; empty for POMP.
    public let references: [Reference]
    /// Sorted by patient, then day.
    public let entries: [Entry]
    /// Assessments of the chosen instruments without a total, left out.
    public let unscoredAssessments: Int

    /// - Parameters:
    ///   - scores: scored assessments (``InstrumentScoring/score(_:registry:)``), any order.
    ///   - instruments: the instruments to combine (at least one, no repeats).
    ///   - baselineDays: days since the index day that count as baseline (default −14…0: the two weeks up to and
    ///     including the index day).
    public init(scores: [InstrumentScore], instruments: [String], scale: Scale,
                baselineDays: ClosedRange<Int32> = -14...0, registry: InstrumentRegistry = .standard)
        throws(CravingIndexError)
    {
        guard !instruments.isEmpty, Set(instruments).count == instruments.count else {
            throw CravingIndexError("choose at least one instrument, each once")
        }
        var definitions: [String: Instrument] = [:]
        for name in instruments {
            guard let instrument = registry.instrument(named: name) else {
                throw CravingIndexError("instrument \"\(name)\" is not registered")
            }
            definitions[name] = instrument
        }
        let chosen = scores.filter { definitions[$0.instrument] != nil }
        let totals = chosen.filter { $0.total != nil }
        var references: [String: Reference] = [:]
        if scale == .baselineZScore {
            for name in instruments {
                references[name] = try Self.reference(
                    name, totals: totals.filter { $0.instrument == name }, baselineDays: baselineDays)
            }
        }
        var sums: [PatientDay: (Double, Int)] = [:]
        for score in totals {
            let total = score.total!
            let value = switch scale {
            case .percentOfMaximumPossible: definitions[score.instrument]!.percentOfMaximumPossible(total)
            case .baselineZScore: (total - references[score.instrument]!.mean) / references[score.instrument]!.standardDeviation
            }
            sums[PatientDay(patient: score.patient, day: score.day), default: (0, 0)].0 += value
            sums[PatientDay(patient: score.patient, day: score.day), default: (0, 0)].1 += 1
        }
        entries = sums.keys.sorted().map { key in
            let (sum, count) = sums[key]!
            return Entry(patient: key.patient, day: key.day, value: sum / Double(count), instrumentCount: count)
        }
        self.scale = scale
        self.instruments = instruments
        self.baselineDays = baselineDays
        self.references = instruments.compactMap { references[$0] }
        unscoredAssessments = chosen.count - totals.count
    }

    private static func reference(_ name: String, totals: [InstrumentScore], baselineDays: ClosedRange<Int32>)
        throws(CravingIndexError) -> Reference
    {
        var latest: [Int32: InstrumentScore] = [:]
        for score in totals where baselineDays.contains(score.day) {
            if let kept = latest[score.patient], kept.day >= score.day { continue }
            latest[score.patient] = score
        }
        let values = latest.values.map { $0.total! }
        guard values.count >= 2 else {
            throw CravingIndexError("\(name): \(values.count) baseline total(s) in days \(baselineDays.lowerBound)…"
                + "\(baselineDays.upperBound); z-scores need at least 2")
        }
        let moments = SampleMoments(values)
        let mean = moments.mean, variance = moments.variance!  // at least 2 values
        guard variance > 0 else {
            throw CravingIndexError("\(name): every baseline total is \(mean); z-scores need a baseline SD above 0")
        }
        return Reference(instrument: name, mean: mean, standardDeviation: variance.squareRoot(), patients: values.count)
    }

    private struct PatientDay: Hashable, Comparable {
        let patient: Int32
        let day: Int32
        static func < (a: Self, b: Self) -> Bool { (a.patient, a.day) < (b.patient, b.day) }
    }
}

/// A craving index that cannot be built: unknown instrument, no baseline spread for z-scores.
public struct CravingIndexError: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

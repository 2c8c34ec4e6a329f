/// How one assessment's score was obtained.
public enum ScoreKind: String, Sendable, Hashable, CaseIterable {
    /// Every item answered: the sum.
    case complete
    /// Enough items answered: mean × item count.
    case prorated
    /// A total recorded directly (an item-less row).
    case recordedTotal = "recorded-total"
    /// A harmonised ordinal severity code (CTN-0094 `severity`), not a total.
    case severityCode = "severity-code"
    /// Too few items: no score.
    case insufficientItems = "insufficient-items"
}

/// One scored assessment: a patient's instrument on one day.
public struct InstrumentScore: Sendable, Hashable {
    public let patient: Int32
    public let day: Int32
    public let instrument: String
    /// The total on the instrument's scale; `nil` for a severity code or too few items.
    public let total: Double?
    /// The harmonised severity level (0 = first of ``Instrument/severityCodeLevels``) for a severity code.
    public let severityLevel: Int?
    public let kind: ScoreKind
    /// Items answered (0 for a recorded total or code).
    public let answeredItems: Int
}

/// Counts of what scoring did, so that nothing is dropped silently.
public struct ScoringSummary: Sendable, Hashable {
    public internal(set) var counts: [ScoreKind: Int] = [:]
    /// Rows of instruments not in the registry, by instrument name (left unscored).
    public internal(set) var unregisteredRows: [String: Int] = [:]
    public func count(_ kind: ScoreKind) -> Int { counts[kind] ?? 0 }
}

/// A response that cannot be scored: unknown item, value outside the item's range, item repeated.
public struct ScoringError: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// Scores item responses by an ``Instrument``'s rules (reverse keying, prorating) and a cohort's assessment rows.
public enum InstrumentScoring {
    /// The total of `responses` (item name → response; absent = unanswered).
    /// - Throws: ``ScoringError`` for an item the instrument does not have or a response outside its range.
    public static func score(_ instrument: Instrument, responses: [String: Double]) throws(ScoringError)
        -> (total: Double?, kind: ScoreKind, answeredItems: Int)
    {
        for name in responses.keys where !instrument.items.contains(where: { $0.name == name }) {
            throw unknownItem(name, of: instrument)
        }
        return try score(instrument, itemResponses: instrument.items.map { responses[$0.name] })
    }

    /// The total of `itemResponses` (one per item of the instrument, in its order; `nil` = unanswered): the sum of
    /// the answered items (reverse-keyed ones as minimum + maximum − response) when all are answered, prorated as
    /// mean × item count when at least ``Instrument/minimumAnsweredItems`` are, else no score.
    /// - Throws: ``ScoringError`` for a response outside its item's range.
    static func score(_ instrument: Instrument, itemResponses: [Double?]) throws(ScoringError)
        -> (total: Double?, kind: ScoreKind, answeredItems: Int)
    {
        var sum = 0.0, answered = 0
        for (item, response) in zip(instrument.items, itemResponses) {
            guard let response else { continue }
            guard response >= item.minimum && response <= item.maximum else {
                throw ScoringError(message: "\(instrument.name) item \"\(item.name)\": \(response) is outside "
                    + "\(item.minimum)–\(item.maximum)")
            }
            sum += item.reverseKeyed ? item.minimum + item.maximum - response : response
            answered += 1
        }
        if answered == instrument.items.count { return (sum, .complete, answered) }
        guard answered >= instrument.minimumAnsweredItems, instrument.items.count > 1 else {
            return (nil, .insufficientItems, answered)
        }
        return (sum / Double(answered) * Double(instrument.items.count), .prorated, answered)
    }

    static func unknownItem(_ name: String, of instrument: Instrument) -> ScoringError {
        ScoringError(message: "\(instrument.name) has no item \"\(name)\" (items: "
            + instrument.items.map(\.name).joined(separator: ", ") + ")")
    }

    /// Scores every assessment in `table` (rows of one patient, day and instrument form one assessment): item
    /// rows by ``score(_:responses:)``, an item-less row as a recorded total (checked against the total range),
    /// a `severity` row as a harmonised code when the instrument has one. Instruments missing from `registry`
    /// are counted in the summary and left out.
    /// - Throws: ``ScoringError`` naming the patient, day and instrument.
    /// - Complexity: O(rows); instruments and items are looked up once per distinct label, not per row.
    public static func score(_ table: AssessmentTable, registry: InstrumentRegistry = .standard) throws(ScoringError)
        -> (scores: [InstrumentScore], summary: ScoringSummary)
    {
        let instruments = table.instrument.levels.map { registry.instrument(named: $0) }
        // For each instrument label and item label: the item's position in the instrument, or nil if it has none.
        let itemLevels = table.item.levels
        let itemPositions = instruments.map { instrument in
            itemLevels.map { level in instrument?.items.firstIndex { $0.name == level } }
        }
        var scores: [InstrumentScore] = [], summary = ScoringSummary()
        scores.reserveCapacity(table.count / max(1, instruments.compactMap { $0?.items.count }.min() ?? 1))
        var row = 0
        while row < table.count {
            var end = row + 1
            while end < table.count && table.patient[end] == table.patient[row] && table.day[end] == table.day[row]
                && table.instrument.codes[end] == table.instrument.codes[row] { end += 1 }
            defer { row = end }
            let code = Int(table.instrument.codes[row])
            guard code >= 0, let instrument = instruments[code] else {
                summary.unregisteredRows[table.instrument.label(at: row) ?? "", default: 0] += end - row
                continue
            }
            let score = try assessment(instrument, table: table, rows: row..<end, itemPositions: itemPositions[code])
            summary.counts[score.kind, default: 0] += 1
            scores.append(score)
        }
        return (scores, summary)
    }

    private static func assessment(
        _ instrument: Instrument, table: AssessmentTable, rows: Range<Int>, itemPositions: [Int?]
    ) throws(ScoringError) -> InstrumentScore {
        let patient = table.patient[rows.lowerBound], day = table.day[rows.lowerBound]
        func context() -> String { "patient \(patient), day \(day), \(instrument.name)" }
        let first = rows.lowerBound
        if rows.count == 1, table.item.codes[first] < 0 || table.item.label(at: first) == Instrument.severityCodeItem {
            let value = table.score[first]
            if table.item.codes[first] < 0 {
                guard value >= instrument.minimumTotal && value <= instrument.maximumTotal else {
                    throw ScoringError(message: "\(context()): total \(value) is outside "
                        + "\(instrument.minimumTotal)–\(instrument.maximumTotal)")
                }
                return InstrumentScore(patient: patient, day: day, instrument: instrument.name, total: value,
                                       severityLevel: nil, kind: .recordedTotal, answeredItems: 0)
            }
            let levels = instrument.severityCodeLevels.count
            guard levels > 0, value == value.rounded(), value >= 0, value < Double(levels) else {
                throw ScoringError(message: "\(context()): severity code \(value) is not one of 0…\(max(levels - 1, 0))")
            }
            return InstrumentScore(patient: patient, day: day, instrument: instrument.name, total: nil,
                                   severityLevel: Int(value), kind: .severityCode, answeredItems: 0)
        }
        var responses = [Double?](repeating: nil, count: instrument.items.count)
        for row in rows {
            let itemCode = Int(table.item.codes[row])
            guard itemCode >= 0 else { throw ScoringError(message: "\(context()): a total row mixed with item rows") }
            guard let position = itemPositions[itemCode] else {
                throw ScoringError(message: "\(context()): \(unknownItem(table.item.levels[itemCode], of: instrument).message)")
            }
            guard responses[position] == nil else {
                throw ScoringError(message: "\(context()): item \"\(table.item.levels[itemCode])\" recorded twice")
            }
            responses[position] = table.score[row]
        }
        let result: (total: Double?, kind: ScoreKind, answeredItems: Int)
        do { result = try score(instrument, itemResponses: responses) } catch {
            throw ScoringError(message: "\(context()): \(error.message)")
        }
        return InstrumentScore(patient: patient, day: day, instrument: instrument.name, total: result.total,
                               severityLevel: nil, kind: result.kind, answeredItems: result.answeredItems)
    }
}

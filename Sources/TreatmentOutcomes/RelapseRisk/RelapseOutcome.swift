/// What a relapse-risk model predicts, per patient 0 or 1.
///
/// ```
/// endpoint(c, byWeek: w)  an event column c of the urine-screen library (e.g. RsE_ctnNinetyFour_2023): 1 when the
///                         event occurred and its time column (RsT_…) is ≤ w; a boolean column c: its value
/// retentionBelow(days: n) 1 when the patient was retained fewer than n days: retained days = 1 + the last day ≥ 0
///                         with a dose or an attended visit (0 without any)
/// ```
/// The default is CTN-0094 relapse by week 12: four consecutive positive-or-missing weeks starting by week 12
/// (Luo et al., JAMA Psychiatry 2024;81(1):45–56). Words are built from the cohort's screens and visits with
/// ``WeeklyUsePatterns`` with at least w + 3 weeks (15 for week 12, as the CTN-0094 words), so that a 4-week run
/// starting in week w can complete; weeks after a patient's last record are missing, hence positive.
public enum RelapseOutcome: Sendable, Hashable, Codable, CustomStringConvertible {
    case endpoint(column: String, byWeek: Int)
    case retentionBelow(days: Int)

    /// RsE_ctnNinetyFour_2023 with RsT ≤ 12.
    public static let ctn0094Relapse = RelapseOutcome.endpoint(column: "RsE_ctnNinetyFour_2023", byWeek: 12)
    /// DrE_ctnNinetyFour_2023 (4 consecutive missing weeks) with DrT ≤ 12.
    public static let ctn0094Dropout = RelapseOutcome.endpoint(column: "DrE_ctnNinetyFour_2023", byWeek: 12)

    /// Whether the outcome is read from use-pattern words (an endpoint of the urine-screen library).
    public var isEndpoint: Bool {
        if case .endpoint = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .endpoint(let column, let week): "\(column) by week \(week)"
        case .retentionBelow(let days): "retention below \(days) days"
        }
    }

    /// Parses `RsE_ctnNinetyFour_2023` (by week 12), `RsE_ctnNinetyFour_2023@8`, `relapse`, `dropout` or
    /// `retention<90` as the CLI's `--outcome` takes them.
    public init(parsing text: String) throws(RelapseRiskError) {
        if text == "relapse" { self = .ctn0094Relapse; return }
        if text == "dropout" { self = .ctn0094Dropout; return }
        if text.hasPrefix("retention<") {
            guard let days = Int(text.dropFirst("retention<".count)), days > 0 else {
                throw RelapseRiskError(.invalidOutcome, "outcome '\(text)': retention<N needs a positive whole number of days")
            }
            self = .retentionBelow(days: days)
            return
        }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false).map(String.init)
        guard parts.count <= 2, let week = parts.count == 2 ? Int(parts[1]) : 12, week >= 1 else {
            throw RelapseRiskError(.invalidOutcome, "outcome '\(text)': expected COLUMN or COLUMN@WEEK with a week ≥ 1")
        }
        let outcome = RelapseOutcome.endpoint(column: parts[0], byWeek: week)
        _ = try outcome.endpointColumns()
        self = outcome
    }

    /// The endpoint and the positions of its event (or boolean) column and time column.
    func endpointColumns() throws(RelapseRiskError) -> (UrineScreenEndpoint, value: Int, time: Int?) {
        guard case .endpoint(let column, _) = self else { preconditionFailure("not an endpoint outcome") }
        guard let endpoint = UrineScreenEndpoint.all.first(where: { $0.columns.contains { $0.name == column } }),
              let position = endpoint.columns.firstIndex(where: { $0.name == column })
        else { throw RelapseRiskError(.invalidOutcome, "outcome column '\(column)' is not in the urine-screen endpoint library") }
        switch endpoint.columns[position].kind {
        case .event: return (endpoint, position, endpoint.columns.firstIndex { $0.kind == .time })
        case .boolean: return (endpoint, position, nil)
        default:
            throw RelapseRiskError(.invalidOutcome, "outcome column '\(column)' is a \(endpoint.columns[position].kind.rawValue), "
                + "not an event or a TRUE/FALSE column")
        }
    }

    /// The endpoint outcome from given words (for example the published CTN-0094 words), one per patient; a patient
    /// without a word is an error naming them.
    /// - Throws: ``RelapseRiskError``; for `retentionBelow` (which needs records, not words) always.
    public func evaluate(words: [UsePattern?], identifiers: [String]) throws(RelapseRiskError) -> [Double] {
        guard case .endpoint(_, let week) = self else {
            throw RelapseRiskError(.invalidOutcome, "\(description) is not a urine-screen endpoint and cannot be read from words")
        }
        let (endpoint, valueColumn, timeColumn) = try endpointColumns()
        return try words.enumerated().map { patient, word throws(RelapseRiskError) in
            guard let word else { throw RelapseRiskError(.missingWord, "no use-pattern word for patient \(identifiers[patient])") }
            let values = endpoint.evaluate(word)
            guard let value = values[valueColumn] else {
                throw RelapseRiskError(.missingWord, "\(description): undefined for patient \(identifiers[patient])")
            }
            if let timeColumn, value == 1, let time = values[timeColumn] { return time <= Double(week) ? 1 : 0 }
            return value == 1 ? 1 : 0
        }
    }

    /// One 0/1 value per patient of the full (not truncated) cohort.
    /// - Throws: ``MissingTableError`` without screens (endpoint) or without doses and visits (retention);
    ///   ``RelapseRiskError`` for an unknown column or an endpoint undefined for a patient's word.
    public func evaluate(_ cohort: Cohort, substances: ScreenedSubstances, firstDayOfWeekOne: Int) throws -> [Double] {
        switch self {
        case .endpoint(_, let week):
            let words = try WeeklyUsePatterns.make(from: cohort, options: WeeklyUsePatternOptions(
                substances: substances, firstDayOfWeekOne: firstDayOfWeekOne, minimumWeeks: week + 3))
            return try evaluate(words: words, identifiers: cohort.patients.identifiers)
        case .retentionBelow(let days):
            guard cohort.doses != nil || cohort.visits != nil else {
                throw MissingTableError(file: .doses, measure: "retention (doses.csv or visits.csv)")
            }
            var lastDay = [Int](repeating: -1, count: cohort.patients.count)
            if let doses = cohort.doses {
                for row in 0..<doses.count { lastDay[Int(doses.patient[row])] = max(lastDay[Int(doses.patient[row])], Int(doses.day[row])) }
            }
            if let visits = cohort.visits {
                for row in 0..<visits.count where visits.status[row] == .attended {
                    lastDay[Int(visits.patient[row])] = max(lastDay[Int(visits.patient[row])], Int(visits.day[row]))
                }
            }
            return lastDay.map { $0 + 1 < days ? 1 : 0 }
        }
    }
}

/// A relapse-risk input or model problem, with a message for people.
public struct RelapseRiskError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, for a caller to switch on.
    public enum Code: String, Sendable, Hashable {
        /// An outcome that does not parse, names no endpoint column, or cannot be read from words.
        case invalidOutcome
        /// A patient has no use-pattern word, or the endpoint is undefined for the patient's word.
        case missingWord
        /// Every patient has the same outcome: nothing to predict.
        case constantOutcome
        /// The cohort lacks a covariate the model or the options name.
        case missingCovariate
        /// The options name a covariate the covariate policy leaves out (``CovariatePolicy``).
        case excludedCovariate
        /// A covariate is numeric where the model has it categorical, or the reverse.
        case covariateTypeMismatch
        /// A categorical level or arm the model did not see when it was fitted.
        case unseenLevel
        /// A model file that is not a relapse-risk model, is of a newer version, or is inconsistent.
        case invalidModelFile
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}

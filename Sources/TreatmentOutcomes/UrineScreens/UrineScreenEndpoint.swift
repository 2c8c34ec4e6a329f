/// One published urine-screen endpoint of the CTN-0094 library (CTNote 0.1.3; Odom, Brandt, Balise et al. 2023):
/// a named definition over a use-pattern word, with its citation, its rule for missing visits and its result type.
///
/// ``evaluate(_:convention:)`` gives one value per result column, in ``columns`` order, as `Double?`: booleans
/// and event indicators as 1/0, counts and times as whole numbers, `nil` where R gives NA (a word shorter than
/// the endpoint's window). The catalogue is ``UrineScreenEndpoint/all`` (docs/UrineScreenOutcomes.md, "Endpoint
/// catalogue").
public struct UrineScreenEndpoint: Sendable {
    /// The three libraries of the CTNote vignettes.
    public enum Group: String, Sendable, Hashable, CaseIterable {
        case abstinence
        case relapse
        case reduction
    }

    /// What a result column holds.
    public enum ColumnKind: String, Sendable, Hashable {
        /// TRUE/FALSE.
        case boolean
        /// A whole number of weeks or visits.
        case count
        /// A proportion in [0, 1].
        case proportion
        /// A decimal score (a count with half-weighted mixed weeks, or an index).
        case score
        /// Time to event or censoring, in weeks (positions).
        case time
        /// The event indicator of a time column: 1 event, 0 censored.
        case event
    }

    /// A result column: its name in the CTN-0094 outcome table and its kind.
    public struct Column: Sendable, Hashable {
        public let name: String
        public let kind: ColumnKind
    }

    /// The endpoint's name, `author_year` as in the outcome table (`ctnNinetyFour_2023`, `lingA_1976`).
    public let name: String
    public let group: Group
    /// The result columns, named as in the CTN-0094 outcome table (`Ab_…`, `RsT_…`/`RsE_…`, `Rd_…`).
    public let columns: [Column]
    /// The trial report the definition comes from.
    public let citation: String
    /// The definition as published and how CTN-0094 coded it.
    public let definition: String
    /// How missing (`o`) and mixed (`*`) weeks are treated.
    public let missingRule: String
    let compute: @Sendable (UsePattern, UsePatternConvention) -> [Double?]

    init(
        _ name: String, _ group: Group, columns: [(String, ColumnKind)], citation: String, definition: String,
        missing: String, compute: @escaping @Sendable (UsePattern, UsePatternConvention) -> [Double?]
    ) {
        self.name = name
        self.group = group
        self.columns = columns.map { Column(name: $0.0, kind: $0.1) }
        self.citation = citation
        self.definition = definition
        self.missingRule = missing
        self.compute = compute
    }

    /// The kind of result: the kind of the single column, or `time` for a time-and-event endpoint.
    public var resultKind: ColumnKind { columns[0].kind }

    /// The endpoint's values for `pattern`, one per column.
    public func evaluate(_ pattern: UsePattern, convention: UsePatternConvention = .ctnote) -> [Double?] {
        compute(pattern, convention)
    }

    /// Every endpoint of the three libraries, in the vignettes' order: 13 abstinence (16 columns), 7 relapse
    /// (12 columns) and 34 reduction endpoints (34 columns): 54 endpoints, 62 columns.
    public static let all: [UrineScreenEndpoint] = abstinence + relapse + reduction

    /// The endpoints called `name` or having a column called `name`. `ctnNinetyFour_2023` names three endpoints
    /// (abstinence, relapse and dropout); a column name such as `RsT_ctnNinetyFour_2023` picks one.
    public static func named(_ name: String) -> [UrineScreenEndpoint] {
        all.filter { $0.name == name || $0.columns.contains { $0.name == name } }
    }
}

/// Shorthands of the endpoint recipes (docs/UrineScreenOutcomes.md, "Endpoint notation").
extension UsePattern {
    /// `o→+`.
    var missingAsPositive: UsePattern { recoding(.missing, as: .positive) }
    /// `*→+`.
    var mixedAsPositive: UsePattern { recoding(.mixed, as: .positive) }
    /// `o→+` and `*→+`: the binary word where anything but a negative week is use.
    var binaryUse: UsePattern { missingAsPositive.mixedAsPositive }
    /// drop `o`.
    var withoutMissing: UsePattern { recoding(.missing, as: .removed) }

    /// `NEG(s, e)`: proportion negative, mixed weeks weighted 0.5.
    func proportionNegative(_ start: Int = 1, _ end: Int = -1, _ convention: UsePatternConvention) -> Double {
        countMatches("-", start: start, end: end, mixedResults: .mixed, mixedWeight: 0.5, proportion: true,
                     convention: convention)
    }

    /// `POS(s, e)`: proportion positive, mixed weeks weighted 0.5.
    func proportionPositive(_ start: Int = 1, _ end: Int = -1, _ convention: UsePatternConvention) -> Double {
        countMatches("+", start: start, end: end, mixedResults: .mixed, mixedWeight: 0.5, proportion: true,
                     convention: convention)
    }

    /// The Lofwall (2018) schedule: weekly visits for weeks 1–7, then every other week to week 15, with the
    /// off-weeks filled by carrying the previous week forward.
    var lofwallSchedule: UsePattern {
        let lattice = UsePattern.collapsingLattice(["o", "_o"], times: [7, 4])
        return viewed(byLattice: lattice).imputingMissingVisits(.lastObservationCarriedForward, missingIs: .notScheduled)
    }
}

extension Bool {
    var indicator: Double { self ? 1 : 0 }
}

extension WindowDetection {
    var columns: [Double?] { [time.map(Double.init), event.map(\.indicator)] }
}

/// A scored questionnaire or rating scale: its items and their ranges, reverse-keyed items, how many items must be
/// answered to prorate, its severity bands and its direction (docs/Craving.md, "Instruments" and "Scoring
/// composites").
///
/// ```
/// reverse-keyed item:  r' = (min + max) − r
/// total  = Σ items                                  when every item is answered
///        = mean(answered items') × item count        when at least `minimumAnsweredItems` are (prorated)
///        = missing                                   otherwise (never prorated for a single-item scale)
/// POMP   = 100 · (total − minimum total) / (maximum total − minimum total)
/// ```
/// Cohen, Cohen, Aiken & West, "The problem of units and the circumstance for POMP", Multivariate Behav. Res. 34
/// (1999), doi:10.1207/S15327906MBR3403_2.
public struct Instrument: Sendable, Hashable, Codable {
    /// One item with its response range.
    public struct Item: Sendable, Hashable, Codable {
        public let name: String
        public let minimum: Double
        public let maximum: Double
        /// Scored as (min + max) − response.
        public let reverseKeyed: Bool

        public init(_ name: String, minimum: Double, maximum: Double, reverseKeyed: Bool = false) {
            precondition(minimum < maximum, "item \(name): minimum must be below maximum")
            self.name = name
            self.minimum = minimum
            self.maximum = maximum
            self.reverseKeyed = reverseKeyed
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let name = try container.decode(String.self, forKey: .name)
            let minimum = try container.decode(Double.self, forKey: .minimum)
            let maximum = try container.decode(Double.self, forKey: .maximum)
            guard minimum < maximum else {
                throw DecodingError.dataCorruptedError(
                    forKey: .maximum, in: container, debugDescription: "item \(name): maximum must exceed minimum")
            }
            self.init(name, minimum: minimum, maximum: maximum,
                      reverseKeyed: try container.decodeIfPresent(Bool.self, forKey: .reverseKeyed) ?? false)
        }
    }

    /// A named range of totals, both ends inclusive.
    public struct SeverityBand: Sendable, Hashable, Codable {
        public let label: String
        public let lower: Double
        public let upper: Double
        public init(_ label: String, _ lower: Double, _ upper: Double) {
            self.label = label
            self.lower = lower
            self.upper = upper
        }
    }

    public let name: String
    public let items: [Item]
    /// Items that must be answered for a prorated total (equal to the item count: no prorating).
    public let minimumAnsweredItems: Int
    /// Bands of the total, in increasing order.
    public let severityBands: [SeverityBand]
    /// Whether a higher score means more craving or symptoms (true for every shipped instrument).
    public let higherIsWorse: Bool
    /// Labels of a harmonised ordinal severity code recorded instead of items (CTN-0094 `severity`: 0 none …
    /// 3 severe); empty when the instrument has none.
    public let severityCodeLevels: [String]

    /// What the instrument measures, for headings and text. Default ``Construct/craving``.
    public let construct: Construct

    /// What an instrument measures.
    public enum Construct: String, Sendable, Hashable, Codable {
        case craving
        case withdrawal
    }

    /// The item name that carries a harmonised severity code.
    public static let severityCodeItem = "severity"

    /// - Precondition: at least one item, unique item names, `1 ≤ minimumAnsweredItems ≤ items.count`, and a
    ///   single-item scale is never prorated.
    public init(name: String, items: [Item], minimumAnsweredItems: Int? = nil, severityBands: [SeverityBand] = [],
                higherIsWorse: Bool = true, severityCodeLevels: [String] = [], construct: Construct = .craving) {
        let minimum = minimumAnsweredItems ?? items.count
        precondition(Self.problem(items: items, minimumAnsweredItems: minimum) == nil,
                     "instrument \(name): \(Self.problem(items: items, minimumAnsweredItems: minimum) ?? "")")
        self.name = name
        self.items = items
        self.minimumAnsweredItems = minimum
        self.severityBands = severityBands
        self.higherIsWorse = higherIsWorse
        self.severityCodeLevels = severityCodeLevels
        self.construct = construct
    }

    static func problem(items: [Item], minimumAnsweredItems: Int) -> String? {
        if items.isEmpty { return "needs at least one item" }
        if Set(items.map(\.name)).count != items.count { return "item names must be unique" }
        if !(1...items.count).contains(minimumAnsweredItems) {
            return "minimum answered items must be between 1 and \(items.count)"
        }
        return nil
    }

    enum CodingKeys: String, CodingKey {
        case name, items, minimumAnsweredItems, severityBands, higherIsWorse, severityCodeLevels, construct
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let name = try container.decode(String.self, forKey: .name)
        let items = try container.decode([Item].self, forKey: .items)
        let minimum = try container.decodeIfPresent(Int.self, forKey: .minimumAnsweredItems) ?? items.count
        if let problem = Self.problem(items: items, minimumAnsweredItems: minimum) {
            throw DecodingError.dataCorruptedError(
                forKey: .items, in: container, debugDescription: "instrument \"\(name)\": \(problem)")
        }
        self.init(
            name: name, items: items, minimumAnsweredItems: minimum,
            severityBands: try container.decodeIfPresent([SeverityBand].self, forKey: .severityBands) ?? [],
            higherIsWorse: try container.decodeIfPresent(Bool.self, forKey: .higherIsWorse) ?? true,
            severityCodeLevels: try container.decodeIfPresent([String].self, forKey: .severityCodeLevels) ?? [],
            construct: try container.decodeIfPresent(Construct.self, forKey: .construct) ?? .craving)
    }

    /// The lowest and highest possible totals.
    public var minimumTotal: Double { items.reduce(0) { $0 + $1.minimum } }
    public var maximumTotal: Double { items.reduce(0) { $0 + $1.maximum } }

    /// The band containing `total`, if any.
    public func band(of total: Double) -> SeverityBand? {
        severityBands.first { total >= $0.lower && total <= $0.upper }
    }

    /// `total` on the POMP scale 0–100.
    public func percentOfMaximumPossible(_ total: Double) -> Double {
        100 * (total - minimumTotal) / (maximumTotal - minimumTotal)
    }
}

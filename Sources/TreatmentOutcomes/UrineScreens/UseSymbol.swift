/// One symbol of a use-pattern word: the result of one observation period (usually a study week).
///
/// The alphabet of the CTN-0094 use-pattern words (Odom, Brandt, Balise et al., CTNote vignettes):
///
/// | symbol | case | meaning |
/// |---|---|---|
/// | `+` | ``positive`` | positive for the target substance(s) in the period |
/// | `-` | ``negative`` | negative |
/// | `o` | ``missing`` | a specimen was expected by protocol but not provided |
/// | `*` | ``mixed`` | at least one positive and one negative specimen in the same period |
/// | `_` | ``notScheduled`` | no specimen required (missing by design) |
public enum UseSymbol: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case positive = 43  // "+"
    case negative = 45  // "-"
    case missing = 111  // "o"
    case mixed = 42  // "*"
    case notScheduled = 95  // "_"

    /// The symbol for the ASCII character `byte`, or `nil`.
    public init?(ascii byte: UInt8) {
        self.init(rawValue: byte)
    }

    /// The symbol for `character`, or `nil` when it is not one of `+ - o * _`.
    public init?(_ character: Character) {
        guard let byte = character.asciiValue else { return nil }
        self.init(rawValue: byte)
    }

    /// The symbol as its one-character text.
    public var character: Character { Character(Unicode.Scalar(rawValue)) }

    public var description: String { String(character) }

    /// The position of the symbol in R's `table()` order under ICU collation (`_ - * + o`), which decides ties
    /// in mode imputation.
    var collationRank: Int {
        switch self {
        case .notScheduled: 0
        case .negative: 1
        case .mixed: 2
        case .positive: 3
        case .missing: 4
        }
    }
}

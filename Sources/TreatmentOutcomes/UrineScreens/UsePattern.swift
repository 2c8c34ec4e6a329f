/// A use-pattern word: one ``UseSymbol`` per observation period, in time order (position 1 = week 1).
///
/// The CTN-0094 team's word model (CTNote; docs/UrineScreenOutcomes.md, "Definitions"). Positions are 1-based
/// throughout, as in the published definitions. The building blocks are in the extensions: recoding missing visits,
/// lattices, imputation, matching and counting, retention and abstinence periods, window detection and the Ling
/// (1976) positive-visit index. Each reproduces CTNote 0.1.3 by default; where the published code has a quirk, the
/// corrected behaviour is available through ``UsePatternConvention/corrected``.
public struct UsePattern: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    public var symbols: [UseSymbol]

    public init(_ symbols: [UseSymbol]) {
        self.symbols = symbols
    }

    /// Parses a word of `+ - o * _`; `nil` when any character is something else.
    public init?(parsing text: some StringProtocol) {
        var symbols: [UseSymbol] = []
        symbols.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            guard let symbol = UseSymbol(ascii: byte) else { return nil }
            symbols.append(symbol)
        }
        self.symbols = symbols
    }

    /// A literal word; the literal must use only `+ - o * _`.
    public init(stringLiteral value: String) {
        guard let pattern = UsePattern(parsing: value) else {
            preconditionFailure("\"\(value)\" is not a use-pattern word (symbols + - o * _)")
        }
        self = pattern
    }

    /// Number of symbols.
    public var count: Int { symbols.count }
    public var isEmpty: Bool { symbols.isEmpty }

    public var description: String { String(decoding: symbols.map(\.rawValue), as: UTF8.self) }

    /// The symbol at 1-based `position`.
    public subscript(position: Int) -> UseSymbol { symbols[position - 1] }

    /// The 0-based range of `sub(word, start, end)` under R `stringr::str_sub` semantics: 1-based inclusive
    /// positions, a negative position counts back from the end (−1 = last), positions are clipped to the word,
    /// and an empty range when the resolved start is after the end.
    ///
    /// `("abc", -4, -2)` → "ab"; `("abc", 0, 2)` → "ab"; `("abc", 5, 10)` → ""; `("abc", 3, 2)` → "".
    public func sliceRange(start: Int = 1, end: Int = -1) -> Range<Int> {
        let n = count
        func resolve(_ position: Int) -> Int { position < 0 ? n + position + 1 : position }
        let first = max(resolve(start), 1)
        let last = min(resolve(end), n)
        guard first <= last else { return 0..<0 }
        return (first - 1)..<last
    }

    /// `sub(word, start, end)`: the symbols from `start` through `end` (see ``sliceRange(start:end:)``).
    public func slice(start: Int = 1, end: Int = -1) -> UsePattern {
        UsePattern(Array(symbols[sliceRange(start: start, end: end)]))
    }

    /// How many times `symbol` occurs.
    public func occurrences(of symbol: UseSymbol) -> Int {
        symbols.reduce(0) { $0 + ($1 == symbol ? 1 : 0) }
    }
}

/// Whether the building blocks reproduce CTNote 0.1.3 exactly or use the corrected behaviour.
///
/// ``ctnote`` (the default everywhere) reproduces the published package, quirks included, so that results match
/// the CTN-0094 outcome table. ``corrected`` changes exactly these behaviours:
/// - ``UsePattern/countMatches(_:start:end:mixedResults:mixedWeight:proportion:convention:)``: the proportion's
///   denominator is the number of positions where the sub-pattern can start, `len − len(match) + 1`, not `len`.
/// - mode imputation does not count `_` (not scheduled) as a category; kNV imputation keeps `_` as `_` instead of
///   turning it into the missing symbol, and imputes nothing in a word shorter than `2k + 1`.
/// - ``UsePattern/detectInWindow(width:threshold:offset:matching:convention:)`` censors at the word's length `n`
///   instead of `n − w + 1 + offset`.
/// - Rd_strain_1994 and Rd_strain_1999 use the word with missing visits removed (as their definitions say) instead
///   of the raw word; Ab_ctnNinetyFour_2023 looks at the last four weeks instead of fixed weeks 12–15.
public enum UsePatternConvention: Sendable, Hashable, CaseIterable {
    case ctnote
    case corrected
}

extension UsePattern {
    /// What a recoded symbol becomes (CTNote `recode_missing_visits`, `missing_becomes`: only `"+"`, `"-"` or
    /// `""` are allowed).
    public enum Replacement: Sendable, Hashable {
        case positive
        case negative
        /// The symbol is deleted; later positions move left, so positional windows then count observed visits,
        /// not calendar weeks.
        case removed
    }

    /// CTNote `recode_missing_visits(word, missing_is, missing_becomes)`: every `missingIs` becomes
    /// `replacement`. `missingIs` may be any symbol (the endpoint library also recodes `*` and `_`).
    ///
    /// `("+o-o", .missing, .positive)` → `"++-+"`; with `.removed` → `"+-"`.
    public func recoding(_ missingIs: UseSymbol = .missing, as replacement: Replacement = .positive) -> UsePattern {
        switch replacement {
        case .positive: UsePattern(symbols.map { $0 == missingIs ? .positive : $0 })
        case .negative: UsePattern(symbols.map { $0 == missingIs ? .negative : $0 })
        case .removed: UsePattern(symbols.filter { $0 != missingIs })
        }
    }

    /// CTNote `collapse_lattice(patterns, times)`: `patterns[i]` repeated `times[i]` times, concatenated.
    ///
    /// `(["o", "_o"], [7, 4])` → `"ooooooo_o_o_o_o"`.
    /// - Precondition: `patterns` and `times` have the same length (R errors), and no count is negative.
    public static func collapsingLattice(_ patterns: [UsePattern], times: [Int]) -> UsePattern {
        precondition(patterns.count == times.count, "collapse_lattice: patterns and times differ in length")
        var symbols: [UseSymbol] = []
        for (pattern, repeats) in zip(patterns, times) {
            precondition(repeats >= 0, "collapse_lattice: negative repeat count")
            for _ in 0..<repeats { symbols += pattern.symbols }
        }
        return UsePattern(symbols)
    }

    /// CTNote `view_by_lattice(word, lattice, visit_is = "o", no_visit_is = "_")`: the word on a visit schedule.
    ///
    /// The word is padded on the right with `visitIs` (a missing visit) up to the lattice's length, or truncated to
    /// it; every position where the lattice has `noVisitIs` then becomes `_`.
    /// `("+-", "o_o_")` → `"+_o_"`; `("+-+-+-", "o_o")` → `"+_+"`.
    public func viewed(
        byLattice lattice: UsePattern, visitIs: UseSymbol = .missing, noVisitIs: UseSymbol = .notScheduled
    ) -> UsePattern {
        var result = Array(symbols.prefix(lattice.count))
        while result.count < lattice.count { result.append(visitIs) }
        for index in result.indices where lattice.symbols[index] == noVisitIs { result[index] = .notScheduled }
        return UsePattern(result)
    }
}

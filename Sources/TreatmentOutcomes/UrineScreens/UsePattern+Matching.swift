extension UsePattern {
    /// CTNote `detect_subpattern(word, subpattern, start, end)`: whether `sub(word, start, end)` contains
    /// `subpattern` literally. An empty sub-pattern gives `nil` (R's NA).
    public func containsSubpattern(_ subpattern: UsePattern, start: Int = 1, end: Int = -1) -> Bool? {
        guard !subpattern.isEmpty else { return nil }
        let range = sliceRange(start: start, end: end)
        let m = subpattern.count
        guard range.count >= m else { return false }
        for offset in range.lowerBound...(range.upperBound - m)
        where symbols[offset..<(offset + m)].elementsEqual(subpattern.symbols) {
            return true
        }
        return false
    }

    /// Whether any of `subpatterns` occurs in `sub(word, start, end)` (the vignettes' `any(detect_subpattern(…))`).
    public func containsAnySubpattern(_ subpatterns: [UsePattern], start: Int = 1, end: Int = -1) -> Bool {
        subpatterns.contains { containsSubpattern($0, start: start, end: end) == true }
    }

    /// Non-overlapping literal occurrences of `pattern` in `symbols[range]`, scanned left to right.
    private func occurrences(of pattern: UsePattern, in range: Range<Int>) -> Int {
        let m = pattern.count
        guard m > 0 else { return 0 }
        var found = 0
        var offset = range.lowerBound
        while offset + m <= range.upperBound {
            if symbols[offset..<(offset + m)].elementsEqual(pattern.symbols) {
                found += 1
                offset += m
            } else {
                offset += 1
            }
        }
        return found
    }

    /// CTNote `count_matches(word, match_is, start, end, mixed_results_are, mixed_weight, proportion)`.
    ///
    /// ```
    /// t     = sub(word, start, end)
    /// count = #non-overlapping occurrences of match in t  +  mixedWeight · #(mixedResults in t)
    /// proportion: count / len(t)                      (ctnote; R divides by len(t) − length(match_is) + 1,
    ///                                                  and length() of a string is 1)
    ///             count / (len(t) − len(match) + 1)   (corrected)
    /// ```
    /// An empty slice gives 0, also as a proportion (0/0 is never produced); under the corrected rule a slice
    /// shorter than the pattern gives 0 as well. `("+++", "++")` counts 1; `("-+-+--", "-+")` counts 2, proportion 2/6.
    public func countMatches(
        _ match: UsePattern, start: Int = 1, end: Int = -1, mixedResults: UseSymbol? = nil, mixedWeight: Double = 0.5,
        proportion: Bool = false, convention: UsePatternConvention = .ctnote
    ) -> Double {
        let range = sliceRange(start: start, end: end)
        guard !range.isEmpty else { return 0 }
        var total = Double(occurrences(of: match, in: range))
        if let mixedResults {
            let mixed = symbols[range].reduce(0) { $0 + ($1 == mixedResults ? 1 : 0) }
            total += mixedWeight * Double(mixed)
        }
        guard proportion else { return total }
        let positions = convention == .ctnote ? range.count : range.count - match.count + 1
        return positions > 0 ? total / Double(positions) : 0
    }

    /// CTNote `measure_retention(word, missing_is = "o")`: the last 1-based position holding a symbol other than
    /// `missingIs`, or 0. `_` and `*` count as contact: `"_ooo"` → 1.
    public func retention(missingIs: UseSymbol = .missing) -> Int {
        (symbols.lastIndex { $0 != missingIs } ?? -1) + 1
    }

    /// CTNote `measure_abstinence_period(word, use_is = "+")`: the longest run of symbols other than `useIs`
    /// (0 for an empty or all-use word). Every other symbol counts as abstinent, so binarise the word first:
    /// `"--o--"` → 5.
    public func longestAbstinencePeriod(useIs: UseSymbol = .positive) -> Int {
        var longest = 0
        var current = 0
        for symbol in symbols {
            if symbol == useIs {
                current = 0
            } else {
                current += 1
                longest = max(longest, current)
            }
        }
        return longest
    }
}

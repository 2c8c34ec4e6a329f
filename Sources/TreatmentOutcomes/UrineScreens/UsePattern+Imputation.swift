extension UsePattern {
    /// How ``imputingMissingVisits(_:missingIs:mixedIs:convention:)`` fills missing visits (CTNote
    /// `impute_missing_visits`, `method`).
    public enum ImputationMethod: Sendable, Hashable {
        /// Last observation carried forward; leading missing symbols stay.
        case lastObservationCarriedForward
        /// The same, but only between the first and last observed positions; trailing missing symbols stay
        /// (CTNote `locfD`).
        case lastObservationCarriedForwardBetweenVisits
        /// Every missing symbol becomes the word's most frequent observed symbol; the mixed symbol counts as
        /// `tiebreaker`, which also wins ties it is part of (CTNote `mode`).
        case mode(tiebreaker: UseSymbol = .positive)
        /// k nearest visits: a missing symbol at least `k` positions from both ends becomes the mean weight of its
        /// `2k` neighbours, rounded to the nearest weight (CTNote `kNV`, marked "in development" there).
        case nearestVisits(k: Int = 1, weights: NearestVisitWeights = .ctnote)
    }

    /// The weights of the k-nearest-visits imputation, in tie-breaking order. A symbol without a weight is
    /// treated as missing.
    public struct NearestVisitWeights: Sendable, Hashable {
        public let weights: [(symbol: UseSymbol, weight: Double)]

        public init(_ weights: [(symbol: UseSymbol, weight: Double)]) {
            precondition(weights.allSatisfy { $0.weight.isFinite }, "kNV weights must be finite")
            self.weights = weights
        }

        /// CTNote's default: `+` 1, `*` 0.5, `-` 0 (and `o` NA).
        public static let ctnote = NearestVisitWeights([(.positive, 1), (.mixed, 0.5), (.negative, 0)])

        func weight(of symbol: UseSymbol) -> Double? { weights.first { $0.symbol == symbol }?.weight }

        /// The symbol whose weight is nearest to `value`; ties go to the earlier entry.
        func nearestSymbol(to value: Double) -> UseSymbol {
            var best = weights[0]
            for entry in weights.dropFirst() where abs(entry.weight - value) < abs(best.weight - value) { best = entry }
            return best.symbol
        }

        public static func == (lhs: Self, rhs: Self) -> Bool {
            lhs.weights.elementsEqual(rhs.weights) { $0.symbol == $1.symbol && $0.weight == $1.weight }
        }

        public func hash(into hasher: inout Hasher) {
            for entry in weights {
                hasher.combine(entry.symbol)
                hasher.combine(entry.weight)
            }
        }
    }

    /// CTNote `impute_missing_visits(word, method, missing_is = "o", mixed_is = "*")`.
    ///
    /// A word whose every symbol is `missingIs` (the empty word included) is returned unchanged (R warns).
    /// - `locf`: `"_o+o"` → `"__++"`; any observed symbol is carried, `_` and `*` included.
    /// - `locfD`: `"o+oo-oo"` → `"o+++-oo"`.
    /// - `mode`: `"+-o"` → `"+-+"` (tiebreaker `-`: `"+--"`); `"__-o"` → `"__-_"` under ``UsePatternConvention/ctnote``,
    ///   where `_` counts as a category. Ties between categories other than the tiebreaker go to the first in R's
    ///   table order under ICU collation (`_ - * + o`).
    /// - `kNV`: `"-o*"` → `"-**"`, `"+o*"` → `"++*"`, `"+o-"` → `"+*-"`; with k = 2, `"--o++o-"` → `"--*++o-"`.
    ///   A missing neighbour leaves the position missing. Under ``UsePatternConvention/ctnote`` a symbol without a
    ///   weight (such as `_`) is treated as missing (imputed when its neighbours allow, else it comes back as
    ///   `missingIs`), and a word shorter than `2k + 1` reproduces R's
    ///   descending `seq(1 + k, n − k)`: `"o-"` → `"--"` (neighbours before position 1 are dropped, as R drops
    ///   index 0; neighbours after the end are missing).
    /// - Complexity: O(n·k).
    public func imputingMissingVisits(
        _ method: ImputationMethod = .lastObservationCarriedForward, missingIs: UseSymbol = .missing,
        mixedIs: UseSymbol = .mixed, convention: UsePatternConvention = .ctnote
    ) -> UsePattern {
        guard symbols.contains(where: { $0 != missingIs }) else { return self }
        switch method {
        case .lastObservationCarriedForward:
            return carryingForward(missingIs: missingIs, through: count)
        case .lastObservationCarriedForwardBetweenVisits:
            let last = symbols.lastIndex { $0 != missingIs }!
            return carryingForward(missingIs: missingIs, through: last + 1)
        case .mode(let tiebreaker):
            return imputingMode(missingIs: missingIs, mixedIs: mixedIs, tiebreaker: tiebreaker, convention: convention)
        case .nearestVisits(let k, let weights):
            return imputingNearestVisits(k: k, weights: weights, missingIs: missingIs, convention: convention)
        }
    }

    private func carryingForward(missingIs: UseSymbol, through end: Int) -> UsePattern {
        var result = symbols
        var previous: UseSymbol?
        for index in 0..<end {
            if result[index] == missingIs {
                if let previous { result[index] = previous }
            } else {
                previous = result[index]
            }
        }
        return UsePattern(result)
    }

    private func imputingMode(
        missingIs: UseSymbol, mixedIs: UseSymbol, tiebreaker: UseSymbol, convention: UsePatternConvention
    ) -> UsePattern {
        var frequency = [Int](repeating: 0, count: 5)
        for symbol in symbols where symbol != missingIs {
            if convention == .corrected && symbol == .notScheduled { continue }
            frequency[(symbol == mixedIs ? tiebreaker : symbol).collationRank] += 1
        }
        let categories = UseSymbol.allCases.sorted { $0.collationRank < $1.collationRank }
        guard let highest = frequency.max(), highest > 0 else { return self }
        let first = categories.first { frequency[$0.collationRank] == highest }!
        let last = categories.last { frequency[$0.collationRank] == highest }!
        let mode = (tiebreaker == first || tiebreaker == last) ? tiebreaker : first
        return UsePattern(symbols.map { $0 == missingIs ? mode : $0 })
    }

    private func imputingNearestVisits(
        k: Int, weights: NearestVisitWeights, missingIs: UseSymbol, convention: UsePatternConvention
    ) -> UsePattern {
        precondition(k >= 1, "kNV needs k ≥ 1")
        let n = count
        let values = symbols.map { weights.weight(of: $0) }
        var candidates: [Int]  // 1-based positions
        if n >= 2 * k + 1 {
            candidates = Array((1 + k)...(n - k))
        } else if convention == .ctnote {
            candidates = Array((n - k)...(1 + k)).filter { $0 >= 1 && $0 <= n }
        } else {
            candidates = []
        }
        var result = symbols.enumerated().map { index, symbol -> UseSymbol in
            if values[index] != nil { return symbol }
            return convention == .corrected && symbol == .notScheduled ? symbol : missingIs
        }
        for position in candidates where values[position - 1] == nil
            && (convention == .ctnote || symbols[position - 1] == missingIs) {
            var sum = 0.0
            var terms = 0
            var complete = true
            for neighbour in (position - k)...(position + k) where neighbour != position && neighbour >= 1 {
                guard neighbour <= n, let value = values[neighbour - 1] else {
                    complete = false
                    break
                }
                sum += value
                terms += 1
            }
            guard complete, terms > 0 else { continue }
            result[position - 1] = weights.nearestSymbol(to: sum / Double(terms))
        }
        return UsePattern(result)
    }
}

/// The symbol weights of the Ling (1976) positive-visit index. `_` has no weight.
public struct PositiveVisitWeights: Sendable, Hashable {
    public var positive: Double
    public var mixed: Double
    public var missing: Double
    public var negative: Double

    public init(positive: Double, mixed: Double, missing: Double, negative: Double) {
        self.positive = positive
        self.mixed = mixed
        self.missing = missing
        self.negative = negative
    }

    /// CTNote's defaults: `+` 1, `*` 0.5, `o` 0.22, `-` 0.
    public static let ling1976 = PositiveVisitWeights(positive: 1, mixed: 0.5, missing: 0.22, negative: 0)

    func weight(of symbol: UseSymbol) -> Double? {
        switch symbol {
        case .positive: positive
        case .mixed: mixed
        case .missing: missing
        case .negative: negative
        case .notScheduled: nil
        }
    }
}

extension UsePattern {
    /// CTNote `weight_positive_visits(word, weights, posPenalty, missPenalty, scaleMax = 120)`: the Ling et al.
    /// (1976) weighted positive-visit score (Arch Gen Psychiatry 33:709, doi 10.1001/archpsyc.1976.01770060043007).
    ///
    /// ```
    /// pp_i = posPenalty_i if symbol_i ∈ {+, *} else 1;   mp_i = missPenalty_i if symbol_i = o else 1
    /// score = scaleMax · Σ_i w(symbol_i)·pp_i·mp_i  /  Σ_j max(w(+)·P_j, w(o)·M_j)
    /// ```
    /// The denominator runs over the **full** penalty vectors P and M (a `nil` penalty is a vector of 1s as long
    /// as the other penalty, or as the word when both are `nil`; a shorter one is recycled as R's `pmax` does), so a word shorter than its penalties scores
    /// against the full schedule. `scaleMax == nil` returns the unscaled numerator. A symbol without a weight (`_`)
    /// makes the score `nil` (R's NA), and so does a zero denominator.
    ///
    /// Package tests on `"++o+*-------+--+-o-o-o+o+"`: defaults 41.28; weights (0.8, 0.4, 1, 0) 52.8;
    /// posPenalty = linspace(1, 5, 25) 34.82667; missPenalty 3 at positions 1–4, else 1, 43.392.
    /// - Precondition: each penalty given is at least as long as the word.
    public func positiveVisitIndex(
        weights: PositiveVisitWeights = .ling1976, positivePenalty: [Double]? = nil, missingPenalty: [Double]? = nil,
        scaleMax: Double? = 120
    ) -> Double? {
        precondition((positivePenalty?.count ?? count) >= count && (missingPenalty?.count ?? count) >= count,
                     "weight_positive_visits: a penalty vector is shorter than the word")
        var numerator = 0.0
        for (index, symbol) in symbols.enumerated() {
            guard let weight = weights.weight(of: symbol) else { return nil }
            var term = weight
            if symbol == .positive || symbol == .mixed { term *= positivePenalty?[index] ?? 1 }
            if symbol == .missing { term *= missingPenalty?[index] ?? 1 }
            numerator += term
        }
        guard let scaleMax else { return numerator }
        let length = positivePenalty == nil && missingPenalty == nil
            ? count : max(positivePenalty?.count ?? 0, missingPenalty?.count ?? 0)
        var denominator = 0.0
        for index in 0..<length {
            let p = positivePenalty.map { $0[index % $0.count] } ?? 1
            let m = missingPenalty.map { $0[index % $0.count] } ?? 1
            denominator += max(weights.positive * p, weights.missing * m)
        }
        guard denominator > 0 else { return nil }
        return scaleMax * numerator / denominator
    }
}

/// Holm's step-down adjustment of p-values for m tests, which controls the family-wise error rate under any
/// dependence between them (Holm S. A simple sequentially rejective multiple test procedure. Scand J Stat
/// 1979;6:65–70). As R's `p.adjust(p, method = "holm")`.
///
/// ```
/// p₍₁₎ ≤ … ≤ p₍ₘ₎ (ties in the order given)
/// adjusted p₍ᵢ₎ = min(1, max over j ≤ i of (m − j + 1)·p₍ⱼ₎)
/// ```
/// Returned in the order given. One p-value is its own adjustment; an empty list gives an empty list.
/// - Precondition: every p-value is in [0, 1].
public enum HolmAdjustment {
    public static func adjusted(_ pValues: [Double]) -> [Double] {
        precondition(pValues.allSatisfy { $0 >= 0 && $0 <= 1 }, "HolmAdjustment: p-values lie in [0, 1]")
        let count = pValues.count
        let order = pValues.indices.sorted { pValues[$0] < pValues[$1] || (pValues[$0] == pValues[$1] && $0 < $1) }
        var adjusted = [Double](repeating: 0, count: count)
        var running = 0.0
        for (rank, index) in order.enumerated() {
            running = max(running, min(1, Double(count - rank) * pValues[index]))
            adjusted[index] = running
        }
        return adjusted
    }
}

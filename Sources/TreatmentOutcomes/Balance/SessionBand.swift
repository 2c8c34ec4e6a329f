/// A band of engagement: sessions in the look-back window from ``lower`` to ``upper`` (inclusive; open above for
/// the last band). ``BalancePlan/sessionBandCuts`` 1, 3, 5 give 0, 1–2, 3–4 and 5+.
public struct SessionBand: Sendable, Hashable {
    public let lower: Int
    /// `nil` for the last band (no upper limit).
    public let upper: Int?

    /// `0`, `1–2`, `5+`.
    public var label: String {
        guard let upper else { return "\(lower)+" }
        return upper == lower ? "\(lower)" : "\(lower)–\(upper)"
    }

    public func contains(_ sessions: Int) -> Bool { sessions >= lower && upper.map { sessions <= $0 } ?? true }

    /// The bands of `cuts` (increasing, the first ≥ 1): 0 … cuts[0] − 1, cuts[0] … cuts[1] − 1, …, cuts.last and more.
    public static func bands(cuts: [Int]) -> [SessionBand] {
        let lowers = [0] + cuts
        return lowers.indices.map { index in
            SessionBand(lower: lowers[index], upper: index + 1 < lowers.count ? lowers[index + 1] - 1 : nil)
        }
    }
}

/// Person-time and dropouts of one band among one medication's intervals.
public struct SessionBandExposure: Sendable, Hashable {
    public let band: SessionBand
    /// Days at risk spent in the band: Σ (stop − start) over its rows.
    public let personDays: Int
    public let events: Int
    /// Patients with at least one interval in the band.
    public let patients: Int
}

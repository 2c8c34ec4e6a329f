/// Harrell's concordance index for right-censored times and a risk score (higher score = higher risk = shorter time),
/// with the infinitesimal-jackknife standard error of `survival::concordance`.
///
/// ```
/// pair (i, j) comparable when i has an event and tⱼ > tᵢ, or tⱼ = tᵢ with j censored (at risk at tᵢ);
/// pairs with tied times that are both events are excluded
/// C = (concordant + ½ tied-on-score) / comparable,  concordant: sᵢ > sⱼ
/// dfbetaₖ = (Nₖ − C·Dₖ)/D over the pairs containing k (N = scored sum, D = count);  Var = Σₖ dfbetaₖ²
/// ```
/// Harrell F.E. et al., JAMA 247 (1982) 2543–2546, doi:10.1001/jama.1982.03320430047030; Therneau T. & Atkinson E.,
/// "The concordance statistic", survival package vignette (2020). Equals `concordance(Surv(t, e) ~ s, reverse = TRUE)`.
/// - Complexity: O(n²) time, O(n) memory.
public struct ConcordanceIndex: Sendable, Hashable {
    public let concordance: Double
    public let standardError: Double
    public let concordant: Int
    public let discordant: Int
    public let tiedOnScore: Int

    /// `nil` when no pair is comparable.
    /// - Precondition: equal lengths; no NaN.
    public init?(time: [Double], event: [Bool], score: [Double]) {
        precondition(time.count == event.count && time.count == score.count, "Concordance needs paired data")
        let n = time.count
        var pairScore = [Double](repeating: 0, count: n), pairCount = [Double](repeating: 0, count: n)
        var concordant = 0, discordant = 0, tied = 0
        for i in 0..<n where event[i] {
            for j in 0..<n where j != i && (time[j] > time[i] || (time[j] == time[i] && !event[j])) {
                let value: Double
                if score[i] > score[j] { value = 1; concordant += 1 }
                else if score[i] < score[j] { value = 0; discordant += 1 }
                else { value = 0.5; tied += 1 }
                pairScore[i] += value; pairScore[j] += value
                pairCount[i] += 1; pairCount[j] += 1
            }
        }
        let comparable = Double(concordant + discordant + tied)
        guard comparable > 0 else { return nil }
        let c = (Double(concordant) + Double(tied) / 2) / comparable
        var variance = 0.0
        for k in 0..<n {
            let influence = (pairScore[k] - c * pairCount[k]) / comparable
            variance += influence * influence
        }
        concordance = c
        standardError = variance.squareRoot()
        self.concordant = concordant
        self.discordant = discordant
        tiedOnScore = tied
    }
}

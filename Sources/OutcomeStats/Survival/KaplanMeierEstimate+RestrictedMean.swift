/// The restricted mean survival time up to τ and its standard error.
public struct RestrictedMeanSurvival: Sendable, Hashable {
    /// The horizon τ.
    public let horizon: Double
    /// RMST(τ) = ∫₀^τ S(t) dt.
    public let estimate: Double
    public let standardError: Double
}

extension KaplanMeierEstimate {
    /// The area under the Kaplan–Meier curve from 0 to τ, with the standard error R prints
    /// (`print(fit, rmean = τ)`, `se(rmean)`).
    ///
    /// ```
    /// RMST(τ) = ∫₀^τ S(t) dt
    /// Var = Σ_{tⱼ ≤ τ} Aⱼ² dⱼ / (nⱼ (nⱼ − dⱼ)),   Aⱼ = ∫_{tⱼ}^τ S(t) dt
    /// ```
    /// Klein & Moeschberger, *Survival Analysis*, 2nd ed. (2003), §4.5. No m/(m − 1) correction, as R. A τ beyond
    /// the last time extends the last value of S; a term with nⱼ = dⱼ has Aⱼ = 0 and contributes 0.
    /// - Precondition: τ ≥ 0 and finite; times non-negative (the curve starts at 0).
    public func restrictedMean(upTo horizon: Double) -> RestrictedMeanSurvival {
        precondition(horizon.isFinite && horizon >= 0, "The RMST horizon must be finite and ≥ 0, got \(horizon)")
        precondition((times.first ?? 0) >= 0, "RMST needs non-negative times")
        // Event times within the horizon and S just after each.
        var eventTimes: [Double] = [], after: [Double] = [], terms: [Double] = []
        for index in times.indices where times[index] <= horizon && events[index] > 0 {
            eventTimes.append(times[index])
            after.append(survival[index])
            let n = Double(atRisk[index]), d = Double(events[index])
            terms.append(atRisk[index] == events[index] ? 0 : d / (n * (n - d)))
        }
        // Areas from each event time to τ, accumulated backwards.
        var areaAfter = [Double](repeating: 0, count: eventTimes.count)
        var running = 0.0
        for index in eventTimes.indices.reversed() {
            let end = index + 1 < eventTimes.count ? eventTimes[index + 1] : horizon
            running += after[index] * (end - eventTimes[index])
            areaAfter[index] = running
        }
        let firstEvent = eventTimes.first ?? horizon
        let estimate = firstEvent + running  // S = 1 on [0, first event)
        var variance = 0.0
        for index in eventTimes.indices { variance += areaAfter[index] * areaAfter[index] * terms[index] }
        return RestrictedMeanSurvival(horizon: horizon, estimate: estimate, standardError: variance.squareRoot())
    }
}

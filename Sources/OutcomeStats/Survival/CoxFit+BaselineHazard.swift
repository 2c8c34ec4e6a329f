import Foundation

/// The baseline cumulative hazard of a Cox fit, per stratum, at covariates x = 0 (R `basehaz(fit, centered = FALSE)`).
///
/// ```
/// H₀(t) = Σ_{tⱼ ≤ t} Σₖ 1/Dₖ(tⱼ)    with Dₖ the Efron denominators at x = 0 (Breslow: dⱼ / Σ_{risk set} exp(xβ))
/// S(t | x) = exp(−H₀(t) exp(xβ))
/// ```
/// Breslow, discussion of Cox (1972); with Efron ties the tie-corrected increment, as R's `survfit.coxph`
/// (`ctype = 2`). A step function, right-continuous, 0 before the first event of the stratum.
public struct CoxBaselineHazard: Sendable, Hashable {
    /// The stratum codes as given to the fit, ascending (one code, 0, for an unstratified fit).
    public let strata: [Int]
    /// Event times per stratum, ascending.
    public let times: [[Double]]
    /// H₀ at those times.
    public let cumulativeHazards: [[Double]]

    /// H₀(t) in `stratum`; `nil` for a stratum the fit did not have.
    public func cumulativeHazard(at time: Double, stratum: Int = 0) -> Double? {
        guard let index = strata.firstIndex(of: stratum) else { return nil }
        let stratumTimes = times[index]
        var low = 0, high = stratumTimes.count
        while low < high {
            let middle = (low + high) / 2
            if stratumTimes[middle] <= time { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? 0 : cumulativeHazards[index][low - 1]
    }

    /// S(t | x) = exp(−H₀(t) exp(xβ)) for a subject with linear predictor xβ (uncentred).
    public func survival(at time: Double, linearPredictor: Double, stratum: Int = 0) -> Double? {
        cumulativeHazard(at: time, stratum: stratum).map { Foundation.exp(-$0 * Foundation.exp(linearPredictor)) }
    }
}

extension CoxFit {
    /// The baseline cumulative hazard at x = 0 (see ``CoxBaselineHazard``).
    /// - Complexity: one O(n·p²) recording pass.
    public func baselineCumulativeHazard() -> CoxBaselineHazard {
        let blocks = riskSets.evaluate(activeCoefficients, ties: options.ties, recording: true).blocks!
        let shift = Foundation.exp(-zip(riskSets.means, activeCoefficients).reduce(0) { $0 + $1.0 * $1.1 })
        var strata: [Int] = [], times: [[Double]] = [], hazards: [[Double]] = []
        // Blocks are in stratum order, time descending; walk each stratum's event blocks backwards.
        var position = blocks.block.count - 1
        while position >= 0 {
            let stratum = riskSets.blockStratum[blocks.block[position]]
            var stratumTimes: [Double] = [], cumulative: [Double] = [], running = 0.0
            while position >= 0 && riskSets.blockStratum[blocks.block[position]] == stratum {
                running += blocks.hazard[position] * shift
                stratumTimes.append(riskSets.times[riskSets.blockStarts[blocks.block[position]]])
                cumulative.append(running)
                position -= 1
            }
            strata.append(stratum)
            times.append(stratumTimes)
            hazards.append(cumulative)
        }
        // Strata were met from the last; put them in ascending code order.
        let order = strata.indices.sorted { strata[$0] < strata[$1] }
        return CoxBaselineHazard(
            strata: order.map { strata[$0] }, times: order.map { times[$0] },
            cumulativeHazards: order.map { hazards[$0] })
    }
}

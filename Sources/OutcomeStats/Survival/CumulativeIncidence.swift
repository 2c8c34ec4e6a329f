/// The Aalen–Johansen estimate of cumulative incidence for competing causes, with the infinitesimal-jackknife
/// standard errors R's `survfit` reports for a multi-state fit (`survfit(Surv(time, factor(status)) ~ 1)`).
///
/// ```
/// CIF_k(t) = Σ_{tⱼ ≤ t} S(tⱼ₋₁) d_kj / nⱼ        S the all-cause Kaplan–Meier estimate
/// ```
/// Aalen & Johansen, Scand. J. Stat. 5 (1978) 141. Never 1 − KM of one cause. The variance is Σᵢ Jᵢ(t)², Jᵢ the
/// influence of observation i on the state probabilities p(t) = p(t−)(I + dA(t)) (Efron 1982; Therneau,
/// "The survival package" vignette on multi-state curves). Observations that have left the risk set carry
/// influences that evolve linearly, so their second moments are propagated as one matrix and the whole
/// computation is a single pass.
///
/// Edge cases: all censored gives zero incidence; the event-free probability reaches 0 when the last subjects at
/// risk all have events.
/// - Complexity: O(n log n) for the sort, then O(m·K²) for m distinct times and K causes.
public struct CumulativeIncidence: Sendable, Hashable {
    /// The cause codes (every non-zero status), ascending.
    public let causes: [Int]
    /// Distinct times (events or censorings), ascending.
    public let times: [Double]
    public let atRisk: [Int]
    /// P(no event yet) at each time.
    public let eventFree: [Double]
    /// `incidence[k][j]` = CIF of `causes[k]` at `times[j]`.
    public let incidence: [[Double]]
    /// Infinitesimal-jackknife standard errors of ``incidence``.
    public let standardErrors: [[Double]]
    /// Standard errors of ``eventFree``.
    public let eventFreeStandardErrors: [Double]

    /// - Parameters:
    ///   - status: 0 = censored, any other value = the cause of the event.
    /// - Precondition: equal lengths; finite times.
    public init(times: [Double], status: [Int]) {
        precondition(times.count == status.count, "times and status need equal lengths")
        let causes = Array(Set(status.filter { $0 != 0 })).sorted()
        let causeIndex = Dictionary(uniqueKeysWithValues: causes.enumerated().map { ($1, $0 + 1) })
        let states = causes.count + 1
        let order = StableOrder.rows(byTime: times, descending: false)
        var probability = [Double](repeating: 0, count: states)
        probability[0] = 1
        var departed = Matrix(rows: states, columns: states)  // Σ Jᵢ Jᵢᵀ over subjects no longer at risk
        var atRiskInfluence = [Double](repeating: 0, count: states)
        var remaining = times.count
        var distinct: [Double] = [], risk: [Int] = [], free: [Double] = [], freeErrors: [Double] = []
        var incidence = [[Double]](repeating: [], count: causes.count)
        var errors = [[Double]](repeating: [], count: causes.count)
        var position = 0
        while position < order.count {
            let time = times[order[position]]
            var deaths = [Double](repeating: 0, count: states)  // deaths[k], k ≥ 1
            var leaving = 0
            while position < order.count && times[order[position]] == time {
                let code = status[order[position]]
                if code != 0 { deaths[causeIndex[code]!] += 1 }
                leaving += 1
                position += 1
            }
            let n = Double(remaining)
            let totalDeaths = deaths.reduce(0, +)
            // B = I + dA; row 0 of dA: (−d/n, d₁/n, …, d_K/n).
            var transition = Matrix.identity(states)
            transition[0, 0] = 1 - totalDeaths / n
            for k in 1..<states { transition[0, k] = deaths[k] / n }
            let before = probability
            probability = (0..<states).map { j in (0..<states).reduce(0) { $0 + before[$1] * transition[$1, j] } }
            departed = Matrix.product(Matrix.product(transition, transposingLeft: true, departed), transition)
            let base = (0..<states).map { j in (0..<states).reduce(0) { $0 + atRiskInfluence[$1] * transition[$1, j] } }
            // Influence of a subject without an event at this time (censored here or still at risk).
            var quiet = base
            quiet[0] += before[0] * (totalDeaths / n) / n
            for k in 1..<states { quiet[k] -= before[0] * (deaths[k] / n) / n }
            func addOuter(_ vector: [Double], _ weight: Double) {
                guard weight > 0 else { return }
                for i in 0..<states {
                    for j in 0..<states { departed[i, j] += weight * vector[i] * vector[j] }
                }
            }
            for k in 1..<states where deaths[k] > 0 {
                var event = quiet
                event[0] -= before[0] / n
                event[k] += before[0] / n
                addOuter(event, deaths[k])
            }
            addOuter(quiet, Double(leaving) - totalDeaths)
            atRiskInfluence = quiet
            remaining -= leaving
            let stillAtRisk = Double(remaining)
            func variance(_ state: Int) -> Double {
                departed[state, state] + stillAtRisk * atRiskInfluence[state] * atRiskInfluence[state]
            }
            distinct.append(time)
            risk.append(Int(n))
            free.append(probability[0])
            freeErrors.append(max(0, variance(0)).squareRoot())
            for k in 1..<states {
                incidence[k - 1].append(probability[k])
                errors[k - 1].append(max(0, variance(k)).squareRoot())
            }
        }
        self.causes = causes
        self.times = distinct
        self.atRisk = risk
        self.eventFree = free
        self.incidence = incidence
        self.standardErrors = errors
        self.eventFreeStandardErrors = freeErrors
    }

    /// The incidence of every cause and its standard error at `time` (a right-continuous step function; 0 with
    /// standard error 0 before the first time).
    public func values(at time: Double) -> [(incidence: Double, standardError: Double)] {
        var low = 0, high = times.count
        while low < high {
            let middle = (low + high) / 2
            if times[middle] <= time { low = middle + 1 } else { high = middle }
        }
        return causes.indices.map { k in low == 0 ? (0, 0) : (incidence[k][low - 1], standardErrors[k][low - 1]) }
    }
}

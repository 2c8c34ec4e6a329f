import Foundation

/// Quantities of each block with events at β, recorded for score residuals and the baseline hazard.
/// Arrays with `…Means` hold p values per block, row-major.
struct CoxEventBlocks: Sendable {
    /// The block index (see ``CoxRiskSets/blockStarts``).
    var block: [Int] = []
    /// h = Σₖ w̄/Dₖ, the hazard increment at the centred covariates (Dₖ the Efron denominators, w̄ the mean weight of
    /// the block's events; Σw/S₀ for Breslow).
    var hazard: [Double] = []
    /// Σₖ aₖ/Dₖ, aₖ = the Efron-weighted covariate mean of the k-th sub-step.
    var hazardMeans: [Double] = []
    /// Σₖ w̄(1 − k/d)/Dₖ: the hazard a subject with the event at this time is exposed to.
    var deathHazard: [Double] = []
    /// Σₖ w̄(1 − k/d) aₖ/Dₖ.
    var deathHazardMeans: [Double] = []
    /// (1/d) Σₖ aₖ: the mean subtracted from the covariates of each subject with the event.
    var eventMeans: [Double] = []
}

/// The score and information of the model extended with the covariates x·g(t) (Grambsch & Therneau 1994),
/// at (β, 0): the parts that involve the new terms.
struct CoxTimeInteraction: Sendable {
    /// U₂ = Σ_t g(t) u(t).
    var score: [Double]
    /// I₁₂ = Σ_t g(t) V(t), p × p.
    var cross: Matrix
    /// I₂₂ = Σ_t g(t)² V(t), p × p.
    var squared: Matrix
}

/// The log partial likelihood, score and information at β: one pass over the sorted risk sets.
struct CoxEvaluation: Sendable {
    var logLikelihood: Double
    var score: [Double]
    /// The information matrix (minus the Hessian), p × p, symmetric.
    var information: Matrix
    var blocks: CoxEventBlocks?
    var interaction: CoxTimeInteraction?
}

extension CoxRiskSets {
    /// Evaluates the partial likelihood at `beta` (centred scale).
    ///
    /// Inputs: the sorted rows (stratum, then time descending), blocks of tied times. For each block the risk sums
    /// S₀ = Σ r, S₁ = Σ r x, S₂ = Σ r x xᵀ (r = w exp(xβ), w the case weight) include the block's rows and leave out
    /// rows whose entry time is at or after the block's time; with d events, their weights summing to W and their
    /// sums D₀, D₁, D₂, Efron's sub-steps k = 0…d−1 use f = k/d and the mean weight w̄ = W/d (Breslow: f = 0 and one
    /// step of weight W):
    /// ```
    /// Dₖ = S₀ − f D₀     aₖ = (S₁ − f D₁)/Dₖ
    /// ℓ += Σ_events w xβ − w̄ Σₖ log Dₖ       u += Σ_events w x − w̄ Σₖ aₖ
    /// I += w̄ Σₖ [(S₂ − f D₂)/Dₖ − aₖ aₖᵀ]
    /// ```
    /// (Therneau & Grambsch 2000, §3.3 and §7.2; with unit weights w̄ = 1.) Rows are removed by subtracting their
    /// terms, as they were added. `phWeights` (one g(t) per block) also accumulates ``CoxTimeInteraction``.
    ///
    /// S₂ enters the information only as Σ_b c₀(b) S₂(b) (c₀ = Σₖ w̄/Dₖ, see below). Exchanging the sums,
    /// ```
    /// Σ_b c₀(b) S₂(b) = Σᵢ rᵢ Aᵢ xᵢ xᵢᵀ,     Aᵢ = Σ_{b at which i is at risk} c₀(b) = C(leaves) − C(joins)
    /// ```
    /// with C the running sum of c₀ over the blocks in sweep order (Aᵢ is row i's cumulative hazard at the centred
    /// covariates, Breslow's or Efron's, over its risk interval). So the sweep keeps only S₀ and S₁ (O(p) a row)
    /// and records the block at which each row leaves; one weighted sum of squares over the rows follows
    /// (``CoxCovariates/weightedGram(count:_:)``, O(r²) a row for r columns that vary within groups). Before, S₂
    /// was added and subtracted per row, O(p²) twice. `phWeights` needs S₂ block by block and keeps that way.
    /// Right-censored rows without grouped columns (each row added once, nothing subtracted) keep the running S₂ as
    /// well: there the sum after the sweep would cost the same p² a row plus a second pass.
    /// - Complexity: O(n·p + n·r²) with entry times or grouped columns and no `phWeights`, else O(n·p²).
    func evaluate(_ beta: [Double], ties: CoxTies, recording: Bool = false, phWeights: [Double]? = nil)
        -> CoxEvaluation
    {
        let p = columnCount
        let eta = linearPredictors(beta)
        var logLikelihood = 0.0
        var score = [Double](repeating: 0, count: p), information = [Double](repeating: 0, count: p * p)
        // Running sums live in one raw workspace: the hot loop then has no array bounds or uniqueness checks.
        let workspace = UnsafeMutablePointer<Double>.allocate(capacity: 3 * p + 2 * p * p)
        workspace.initialize(repeating: 0, count: 3 * p + 2 * p * p)
        defer { workspace.deallocate() }
        let s1 = workspace, d1 = workspace + p, deathSum = workspace + 2 * p
        let s2 = workspace + 3 * p, d2 = workspace + 3 * p + p * p
        var mean = score
        var blockScore = score, blockVariance = information
        var u2 = score, i12 = information, i22 = information
        var blocks = recording ? CoxEventBlocks() : nil
        var s0 = 0.0
        let efron = ties == .efron
        var leaving = RemovalCursor()
        // Without phWeights, S₂ is summed after the sweep (above): C per block, and where each row leaves. Only
        // where that saves work: rows that leave (entry times) would add and subtract S₂, and grouped columns make
        // the sum after the sweep cheaper than p² a row; otherwise each row adds to S₂ once either way.
        let summedAfter = phWeights == nil && (entryTimes != nil || covariates.groupColumnCount > 0)
        // C in double-double (high part, then the rounding error of each addition summed): a row's A is a difference
        // of two C values that may be far larger than it (a large β makes c₀ span many orders of magnitude)
        var cumulative = [Double](repeating: 0, count: summedAfter ? 2 * (blockCount + 1) : 0)
        var leavesAt = [Int32](repeating: 0, count: summedAfter ? count : 0)
        var stratumEnd = [Int32](repeating: 0, count: summedAfter ? blockCount : 0)
        if summedAfter {
            for b in stride(from: blockCount - 1, through: 0, by: -1) {
                stratumEnd[b] = b + 1 == blockCount || startsStratum[b + 1] ? Int32(b + 1) : stratumEnd[b + 1]
            }
        }
        cumulative.withUnsafeMutableBufferPointer { cumulative in
        leavesAt.withUnsafeMutableBufferPointer { leavesAt in
        covariates.withRows { x in
        eta.withUnsafeBufferPointer { eta in
        events.withUnsafeBufferPointer { events in
        (weights ?? []).withUnsafeBufferPointer { weights in
            // 1 for every row of an unweighted fit (`weights` empty): the products below are then exact copies
            @inline(__always) func caseWeight(_ i: Int) -> Double { weights.isEmpty ? 1 : weights[i] }
            for b in 0..<blockCount {
                if startsStratum[b] {
                    s0 = 0
                    for j in 0..<p { s1[j] = 0 }
                    for j in 0..<(p * p) { s2[j] = 0 }
                }
                if summedAfter {
                    cumulative[2 * b + 2] = cumulative[2 * b]
                    cumulative[2 * b + 3] = cumulative[2 * b + 1]
                }
                leaving.leaving(self, stratum: blockStratum[b], time: times[blockStarts[b]]) { i in
                    let risk = caseWeight(i) * Foundation.exp(eta[i])
                    let row = x.row(i)
                    s0 -= risk
                    if summedAfter {
                        leavesAt[i] = Int32(b)
                        for j in 0..<p { s1[j] -= risk * row[j] }
                        return
                    }
                    for j in 0..<p {
                        let weighted = risk * row[j]
                        s1[j] -= weighted
                        for k in 0...j { s2[k + j * p] -= weighted * row[k] }
                    }
                }
                var deaths = 0, d0 = 0.0, deathWeight = 0.0
                for i in blockStarts[b]..<blockStarts[b + 1] {
                    let weight = caseWeight(i)
                    let risk = weight * Foundation.exp(eta[i])
                    let row = x.row(i)
                    s0 += risk
                    if summedAfter {
                        leavesAt[i] = stratumEnd[b]  // unless it leaves earlier
                        for j in 0..<p { s1[j] += risk * row[j] }
                    } else {
                        for j in 0..<p {
                            let weighted = risk * row[j]
                            s1[j] += weighted
                            for k in 0...j { s2[k + j * p] += weighted * row[k] }
                        }
                    }
                    guard events[i] else { continue }
                    if deaths == 0 {
                        d0 = 0
                        for j in 0..<p { d1[j] = 0; deathSum[j] = 0 }
                        if efron { for j in 0..<(p * p) { d2[j] = 0 } }
                    }
                    deaths += 1
                    deathWeight += weight
                    d0 += risk
                    logLikelihood += weight * eta[i]
                    for j in 0..<p {
                        let value = row[j]
                        deathSum[j] += weight * value
                        d1[j] += risk * value
                        if efron { for k in 0...j { d2[k + j * p] += risk * value * row[k] } }
                    }
                }
                guard deaths > 0 else { continue }
                let d = Double(deaths)
                // w̄: each Efron sub-step carries the mean weight of the tied events (1 without weights).
                let meanWeight = deathWeight / d
                for j in 0..<p { score[j] += deathSum[j]; blockScore[j] = deathSum[j] }
                // The sub-steps enter only through scalar sums over k, so the block costs O(p²) however many
                // events are tied: with cₘ = Σₖ fₖᵐ/Dₖ and qₘ = Σₖ fₖᵐ/Dₖ²,
                //   Σₖ aₖ = c₀S₁ − c₁D₁,   Σₖ (S₂ − fₖD₂)/Dₖ = c₀S₂ − c₁D₂,
                //   Σₖ aₖaₖᵀ = q₀S₁S₁ᵀ − q₁(S₁D₁ᵀ + D₁S₁ᵀ) + q₂D₁D₁ᵀ.
                // (Breslow: f = 0 and d equal sub-steps.)
                var c0 = 0.0, c1 = 0.0, q0 = 0.0, q1 = 0.0, q2 = 0.0
                if efron {
                    for step in 0..<deaths {
                        let f = Double(step) / d
                        let denominator = s0 - f * d0
                        logLikelihood -= meanWeight * Foundation.log(denominator)
                        let inverse = 1 / denominator
                        c0 += inverse
                        c1 += f * inverse
                        q0 += inverse * inverse
                        q1 += f * inverse * inverse
                        q2 += f * f * inverse * inverse
                    }
                    c0 *= meanWeight; c1 *= meanWeight; q0 *= meanWeight; q1 *= meanWeight; q2 *= meanWeight
                } else {
                    logLikelihood -= deathWeight * Foundation.log(s0)
                    c0 = deathWeight / s0
                    q0 = deathWeight / (s0 * s0)
                }
                if summedAfter {
                    let (sum, error) = Self.twoSum(cumulative[2 * b + 2], c0)
                    cumulative[2 * b + 2] = sum
                    cumulative[2 * b + 3] += error
                }
                for j in 0..<p {
                    let meanSum = c0 * s1[j] - c1 * d1[j]
                    score[j] -= meanSum
                    blockScore[j] -= meanSum
                }
                for j in 0..<p {
                    for k in 0...j {
                        let index = k + j * p
                        let second = summedAfter ? (efron ? -c1 * d2[index] : 0)
                            : efron ? c0 * s2[index] - c1 * d2[index] : c0 * s2[index]
                        let outer = q0 * s1[k] * s1[j] - q1 * (s1[k] * d1[j] + d1[k] * s1[j]) + q2 * d1[k] * d1[j]
                        let value = second - outer
                        information[index] += value
                        if phWeights != nil { blockVariance[index] = value }
                    }
                }
                var hazard = 0.0, deathHazard = 0.0
                if recording {
                    let recordStart = blocks!.hazardMeans.count
                    blocks!.block.append(b)
                    blocks!.hazardMeans.append(contentsOf: repeatElement(0, count: p))
                    blocks!.deathHazardMeans.append(contentsOf: repeatElement(0, count: p))
                    blocks!.eventMeans.append(contentsOf: repeatElement(0, count: p))
                    let steps = efron ? deaths : 1
                    let multiplicity = efron ? meanWeight : deathWeight
                    let eventShare = efron ? 1.0 : d
                    for step in 0..<steps {
                        let f = efron ? Double(step) / d : 0
                        let denominator = s0 - f * d0
                        hazard += multiplicity / denominator
                        deathHazard += multiplicity * (1 - f) / denominator
                        for j in 0..<p {
                            mean[j] = (s1[j] - f * d1[j]) / denominator
                            blocks!.hazardMeans[recordStart + j] += multiplicity * mean[j] / denominator
                            blocks!.deathHazardMeans[recordStart + j] += multiplicity * (1 - f) * mean[j] / denominator
                            blocks!.eventMeans[recordStart + j] += eventShare * mean[j] / d
                        }
                    }
                }
                if recording {
                    blocks!.hazard.append(hazard)
                    blocks!.deathHazard.append(deathHazard)
                }
                if let phWeights {
                    let g = phWeights[b]
                    for j in 0..<p { u2[j] += g * blockScore[j] }
                    for j in 0..<p {
                        for k in 0...j {
                            i12[k + j * p] += g * blockVariance[k + j * p]
                            i22[k + j * p] += g * g * blockVariance[k + j * p]
                        }
                    }
                }
            }
        }
        }
        }
        }
        }
        }
        if summedAfter {
            // Σᵢ rᵢ (C(leaves) − C(joins)) xᵢ xᵢᵀ, the rows in sorted order (row i joins in its own block)
            var block = 0
            let gram = covariates.weightedGram(count: count) { i in
                while blockStarts[block + 1] <= i { block += 1 }
                let leaves = 2 * Int(leavesAt[i]), joins = 2 * block
                let (difference, error) = Self.twoSum(cumulative[leaves], -cumulative[joins])
                let exposure = difference + (error + (cumulative[leaves + 1] - cumulative[joins + 1]))
                return (weights?[i] ?? 1) * Foundation.exp(eta[i]) * exposure
            }
            for j in 0..<p {
                for k in 0...j { information[k + j * p] += gram[k + j * p] }
            }
        }
        let interaction = phWeights.map { _ in
            CoxTimeInteraction(
                score: u2, cross: Matrix(rows: p, columns: p, columnMajor: i12).symmetricFromUpperTriangle,
                squared: Matrix(rows: p, columns: p, columnMajor: i22).symmetricFromUpperTriangle)
        }
        return CoxEvaluation(
            logLikelihood: logLikelihood, score: score,
            information: Matrix(rows: p, columns: p, columnMajor: information).symmetricFromUpperTriangle,
            blocks: blocks, interaction: interaction)
    }

    /// a + b and its rounding error, exactly (Knuth's TwoSum).
    @inline(__always)
    static func twoSum(_ a: Double, _ b: Double) -> (sum: Double, error: Double) {
        let sum = a + b
        let bPart = sum - a
        return (sum, (a - (sum - bPart)) + (b - bPart))
    }
}

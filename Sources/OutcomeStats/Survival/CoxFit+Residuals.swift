import Foundation

extension CoxFit {
    /// The score residuals Uᵢ (R `residuals(fit, type = "score")`), n × p over the design columns in the
    /// original row order (zeros in aliased columns).
    ///
    /// ```
    /// Uᵢ = Σₖ [ (δᵢ/d)(xᵢ − aₖ) − Yᵢ(k) rᵢ (xᵢ − aₖ)/Dₖ ]   over the Efron sub-steps k of each event time ≤ tᵢ
    /// ```
    /// with Yᵢ(k) = 1 − k/d for a subject with the event at that time and 1 otherwise (Breslow: k has one step of
    /// weight d). Therneau, Grambsch & Fleming, Biometrika 77 (1990) 147, doi:10.1093/biomet/77.1.147.
    /// Σᵢ Uᵢ = u(β̂) ≈ 0.
    /// - Complexity: O(n·p) after one recording pass.
    public func scoreResiduals() -> Matrix {
        let sorted = Self.sortedScoreResiduals(riskSets: riskSets, beta: activeCoefficients, ties: options.ties)
        let p = riskSets.columnCount, n = riskSets.count
        var result = Matrix(rows: n, columns: coefficients.count)
        for position in 0..<n {
            let row = Int(riskSets.order[position])
            for (j, column) in riskSets.columns.enumerated() { result[row, column] = sorted[position * p + j] }
        }
        return result
    }

    /// Score residuals in sorted order, row-major n × p_active.
    ///
    /// Walks each stratum from its earliest time up, accumulating H(t) = Σ h and M(t) = Σ h·a over the event blocks
    /// (``CoxEventBlocks``); a row (start, stop] is exposed to the increments in (start, stop], i.e. H(stop) − H(start)
    /// with H(start) read at the stratum's last block at or before start (found by bisection). The residuals are
    /// unweighted (R's `residuals(fit, type = "score")`); with case weights Σᵢ wᵢUᵢ = u(β̂).
    static func sortedScoreResiduals(riskSets: CoxRiskSets, beta: [Double], ties: CoxTies) -> [Double] {
        let p = riskSets.columnCount
        var residuals = [Double](repeating: 0, count: riskSets.count * p)
        forEachScoreResidual(riskSets: riskSets, beta: beta, ties: ties) { position, residual in
            for j in 0..<p { residuals[position * p + j] = residual[j] }
        }
        return residuals
    }

    /// Computes the score residuals one row at a time, calling `body(position, Uᵢ)` for each sorted position
    /// (blocks from the latest time down, rows of a block in order) with the p values in a buffer that is
    /// reused: O(p) memory instead of n × p, for a caller that only sums them.
    static func forEachScoreResidual(
        riskSets: CoxRiskSets, beta: [Double], ties: CoxTies, _ body: (Int, UnsafeBufferPointer<Double>) -> Void
    ) {
        let p = riskSets.columnCount
        let blocks = riskSets.evaluate(beta, ties: ties, recording: true).blocks!
        var eventIndex = [Int](repeating: -1, count: riskSets.blockCount)
        for (index, block) in blocks.block.enumerated() { eventIndex[block] = index }
        let eta = riskSets.linearPredictors(beta)
        var residual = [Double](repeating: 0, count: p)
        // H and M after each block, and the end of each block's stratum, for the entry times.
        let entries = riskSets.entryTimes
        var hazardAfter = [Double](repeating: 0, count: entries == nil ? 0 : riskSets.blockCount)
        var meansAfter = [Double](repeating: 0, count: entries == nil ? 0 : riskSets.blockCount * p)
        var stratumEnd = riskSets.blockCount
        var cumulativeHazard = 0.0, cumulativeMeans = [Double](repeating: 0, count: p)
        var entryMeans = cumulativeMeans
        riskSets.covariates.withRows { x in
            for b in stride(from: riskSets.blockCount - 1, through: 0, by: -1) {
                let e = eventIndex[b]
                if e >= 0 {
                    cumulativeHazard += blocks.hazard[e]
                    for j in 0..<p { cumulativeMeans[j] += blocks.hazardMeans[e * p + j] }
                }
                if entries != nil {
                    hazardAfter[b] = cumulativeHazard
                    for j in 0..<p { meansAfter[b * p + j] = cumulativeMeans[j] }
                }
                for i in riskSets.blockStarts[b]..<riskSets.blockStarts[b + 1] {
                    let risk = Foundation.exp(eta[i])
                    // H(start), M(start): the last block of the stratum (after b) whose time is ≤ start.
                    var entryHazard = 0.0
                    for j in 0..<p { entryMeans[j] = 0 }
                    if let entries {
                        var low = b + 1, high = stratumEnd
                        while low < high {
                            let middle = (low + high) / 2
                            if riskSets.times[riskSets.blockStarts[middle]] <= entries[i] { high = middle } else { low = middle + 1 }
                        }
                        if low < stratumEnd {
                            entryHazard = hazardAfter[low]
                            for j in 0..<p { entryMeans[j] = meansAfter[low * p + j] }
                        }
                    }
                    let row = x.row(i)
                    for j in 0..<p {
                        let value = row[j]
                        if riskSets.events[i] {
                            let hazard = cumulativeHazard - blocks.hazard[e] + blocks.deathHazard[e] - entryHazard
                            let means = cumulativeMeans[j] - blocks.hazardMeans[e * p + j]
                                + blocks.deathHazardMeans[e * p + j] - entryMeans[j]
                            residual[j] = value - blocks.eventMeans[e * p + j] - risk * (value * hazard - means)
                        } else {
                            residual[j] = -risk * (value * (cumulativeHazard - entryHazard)
                                                   - (cumulativeMeans[j] - entryMeans[j]))
                        }
                    }
                    residual.withUnsafeBufferPointer { body(i, $0) }
                }
                if riskSets.startsStratum[b] {
                    cumulativeHazard = 0
                    for j in 0..<p { cumulativeMeans[j] = 0 }
                    stratumEnd = b
                }
            }
        }
    }

    /// The robust variance V (Σ_c U_c U_cᵀ) V, U_c = Σ_{i∈c} wᵢUᵢ the weighted score residuals summed within
    /// cluster c and V = I(β̂)⁻¹ (Lin & Wei, JASA 84 (1989) 1074, doi:10.1080/01621459.1989.10478874; R's
    /// `coxph(robust = TRUE)` and `cluster`, whose variance is the cross-product of `residuals(fit, "dfbeta",
    /// weighted = TRUE)` collapsed by cluster). `clusters` is indexed by original row. Each cluster's sum is taken
    /// in the order the residuals are computed (``forEachScoreResidual(riskSets:beta:ties:_:)``), without storing them.
    static func sandwich(
        riskSets: CoxRiskSets, evaluation: CoxEvaluation, beta: [Double], variance: Matrix, clusters: [Int],
        ties: CoxTies
    ) -> Matrix {
        let p = riskSets.columnCount
        guard p > 0 else { return Matrix(rows: 0, columns: 0) }
        let (clusterOfPosition, clusterCount) = denseClusters(riskSets: riskSets, clusters: clusters)
        var sums = [Double](repeating: 0, count: clusterCount * p)
        let weights = riskSets.weights
        forEachScoreResidual(riskSets: riskSets, beta: beta, ties: ties) { position, residual in
            let base = Int(clusterOfPosition[position]) * p, weight = weights?[position] ?? 1
            for j in 0..<p { sums[base + j] += weight * residual[j] }
        }
        // Σ_c U_c U_cᵀ = Uᵀ U with U the clusters × p matrix (column-major for BLAS).
        var columnMajor = [Double](repeating: 0, count: clusterCount * p)
        for c in 0..<clusterCount {
            for j in 0..<p { columnMajor[c + j * clusterCount] = sums[c * p + j] }
        }
        let u = Matrix(rows: clusterCount, columns: p, columnMajor: columnMajor)
        let meat = Matrix.product(u, transposingLeft: true, u)
        return (variance * meat * variance).symmetrized
    }

    /// The cluster of each sorted position as 0, 1, 2, … in order of first appearance along the sorted rows, and
    /// the number of clusters. Codes within 0..<2n are looked up in an array, others in a dictionary.
    static func denseClusters(riskSets: CoxRiskSets, clusters: [Int]) -> (indices: [Int32], count: Int) {
        let n = riskSets.count
        var indices = [Int32](repeating: 0, count: n)
        var count = 0
        if let low = clusters.min(), let high = clusters.max(), low >= 0, high < 2 * n {
            var index = [Int32](repeating: -1, count: high + 1)
            for position in 0..<n {
                let code = clusters[Int(riskSets.order[position])]
                if index[code] < 0 {
                    index[code] = Int32(count)
                    count += 1
                }
                indices[position] = index[code]
            }
        } else {
            var index: [Int: Int32] = [:]
            for position in 0..<n {
                let code = clusters[Int(riskSets.order[position])]
                let dense = index[code] ?? {
                    index[code] = Int32(count)
                    count += 1
                    return Int32(count - 1)
                }()
                indices[position] = dense
            }
        }
        return (indices, count)
    }
}

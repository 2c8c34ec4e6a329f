extension LinearMixedModel {
    /// Fits the growth model with one group-level factor, `lme4::lmer(y ~ t * level + (1 + t | group))`, without
    /// forming its design: the same model as ``fit(response:fixedEffects:time:group:)`` with the design below, at
    /// O(n) to gather and O(G) per deviance evaluation instead of O(n·p²) and O(G·p²) (``LevelCrossProducts``).
    ///
    /// ```
    /// columns of X (L = levelCount; level 0 is the reference):
    ///   (Intercept), t, 1{level = ℓ} for ℓ = 1…L−1, t · 1{level = ℓ} for ℓ = 1…L−1
    /// ```
    /// The result's coefficients are in that order (2L of them). A level with no group in the data makes its two
    /// columns aliased: they are `nil` and flagged ``ConvergenceWarning/Code/aliasedColumns`` as in the general
    /// form.
    /// - Parameters:
    ///   - response: y, one value per row.
    ///   - time: t, one value per row: the slope's covariate and the fixed time term.
    ///   - group: the 0-based group of each row; rows may come in any order.
    ///   - groupLevel: the level of each group (indexed by group, 0..<levelCount).
    ///   - levelCount: L ≥ 1.
    /// - Throws: ``MixedModelInputError`` for mismatched lengths, non-finite values, a negative group, a group
    ///   without a level or a level out of range, or fewer observations than estimable fixed effects plus one.
    public func fit(response: [Double], time: [Double], group: [Int], groupLevel: [Int], levelCount: Int) throws
        -> LinearMixedModelFit
    {
        let n = response.count
        guard time.count == n, group.count == n else {
            throw MixedModelInputError("response, time and group need the same number of rows")
        }
        guard levelCount >= 1 else { throw MixedModelInputError("the factor needs at least one level") }
        let groupCount = try Self.checkedGroupCount(response: response, time: time, group: group)
        guard groupLevel.count >= groupCount else {
            throw MixedModelInputError("group \(groupLevel.count + 1) has no level")
        }
        if let index = groupLevel.prefix(groupCount).firstIndex(where: { !(0..<levelCount).contains($0) }) {
            throw MixedModelInputError("group \(index + 1): level \(groupLevel[index]) is not in 0..<\(levelCount)")
        }
        let full = LevelCrossProducts(
            response: response, time: time, group: group, groupCount: groupCount,
            level: groupLevel.prefix(groupCount).map { Int32($0) }, levelCount: levelCount)
        let kept = try Self.estimableColumns(of: full.xTx)
        let data = kept.count == full.columns.count ? full : full.keeping(columns: kept)
        guard n > kept.count else {
            throw MixedModelInputError("\(n) observations cannot estimate \(kept.count) fixed effects and a residual variance")
        }
        let deviance = LevelProfiledDeviance(
            data: data, restricted: options.criterion == .restrictedMaximumLikelihood,
            randomSlope: options.randomEffects == .interceptAndSlope)
        return try fit(deviance, keptColumns: kept, columnCount: full.columns.count, response: response, group: group)
    }
}

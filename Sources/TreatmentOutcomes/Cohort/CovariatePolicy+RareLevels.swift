extension CovariatePolicy {
    /// `column` with every level held by fewer than ``minimumCellSize`` patients merged into ``otherLevel`` (a level
    /// already named `Other` is that same level), and whether any level was merged; `nil` when no level but `Other`
    /// would remain (every patient with a value would be `Other`). Missing values stay missing. Levels stay sorted by
    /// their UTF-8 bytes.
    /// - Complexity: O(patients + levels).
    func poolingRareLevels(_ column: CategoricalColumn) -> (column: CategoricalColumn, pooled: Bool)? {
        var counts = [Int](repeating: 0, count: column.levels.count)
        for code in column.codes where code >= 0 { counts[Int(code)] += 1 }
        let other = Self.otherLevel
        let rare = Set(column.levels.indices.filter {
            counts[$0] > 0 && counts[$0] < minimumCellSize && column.levels[$0] != other
        })
        let keptLevels = column.levels.indices.filter { counts[$0] > 0 && !rare.contains($0) }.map { column.levels[$0] }
        guard keptLevels.contains(where: { $0 != other }) else { return nil }
        guard !rare.isEmpty || keptLevels.count != column.levels.count else { return (column, false) }
        let levels = Set(keptLevels + (rare.isEmpty ? [] : [other]))
            .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        let index = Dictionary(uniqueKeysWithValues: levels.enumerated().map { ($1, Int32($0)) })
        // a level no patient has keeps no code (none refers to it)
        let newCode = column.levels.indices.map { rare.contains($0) ? index[other]! : index[column.levels[$0]] ?? -1 }
        let codes = column.codes.map { $0 < 0 ? CategoricalColumn.missingCode : newCode[Int($0)] }
        return (CategoricalColumn(levels: levels, codes: codes), !rare.isEmpty)
    }
}

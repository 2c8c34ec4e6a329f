extension SuppressionProblem {
    /// Adds the printed count `key` as a part of `total` (already added), beside the hidden rest `rest`
    /// (`total − count`), and the sum `key + rest = total`. Does nothing when `count` exceeds the total's count
    /// or `total` was not added (the counts are not nested, so no sum ties them).
    public mutating func addPart(_ key: Key, count: Int, of total: Key, rest: Key) {
        addCell(key, count: count)
        guard let whole = self.count(of: total), count <= whole else { return }
        addHiddenCell(rest, count: whole - count)
        addGroup([key, rest, total])
    }

    /// Adds `total` as the sum of `parts` (all already added) when their counts add up; returns whether they did.
    @discardableResult
    public mutating func addSumIfConsistent(_ parts: [Key], total: Key) -> Bool {
        let values = parts.compactMap { count(of: $0) }
        guard values.count == parts.count, let whole = count(of: total), values.reduce(0, +) == whole else { return false }
        addGroup(parts + [total])
        return true
    }
}

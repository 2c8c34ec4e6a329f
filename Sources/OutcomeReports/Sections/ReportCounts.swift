import TreatmentOutcomes

/// Every count a cohort report prints, tied together in one ``SuppressionProblem`` so that a number shown in
/// two tables (an arm's N, the cohort's N) is withheld in both or in neither.
///
/// Blocks: the arm × grouping cross-tabulation (rows: levels, then missing when present); one block per
/// categorical variable (rows: levels, then missing); and for a numeric variable one row, its missing count.
/// Column totals of every cross-tabulated block are the arm Ns; their total is the cohort N.
struct ReportCounts: Sendable {
    enum Key: Hashable, Sendable {
        case grandTotal
        case armTotal(arm: Int)
        case cell(block: Int, row: Int, arm: Int)
        case rowTotal(block: Int, row: Int)
    }

    /// The block number of the grouping cross-tabulation; variable `v` is block `v + 1`.
    static let groupingBlock = 0

    let policy: SmallCellPolicy
    let problem: SuppressionProblem<Key>
    let suppression: Suppression<Key>

    init(baseline: BaselineCharacteristics, policy: SmallCellPolicy) {
        var problem = SuppressionProblem<Key>()
        func addCrossTabulation(_ counts: [[Int]], block: Int) {
            problem.addCrossTabulation(
                counts, cell: { Key.cell(block: block, row: $0, arm: $1) },
                rowTotal: { Key.rowTotal(block: block, row: $0) }, columnTotal: { Key.armTotal(arm: $0) },
                grandTotal: .grandTotal)
        }
        addCrossTabulation(baseline.groupingCounts, block: ReportCounts.groupingBlock)
        for (index, characteristic) in baseline.characteristics.enumerated() {
            let block = index + 1
            switch characteristic.summary {
            case .categorical(_, let counts):
                addCrossTabulation(counts, block: block)
            case .numeric(_, _, let missing):
                for (arm, count) in missing.enumerated() {
                    problem.addCell(.cell(block: block, row: 0, arm: arm), count: count)
                }
                problem.addCell(.rowTotal(block: block, row: 0), count: missing.reduce(0, +))
                problem.addGroup(missing.indices.map { .cell(block: block, row: 0, arm: $0) } + [.rowTotal(block: block, row: 0)])
            }
        }
        self.policy = policy
        self.problem = problem
        self.suppression = problem.solve(policy)
    }

    /// The count of `key`. - Precondition: `key` was counted.
    func count(_ key: Key) -> Int {
        guard let count = problem.count(of: key) else { preconditionFailure("ReportCounts: \(key) was not counted") }
        return count
    }

    /// The count, or ``Cell/suppressed``.
    func countCell(_ key: Key) -> Cell {
        suppression.isSuppressed(key) ? .suppressed : .count(count(key))
    }

    /// `n (p%)` with `p = n / denominator`; suppressed when `n` is; the percentage is left out when the
    /// denominator is suppressed, small or zero.
    func countAndPercentageCell(_ key: Key, of denominator: Key) -> Cell {
        guard !suppression.isSuppressed(key) else { return .suppressed }
        let total = count(denominator)
        let percentageShown = total > 0 && !suppression.isSuppressed(denominator) && !policy.isSmall(total)
        let percentage = percentageShown ? Double(count(key)) / Double(total) : nil
        return .countAndPercentage(count: count(key), percentage: percentage, decimals: 1)
    }

    /// The key of the arm column `arm`, or of the Overall column when `arm == nil`.
    static func column(_ arm: Int?, block: Int, row: Int) -> Key {
        arm.map { Key.cell(block: block, row: row, arm: $0) } ?? .rowTotal(block: block, row: row)
    }

    /// The N of arm column `arm`, or of the cohort when `arm == nil`.
    static func total(_ arm: Int?) -> Key {
        arm.map { Key.armTotal(arm: $0) } ?? .grandTotal
    }
}

import TreatmentOutcomes

/// The disclosure ledger of a cohort report: every count the report prints, and every count a reader can work
/// out from what it prints (a percentage with its N, a Kaplan–Meier estimate with its N, an arm's patients
/// without a record), tied together by their sums in one ``SuppressionProblem``, so that withholding is chosen
/// across all tables at once and a number shown in two tables (an arm's N, the cohort's N) is withheld in both or
/// in neither.
///
/// Baseline blocks: the arm × grouping cross-tabulation (rows: levels, then missing when present); one block per
/// categorical variable (rows: levels, then missing); and for a numeric variable one row, its missing count.
/// Column totals of every cross-tabulated block are the arm Ns; their total is the cohort N. Each section then
/// registers its own counts (``named(_:)`` keys) with the sums that tie them to the arm Ns: a sub-count of an arm
/// (patients with a record, with a word, with a dosing window) is a part of the arm's N beside a hidden rest.
struct ReportCounts: Sendable {
    enum Key: Hashable, Sendable, CustomStringConvertible {
        case grandTotal
        case armTotal(arm: Int)
        case cell(block: Int, row: Int, arm: Int)
        case rowTotal(block: Int, row: Int)
        /// A section's count, named by the section ("retention N Methadone").
        case named(String)

        var description: String {
            switch self {
            case .grandTotal: "cohort N"
            case .armTotal(let arm): "N of arm \(arm)"
            case .cell(let block, let row, let arm): "baseline block \(block) row \(row) arm \(arm)"
            case .rowTotal(let block, let row): "baseline block \(block) row \(row) total"
            case .named(let name): name
            }
        }
    }

    /// The block number of the grouping cross-tabulation; variable `v` is block `v + 1`.
    static let groupingBlock = 0

    let policy: SmallCellPolicy
    let problem: SuppressionProblem<Key>
    let suppression: Suppression<Key>
    /// Tests only: print every count, so that an audit knows the true value of each withheld cell.
    var revealsEverything = false

    /// The ledger of the whole report: the baseline counts, then every section's.
    init(analysis: CohortAnalysis, policy: SmallCellPolicy) {
        var problem = Self.baselineProblem(analysis.baseline)
        RetentionSection.register(analysis, into: &problem)
        UrineScreenSection.register(analysis, into: &problem)
        AdherenceSection.register(analysis, into: &problem)
        CravingSection.register(analysis, into: &problem)
        RelapseRiskSection.register(analysis, policy: policy, into: &problem)
        BalanceSection.register(analysis, into: &problem)
        self.init(problem: problem, policy: policy)
    }

    /// The baseline counts alone.
    init(baseline: BaselineCharacteristics, policy: SmallCellPolicy) {
        self.init(problem: Self.baselineProblem(baseline), policy: policy)
    }

    init(problem: SuppressionProblem<Key>, policy: SmallCellPolicy) {
        self.policy = policy
        self.problem = problem
        self.suppression = problem.solve(policy)
    }

    static func baselineProblem(_ baseline: BaselineCharacteristics) -> SuppressionProblem<Key> {
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
        return problem
    }

    /// Whether `key` is withheld (a key that was never registered is not).
    func isWithheld(_ key: Key) -> Bool { !revealsEverything && suppression.isSuppressed(key) }

    /// Whether none of `keys` is withheld.
    func areShown(_ keys: [Key]) -> Bool { !keys.contains(where: isWithheld) }

    /// The count of `key` if registered.
    func registeredCount(_ key: Key) -> Int? { problem.count(of: key) }

    /// The count of `key`. - Precondition: `key` was counted.
    func count(_ key: Key) -> Int {
        guard let count = problem.count(of: key) else { preconditionFailure("ReportCounts: \(key) was not counted") }
        return count
    }

    /// The count, or ``Cell/suppressed``.
    func countCell(_ key: Key) -> Cell {
        isWithheld(key) ? .suppressed : .count(count(key))
    }

    /// `n (p%)` with `p = n / denominator`; suppressed when `n` is; the percentage is left out when the
    /// denominator is suppressed, small or zero.
    func countAndPercentageCell(_ key: Key, of denominator: Key) -> Cell {
        countAndPercentageCell(key, of: denominator, less: nil)
    }

    /// `n (p%)` with `p = n / (denominator − excluded)` (a level's share of the patients with a recorded value, when
    /// `excluded` is the missing count); the percentage is left out when either count is withheld (the share would
    /// give the withheld one away) or the difference is small or zero.
    func countAndPercentageCell(_ key: Key, of denominator: Key, less excluded: Key?) -> Cell {
        guard !isWithheld(key) else { return .suppressed }
        let total = count(denominator) - (excluded.map(count) ?? 0)
        let percentageShown = total > 0 && !isWithheld(denominator) && !(excluded.map(isWithheld) ?? false)
            && (revealsEverything || !policy.isSmall(total))
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

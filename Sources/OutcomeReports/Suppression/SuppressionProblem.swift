/// Counts tied together by sums (rows, columns and totals of one or more tables, and counts a reader can work out
/// without seeing them) and the cells to withhold.
///
/// A *group* is a sum: its last member is the total of the others (a table row with its row total, a column with
/// its column total, an arm's N with its patients with and without a record). A cell may belong to several groups
/// and several tables (an arm's N, shown in five tables), which keeps the withholding consistent everywhere the
/// number appears. A *hidden* cell is never printed but tied to printed ones (the non-adherent patients of an arm,
/// its patients without a word): a reader can work it out when the printed cells around it are known, so a hidden
/// count of 1…(minimum − 1) is protected like a printed one.
///
/// Algorithm (docs/ReportingConventions.md, "Small-cell suppression"; the CMS cell-size suppression policy for the
/// threshold, the linked-table audit of tau-ARGUS, Hundepool et al., *Statistical Disclosure Control*, Wiley 2012,
/// §4.4–4.6, for the protection):
/// ```
/// withheld ← { printed c : 1 ≤ count(c) ≤ minimum − 1 }                         (primary)
/// repeat                                                                        (complementary, quick)
///     for each group g with exactly one unknown (withheld or hidden) cell u, u withheld or small,
///     or whose total is printed and whose k unknown parts are all withheld with Σ count − k < 2:
///         withheld ← withheld ∪ { argmin count(c) : c ∈ g printed, not withheld, count(c) > 0 }
/// until a pass adds nothing
/// repeat                                                                        (audit)
///     for each protected cell u (withheld, or hidden and small), with value t:
///         the unknowns are the withheld and hidden cells; printed cells are constants; every group is an
///         equation; a withheld cell is ≥ 1 (zeros are printed), a hidden one ≥ 0
///         if no integer solution has u ≤ t − 2 or u ≥ t + 2, and not both u = t − 1 and u = t + 1:
///             withheld ← withheld ∪ { the smallest printed non-zero cell of a too-tight group of u, else of the
///                                     groups within two sums of u, else of u's component }
/// until every protected cell passes
/// ```
/// The audit searches exactly (``IntegerFeasibilityProblem``) for other solutions within ±3 of every true count,
/// first moving only the unknowns within two sums of the cell (the rest held at their counts), then every unknown
/// connected to it; a solution it finds is a real one, and when it finds none, more is withheld, never less. Withholding only adds unknowns, so a cell that passed
/// stays protected. Zero cells are never withheld: zeros are printed, and the audit gives the reader the knowledge
/// that a withheld cell is at least 1.
///
/// - Complexity: the quick pass is O(passes × Σ|group|); the audit runs up to four searches per protected cell.
public struct SuppressionProblem<Key: Hashable & Sendable>: Sendable {
    private var keys: [Key] = []
    private var counts: [Int] = []
    private var hidden: [Bool] = []
    /// Hidden cells that are not counts of patients (a slack that turns a reader's inequality into a sum): unknown to
    /// the reader, ≥ 0, never protected themselves.
    private var auxiliary: [Bool] = []
    private var positions: [Key: Int] = [:]
    private var groups: [[Int]] = []
    private var groupSet: Set<[Int]> = []

    public init() {}

    /// The count of `key`, or `nil` when it was not added.
    public func count(of key: Key) -> Int? { positions[key].map { counts[$0] } }

    /// Whether `key` was added.
    public func contains(_ key: Key) -> Bool { positions[key] != nil }

    /// Adds a printed cell; adding the same key again is allowed when the count is the same.
    /// - Precondition: `count ≥ 0`; a key added twice has one count.
    public mutating func addCell(_ key: Key, count: Int) {
        add(key, count: count, isHidden: false)
    }

    /// Adds a cell the report never prints but a reader could work out from printed ones (for example the
    /// patients of an arm without a record, when the arm's N and its patients with a record are printed).
    /// A key added as printed and as hidden is printed.
    public mutating func addHiddenCell(_ key: Key, count: Int) {
        add(key, count: count, isHidden: true)
    }

    /// Adds a hidden non-negative cell that is not a count of patients but a slack: with it a sum states what a reader
    /// knows as an inequality (`part + slack = bound` says `part ≤ bound`). It is an unknown of the audit but is not
    /// protected itself.
    public mutating func addSlackCell(_ key: Key, count: Int) {
        add(key, count: count, isHidden: true, isAuxiliary: true)
    }

    private mutating func add(_ key: Key, count: Int, isHidden: Bool, isAuxiliary: Bool = false) {
        precondition(count >= 0, "SuppressionProblem: counts must not be negative")
        if let position = positions[key] {
            precondition(counts[position] == count, "SuppressionProblem: \(key) added with two different counts")
            if !isHidden { hidden[position] = false }
            if !isAuxiliary { auxiliary[position] = false }
            return
        }
        positions[key] = keys.count
        keys.append(key)
        counts.append(count)
        hidden.append(isHidden)
        auxiliary.append(isAuxiliary)
    }

    /// Adds a sum: the last member is the total of the others. A repeated group is kept once.
    /// - Precondition: every key was added; the counts add up.
    public mutating func addGroup(_ members: [Key]) {
        let indices = members.map { key in
            guard let position = positions[key] else { preconditionFailure("SuppressionProblem: \(key) not added") }
            return position
        }
        guard let total = indices.last else { return }
        precondition(
            indices.dropLast().reduce(0) { $0 + counts[$1] } == counts[total],
            "SuppressionProblem: the parts of \(members.last!) do not add up to it")
        if groupSet.insert(indices).inserted { groups.append(indices) }
    }

    /// Adds a cross-tabulation with its margins: `counts[row][column]`, the row totals, the column totals and
    /// the grand total, keyed by the given functions, and its row, column and total groups.
    /// Margins are computed here from `counts`.
    public mutating func addCrossTabulation(
        _ counts: [[Int]], cell: (Int, Int) -> Key, rowTotal: (Int) -> Key, columnTotal: (Int) -> Key,
        grandTotal: Key
    ) {
        let columnCount = counts.first?.count ?? 0
        precondition(counts.allSatisfy { $0.count == columnCount }, "SuppressionProblem: ragged cross-tabulation")
        for (row, values) in counts.enumerated() {
            for (column, value) in values.enumerated() { addCell(cell(row, column), count: value) }
            addCell(rowTotal(row), count: values.reduce(0, +))
        }
        for column in 0..<columnCount {
            addCell(columnTotal(column), count: counts.reduce(0) { $0 + $1[column] })
        }
        addCell(grandTotal, count: counts.reduce(0) { $0 + $1.reduce(0, +) })
        for row in counts.indices {
            addGroup((0..<columnCount).map { cell(row, $0) } + [rowTotal(row)])
        }
        for column in 0..<columnCount {
            addGroup(counts.indices.map { cell($0, column) } + [columnTotal(column)])
        }
        addGroup((0..<columnCount).map(columnTotal) + [grandTotal])
        addGroup(counts.indices.map(rowTotal) + [grandTotal])
    }

    /// Primary suppression, the quick complementary pass, then the audit, under `policy`.
    public func solve(_ policy: SmallCellPolicy) -> Suppression<Key> {
        var withheld = keys.indices.map { !hidden[$0] && policy.isSmall(counts[$0]) }
        let primary = Set(keys.indices.filter { withheld[$0] }.map { keys[$0] })
        func isUnknown(_ index: Int) -> Bool { withheld[index] || hidden[index] }
        func isProtected(_ index: Int) -> Bool {
            withheld[index] || (hidden[index] && !auxiliary[index] && policy.isSmall(counts[index]))
        }
        var passes = 0
        var changed = true
        while changed {
            changed = false
            passes += 1
            for group in groups {
                let unknown = group.filter(isUnknown)
                let needsMore = (unknown.count == 1 && isProtected(unknown[0]))
                    || isTooTight(group, withheld: withheld, isUnknown: isUnknown)
                guard needsMore else { continue }
                let candidates = group.filter { !isUnknown($0) && counts[$0] > 0 }
                guard let smallest = candidates.min(by: { counts[$0] < counts[$1] }) else { continue }
                withheld[smallest] = true
                changed = true
            }
        }
        let quick = keys.indices.filter { withheld[$0] }.count
        // Audit: every protected cell must have feasible values spanning at least three integers.
        let membership = self.membership()
        var unresolved: [Key] = []
        var pending = keys.indices.filter(isProtected)
        audit: while let cell = pending.first {
            // Near the cell first (cheap), then its whole connected component, before withholding more.
            var component = (cells: [Int](), groups: [Int]())
            for (depth, nodeLimit) in Self.auditStages {
                component = self.component(of: cell, depth: depth, membership: membership, isUnknown: isUnknown)
                if spread(of: cell, component: component, withheld: withheld, nodeLimit: nodeLimit) == .atLeastThreeValues {
                    pending.removeFirst()
                    continue audit
                }
            }
            // Withhold the smallest printed non-zero cell of a sum of u that is too tight, else of the sums within two
            // of u, else of the component's.
            let tight = membership[cell].filter { isTooTight(groups[$0], withheld: withheld, isUnknown: isUnknown) }
            let near = self.component(of: cell, depth: 2, membership: membership, isUnknown: isUnknown).groups
            let own = (tight.isEmpty ? near : tight).flatMap { groups[$0] }
            let around = component.groups.flatMap { groups[$0] }
            let choose = { (members: [Int]) in
                members.filter { !isUnknown($0) && counts[$0] > 0 }.min { counts[$0] < counts[$1] }
            }
            guard let next = choose(own) ?? choose(around) else {
                unresolved.append(keys[cell])
                pending.removeFirst()
                continue
            }
            withheld[next] = true
            pending.append(next)
        }
        let all = Set(keys.indices.filter { withheld[$0] }.map { keys[$0] })
        return Suppression(
            suppressed: all, primary: primary, passes: passes, auditAdditions: all.count - quick, unresolved: unresolved)
    }

    /// Whether a sum pins its withheld cells by itself: its total is printed, its unknown parts are all withheld
    /// (each at least 1, none hidden) and add up to S with S − k < 2 for k of them, so each lies in [1, S − k + 1],
    /// fewer than three values. (A row of a single 1 and a 1 beside printed zeros and its total.)
    private func isTooTight(_ group: [Int], withheld: [Bool], isUnknown: (Int) -> Bool) -> Bool {
        guard let total = group.last, !isUnknown(total) else { return false }
        let parts = group.dropLast().filter(isUnknown)
        guard !parts.isEmpty, parts.allSatisfy({ withheld[$0] }) else { return false }
        return parts.reduce(0) { $0 + counts[$1] } - parts.count < 2
    }

    /// The unknown cells within `depth` sums of `cell` (`nil`: its whole connected component) and every sum that
    /// holds one of them. Unknowns further away are held at their counts: a solution found this way is a solution
    /// of the whole problem, so the search stays sound while staying small.
    private func component(of cell: Int, depth: Int?, membership: [[Int]], isUnknown: (Int) -> Bool) -> (cells: [Int], groups: [Int]) {
        var cells: Set<Int> = [cell]
        var frontier = [cell]
        var steps = 0
        while !frontier.isEmpty, steps < depth ?? Int.max {
            steps += 1
            var next: [Int] = []
            for member in frontier {
                for group in membership[member] {
                    for other in groups[group] where isUnknown(other) && cells.insert(other).inserted { next.append(other) }
                }
            }
            frontier = next
        }
        let touching = Set(cells.flatMap { membership[$0] })
        return (cells.sorted(), touching.sorted())
    }

    /// How far `cell` can move under the component's sums, each unknown within ±3 of its count.
    private func spread(
        of cell: Int, component: (cells: [Int], groups: [Int]), withheld: [Bool], nodeLimit: Int
    ) -> IntegerFeasibilityProblem.Spread {
        let (problem, variable) = componentProblem(component, withheld: withheld)
        let hint = component.cells.map { counts[$0] }
        return problem.spread(of: variable[cell]!, around: counts[cell], nodeLimit: nodeLimit, hint: hint)
    }

    /// Tests only: the other solutions the audit's search finds for a protected `key` of a solved problem — for each
    /// of `key ≤ t − 2`, `key ≥ t + 2`, `key = t − 1`, `key = t + 1` that the whole component allows within the
    /// audit's box, one solution as every unknown of the component with its value (printed cells keep their counts).
    /// An attacker test checks these against what a reader knows, so the audit's model of the reader is tested.
    func alternatives(for key: Key, suppression: Suppression<Key>, nodeLimit: Int = 20_000) -> [[Key: Int]] {
        guard let cell = positions[key] else { return [] }
        let withheld = keys.map(suppression.isSuppressed)
        let membership = self.membership()
        let t = Double(counts[cell])
        var found: [[Key: Int]] = []
        var values: Set<Int> = [counts[cell]]
        // As the audit searches: the unknowns within two sums of the cell first, then its whole component.
        for depth in Self.auditStages.map(\.depth) {
            let component = self.component(of: cell, depth: depth, membership: membership) { withheld[$0] || self.hidden[$0] }
            let (problem, variable) = componentProblem(component, withheld: withheld)
            let hint = component.cells.map { counts[$0] }
            for (lower, upper) in [(-Double.infinity, t - 2), (t + 2, Double.infinity), (t - 1, t - 1), (t + 1, t + 1)] {
                var restricted = problem
                restricted.restrict(variable[cell]!, lower: lower, upper: upper)
                guard case .feasible(let point) = restricted.solve(nodeLimit: nodeLimit, hint: hint),
                      values.insert(point[variable[cell]!]).inserted else { continue }
                // Unknowns outside a depth-2 neighbourhood keep their counts.
                var solution = Dictionary(uniqueKeysWithValues: component.cells.map { (keys[$0], point[variable[$0]!]) })
                if depth != nil {
                    for index in keys.indices where (withheld[index] || hidden[index]) && solution[keys[index]] == nil {
                        solution[keys[index]] = counts[index]
                    }
                }
                found.append(solution)
            }
            let wide = values.contains { abs($0 - counts[cell]) >= 2 } || (values.contains(counts[cell] - 1) && values.contains(counts[cell] + 1))
            if wide { break }
        }
        return found
    }

    /// The groups each cell belongs to, by cell index.
    private func membership() -> [[Int]] {
        var membership = [[Int]](repeating: [], count: keys.count)
        for (groupIndex, group) in groups.enumerated() {
            for member in group { membership[member].append(groupIndex) }
        }
        return membership
    }

    /// The audit's search problem over a component: each unknown within ±3 of its count (a withheld one at least 1,
    /// a hidden one at least 0), each sum an equation, cells outside the component held at their counts.
    private func componentProblem(
        _ component: (cells: [Int], groups: [Int]), withheld: [Bool]
    ) -> (problem: IntegerFeasibilityProblem, variable: [Int: Int]) {
        var variable: [Int: Int] = [:]
        var problem = IntegerFeasibilityProblem(count: 0)
        for member in component.cells {
            let floor = withheld[member] ? 1 : 0
            variable[member] = problem.addVariable(
                lower: Double(max(floor, counts[member] - Self.searchRadius)), upper: Double(counts[member] + Self.searchRadius))
        }
        for group in component.groups {
            let members = groups[group]
            var terms: [(variable: Int, coefficient: Double)] = []
            var constant = 0.0
            for (position, member) in members.enumerated() {
                let sign: Double = position == members.count - 1 ? -1 : 1
                if let index = variable[member] { terms.append((index, sign)) } else { constant += sign * Double(counts[member]) }
            }
            problem.addEquation(terms, equals: -constant)
        }
        return (problem, variable)
    }

    /// How far from its count the audit lets each unknown move when looking for other solutions.
    static var searchRadius: Int { 3 }
    /// The audit's searches: the unknowns within two sums of the cell, then its whole component, each with a
    /// node limit (reaching it counts as "not shown wide", so more is withheld). The whole component's search is
    /// kept short: the cells it cannot settle in 2,000 nodes are nearly always ones no longer search settles either
    /// (on a 150-patient synthetic report, the same 21 cells at 2,000 and 20,000 nodes, at a tenth of the time).
    static var auditStages: [(depth: Int?, nodeLimit: Int)] { [(2, 20_000), (nil, 2_000)] }

    /// Every group as keys, for invariant checks.
    public var groupKeys: [[Key]] { groups.map { $0.map { keys[$0] } } }
}

/// The outcome of ``SuppressionProblem/solve(_:)``.
public struct Suppression<Key: Hashable & Sendable>: Sendable {
    /// Every withheld cell (primary and complementary).
    public let suppressed: Set<Key>
    /// The cells withheld because their own count is small.
    public let primary: Set<Key>
    /// Passes over the groups, the last of which changed nothing.
    public let passes: Int
    /// Cells the audit withheld after the quick complementary pass.
    public let auditAdditions: Int
    /// Protected cells the audit could not widen because nothing printed was left around them (the report withholds
    /// everything near them); empty in practice.
    public let unresolved: [Key]

    /// Whether `key` is withheld.
    public func isSuppressed(_ key: Key) -> Bool { suppressed.contains(key) }

    /// The cells withheld only to protect others.
    public var complementary: Set<Key> { suppressed.subtracting(primary) }
}

import Testing
import _OutcomeTestSupport

@testable import OutcomeReports

/// Hand-worked grids for primary and complementary suppression (CMS cell-size suppression policy;
/// docs/ReportingConventions.md, "Small-cell suppression"). Positions are (row, column); row = rowCount is the
/// totals row, column = columnCount the totals column.
@Suite("Small-cell suppression")
struct SmallCellSuppressionTests {
    let policy = SmallCellPolicy(minimumCount: 11)

    func positions(_ pairs: [(Int, Int)]) -> Set<GridPosition> {
        Set(pairs.map { GridPosition(row: $0.0, column: $0.1) })
    }

    @Test("1…10 are small; 0 and 11 are not")
    func primaryRule() {
        #expect(!policy.isSmall(0))
        #expect(policy.isSmall(1))
        #expect(policy.isSmall(10))
        #expect(!policy.isSmall(11))
        #expect(!SmallCellPolicy(minimumCount: 1).isSmall(1))
        #expect(SmallCellPolicy(minimumCount: 5).isSmall(4) && !SmallCellPolicy(minimumCount: 5).isSmall(5))
    }

    @Test("2×2: one small cell takes the whole interior with it")
    func twoByTwo() {
        //        c0  c1 | total
        //  r0    20   5 |  25     pass 1: row r0 → 20; column c0 → 30; column c1 → 40
        //  r1    30  40 |  70     pass 2: nothing new
        //  total 50  45 |  95
        let result = policy.suppressCrossTabulation([[20, 5], [30, 40]])
        #expect(result.primary == positions([(0, 1)]))
        #expect(result.suppressed == positions([(0, 0), (0, 1), (1, 0), (1, 1)]))
        #expect(result.passes == 2)
    }

    @Test("a small row total forces a complementary row total")
    func marginComplement() {
        //        c0  c1  c2 | total
        //  r0     3   0   0 |   3     primary: (0,0) and its row total (0,3)
        //  r1    12  15  20 |  47     column c0 → 12; totals column {3, 47, 50} → 47
        //  total 15  15  20 |  50
        let result = policy.suppressCrossTabulation([[3, 0, 0], [12, 15, 20]])
        #expect(result.primary == positions([(0, 0), (0, 3)]))
        #expect(result.suppressed == positions([(0, 0), (0, 3), (1, 0), (1, 3)]))
        #expect(!result.isSuppressed(GridPosition(row: 0, column: 1)))  // zeros stay shown
    }

    @Test("3×3 needing three passes")
    func severalRounds() {
        //        c0  c1  c2 | total
        //  r0     4  30  50 |  84     pass 1: r0 → 30 (0,1); c0 → 60 (1,0); c1 → 90 (2,1)
        //  r1    60  95  70 | 225     pass 2: r1 now has one → 70 (1,2); r2 has one → 12 (2,2)
        //  r2    80  90  12 | 182     pass 3: every row and column has 0 or ≥ 2
        //  total 144 215 132 | 491
        let result = policy.suppressCrossTabulation([[4, 30, 50], [60, 95, 70], [80, 90, 12]])
        #expect(result.primary == positions([(0, 0)]))
        #expect(result.suppressed == positions([(0, 0), (0, 1), (1, 0), (2, 1), (1, 2), (2, 2)]))
        #expect(result.passes == 3)
    }

    @Test("nothing small, nothing suppressed; minimum 1 turns suppression off")
    func nothingToDo() {
        #expect(policy.suppressCrossTabulation([[11, 0], [40, 12]]).suppressed.isEmpty)
        #expect(SmallCellPolicy(minimumCount: 1).suppressCrossTabulation([[1, 2], [3, 4]]).suppressed.isEmpty)
    }

    @Test("a cell shared by two tables is withheld in both")
    func sharedCells() {
        // Table A: row {a1 = 5, a2 = 30 | shared = 35}; table B: row {b1 = 20, b2 = 15 | shared = 35}.
        // a1 is small → a2 (30) joins; B has no small cell and keeps its cells.
        var problem = SuppressionProblem<String>()
        for (key, count) in [("a1", 5), ("a2", 30), ("b1", 20), ("b2", 15), ("shared", 35)] {
            problem.addCell(key, count: count)
        }
        problem.addGroup(["a1", "a2", "shared"])
        problem.addGroup(["b1", "b2", "shared"])
        problem.addGroup(["a1", "a2", "shared"])  // repeated groups count once
        #expect(problem.groupKeys.count == 2)
        #expect(problem.solve(policy).suppressed == ["a1", "a2"])
        // Propagation through a shared cell: A = {a1 = 5, shared = 20 | aTotal = 25},
        // B = {shared = 20, b1 = 30 | bTotal = 50}. a1 is small → shared (20 < 25) joins → B now has one → b1.
        var second = SuppressionProblem<String>()
        for (key, count) in [("a1", 5), ("shared", 20), ("aTotal", 25), ("b1", 30), ("bTotal", 50)] {
            second.addCell(key, count: count)
        }
        second.addGroup(["a1", "shared", "aTotal"])
        second.addGroup(["shared", "b1", "bTotal"])
        let result = second.solve(policy)
        #expect(result.suppressed == ["a1", "shared", "b1"])
        #expect(result.complementary == ["shared", "b1"])
    }

    @Test("a reader's bound on a hidden count (a slack cell) narrows what the audit may assume")
    func slackBound() {
        // Minimum 3 (1 and 2 are small). a = 2 is withheld, and b with it (a + b = T = 42 printed). The hidden
        // e = 3 ties b to B = 43 (b + e = B), so a = e − 1. Without a bound e ∈ [0, 6] in the audit's ±3 box and a
        // can be 1…5: protected, nothing more withheld. A reader who also knows e ≤ S (S = 3 printed; the slack
        // S − e = 0) has a ∈ {1, 2}: the audit must withhold more. With S = 4, a ∈ {1, 2, 3}: enough.
        let policy = SmallCellPolicy(minimumCount: 3)
        func solve(bound: Int?) -> Set<String> {
            var problem = SuppressionProblem<String>()
            problem.addCell("a", count: 2)
            problem.addCell("b", count: 40)
            problem.addCell("T", count: 42)
            problem.addGroup(["a", "b", "T"])
            problem.addCell("B", count: 43)
            problem.addHiddenCell("e", count: 3)
            problem.addGroup(["b", "e", "B"])
            if let bound {
                problem.addCell("S", count: bound)
                problem.addSlackCell("slack", count: bound - 3)
                problem.addGroup(["e", "slack", "S"])
            }
            return problem.solve(policy).suppressed
        }
        #expect(solve(bound: nil) == ["a", "b"])
        #expect(solve(bound: 4) == ["a", "b"])
        let bounded = solve(bound: 3)
        #expect(bounded.isStrictSuperset(of: ["a", "b"]))
        #expect(!bounded.contains("slack"), "a slack is never printed, so never withheld")
    }

    @Test("randomised grids: no group with exactly one suppressed cell, no shown count 1…10")
    func randomisedInvariants() {
        withEverySeed(1...300) { generator, seed in
            let rowCount = Int.random(in: 1...5, using: &generator)
            let columnCount = Int.random(in: 1...5, using: &generator)
            let minimum = [2, 5, 11, 20].randomElement(using: &generator)!
            let policy = SmallCellPolicy(minimumCount: minimum)
            let counts = (0..<rowCount).map { _ in
                (0..<columnCount).map { _ -> Int in
                    switch Int.random(in: 0..<4, using: &generator) {
                    case 0: 0
                    case 1: Int.random(in: 1..<minimum, using: &generator)
                    default: Int.random(in: minimum...(4 * minimum), using: &generator)
                    }
                }
            }
            let result = policy.suppressCrossTabulation(counts)
            var grid = counts.map { $0 + [$0.reduce(0, +)] }
            grid.append((0...columnCount).map { column in grid.reduce(0) { $0 + $1[column] } })
            let hidden = { (row: Int, column: Int) in result.isSuppressed(GridPosition(row: row, column: column)) }
            for row in 0...rowCount {
                let withheld = (0...columnCount).filter { hidden(row, $0) }.count
                #expect(withheld != 1, "seed \(seed): row \(row) of \(counts) has one suppressed cell")
            }
            for column in 0...columnCount {
                let withheld = (0...rowCount).filter { hidden($0, column) }.count
                #expect(withheld != 1, "seed \(seed): column \(column) of \(counts) has one suppressed cell")
            }
            for row in 0...rowCount {
                for column in 0...columnCount where !hidden(row, column) {
                    #expect(!policy.isSmall(grid[row][column]), "seed \(seed): shows \(grid[row][column])")
                }
                for column in 0...columnCount where grid[row][column] == 0 {
                    #expect(!hidden(row, column), "seed \(seed): suppressed a zero")
                }
            }
            #expect(result.primary.isSubset(of: result.suppressed))
        }
    }
}

import OutcomeStats
import Testing
import _OutcomeTestSupport

@Suite("Integer feasibility: hand cases and brute-force enumeration")
struct IntegerFeasibilityTests {
    @Test("a row with a known total and two unknowns: x + y = 3, x, y ≥ 1 → x ∈ {1, 2}")
    func twoUnknowns() {
        var problem = IntegerFeasibilityProblem(count: 2, lower: 1)
        problem.addEquation([(0, 1), (1, 1)], equals: 3)
        #expect(problem.spread(of: 0, around: 1) == .atMostTwoAdjacentValues)
        var wider = IntegerFeasibilityProblem(count: 2, lower: 0)
        wider.addEquation([(0, 1), (1, 1)], equals: 3)
        #expect(wider.spread(of: 0, around: 1) == .atLeastThreeValues)
        #expect(problem.isFeasible(0, within: 3, 3) == .infeasible)
    }

    @Test("a 2×2 block of a table with fixed margins: every cell moves together, x ∈ [1, 1 + min(y, z) − 1]")
    func rectangle() {
        // x + y = 5, z + w = 9, x + z = 4, y + w = 10 (x = 1, y = 4, z = 3, w = 6), all ≥ 1.
        var problem = IntegerFeasibilityProblem(count: 4, lower: 1)
        problem.addEquation([(0, 1), (1, 1)], equals: 5)
        problem.addEquation([(2, 1), (3, 1)], equals: 9)
        problem.addEquation([(0, 1), (2, 1)], equals: 4)
        problem.addEquation([(1, 1), (3, 1)], equals: 10)
        #expect(problem.spread(of: 0, around: 1) == .atLeastThreeValues)  // x ∈ {1, 2, 3}
        #expect(problem.isFeasible(0, within: 4, .infinity) == .infeasible)
        #expect(problem.isFeasible(0, within: 3, 3) == .feasible([3, 2, 1, 8]))
    }

    @Test("a rounded percentage is two inequalities: n/N ∈ [72.65%, 72.75%] with N = 11 pins n = 8")
    func roundedPercentage() {
        var problem = IntegerFeasibilityProblem(count: 2, lower: 0)
        problem.restrict(1, lower: 11, upper: 11)
        problem.add([(0, 1), (1, -0.7265)], lower: 0, upper: .infinity)
        problem.add([(0, 1), (1, -0.7275)], lower: -.infinity, upper: 0)
        #expect(problem.solve() == .feasible([8, 11]))
        #expect(problem.spread(of: 0, around: 8) == .atMostTwoAdjacentValues)
    }

    @Test("unbounded variables are bounded by the constraints they are in")
    func unbounded() {
        var problem = IntegerFeasibilityProblem(count: 3)
        problem.addEquation([(0, 1), (1, 1), (2, 1)], equals: 1000)
        problem.add([(0, 1), (1, -1)], lower: 999, upper: .infinity)
        if case .feasible(let point) = problem.solve() {
            #expect(point.reduce(0, +) == 1000 && point[0] - point[1] >= 999)
        } else {
            Issue.record("expected a feasible point")
        }
        #expect(problem.isFeasible(2, within: 2, .infinity) == .infeasible)
    }

    @Test("seeded random systems agree with enumeration of every point (feasibility, the point, the spread)")
    func bruteForce() {
        withEverySeed(1...300) { random, seed in
            let count = 2 + Int(random.next() % 4), top = 4
            var problem = IntegerFeasibilityProblem(count: count, lower: 0, upper: Double(top))
            var constraints: [([Int], [Double], Double, Double)] = []
            for _ in 0..<(1 + Int(random.next() % 3)) {
                var variables: [Int] = [], coefficients: [Double] = []
                for variable in 0..<count where random.next() % 2 == 0 {
                    variables.append(variable)
                    let real = random.next() % 4 == 0
                    let sign: Double = random.next() % 3 == 0 ? -1 : 1
                    coefficients.append(real ? sign * (0.25 + Double(random.next() % 100) / 40) : sign)
                }
                guard !variables.isEmpty else { continue }
                let centre = Double(random.next() % 9) - 2
                let isEquation = coefficients.allSatisfy { $0 == 1 || $0 == -1 } && random.next() % 2 == 0
                let lower = centre, upper = isEquation ? centre : centre + Double(random.next() % 4)
                constraints.append((variables, coefficients, lower, upper))
                problem.add(zip(variables, coefficients).map { ($0, $1) }, lower: lower, upper: upper)
            }
            // Enumerate every point of {0…top}^count.
            var feasible: [[Int]] = []
            var point = [Int](repeating: 0, count: count)
            func satisfies(_ point: [Int]) -> Bool {
                constraints.allSatisfy { variables, coefficients, lower, upper in
                    let sum = zip(variables, coefficients).reduce(0.0) { $0 + $1.1 * Double(point[$1.0]) }
                    return sum >= lower - 1e-9 && sum <= upper + 1e-9
                }
            }
            while true {
                if satisfies(point) { feasible.append(point) }
                var position = 0
                while position < count, point[position] == top {
                    point[position] = 0
                    position += 1
                }
                if position == count { break }
                point[position] += 1
            }
            switch problem.solve() {
            case .feasible(let found):
                #expect(satisfies(found), "seed \(seed): the point found violates a constraint")
            case .infeasible:
                #expect(feasible.isEmpty, "seed \(seed): reported infeasible, enumeration found \(feasible.count) points")
            case .undecided:
                Issue.record("seed \(seed): undecided on a tiny problem")
            }
            if case .feasible = problem.solve() {} else { #expect(feasible.isEmpty, "seed \(seed)") }
            guard let known = feasible.first else { return }
            for variable in 0..<count {
                let values = feasible.map { $0[variable] }
                let expected: IntegerFeasibilityProblem.Spread =
                    values.max()! - values.min()! >= 2 ? .atLeastThreeValues : .atMostTwoAdjacentValues
                #expect(problem.spread(of: variable, around: known[variable]) == expected, "seed \(seed), x\(variable)")
            }
        }
    }
}

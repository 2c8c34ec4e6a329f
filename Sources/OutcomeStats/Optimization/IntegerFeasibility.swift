/// Whether integer points satisfy a set of linear constraints, found by depth-first search with bound propagation.
///
/// Variables `x₀ … xₙ₋₁` are integers with bounds `lowerᵢ ≤ xᵢ ≤ upperᵢ` (either may be infinite); each constraint
/// is `lower ≤ Σ aⱼ·xⱼ ≤ upper` with real coefficients (an equation when `lower = upper`). ``solve(nodeLimit:hint:)``
/// returns one integer point that satisfies every constraint, proves that none exists, or gives up after
/// `nodeLimit` search nodes.
///
/// Algorithm (bounds consistency, as in constraint-programming solvers; e.g. Apt, *Principles of Constraint
/// Programming*, 2003, ch. 6): for each constraint and each of its terms,
/// ```
/// aᵢ·xᵢ ∈ [lower − max Σ_{j≠i} aⱼxⱼ,  upper − min Σ_{j≠i} aⱼxⱼ]
/// ```
/// which tightens `xᵢ` (rounded inwards to integers, with a tolerance of 1e-9 for real coefficients); repeated until
/// nothing changes. Then the box's preferred point (every variable at its hint, or its lower bound, moved into its
/// domain) is tried: if it satisfies every constraint it is the answer; otherwise the search branches on the unfixed
/// variable with the narrowest domain in the first constraint that point breaks, so a solution near the hint is
/// found after touching only the variables that must move. A domain of at most 8 values is enumerated (values
/// nearest the hint first), a wider one is split in two at the hint or its middle.
///
/// Exact: `.feasible` carries a point that satisfies every constraint; `.infeasible` means the search space was
/// exhausted. Used to audit disclosure control: a withheld count whose constraints admit only values within 1 of
/// each other is not protected.
///
/// - Complexity: worst case exponential in the number of variables; each node costs O(Σ constraint length × rounds).
public struct IntegerFeasibilityProblem: Sendable {
    /// `lower ≤ Σ coefficient·x[variable] ≤ upper`.
    public struct Constraint: Sendable {
        public let variables: [Int]
        public let coefficients: [Double]
        public let lower: Double
        public let upper: Double
    }

    public enum Outcome: Sendable, Equatable {
        /// A point that satisfies every bound and constraint.
        case feasible([Int])
        /// No integer point exists.
        case infeasible
        /// The node limit was reached first.
        case undecided
    }

    public private(set) var lower: [Double]
    public private(set) var upper: [Double]
    public private(set) var constraints: [Constraint] = []

    /// `count` variables with the given bounds (finite bounds must be integers; `-.infinity`/`.infinity` allowed).
    public init(count: Int, lower: Double = 0, upper: Double = .infinity) {
        self.lower = Array(repeating: lower, count: count)
        self.upper = Array(repeating: upper, count: count)
    }

    public var variableCount: Int { lower.count }

    /// Adds a variable and returns its index.
    public mutating func addVariable(lower: Double = 0, upper: Double = .infinity) -> Int {
        self.lower.append(lower.rounded(.up))
        self.upper.append(upper.rounded(.down))
        return self.lower.count - 1
    }

    /// Narrows the bounds of `variable` to their intersection with `[lower, upper]`.
    public mutating func restrict(_ variable: Int, lower: Double = -.infinity, upper: Double = .infinity) {
        self.lower[variable] = max(self.lower[variable], lower.rounded(.up))
        self.upper[variable] = min(self.upper[variable], upper.rounded(.down))
    }

    /// Adds `lower ≤ Σ terms ≤ upper`. Terms naming the same variable twice are summed.
    /// - Precondition: every variable exists; coefficients are finite.
    public mutating func add(_ terms: [(variable: Int, coefficient: Double)], lower: Double, upper: Double) {
        var merged: [Int: Double] = [:]
        for term in terms {
            precondition(term.variable >= 0 && term.variable < variableCount, "IntegerFeasibilityProblem: no variable \(term.variable)")
            precondition(term.coefficient.isFinite, "IntegerFeasibilityProblem: coefficients must be finite")
            merged[term.variable, default: 0] += term.coefficient
        }
        let kept = merged.filter { $0.value != 0 }.sorted { $0.key < $1.key }
        constraints.append(Constraint(
            variables: kept.map(\.key), coefficients: kept.map(\.value), lower: lower, upper: upper))
    }

    /// Adds `Σ terms = value`.
    public mutating func addEquation(_ terms: [(variable: Int, coefficient: Double)], equals value: Double) {
        add(terms, lower: value, upper: value)
    }

    /// Searches for an integer point. `hint` (one value per variable) orders the search: values nearest it first.
    public func solve(nodeLimit: Int = 200_000, hint: [Int]? = nil) -> Outcome {
        var search = Search(problem: self, nodeLimit: nodeLimit, hint: hint)
        return search.run()
    }

    /// Whether some integer point has `variable` within `[lower, upper]`, under the same constraints.
    public func isFeasible(_ variable: Int, within lower: Double, _ upper: Double, nodeLimit: Int = 200_000, hint: [Int]? = nil)
        -> Outcome
    {
        var copy = self
        copy.restrict(variable, lower: lower, upper: upper)
        return copy.solve(nodeLimit: nodeLimit, hint: hint)
    }
}

extension IntegerFeasibilityProblem {
    /// How far the feasible values of a variable spread around a value it is known to take.
    public enum Spread: Sendable, Equatable {
        /// Feasible values at least `2` apart exist: the variable takes at least three values' range.
        case atLeastThreeValues
        /// Every feasible value lies within 1 of the others (one or two adjacent values).
        case atMostTwoAdjacentValues
        /// The node limit was reached before either could be shown.
        case undecided
    }

    /// Whether `variable`, known to take `value` in some feasible point, has feasible values spanning at least
    /// three integers (max − min ≥ 2): some point has it ≥ value + 2 or ≤ value − 2, or points have it at
    /// value − 1 and at value + 1.
    public func spread(of variable: Int, around value: Int, nodeLimit: Int = 200_000, hint: [Int]? = nil) -> Spread {
        var undecided = false
        func check(_ low: Double, _ high: Double) -> Bool {
            switch isFeasible(variable, within: low, high, nodeLimit: nodeLimit, hint: hint) {
            case .feasible: return true
            case .infeasible: return false
            case .undecided:
                undecided = true
                return false
            }
        }
        let value = Double(value)
        if check(value + 2, .infinity) || check(-.infinity, value - 2) { return .atLeastThreeValues }
        if check(value - 1, value - 1), check(value + 1, value + 1) { return .atLeastThreeValues }
        return undecided ? .undecided : .atMostTwoAdjacentValues
    }
}

extension IntegerFeasibilityProblem {
    /// Depth-first search over boxes of bounds.
    struct Search {
        let constraints: [Constraint]
        /// Constraints each variable appears in.
        let constraintsOf: [[Int]]
        let nodeLimit: Int
        let hint: [Int]?
        var nodes = 0
        var root: (lower: [Double], upper: [Double])

        init(problem: IntegerFeasibilityProblem, nodeLimit: Int, hint: [Int]?) {
            constraints = problem.constraints
            var of = [[Int]](repeating: [], count: problem.variableCount)
            for (index, constraint) in problem.constraints.enumerated() {
                for variable in constraint.variables { of[variable].append(index) }
            }
            constraintsOf = of
            self.nodeLimit = nodeLimit
            self.hint = hint
            root = (problem.lower, problem.upper)
        }

        static let tolerance = 1e-9

        mutating func run() -> Outcome {
            // Each box carries the variable its parent branched on: only that variable's constraints need
            // propagating again (the parent's box was already consistent); the root propagates everything.
            var stack: [(box: (lower: [Double], upper: [Double]), changed: Int?)] = [(root, nil)]
            var exhausted = true
            while let (popped, changed) = stack.popLast() {
                var box = popped
                nodes += 1
                if nodes > nodeLimit {
                    exhausted = false
                    break
                }
                guard propagate(&box.lower, &box.upper, from: changed) else { continue }
                // The preferred point of the box: each variable at its hint (or lower bound), moved into its domain.
                // If it satisfies everything the search is over; otherwise branch on a variable of a constraint it
                // breaks, so the search only ever touches variables that must move.
                let candidate = box.lower.indices.map { preferred($0, box.lower[$0], box.upper[$0]) }
                guard let broken = firstBrokenConstraint(candidate) else {
                    return .feasible(candidate.map { Int($0) })
                }
                guard let variable = branchVariable(box.lower, box.upper, among: constraints[broken].variables)
                    ?? branchVariable(box.lower, box.upper)
                else { continue }
                stack += children(of: box, on: variable).reversed().map { ($0, variable) }
            }
            return exhausted ? .infeasible : .undecided
        }

        /// The hint (or the lower bound, or 0) of `variable`, moved into `[low, high]`.
        func preferred(_ variable: Int, _ low: Double, _ high: Double) -> Double {
            let wanted = hint.map { Double($0[variable]) } ?? (low.isFinite ? low : min(0, high))
            return min(max(wanted, low), high)
        }

        /// The first constraint the point `values` breaks (within the tolerance), or `nil` when it satisfies all.
        func firstBrokenConstraint(_ values: [Double]) -> Int? {
            constraints.indices.first { index in
                let constraint = constraints[index]
                let sum = zip(constraint.variables, constraint.coefficients).reduce(0.0) { $0 + $1.1 * values[$1.0] }
                let slack = Self.tolerance * max(1, abs(sum))
                return sum < constraint.lower - slack || sum > constraint.upper + slack
            }
        }

        /// The unfixed variable with the narrowest domain (among `candidates`, or all), or `nil` when all are fixed.
        func branchVariable(_ lower: [Double], _ upper: [Double], among candidates: [Int]? = nil) -> Int? {
            var best: Int?, bestWidth = Double.infinity
            for index in candidates ?? Array(lower.indices) where lower[index] < upper[index] {
                let width = upper[index] - lower[index]
                if best == nil || width < bestWidth {
                    best = index
                    bestWidth = width
                }
            }
            return best
        }

        /// Sub-boxes of `box` on `variable`, in the order to explore.
        func children(of box: (lower: [Double], upper: [Double]), on variable: Int) -> [(lower: [Double], upper: [Double])] {
            let low = box.lower[variable], high = box.upper[variable]
            let preferred = hint.map { Double($0[variable]) }
            if high - low < 8 {
                var values = Array(stride(from: low, through: high, by: 1))
                if let preferred { values.sort { abs($0 - preferred) < abs($1 - preferred) } }
                return values.map { value in
                    var child = box
                    child.lower[variable] = value
                    child.upper[variable] = value
                    return child
                }
            }
            var split: Double
            if let preferred, preferred >= low, preferred < high {
                split = preferred
            } else if low.isFinite, high.isFinite {
                split = ((low + high) / 2).rounded(.down)
            } else if low.isFinite {
                split = low + max(16, abs(low))
            } else if high.isFinite {
                split = high - max(16, abs(high)) - 1
            } else {
                split = 0
            }
            var first = box, second = box
            first.upper[variable] = split
            second.lower[variable] = split + 1
            if let preferred, preferred > split { return [second, first] }
            return [first, second]
        }

        /// Bounds consistency to a fixpoint; `false` when some domain becomes empty or a constraint cannot hold.
        func propagate(_ lower: inout [Double], _ upper: inout [Double], from changed: Int? = nil) -> Bool {
            var queue = changed.map { constraintsOf[$0] } ?? Array(constraints.indices)
            var queued = [Bool](repeating: false, count: constraints.count)
            for index in queue { queued[index] = true }
            var rounds = 0
            while let index = queue.popLast() {
                queued[index] = false
                rounds += 1
                if rounds > 50 * max(constraints.count, 1) { break }
                let constraint = constraints[index]
                // Minimum and maximum of the sum: finite parts and the number of infinite contributions.
                var minimum = 0.0, maximum = 0.0, minimumInfinite = 0, maximumInfinite = 0
                for (variable, coefficient) in zip(constraint.variables, constraint.coefficients) {
                    let (low, high) = contribution(coefficient, lower[variable], upper[variable])
                    if low.isFinite { minimum += low } else { minimumInfinite += 1 }
                    if high.isFinite { maximum += high } else { maximumInfinite += 1 }
                }
                if minimumInfinite == 0, minimum > constraint.upper + Self.tolerance * max(1, abs(constraint.upper)) { return false }
                if maximumInfinite == 0, maximum < constraint.lower - Self.tolerance * max(1, abs(constraint.lower)) { return false }
                for (variable, coefficient) in zip(constraint.variables, constraint.coefficients) {
                    let (low, high) = contribution(coefficient, lower[variable], upper[variable])
                    // The rest's minimum and maximum without this term.
                    let restMinimum: Double = low.isFinite
                        ? (minimumInfinite == 0 ? minimum - low : -.infinity)
                        : (minimumInfinite == 1 ? minimum : -.infinity)
                    let restMaximum: Double = high.isFinite
                        ? (maximumInfinite == 0 ? maximum - high : .infinity)
                        : (maximumInfinite == 1 ? maximum : .infinity)
                    // coefficient·x ∈ [constraint.lower − restMaximum, constraint.upper − restMinimum]
                    let termLow = constraint.lower - restMaximum, termHigh = constraint.upper - restMinimum
                    var newLow = lower[variable], newHigh = upper[variable]
                    if coefficient > 0 {
                        if termLow.isFinite { newLow = max(newLow, roundUp(termLow / coefficient)) }
                        if termHigh.isFinite { newHigh = min(newHigh, roundDown(termHigh / coefficient)) }
                    } else {
                        if termHigh.isFinite { newLow = max(newLow, roundUp(termHigh / coefficient)) }
                        if termLow.isFinite { newHigh = min(newHigh, roundDown(termLow / coefficient)) }
                    }
                    if newLow > newHigh { return false }
                    if newLow != lower[variable] || newHigh != upper[variable] {
                        lower[variable] = newLow
                        upper[variable] = newHigh
                        for other in constraintsOf[variable] where !queued[other] {
                            queued[other] = true
                            queue.append(other)
                        }
                    }
                }
            }
            return true
        }

        func contribution(_ coefficient: Double, _ low: Double, _ high: Double) -> (Double, Double) {
            coefficient > 0 ? (coefficient * low, coefficient * high) : (coefficient * high, coefficient * low)
        }

        func roundUp(_ value: Double) -> Double {
            let nearest = value.rounded()
            return abs(value - nearest) <= Self.tolerance * max(1, abs(value)) ? nearest : value.rounded(.up)
        }

        func roundDown(_ value: Double) -> Double {
            let nearest = value.rounded()
            return abs(value - nearest) <= Self.tolerance * max(1, abs(value)) ? nearest : value.rounded(.down)
        }
    }
}

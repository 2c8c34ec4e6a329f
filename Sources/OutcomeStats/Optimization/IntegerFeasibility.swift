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
        Search(problem: self, nodeLimit: nodeLimit, hint: hint).run()
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
    ///
    /// The four questions are first asked with a small node limit (a feasible point is usually found within a few
    /// nodes, while proving a range empty can take the whole budget), then those still open with `nodeLimit`: the
    /// answer is the one the full limit gives, found without spending it on a question another settles.
    public func spread(of variable: Int, around value: Int, nodeLimit: Int = 200_000, hint: [Int]? = nil) -> Spread {
        let value = Double(value)
        let ranges = [(value + 2, Double.infinity), (-Double.infinity, value - 2), (value - 1, value - 1), (value + 1, value + 1)]
        var answers = [Outcome?](repeating: nil, count: ranges.count)
        func isFeasible(_ index: Int, limit: Int) -> Bool? {
            if answers[index] == nil || answers[index] == .undecided {
                let (low, high) = ranges[index]
                answers[index] = self.isFeasible(variable, within: low, high, nodeLimit: limit, hint: hint)
            }
            switch answers[index]! {
            case .feasible: return true
            case .infeasible: return false
            case .undecided: return nil
            }
        }
        for limit in Set([min(nodeLimit, Self.firstNodeLimit), nodeLimit]).sorted() {
            if isFeasible(0, limit: limit) == true || isFeasible(1, limit: limit) == true { return .atLeastThreeValues }
            if isFeasible(2, limit: limit) == true, isFeasible(3, limit: limit) == true { return .atLeastThreeValues }
            // Settled when no question is open that could still change the answer.
            let open = answers.map { $0 == .undecided }
            if !open[0], !open[1], !(open[2] && answers[3] != .infeasible), !(open[3] && answers[2] != .infeasible) {
                return .atMostTwoAdjacentValues
            }
        }
        return .undecided
    }

    /// The node limit of ``spread(of:around:nodeLimit:hint:)``'s first round.
    static var firstNodeLimit: Int { 256 }
}

extension IntegerFeasibilityProblem {
    /// Depth-first search over boxes of bounds.
    ///
    /// Constraints are held in compressed rows (`termStart[c] ..< termStart[c + 1]` index `termVariable` and
    /// `termCoefficient`) and a box is one array, lower bounds then upper bounds, so that the inner loops touch only
    /// contiguous arrays.
    struct Search {
        let variableCount: Int
        let termStart: [Int]
        let termVariable: [Int]
        let termCoefficient: [Double]
        let constraintLower: [Double]
        let constraintUpper: [Double]
        /// Constraints each variable appears in.
        let constraintsOf: [[Int]]
        let nodeLimit: Int
        let hint: [Double]?
        /// `lower₀ … lowerₙ₋₁, upper₀ … upperₙ₋₁`.
        let root: [Double]

        init(problem: IntegerFeasibilityProblem, nodeLimit: Int, hint: [Int]?) {
            variableCount = problem.variableCount
            var start = [0], variables: [Int] = [], coefficients: [Double] = []
            var of = [[Int]](repeating: [], count: problem.variableCount)
            for (index, constraint) in problem.constraints.enumerated() {
                for variable in constraint.variables { of[variable].append(index) }
                variables += constraint.variables
                coefficients += constraint.coefficients
                start.append(variables.count)
            }
            termStart = start
            termVariable = variables
            termCoefficient = coefficients
            constraintLower = problem.constraints.map(\.lower)
            constraintUpper = problem.constraints.map(\.upper)
            constraintsOf = of
            self.nodeLimit = nodeLimit
            self.hint = hint.map { $0.map(Double.init) }
            root = problem.lower + problem.upper
        }

        var constraintCount: Int { constraintLower.count }

        static let tolerance = 1e-9

        /// Non-mutating, so that unoptimised builds do not copy the search for every call it makes.
        func run() -> Outcome {
            // Each box carries the variable its parent branched on: only that variable's constraints need
            // propagating again (the parent's box was already consistent); the root propagates everything.
            var stack: [(box: [Double], changed: Int?)] = [(root, nil)]
            var exhausted = true, nodes = 0
            var candidate = [Double](repeating: 0, count: variableCount)
            while let (popped, changed) = stack.popLast() {
                var box = popped
                nodes += 1
                if nodes > nodeLimit {
                    exhausted = false
                    break
                }
                guard propagate(&box, from: changed) else { continue }
                // The preferred point of the box: each variable at its hint (or lower bound), moved into its domain.
                // If it satisfies everything the search is over; otherwise branch on a variable of a constraint it
                // breaks, so the search only ever touches variables that must move.
                for variable in 0..<variableCount {
                    candidate[variable] = preferred(variable, box[variable], box[variableCount + variable])
                }
                guard let broken = firstBrokenConstraint(candidate) else {
                    return .feasible(candidate.map { Int($0) })
                }
                guard let variable = branchVariable(box, among: termStart[broken]..<termStart[broken + 1])
                    ?? branchVariable(box)
                else { continue }
                stack += children(of: box, on: variable).reversed().map { ($0, variable) }
            }
            return exhausted ? .infeasible : .undecided
        }

        /// The hint (or the lower bound, or 0) of `variable`, moved into `[low, high]`.
        func preferred(_ variable: Int, _ low: Double, _ high: Double) -> Double {
            let wanted = hint?[variable] ?? (low.isFinite ? low : min(0, high))
            return min(max(wanted, low), high)
        }

        /// The first constraint the point `values` breaks (within the tolerance), or `nil` when it satisfies all.
        func firstBrokenConstraint(_ values: [Double]) -> Int? {
            let termStart = termStart, termVariable = termVariable, termCoefficient = termCoefficient
            let constraintLower = constraintLower, constraintUpper = constraintUpper
            for index in 0..<constraintCount {
                var sum = 0.0
                for term in termStart[index]..<termStart[index + 1] {
                    sum += termCoefficient[term] * values[termVariable[term]]
                }
                let slack = Self.tolerance * max(1, abs(sum))
                if sum < constraintLower[index] - slack || sum > constraintUpper[index] + slack { return index }
            }
            return nil
        }

        /// The unfixed variable with the narrowest domain among the variables of the terms `terms`, or `nil` when
        /// all are fixed.
        func branchVariable(_ box: [Double], among terms: Range<Int>) -> Int? {
            var best: Int?, bestWidth = Double.infinity
            for term in terms {
                let variable = termVariable[term]
                let width = box[variableCount + variable] - box[variable]
                if width > 0, best == nil || width < bestWidth {
                    best = variable
                    bestWidth = width
                }
            }
            return best
        }

        /// The unfixed variable with the narrowest domain, or `nil` when all are fixed.
        func branchVariable(_ box: [Double]) -> Int? {
            var best: Int?, bestWidth = Double.infinity
            for variable in 0..<variableCount {
                let width = box[variableCount + variable] - box[variable]
                if width > 0, best == nil || width < bestWidth {
                    best = variable
                    bestWidth = width
                }
            }
            return best
        }

        /// Sub-boxes of `box` on `variable`, in the order to explore.
        func children(of box: [Double], on variable: Int) -> [[Double]] {
            let low = box[variable], high = box[variableCount + variable]
            let preferred = hint?[variable]
            if high - low < 8 {
                var values = Array(stride(from: low, through: high, by: 1))
                if let preferred { values.sort { abs($0 - preferred) < abs($1 - preferred) } }
                return values.map { value in
                    var child = box
                    child[variable] = value
                    child[variableCount + variable] = value
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
            first[variableCount + variable] = split
            second[variable] = split + 1
            if let preferred, preferred > split { return [second, first] }
            return [first, second]
        }

        /// Bounds consistency to a fixpoint; `false` when some domain becomes empty or a constraint cannot hold.
        func propagate(_ box: inout [Double], from changed: Int? = nil) -> Bool {
            // Local copies of the arrays keep unoptimised builds (the test suite) from retaining them per access.
            let termStart = termStart, termVariable = termVariable, termCoefficient = termCoefficient
            let constraintLower = constraintLower, constraintUpper = constraintUpper, constraintsOf = constraintsOf
            let count = constraintCount
            var queue = changed.map { constraintsOf[$0] } ?? Array(0..<count)
            var queued = [Bool](repeating: false, count: count)
            for index in queue { queued[index] = true }
            var rounds = 0
            let offset = variableCount
            while let index = queue.popLast() {
                queued[index] = false
                rounds += 1
                if rounds > 50 * max(count, 1) { break }
                let terms = termStart[index]..<termStart[index + 1]
                let lowerBound = constraintLower[index], upperBound = constraintUpper[index]
                // Minimum and maximum of the sum: finite parts and the number of infinite contributions.
                var minimum = 0.0, maximum = 0.0, minimumInfinite = 0, maximumInfinite = 0
                for term in terms {
                    let coefficient = termCoefficient[term], variable = termVariable[term]
                    let (low, high) = Self.contribution(coefficient, box[variable], box[offset + variable])
                    if low.isFinite { minimum += low } else { minimumInfinite += 1 }
                    if high.isFinite { maximum += high } else { maximumInfinite += 1 }
                }
                if minimumInfinite == 0, minimum > upperBound + Self.tolerance * max(1, abs(upperBound)) { return false }
                if maximumInfinite == 0, maximum < lowerBound - Self.tolerance * max(1, abs(lowerBound)) { return false }
                for term in terms {
                    let coefficient = termCoefficient[term], variable = termVariable[term]
                    let oldLow = box[variable], oldHigh = box[offset + variable]
                    let (low, high) = Self.contribution(coefficient, oldLow, oldHigh)
                    // The rest's minimum and maximum without this term.
                    let restMinimum: Double = low.isFinite
                        ? (minimumInfinite == 0 ? minimum - low : -.infinity)
                        : (minimumInfinite == 1 ? minimum : -.infinity)
                    let restMaximum: Double = high.isFinite
                        ? (maximumInfinite == 0 ? maximum - high : .infinity)
                        : (maximumInfinite == 1 ? maximum : .infinity)
                    // coefficient·x ∈ [lower − restMaximum, upper − restMinimum]
                    let termLow = lowerBound - restMaximum, termHigh = upperBound - restMinimum
                    var newLow = oldLow, newHigh = oldHigh
                    if coefficient > 0 {
                        if termLow.isFinite { newLow = max(newLow, Self.roundUp(termLow / coefficient)) }
                        if termHigh.isFinite { newHigh = min(newHigh, Self.roundDown(termHigh / coefficient)) }
                    } else {
                        if termHigh.isFinite { newLow = max(newLow, Self.roundUp(termHigh / coefficient)) }
                        if termLow.isFinite { newHigh = min(newHigh, Self.roundDown(termLow / coefficient)) }
                    }
                    if newLow > newHigh { return false }
                    if newLow != oldLow || newHigh != oldHigh {
                        box[variable] = newLow
                        box[offset + variable] = newHigh
                        for other in constraintsOf[variable] where !queued[other] {
                            queued[other] = true
                            queue.append(other)
                        }
                    }
                }
            }
            return true
        }

        static func contribution(_ coefficient: Double, _ low: Double, _ high: Double) -> (Double, Double) {
            coefficient > 0 ? (coefficient * low, coefficient * high) : (coefficient * high, coefficient * low)
        }

        static func roundUp(_ value: Double) -> Double {
            let nearest = value.rounded()
            return abs(value - nearest) <= tolerance * max(1, abs(value)) ? nearest : value.rounded(.up)
        }

        static func roundDown(_ value: Double) -> Double {
            let nearest = value.rounded()
            return abs(value - nearest) <= tolerance * max(1, abs(value)) ? nearest : value.rounded(.down)
        }
    }
}

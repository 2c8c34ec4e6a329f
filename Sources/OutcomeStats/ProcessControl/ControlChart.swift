/// A Shewhart control chart of a series (one point per period) with the run rules quality-improvement teams read:
/// a p-chart of proportions, a u-chart of rates or a c-chart of counts (Montgomery, *Introduction to Statistical
/// Quality Control*, 8th ed., 2019, ch. 7; Provost & Murray, *The Health Care Data Guide*, 2011; NHS England,
/// "Making Data Count", 2019).
///
/// ```
/// p-chart:  centre p̄ = Σxᵢ / Σnᵢ        limits p̄ ± 3·√(p̄(1 − p̄)/nᵢ), clipped to [0, 1]
/// u-chart:  centre ū = Σcᵢ / Σeᵢ        limits ū ± 3·√(ū/eᵢ), the lower clipped at 0
/// c-chart:  centre c̄ = Σcᵢ / k          limits c̄ ± 3·√c̄, the lower clipped at 0
/// ```
/// The centre and limits are computed from every period of the series (the window is its own baseline). A period
/// without data (nᵢ = 0 or eᵢ = 0) has no point, is skipped by the limits and breaks runs and trends.
///
/// Signals at a point (``Signal``): beyond a limit; the end of a run of at least `runLength` (default 6) consecutive
/// points strictly on one side of the centre line (a point on the line ends a run); the end of a trend of at least
/// `trendLength` (default 6) consecutive points each strictly above (or below) the one before.
public struct ControlChart: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case proportion
        case rate
        case count
    }

    /// A special-cause signal at a point.
    public enum Signal: Sendable, Hashable {
        case aboveUpperLimit
        case belowLowerLimit
        /// The point ends a run of this many points above the centre line.
        case runAbove(Int)
        case runBelow(Int)
        /// The point ends this many points each higher than the one before.
        case trendUp(Int)
        case trendDown(Int)
    }

    public struct Point: Sendable, Hashable {
        public let value: Double
        public let lower: Double
        public let upper: Double
        public let signals: [Signal]
    }

    public let kind: Kind
    /// `nil` when no period has data.
    public let centre: Double?
    /// One entry per period; `nil` without data.
    public let points: [Point?]

    /// - Parameters:
    ///   - numerators: xᵢ (p-chart), cᵢ (u- and c-chart), each ≥ 0.
    ///   - denominators: nᵢ (p-chart, integers as reals) or eᵢ (u-chart, exposure); ignored for a c-chart.
    /// - Precondition: one denominator per numerator for p- and u-charts; numerators ≤ denominators for a p-chart.
    public init(kind: Kind, numerators: [Double], denominators: [Double] = [], runLength: Int = 6, trendLength: Int = 6) {
        precondition(kind == .count || denominators.count == numerators.count, "ControlChart: one denominator per point")
        self.kind = kind
        let hasData = numerators.indices.map { kind == .count || denominators[$0] > 0 }
        let used = numerators.indices.filter { hasData[$0] }
        guard !used.isEmpty else {
            centre = nil
            points = numerators.map { _ in nil }
            return
        }
        let total = used.reduce(0.0) { $0 + numerators[$1] }
        let centre: Double = switch kind {
        case .count: total / Double(used.count)
        case .proportion, .rate: total / used.reduce(0.0) { $0 + denominators[$1] }
        }
        self.centre = centre
        var values: [Double?] = []
        var limits: [(Double, Double)] = []
        for index in numerators.indices {
            guard hasData[index] else {
                values.append(nil)
                limits.append((0, 0))
                continue
            }
            let value: Double, width: Double
            switch kind {
            case .proportion:
                value = numerators[index] / denominators[index]
                width = 3 * (centre * (1 - centre) / denominators[index]).squareRoot()
            case .rate:
                value = numerators[index] / denominators[index]
                width = 3 * (centre / denominators[index]).squareRoot()
            case .count:
                value = numerators[index]
                width = 3 * centre.squareRoot()
            }
            values.append(value)
            limits.append((max(0, centre - width), kind == .proportion ? min(1, centre + width) : centre + width))
        }
        var points: [Point?] = []
        var runAbove = 0, runBelow = 0, rising = 1, falling = 1
        var previous: Double?
        for (index, value) in values.enumerated() {
            guard let value else {
                points.append(nil)
                (runAbove, runBelow, rising, falling, previous) = (0, 0, 1, 1, nil)
                continue
            }
            runAbove = value > centre ? runAbove + 1 : 0
            runBelow = value < centre ? runBelow + 1 : 0
            if let previous {
                rising = value > previous ? rising + 1 : 1
                falling = value < previous ? falling + 1 : 1
            }
            previous = value
            var signals: [Signal] = []
            let (lower, upper) = limits[index]
            if value > upper { signals.append(.aboveUpperLimit) }
            if value < lower { signals.append(.belowLowerLimit) }
            if runAbove >= runLength { signals.append(.runAbove(runAbove)) }
            if runBelow >= runLength { signals.append(.runBelow(runBelow)) }
            if rising >= trendLength { signals.append(.trendUp(rising)) }
            if falling >= trendLength { signals.append(.trendDown(falling)) }
            points.append(Point(value: value, lower: lower, upper: upper, signals: signals))
        }
        self.points = points
    }
}

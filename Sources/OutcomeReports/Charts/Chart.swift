/// A chart as data: rendered to a standalone SVG file by ``SVGRenderer`` and referenced from Markdown reports.
///
/// Two kinds of content:
/// - ``Content/xy(_:)``: series of points drawn as step functions (survival curves), lines (trajectories) or points,
///   each with an optional confidence band drawn in the same style, lightly shaded.
/// - ``Content/boxPlots(_:)``: one box per group on a categorical x axis (distributions such as adherence).
/// - ``Content/panels(_:)``: small multiples — x–y panels side by side on the same axes, a series keeping its
///   colour (by name) in every panel, one legend.
///
/// Charts carry only aggregates; builders must not put patient-level points in a shared report.
public struct Chart: Sendable, Hashable {
    public enum Content: Sendable, Hashable {
        case xy([ChartSeries])
        case boxPlots([BoxSummary])
        case panels([ChartPanel])
    }

    /// File-name stem (`retention-by-arm` → `charts/retention-by-arm.svg`): lower-case letters, digits and `-`.
    public let identifier: String
    public let title: String
    public let xLabel: String
    public let yLabel: String
    public let content: Content
    /// Axis ranges; `nil` fits the data (and includes 0 for box plots' y axis only when the data do).
    public let xRange: ClosedRange<Double>?
    public let yRange: ClosedRange<Double>?
    /// The ends of the y scale itself (0–3 for a severity level): an axis fitted to the data never passes them.
    public let yLimits: ClosedRange<Double>?
    /// A one-sentence description for readers who cannot see the chart (SVG `<desc>`, Markdown alt text).
    public let summary: String
    /// Whether a fitted y axis reaches 0: for magnitudes (counts, rates) compared by the height of their lines, where
    /// an axis starting near the data would exaggerate differences. Control charts leave it off (their limits matter).
    public let yFromZero: Bool

    public init(
        identifier: String, title: String, xLabel: String, yLabel: String, content: Content,
        xRange: ClosedRange<Double>? = nil, yRange: ClosedRange<Double>? = nil, yLimits: ClosedRange<Double>? = nil,
        yFromZero: Bool = false, summary: String
    ) {
        precondition(
            !identifier.isEmpty && identifier.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") },
            "Chart identifier must be lower-case letters, digits and '-'")
        self.identifier = identifier
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.content = content
        self.xRange = xRange
        self.yRange = yRange
        self.yLimits = yLimits
        self.yFromZero = yFromZero
        self.summary = summary
    }

    /// The series of an xy chart, or of every panel; none for box plots.
    public var xySeries: [ChartSeries] {
        switch content {
        case .xy(let series): series
        case .panels(let panels): panels.flatMap(\.series)
        case .boxPlots: []
        }
    }

    /// The file name the chart is written to.
    public var fileName: String { identifier + ".svg" }
}

/// One panel of a small-multiples chart: its title (the group it shows) and its series.
public struct ChartPanel: Sendable, Hashable {
    public let title: String
    public let series: [ChartSeries]

    public init(title: String, series: [ChartSeries]) {
        self.title = title
        self.series = series
    }
}

/// One named series of an x–y chart.
public struct ChartSeries: Sendable, Hashable {
    public enum Style: Sendable, Hashable {
        /// A right-continuous step function: the value holds until the next point's x (Kaplan–Meier curves).
        case step
        /// Straight segments between points.
        case line
        /// Unconnected points.
        case points
    }

    public let name: String
    public let style: Style
    /// Points in increasing x.
    public let points: [ChartPoint]
    /// A confidence band at some or all of the points' x values, drawn in the series' style.
    public let band: [ChartBandPoint]

    public init(name: String, style: Style, points: [ChartPoint], band: [ChartBandPoint] = []) {
        self.name = name
        self.style = style
        self.points = points
        self.band = band
    }
}

public struct ChartPoint: Sendable, Hashable {
    public let x: Double
    public let y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

public struct ChartBandPoint: Sendable, Hashable {
    public let x: Double
    public let lower: Double
    public let upper: Double

    public init(x: Double, lower: Double, upper: Double) {
        self.x = x
        self.lower = lower
        self.upper = upper
    }
}

/// The five numbers of a box plot (Tukey: whiskers at the most extreme values within 1.5 IQR of the box, or any
/// rule the builder states in the chart's summary) and the group size.
public struct BoxSummary: Sendable, Hashable {
    public let name: String
    public let lowerWhisker: Double
    public let lowerQuartile: Double
    public let median: Double
    public let upperQuartile: Double
    public let upperWhisker: Double
    public let count: Int

    public init(
        name: String, lowerWhisker: Double, lowerQuartile: Double, median: Double, upperQuartile: Double,
        upperWhisker: Double, count: Int
    ) {
        self.name = name
        self.lowerWhisker = lowerWhisker
        self.lowerQuartile = lowerQuartile
        self.median = median
        self.upperQuartile = upperQuartile
        self.upperWhisker = upperWhisker
        self.count = count
    }
}

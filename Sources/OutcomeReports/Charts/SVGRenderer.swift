/// Renders a ``Chart`` as a standalone SVG 1.1 document that browsers and code hosts display as an image.
///
/// Layout: title on top, the plot area with light grid lines at the ticks, axes labelled, the legend on the right.
/// Colours are the Okabe–Ito palette (distinguishable with the common colour-vision deficiencies; Okabe & Ito 2008),
/// assigned in series order or by a report's name order (one arm, one colour in every chart), with dashed lines once
/// the 7 colours are used up; bands use the series colour at 18% opacity. Coordinates are printed with one decimal
/// in a fixed format, so the same chart always gives the same bytes. Data text is XML-escaped. Anything outside the
/// axis ranges is clipped to the plot area. Small multiples (``Chart/Content/panels(_:)``) split the plot area into
/// panels side by side with the same axes (y labels on the first), each titled; a series name has one colour, by its
/// first appearance across the panels.
public enum SVGRenderer {
    static let width = 760.0
    static let height = 460.0
    static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]

    /// Dash patterns for the second, third, … round of the palette: the first 7 series are solid, the next 7 dashed,
    /// and so on, so that up to 28 series are told apart by colour and line together.
    static let dashes = ["", "7 4", "2 3", "9 3 2 3"]

    /// The colour of the `index`-th series.
    public static func colour(_ index: Int) -> String { palette[index % palette.count] }

    /// The colour and dash of the `index`-th series.
    static func style(_ index: Int) -> SeriesStyle {
        SeriesStyle(colour: colour(index), dash: dashes[(index / palette.count) % dashes.count])
    }

    /// - Parameter colourOrder: names (a report's arms, say) whose series take the style of their position in this
    ///   list in every chart, so that one arm has one colour throughout a report. A series named otherwise takes
    ///   the style of its position in the chart after the list's; in a chart with no listed name at all, every
    ///   series takes the style of its position. Empty: every series by its position.
    public static func render(_ chart: Chart, colourOrder: [String] = []) -> String {
        let listed = chart.xySeries.contains { colourOrder.contains($0.name) }
        func styleIndex(_ name: String, position: Int) -> Int {
            colourOrder.firstIndex(of: name) ?? ((listed ? colourOrder.count : 0) + position)
        }
        // Series without points get no legend entry (a builder may leave out an arm with too few values).
        let legendEntries: [(name: String, style: SeriesStyle)] = switch chart.content {
        case .xy(let series):
            series.enumerated().filter { !$0.element.points.isEmpty }
                .map { ($0.element.name, style(styleIndex($0.element.name, position: $0.offset))) }
        case .boxPlots: []
        case .panels(let panels):
            panelLegend(panels).map { position, name in (name, style(styleIndex(name, position: position))) }
        }
        let legendNames = legendEntries.map(\.name)
        // Boxes whose names do not fit under them are numbered, with a key on the right.
        let keyEntries: [String] = if case .boxPlots(let boxes) = chart.content, boxesNeedKey(boxes) {
            boxes.enumerated().map { "\($0.offset + 1)  \($0.element.name) (n = \($0.element.count))" }
        } else { [] }
        let legendWidth = !keyEntries.isEmpty ? 230
            : legendNames.isEmpty ? 0 : min(230, 46 + 7 * Double(legendNames.map(\.count).max() ?? 0))
        let bottomMargin: Double = if case .boxPlots = chart.content { 92 } else { 62 }
        let plot = (left: 72.0, top: 50.0, right: width - 28 - legendWidth, bottom: height - bottomMargin)
        var svg = SVGDocument()
        svg.open(chart: chart)
        if case .panels(let panels) = chart.content {
            svg.text(chart.title, x: width / 2, y: 28, size: 16, anchor: "middle", weight: "600")
            renderPanels(panels, chart: chart, plot: plot, styles: Dictionary(legendEntries, uniquingKeysWith: { first, _ in first }), into: &svg)
            if !legendNames.isEmpty { svg.legend(legendEntries, left: plot.right + 18, top: plot.top + 4, width: legendWidth) }
            svg.line("</svg>")
            return svg.output
        }
        let clip = "plot-area-\(chart.identifier)"
        svg.line("<defs><clipPath id=\"\(clip)\"><rect x=\"\(f(plot.left))\" y=\"\(f(plot.top))\" width=\"\(f(plot.right - plot.left))\" height=\"\(f(plot.bottom - plot.top))\"/></clipPath></defs>")
        svg.text(chart.title, x: width / 2, y: 28, size: 16, anchor: "middle", weight: "600")

        let scales = axisScales(chart, plot: plot)
        svg.axes(x: scales.x, y: scales.y, plot: plot, xLabel: chart.xLabel, yLabel: chart.yLabel,
                 categories: keyEntries.isEmpty ? scales.categories : keyEntries.indices.map { "\($0 + 1)" })
        svg.line("<g clip-path=\"url(#\(clip))\">")
        switch chart.content {
        case .xy(let series):
            for (index, item) in series.enumerated() {
                svg.series(item, style: style(styleIndex(item.name, position: index)), x: scales.x, y: scales.y)
            }
        case .boxPlots(let boxes):
            for (index, box) in boxes.enumerated() {
                svg.box(box, centre: scales.x.pixel(Double(index)), halfWidth: boxHalfWidth(boxes.count, plot: plot),
                        y: scales.y, colour: style(styleIndex(box.name, position: index)).colour)
            }
        case .panels:
            break
        }
        svg.line("</g>")
        if !legendNames.isEmpty {
            svg.legend(legendEntries, left: plot.right + 18, top: plot.top + 4, width: legendWidth)
        }
        if !keyEntries.isEmpty { svg.key(keyEntries, left: plot.right + 18, top: plot.top + 4, width: legendWidth) }
        svg.line("</svg>")
        return svg.output
    }

    /// Characters of 12 px text (about 6.8 px each) that fit a category's slot under the axis, leaving 10 px between
    /// neighbours so that two labels never run together.
    static func categoryCharacters(slot: Double) -> Int {
        Int((slot - 10) / 6.8)
    }

    /// Whether a box's name or its "(n = …)" line is wider than its slot under the axis (on the plot width without a
    /// legend; ``categoryCharacters(slot:)``).
    static func boxesNeedKey(_ boxes: [BoxSummary]) -> Bool {
        let characters = categoryCharacters(slot: (width - 28 - 72) / Double(max(1, boxes.count)))
        return boxes.contains { box in
            box.name.split(separator: " ").contains { $0.count > characters } || "(n = \(box.count))".count > characters
        }
    }

    private static func axisScales(
        _ chart: Chart, plot: (left: Double, top: Double, right: Double, bottom: Double)
    ) -> (x: AxisScale, y: AxisScale, categories: [String]) {
        switch chart.content {
        case .xy(let series):
            return xyScales(series, chart: chart, plot: plot)
        case .boxPlots(let boxes):
            let ys = boxes.flatMap { [$0.lowerWhisker, $0.upperWhisker] }
            let count = Double(max(1, boxes.count))
            let x = AxisScale(dataRange: -0.5...(count - 0.5), fixed: true, pixelStart: plot.left, pixelEnd: plot.right)
            let y = AxisScale(dataRange: chart.yRange ?? range(ys), fixed: chart.yRange != nil,
                              pixelStart: plot.bottom, pixelEnd: plot.top, limits: chart.yLimits)
            return (x, y, boxes.map { "\($0.name)\n(n = \($0.count))" })
        case .panels(let panels):
            return xyScales(panels.flatMap(\.series), chart: chart, plot: plot)
        }
    }

    /// Scales fitting every point and band of `series`, or the chart's fixed ranges.
    private static func xyScales(
        _ series: [ChartSeries], chart: Chart, plot: (left: Double, top: Double, right: Double, bottom: Double)
    ) -> (x: AxisScale, y: AxisScale, categories: [String]) {
        let xs = series.flatMap { $0.points.map(\.x) + $0.band.map(\.x) }
        let ys = series.flatMap { $0.points.map(\.y) + $0.band.flatMap { [$0.lower, $0.upper] } }.filter(\.isFinite)
        let x = AxisScale(dataRange: chart.xRange ?? range(xs), fixed: chart.xRange != nil, pixelStart: plot.left, pixelEnd: plot.right)
        let fitted = range(ys)
        let data = chart.yFromZero ? min(0, fitted.lowerBound)...max(0, fitted.upperBound) : fitted
        let y = AxisScale(dataRange: chart.yRange ?? data, fixed: chart.yRange != nil, pixelStart: plot.bottom,
                          pixelEnd: plot.top, limits: chart.yLimits)
        return (x, y, [])
    }

    /// The series names of the panels with points, in order of first appearance: each keeps its colour everywhere.
    /// The legend of panels: each drawn series name with its position among every named series (its colour's place).
    static func panelLegend(_ panels: [ChartPanel]) -> [(position: Int, name: String)] {
        let drawn = Set(panelSeriesNames(panels))
        return panelSeriesNames(panels, includingEmpty: true).enumerated()
            .filter { drawn.contains($0.element) }.map { ($0.offset, $0.element) }
    }

    /// With `includingEmpty`, series without points count too: a name's colour is its position among every series
    /// a builder named, so a series withheld in one chart does not shift the colours of the others.
    static func panelSeriesNames(_ panels: [ChartPanel], includingEmpty: Bool = false) -> [String] {
        var names: [String] = []
        for series in panels.flatMap(\.series) where (includingEmpty || !series.points.isEmpty) && !names.contains(series.name) {
            names.append(series.name)
        }
        return names
    }

    /// Panels side by side, 16 px apart, on one x and one y scale (y tick labels on the first panel only).
    private static func renderPanels(
        _ panels: [ChartPanel], chart: Chart, plot: (left: Double, top: Double, right: Double, bottom: Double),
        styles: [String: SeriesStyle], into svg: inout SVGDocument
    ) {
        let gap = 16.0, count = Double(max(1, panels.count))
        let panelWidth = (plot.right - plot.left - gap * (count - 1)) / count
        let shared = axisScales(chart, plot: plot)
        for (index, panel) in panels.enumerated() {
            let left = plot.left + Double(index) * (panelWidth + gap)
            let area = (left: left, top: plot.top + 18, right: left + panelWidth, bottom: plot.bottom)
            let x = AxisScale(dataRange: shared.x.lower...shared.x.upper, fixed: true, pixelStart: area.left, pixelEnd: area.right, maximumTicks: 5)
            let y = AxisScale(dataRange: shared.y.lower...shared.y.upper, fixed: true, pixelStart: area.bottom, pixelEnd: area.top)
            let clip = "plot-area-\(chart.identifier)-\(index)"
            svg.line("<defs><clipPath id=\"\(clip)\"><rect x=\"\(f(area.left))\" y=\"\(f(area.top))\" width=\"\(f(area.right - area.left))\" height=\"\(f(area.bottom - area.top))\"/></clipPath></defs>")
            // A title wider than its panel (about 7.8 px a character at 13 px bold) is cut with an ellipsis.
            let fits = max(4, Int((area.right - area.left) / 7.8))
            let title = panel.title.count <= fits ? panel.title : String(panel.title.prefix(fits - 1)) + "…"
            svg.text(title, x: (area.left + area.right) / 2, y: area.top - 8, size: 13, anchor: "middle", weight: "600")
            svg.axes(x: x, y: y, plot: area, xLabel: index == panels.count / 2 ? chart.xLabel : "",
                     yLabel: index == 0 ? chart.yLabel : "", categories: [], yTickLabels: index == 0)
            svg.line("<g clip-path=\"url(#\(clip))\">")
            for series in panel.series where !series.points.isEmpty {
                svg.series(series, style: styles[series.name] ?? style(0), x: x, y: y)
            }
            svg.line("</g>")
        }
    }

    private static func boxHalfWidth(_ count: Int, plot: (left: Double, top: Double, right: Double, bottom: Double)) -> Double {
        min(36, (plot.right - plot.left) / Double(max(1, count)) * 0.3)
    }

    private static func range(_ values: [Double]) -> ClosedRange<Double> {
        guard let low = values.min(), let high = values.max() else { return 0...1 }
        return low...high
    }

    /// A coordinate with one decimal.
    static func f(_ value: Double) -> String { NumberFormat.fixed(value, decimals: 1) }
}

/// Accumulates the SVG text.
struct SVGDocument {
    private(set) var output = ""

    mutating func line(_ text: String) {
        output += text + "\n"
    }

    mutating func open(chart: Chart) {
        let size = "width=\"\(Int(SVGRenderer.width))\" height=\"\(Int(SVGRenderer.height))\""
        line("<svg xmlns=\"http://www.w3.org/2000/svg\" \(size) viewBox=\"0 0 \(Int(SVGRenderer.width)) \(Int(SVGRenderer.height))\" role=\"img\" font-family=\"system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif\">")
        line("<title>\(escape(chart.title))</title>")
        line("<desc>\(escape(chart.summary))</desc>")
        line("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>")
    }

    mutating func text(_ content: String, x: Double, y: Double, size: Int, anchor: String = "start",
                       weight: String = "400", rotate: Bool = false, fill: String = "#222222") {
        let transform = rotate ? " transform=\"rotate(-90 \(SVGRenderer.f(x)) \(SVGRenderer.f(y)))\"" : ""
        line("<text x=\"\(SVGRenderer.f(x))\" y=\"\(SVGRenderer.f(y))\" font-size=\"\(size)\" text-anchor=\"\(anchor)\" font-weight=\"\(weight)\" fill=\"\(fill)\"\(transform)>\(escape(content))</text>")
    }

    /// Centred lines of text, one `<tspan>` per line, 14 px apart.
    mutating func multilineText(_ lines: [String], x: Double, y: Double, size: Int, fill: String) {
        textLines(lines, x: x, y: y, size: size, lineHeight: 14, anchor: "middle", weight: nil, fill: fill)
    }

    /// One `<text>` of `lines`, one `<tspan>` each, `lineHeight` px apart; `weight` is written only when given.
    mutating func textLines(
        _ lines: [String], x: Double, y: Double, size: Int, lineHeight: Int, anchor: String, weight: String?, fill: String
    ) {
        let f = SVGRenderer.f
        let spans = lines.enumerated().map { index, text in
            "<tspan x=\"\(f(x))\" dy=\"\(index == 0 ? "0" : "\(lineHeight)")\">\(escape(text))</tspan>"
        }.joined()
        let weightAttribute = weight.map { " font-weight=\"\($0)\"" } ?? ""
        line("<text x=\"\(f(x))\" y=\"\(f(y))\" font-size=\"\(size)\" text-anchor=\"\(anchor)\"\(weightAttribute) fill=\"\(fill)\">\(spans)</text>")
    }

    /// The numbered key of boxes too narrow for their names: one entry per box, wrapped to `width` at 11 px.
    mutating func key(_ entries: [String], left: Double, top: Double, width: Double) {
        let characters = max(8, Int((width - 12) / 6.4))
        var y = top
        for entry in entries {
            let lines = Self.wrapLabel(entry, characters: characters)
            textLines(lines, x: left, y: y + 4, size: 11, lineHeight: 13, anchor: "start", weight: "400", fill: "#222222")
            y += 16 + 13 * Double(lines.count - 1)
        }
    }

    /// The width of a character of 12 px legend text, as the layout reckons it (generous for system sans-serif).
    static let legendCharacterWidth = 7.0

    /// A label broken into lines of at most `characters`: after a space, `+`, `-` or `/` where it can, else
    /// inside a run that is longer than a line. `buprenorphine+contingency-management` at 20 characters is
    /// `buprenorphine+`, `contingency-`, `management`.
    static func wrapLabel(_ label: String, characters: Int) -> [String] {
        precondition(characters >= 1, "wrapLabel needs a line of at least one character")
        var pieces: [String] = []
        var piece = ""
        for character in label {
            piece.append(character)
            if " +-/".contains(character) {
                pieces.append(piece)
                piece = ""
            }
        }
        if !piece.isEmpty { pieces.append(piece) }
        var lines: [String] = []
        var current = ""
        for var piece in pieces {
            while piece.count > characters {
                if !current.isEmpty { lines.append(current); current = "" }
                lines.append(String(piece.prefix(characters)))
                piece = String(piece.dropFirst(characters))
            }
            if current.count + trimmed(piece).count > characters, !current.isEmpty {
                lines.append(current)
                current = ""
            }
            current += piece
        }
        if !current.isEmpty { lines.append(current) }
        return lines.map(trimmed).filter { !$0.isEmpty }
    }

    private static func trimmed(_ text: String) -> String {
        String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }

    /// Greedy word wrap to lines of at most `width` characters (a longer word stands alone).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    mutating func axes(
        x: AxisScale, y: AxisScale, plot: (left: Double, top: Double, right: Double, bottom: Double),
        xLabel: String, yLabel: String, categories: [String], yTickLabels: Bool = true
    ) {
        let f = SVGRenderer.f
        line("<g stroke=\"#e3e3e3\" stroke-width=\"1\">")
        for tick in y.ticks {
            line("<line x1=\"\(f(plot.left))\" y1=\"\(f(y.pixel(tick)))\" x2=\"\(f(plot.right))\" y2=\"\(f(y.pixel(tick)))\"/>")
        }
        if categories.isEmpty {
            for tick in x.ticks {
                line("<line x1=\"\(f(x.pixel(tick)))\" y1=\"\(f(plot.top))\" x2=\"\(f(x.pixel(tick)))\" y2=\"\(f(plot.bottom))\"/>")
            }
        }
        line("</g>")
        line("<g stroke=\"#555555\" stroke-width=\"1\"><line x1=\"\(f(plot.left))\" y1=\"\(f(plot.bottom))\" x2=\"\(f(plot.right))\" y2=\"\(f(plot.bottom))\"/><line x1=\"\(f(plot.left))\" y1=\"\(f(plot.top))\" x2=\"\(f(plot.left))\" y2=\"\(f(plot.bottom))\"/></g>")
        for tick in y.ticks where yTickLabels {
            text(y.label(tick), x: plot.left - 8, y: y.pixel(tick) + 4, size: 12, anchor: "end", fill: "#444444")
        }
        if categories.isEmpty {
            for tick in x.ticks {
                text(x.label(tick), x: x.pixel(tick), y: plot.bottom + 18, size: 12, anchor: "middle", fill: "#444444")
            }
        } else {
            let slot = (plot.right - plot.left) / Double(max(1, categories.count))
            let maximumCharacters = max(6, SVGRenderer.categoryCharacters(slot: slot))
            for (index, name) in categories.enumerated() {
                let lines = name.split(separator: "\n").flatMap { SVGDocument.wrap(String($0), width: maximumCharacters) }
                multilineText(lines, x: x.pixel(Double(index)), y: plot.bottom + 18, size: 12, fill: "#444444")
            }
        }
        if !xLabel.isEmpty { text(xLabel, x: (plot.left + plot.right) / 2, y: SVGRenderer.height - 18, size: 13, anchor: "middle") }
        if !yLabel.isEmpty { text(yLabel, x: 20, y: (plot.top + plot.bottom) / 2, size: 13, anchor: "middle", rotate: true) }
    }

    mutating func series(_ series: ChartSeries, style: SeriesStyle, x: AxisScale, y: AxisScale) {
        let colour = style.colour
        let f = SVGRenderer.f
        let points = series.points.map { (x.pixel($0.x), y.pixel($0.y)) }
        if !series.band.isEmpty {
            let upper = series.band.map { (x.pixel($0.x), y.pixel($0.upper)) }
            let lower = series.band.map { (x.pixel($0.x), y.pixel($0.lower)) }
            let outline: [(Double, Double)]
            if series.style == .step {
                outline = SVGDocument.stepVertices(upper) + SVGDocument.stepVertices(lower).reversed()
            } else {
                outline = upper + lower.reversed()
            }
            let list = outline.map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " ")
            line("<polygon points=\"\(list)\" fill=\"\(colour)\" fill-opacity=\"0.18\" stroke=\"none\"/>")
        }
        switch series.style {
        case .points:
            for point in points {
                line("<circle cx=\"\(f(point.0))\" cy=\"\(f(point.1))\" r=\"3\" fill=\"\(colour)\"/>")
            }
        case .line, .step:
            guard !points.isEmpty else { return }
            // A line of one point draws nothing: mark the point, so that a series in the legend is always seen.
            if points.count == 1 {
                line("<circle cx=\"\(f(points[0].0))\" cy=\"\(f(points[0].1))\" r=\"3.5\" fill=\"\(colour)\"/>")
                return
            }
            let vertices = series.style == .step ? SVGDocument.stepVertices(points) : points
            let list = vertices.map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " ")
            line("<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\" stroke-linejoin=\"round\"\(style.dashAttribute)/>")
        }
    }

    /// The corners of a right-continuous step function through `points`: (x0,y0) (x1,y0) (x1,y1) (x2,y1) …
    static func stepVertices(_ points: [(Double, Double)]) -> [(Double, Double)] {
        guard var previous = points.first else { return [] }
        var vertices = [previous]
        for point in points.dropFirst() {
            vertices.append((point.0, previous.1))
            vertices.append(point)
            previous = point
        }
        return vertices
    }

    mutating func box(_ box: BoxSummary, centre: Double, halfWidth: Double, y: AxisScale, colour: String) {
        let f = SVGRenderer.f
        let top = y.pixel(box.upperQuartile), bottom = y.pixel(box.lowerQuartile)
        line("<g stroke=\"\(colour)\" stroke-width=\"2\">")
        line("<line x1=\"\(f(centre))\" y1=\"\(f(y.pixel(box.upperWhisker)))\" x2=\"\(f(centre))\" y2=\"\(f(top))\"/>")
        line("<line x1=\"\(f(centre))\" y1=\"\(f(bottom))\" x2=\"\(f(centre))\" y2=\"\(f(y.pixel(box.lowerWhisker)))\"/>")
        for whisker in [box.upperWhisker, box.lowerWhisker] {
            line("<line x1=\"\(f(centre - halfWidth / 2))\" y1=\"\(f(y.pixel(whisker)))\" x2=\"\(f(centre + halfWidth / 2))\" y2=\"\(f(y.pixel(whisker)))\"/>")
        }
        line("<rect x=\"\(f(centre - halfWidth))\" y=\"\(f(top))\" width=\"\(f(2 * halfWidth))\" height=\"\(f(max(0, bottom - top)))\" fill=\"\(colour)\" fill-opacity=\"0.18\"/>")
        line("<line x1=\"\(f(centre - halfWidth))\" y1=\"\(f(y.pixel(box.median)))\" x2=\"\(f(centre + halfWidth))\" y2=\"\(f(y.pixel(box.median)))\" stroke-width=\"3\"/>")
        line("</g>")
    }

    /// One swatch and name per entry, the names wrapped to the legend's `width` (12 px text is about 7 px per
    /// character), so that no name runs past the chart's right edge; an entry of several lines takes their height.
    mutating func legend(_ entries: [(name: String, style: SeriesStyle)], left: Double, top: Double, width: Double) {
        let f = SVGRenderer.f
        let characters = max(8, Int((width - 24) / Self.legendCharacterWidth))
        var y = top
        for entry in entries {
            let lines = Self.wrapLabel(entry.name, characters: characters)
            line("<line x1=\"\(f(left))\" y1=\"\(f(y))\" x2=\"\(f(left + 22))\" y2=\"\(f(y))\" stroke=\"\(entry.style.colour)\" stroke-width=\"3\"\(entry.style.dashAttribute)/>")
            textLines(lines, x: left + 30, y: y + 4, size: 12, lineHeight: 14, anchor: "start", weight: "400", fill: "#222222")
            y += 22 + 14 * Double(lines.count - 1)
        }
    }

    func escape(_ text: String) -> String { MarkupText.escaped(text) }
}

/// How a series is drawn: its colour and, past the palette's first round, a dash pattern.
struct SeriesStyle: Hashable {
    let colour: String
    let dash: String

    var dashAttribute: String { dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\"" }
}

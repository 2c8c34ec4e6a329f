import TreatmentOutcomes

/// The control chart of one quarterly measure for all patients: the value per quarter, the centre line and the
/// 3-sigma limits (p-chart, u-chart or c-chart as ``ControlChart`` defines them), quarters numbered along the x axis.
enum QuarterlyCharts {
    /// `nil` when fewer than two quarters have a value, or when any value is withheld (its limits would come from
    /// withheld counts).
    static func controlChart(
        _ analysis: QuarterlyAnalysis, _ measure: QuarterlyMeasure, disclosure: QuarterlyDisclosure
    ) -> Chart? {
        let quarters = analysis.quarters.filter { analysis.value(measure, .all, in: $0) != nil }
        let series = quarters.compactMap { analysis.value(measure, .all, in: $0) }
        guard series.count >= 2, !series.contains(where: disclosure.isWithheld) else { return nil }
        let chart = QuarterlyReport.controlChart(series)
        let scale = measure.kind == .proportion ? 100.0 : 1.0
        let position = quarters.map { Double(analysis.quarters.firstIndex(of: $0)! + 1) }
        var value: [ChartPoint] = [], centre: [ChartPoint] = [], upper: [ChartPoint] = [], lower: [ChartPoint] = []
        for (index, point) in chart.points.enumerated() {
            guard let point, let middle = chart.centre else { continue }
            let x = position[index]
            value.append(ChartPoint(x: x, y: scale * point.value))
            centre.append(ChartPoint(x: x, y: scale * middle))
            upper.append(ChartPoint(x: x, y: scale * point.upper))
            lower.append(ChartPoint(x: x, y: scale * point.lower))
        }
        guard value.count >= 2 else { return nil }
        let unit = switch measure.kind {
        case .proportion: "% of patients"
        case .rate: "per patient-month"
        case .count: "patients or episodes"
        }
        let first = analysis.quarters.first!, last = analysis.quarters.last!
        return Chart(
            identifier: "quarterly-" + measure.id.replacingOccurrences(of: "_", with: "-"),
            title: "\(measure.label): control chart, all patients",
            xLabel: "Quarter (1 = \(first), \(analysis.quarters.count) = \(last))", yLabel: "\(measure.label) (\(unit))",
            content: .xy([
                ChartSeries(name: measure.label, style: .line, points: value),
                ChartSeries(name: "Centre line", style: .line, points: centre),
                ChartSeries(name: "Upper limit (3σ)", style: .step, points: upper),
                ChartSeries(name: "Lower limit (3σ)", style: .step, points: lower),
            ]),
            xRange: 1...Double(analysis.quarters.count),
            summary: "\(measure.label) for all patients by quarter from \(first) to \(last), with the control chart's "
                + "centre line and 3-sigma limits.")
    }
}

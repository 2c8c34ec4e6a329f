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
        let (first, last) = (analysis.quarters.first!, analysis.quarters.last!)
        let axes = axisLabels(analysis, measure)
        return Chart(
            identifier: identifier(measure),
            title: "\(measure.label): control chart, all patients", xLabel: axes.x, yLabel: axes.y,
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

    /// Small multiples of one measure: a panel per medication, a line per psychosocial support (the arms of that
    /// medication with one support each), the same support in the same colour in every panel, quarters along the x
    /// axis, the y axis from 0 (lines compared by height; the control chart stays near its data and limits). A withheld
    /// or pending quarter has no point. `nil` when no arm has a single medication and support, or nothing is left to
    /// draw.
    static func smallMultiples(
        _ analysis: QuarterlyAnalysis, _ measure: QuarterlyMeasure, disclosure: QuarterlyDisclosure
    ) -> Chart? {
        let arms = analysis.armTreatments.filter { $0.medication != nil && $0.support != nil }
        let supports = Array(Set(arms.compactMap(\.support))).sorted()
        let scale = measure.kind == .proportion ? 100.0 : 1.0
        let panels = Medication.allCases.compactMap { medication -> ChartPanel? in
            let own = arms.filter { $0.medication == medication }
            guard !own.isEmpty else { return nil }
            // A support's line is broken where a quarter has no point: one series per run of quarters (a lone
            // quarter as a point), all with the support's name and so its colour.
            let series = supports.flatMap { support -> [ChartSeries] in
                own.filter { $0.support == support }.flatMap { arm -> [ChartSeries] in
                    var runs: [[ChartPoint]] = [[]]
                    for (index, quarter) in analysis.quarters.enumerated() {
                        if let value = analysis.value(measure, .arm(arm.arm), in: quarter), !disclosure.isWithheld(value),
                           let y = value.value {
                            runs[runs.count - 1].append(ChartPoint(x: Double(index + 1), y: scale * y))
                        } else if !runs[runs.count - 1].isEmpty {
                            runs.append([])
                        }
                    }
                    return runs.filter { !$0.isEmpty }.map {
                        ChartSeries(name: support, style: $0.count == 1 ? .points : .line, points: $0)
                    }
                }
            }
            return ChartPanel(title: medication.rawValue.capitalized, series: series)
        }
        guard panels.contains(where: { $0.series.contains { !$0.points.isEmpty } }) else { return nil }
        let (first, last) = (analysis.quarters.first!, analysis.quarters.last!)
        let axes = axisLabels(analysis, measure)
        return Chart(
            identifier: identifier(measure) + "-by-medication",
            title: "\(measure.label) by medication and psychosocial support", xLabel: axes.x, yLabel: axes.y,
            content: .panels(panels), xRange: 1...Double(analysis.quarters.count),
            yRange: measure.kind == .proportion ? 0...100 : nil, yFromZero: true,
            summary: "\(measure.label) by quarter from \(first) to \(last), one panel per medication and one line per "
                + "psychosocial support (the same colour in every panel); withheld and pending quarters have no point.")
    }

    /// `quarterly-<measure id with dashes>`.
    static func identifier(_ measure: QuarterlyMeasure) -> String {
        "quarterly-" + measure.id.replacingOccurrences(of: "_", with: "-")
    }

    /// The quarter axis (numbered from the window's first quarter) and the measure's axis with its unit.
    static func axisLabels(_ analysis: QuarterlyAnalysis, _ measure: QuarterlyMeasure) -> (x: String, y: String) {
        let unit = switch measure.kind {
        case .proportion: "% of patients"
        case .rate: "per patient-month"
        case .count: "patients or episodes"
        }
        return ("Quarter (1 = \(analysis.quarters.first!), \(analysis.quarters.count) = \(analysis.quarters.last!))",
                "\(measure.label) (\(unit))")
    }
}

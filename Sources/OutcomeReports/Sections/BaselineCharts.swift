import TreatmentOutcomes

/// Charts of the baseline section.
enum BaselineCharts {
    /// Box plots of the plan's charted covariate (default `age`) by arm: box = quartiles, bar = median, whiskers at
    /// the 10th and 90th percentiles (type 7), so that no single patient's value is drawn. Arms with fewer values
    /// than the policy's minimum are left out and named in the chart's summary; `nil` when the covariate is absent
    /// or not numeric, or no arm qualifies.
    static func distribution(_ baseline: BaselineCharacteristics, counts: ReportCounts) -> Chart? {
        let policy = counts.policy
        guard let (name, byArm) = baseline.charted else { return nil }
        var boxes: [BoxSummary] = []
        var omitted: [String] = []
        for (column, summary) in byArm.enumerated() {
            guard let summary else { continue }
            guard summary.count >= policy.minimumCount, !counts.isWithheld(.armTotal(arm: column)) else {
                omitted.append(baseline.arms.labels[column])
                continue
            }
            boxes.append(BoxSummary(name: baseline.arms.labels[column], summary: summary))
        }
        guard !boxes.isEmpty else { return nil }
        var summary = "Distribution of \(name) by arm: boxes span the quartiles, the bar marks the median and the "
            + "whiskers the 10th and 90th percentiles."
        if !omitted.isEmpty {
            summary += " Not drawn (fewer than \(policy.minimumCount) values): \(omitted.joined(separator: ", "))."
        }
        return Chart(
            identifier: "baseline-\(slug(name))-by-arm", title: "\(name.capitalized) by arm", xLabel: "Arm",
            yLabel: name.prefix(1).uppercased() + name.dropFirst(), content: .boxPlots(boxes), summary: summary)
    }

    static func slug(_ text: String) -> String {
        let mapped = text.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" }
        return String(mapped).split(separator: "-").joined(separator: "-")
    }
}

import TreatmentOutcomes

/// Kaplan–Meier curves as chart series, shared by the report's survival sections.
enum KaplanMeierSeries {
    /// A Kaplan–Meier step series from (0, 1) with its 95% log band through the points
    /// ``KaplanMeierDisclosure/drawnIndices(_:policy:)`` allows: each drop drawn stands for at least the policy's
    /// minimum of events, and the curve stops before fewer than the minimum remain at risk.
    static func step(name: String, curve: KaplanMeierEstimate, policy: SmallCellPolicy) -> ChartSeries {
        let bounds = curve.confidenceBounds(.log)
        var points = [ChartPoint(x: 0, y: 1)], band = [ChartBandPoint(x: 0, lower: 1, upper: 1)]
        for index in KaplanMeierDisclosure.drawnIndices(curve, policy: policy) {
            points.append(ChartPoint(x: curve.times[index], y: curve.survival[index]))
            if let lower = bounds.lower[index], let upper = bounds.upper[index] {
                band.append(ChartBandPoint(x: curve.times[index], lower: lower, upper: upper))
            }
        }
        return ChartSeries(name: name, style: .step, points: points, band: band)
    }
}

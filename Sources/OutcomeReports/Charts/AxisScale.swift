/// A linear map from data values to pixels with "nice" tick marks.
///
/// Ticks follow the 1–2–5 rule: the step is the smallest of {1, 2, 5}·10^k that gives at most `maximumTicks`
/// intervals over the range, and the range is widened to whole steps (Heckbert, "Nice numbers for graph labels",
/// Graphics Gems, 1990). A degenerate range (all values equal) is widened by ±1 (or ±10% of the value).
struct AxisScale {
    let lower: Double
    let upper: Double
    let ticks: [Double]
    let pixelStart: Double
    let pixelEnd: Double

    init(dataRange: ClosedRange<Double>, fixed: Bool, pixelStart: Double, pixelEnd: Double, maximumTicks: Int = 6) {
        var low = dataRange.lowerBound
        var high = dataRange.upperBound
        if low == high {
            let pad = low == 0 ? 1 : abs(low) * 0.1
            low -= pad
            high += pad
        }
        let step = AxisScale.niceStep(span: high - low, maximumTicks: maximumTicks)
        if !fixed {
            low = (low / step).rounded(.down) * step
            high = (high / step).rounded(.up) * step
        }
        var ticks: [Double] = []
        var tick = (low / step).rounded(.up) * step
        while tick <= high + step * 1e-9 {
            ticks.append(abs(tick) < step * 1e-9 ? 0 : tick)
            tick += step
        }
        self.lower = low
        self.upper = high
        self.ticks = ticks
        self.pixelStart = pixelStart
        self.pixelEnd = pixelEnd
    }

    /// The pixel of `value` (values outside the range map outside the plot area; callers clip).
    func pixel(_ value: Double) -> Double {
        pixelStart + (value - lower) / (upper - lower) * (pixelEnd - pixelStart)
    }

    /// Tick labels with as many decimals as the step needs (at most 4).
    func label(_ value: Double) -> String {
        guard ticks.count > 1 else { return NumberFormat.fixed(value, decimals: 2) }
        let step = ticks[1] - ticks[0]
        var decimals = 0
        var scaled = step
        while decimals < 4 && abs(scaled - scaled.rounded()) > 1e-9 * max(1, abs(scaled)) {
            scaled *= 10
            decimals += 1
        }
        return NumberFormat.fixed(value, decimals: decimals)
    }

    static func niceStep(span: Double, maximumTicks: Int) -> Double {
        let rough = span / Double(max(1, maximumTicks - 1))
        var magnitude = 1.0
        while magnitude * 10 <= rough { magnitude *= 10 }
        while magnitude > rough { magnitude /= 10 }
        for multiple in [1.0, 2.0, 5.0, 10.0] where multiple * magnitude >= rough {
            return multiple * magnitude
        }
        return 10 * magnitude
    }
}

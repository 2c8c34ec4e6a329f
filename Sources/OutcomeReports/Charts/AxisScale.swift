/// A linear map from data values to pixels with "nice" tick marks.
///
/// Ticks follow the 1–2–5 rule: the step is the smallest of {1, 2, 5}·10^k that gives at most `maximumTicks`
/// intervals over the range (Heckbert, "Nice numbers for graph labels", Graphics Gems, 1990). Each end of a fitted
/// range is widened to a whole step when that adds at most half a step, else padded by 3% of the span, so the axis
/// stays near the data (data from week −1 get an axis from about −2, not −10). `limits` are the scale's own ends
/// (0–3 for a severity level, 0–1 for a proportion): a fitted axis never passes them. A degenerate range (all values
/// equal) is widened by ±1 (or ±10% of the value).
struct AxisScale {
    let lower: Double
    let upper: Double
    let ticks: [Double]
    let pixelStart: Double
    let pixelEnd: Double

    init(
        dataRange: ClosedRange<Double>, fixed: Bool, pixelStart: Double, pixelEnd: Double, maximumTicks: Int = 6,
        limits: ClosedRange<Double>? = nil
    ) {
        var low = dataRange.lowerBound
        var high = dataRange.upperBound
        if low == high {
            let pad = low == 0 ? 1 : abs(low) * 0.1
            low -= pad
            high += pad
        }
        let step = AxisScale.niceStep(span: high - low, maximumTicks: maximumTicks)
        if !fixed {
            let pad = 0.03 * (high - low)
            let niceLow = (low / step).rounded(.down) * step, niceHigh = (high / step).rounded(.up) * step
            low = low - niceLow <= step / 2 ? niceLow : low - pad
            high = niceHigh - high <= step / 2 ? niceHigh : high + pad
            if let limits {
                low = max(low, limits.lowerBound)
                high = min(high, limits.upperBound)
            }
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

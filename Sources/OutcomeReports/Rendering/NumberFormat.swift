import TreatmentOutcomes

/// Locale-independent fixed-point number text, so the same value always gives the same bytes.
///
/// ```
/// fixed(x, d) = round_half_away_from_zero(|x|·10^d) / 10^d, with a '-' only when the rounded value is non-zero
/// ```
/// Rounding acts on the double product `|x|·10^d`, as the project's `CSVWriter` does, so an exact binary tie
/// goes away from zero (`fixed(26.25, 1)` is `26.3`, where C's `printf` and R's `sprintf` round to even and give
/// `26.2`), and a product that rounds onto a tie counts as one (`fixed(2.675, 2)` is `2.68`; `printf` gives `2.67`).
/// `-0.04` with one decimal gives `0.0`, never `-0.0`.
/// Non-finite values print as `NaN`, `Inf`, `-Inf` so that numerical trouble stays visible.
public enum NumberFormat {
    /// `value` with exactly `decimals` (0…9) digits after the point.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        precondition((0...9).contains(decimals), "NumberFormat: decimals must be 0…9")
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-Inf" : "Inf") }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9.0e18 else { return value.description }
        let integer = UInt64(scaled)
        let divisor = UInt64(scale)
        let sign = value < 0 && integer != 0 ? "-" : ""
        let whole = String(integer / divisor)
        guard decimals > 0 else { return sign + whole }
        let fraction = String(integer % divisor)
        return sign + whole + "." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }

    /// The shortest decimal text that reads back as exactly `value` (Swift's round-trip `description`), with `0`
    /// for negative zero and `NaN`, `Inf`, `-Inf` for non-finite values.
    public static func exact(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-Inf" : "Inf") }
        if value == 0 { return "0" }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }

    /// A p-value as journals print it: three significant decimals down to 0.001 (`0.127`, `0.0421` → `0.042`),
    /// then `<0.001`; values at or above 0.995 print as `0.99` so that 1.000 never suggests certainty.
    public static func pValue(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : "Inf" }
        if value < 0.001 { return "<0.001" }
        if value >= 0.995 { return "0.99" }
        return fixed(value, decimals: value < 0.01 ? 3 : 2 + (value < 0.1 ? 1 : 0))
    }

    /// A proportion as a percentage: `percentage(0.345, decimals: 1)` is `34.5%`.
    public static func percentage(_ proportion: Double, decimals: Int) -> String {
        fixed(proportion * 100, decimals: decimals) + "%"
    }

    /// A ratio (hazard or odds) with its interval, two decimals: `0.78 [0.69, 0.89]`.
    public static func ratioAndInterval(_ inference: CoefficientInference) -> String {
        "\(fixed(inference.ratio, decimals: 2)) [\(fixed(inference.ratioInterval.lower, decimals: 2)), "
            + "\(fixed(inference.ratioInterval.upper, decimals: 2))]"
    }
}

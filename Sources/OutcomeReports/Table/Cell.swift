/// One cell of a ``Table``: what the value is, not how it is printed.
///
/// Renderers turn a cell into text with ``NumberFormat`` (fixed decimals, locale-independent, round half away
/// from zero). Percentages are stored as proportions in [0, 1] and printed ×100 with a `%` sign.
///
/// Edge cases:
/// - A non-finite number is printed as `NaN`, `Inf` or `-Inf`, visibly, never hidden; builders should not make one.
/// - ``suppressed`` marks a value withheld under a ``SmallCellPolicy``; ``notApplicable`` marks a value that does
///   not exist (an empty field, a standard deviation of one value, the corner of a cross-tab).
public enum Cell: Sendable, Hashable {
    /// Free text (labels, headings in the first column).
    case text(String)
    /// A whole count.
    case count(Int)
    /// A number printed with `decimals` digits after the point.
    case number(Double, decimals: Int)
    /// A p-value printed as ``NumberFormat/pValue(_:)`` does: `0.13`, `0.042`, `<0.001`.
    case pValue(Double)
    /// A number printed in full: the shortest decimal text that reads back as the same double (`0.1`, `1e-12`,
    /// `36.36363636363637`), for analysis output compared against other software.
    case exact(Double)
    /// A proportion in [0, 1] printed as a percentage with `decimals` digits: `0.345` → `34.5%`.
    case percentage(Double, decimals: Int)
    /// `n (p%)`: a count and its share of a denominator; `percentage == nil` prints the count alone.
    case countAndPercentage(count: Int, percentage: Double?, decimals: Int)
    /// `mean (SD)`; `standardDeviation == nil` (fewer than two values) prints `mean (—)` (`mean (NA)` in CSV).
    case meanAndStandardDeviation(mean: Double, standardDeviation: Double?, decimals: Int)
    /// `median [Q1, Q3]`: the median and the interquartile range.
    case medianAndInterquartileRange(median: Double, lowerQuartile: Double, upperQuartile: Double, decimals: Int)
    /// A value withheld so that no count of 1…(minimum − 1) can be seen or derived.
    case suppressed
    /// No value: missing, undefined or not applicable.
    case notApplicable
}

extension Cell {
    /// The cell as plain text, shared by every renderer: `suppressed` and `notApplicable` map to the given markers;
    /// `undefinedMarker` stands for a missing part of a composite cell (the SD of a single value).
    func plainText(suppressedMarker: String, notApplicableMarker: String, undefinedMarker: String) -> String {
        switch self {
        case .text(let text):
            return text
        case .count(let count):
            return String(count)
        case .number(let value, let decimals):
            return NumberFormat.fixed(value, decimals: decimals)
        case .exact(let value):
            return NumberFormat.exact(value)
        case .pValue(let value):
            return NumberFormat.pValue(value)
        case .percentage(let proportion, let decimals):
            return NumberFormat.percentage(proportion, decimals: decimals)
        case .countAndPercentage(let count, let percentage, let decimals):
            guard let percentage else { return String(count) }
            return "\(count) (\(NumberFormat.percentage(percentage, decimals: decimals)))"
        case .meanAndStandardDeviation(let mean, let standardDeviation, let decimals):
            let spread = standardDeviation.map { NumberFormat.fixed($0, decimals: decimals) } ?? undefinedMarker
            return "\(NumberFormat.fixed(mean, decimals: decimals)) (\(spread))"
        case .medianAndInterquartileRange(let median, let lower, let upper, let decimals):
            let format = { NumberFormat.fixed($0, decimals: decimals) }
            return "\(format(median)) [\(format(lower)), \(format(upper))]"
        case .suppressed:
            return suppressedMarker
        case .notApplicable:
            return notApplicableMarker
        }
    }
}

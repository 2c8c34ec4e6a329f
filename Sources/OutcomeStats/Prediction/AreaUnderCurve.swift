import Foundation

/// The area under the ROC curve as the Mann–Whitney statistic, with DeLong's variance and a Wald interval truncated
/// to [0, 1] (as pROC's `ci.auc(method = "delong")`).
///
/// ```
/// ψ(x, y) = 1 if x > y, ½ if x = y, 0 if x < y     (x a case's score, y a control's)
/// AUC = (1/(n₁n₀)) Σᵢ Σⱼ ψ(xᵢ, yⱼ)
/// V10ᵢ = (1/n₀) Σⱼ ψ(xᵢ, yⱼ),   V01ⱼ = (1/n₁) Σᵢ ψ(xᵢ, yⱼ)
/// Var = s²(V10)/n₁ + s²(V01)/n₀   (sample variances, n − 1)
/// CI = AUC ± z_{1−α/2} √Var, clipped to [0, 1]
/// ```
/// DeLong E.R., DeLong D.M., Clarke-Pearson D.L., Biometrics 44 (1988) 837–845, doi:10.2307/2531595.
/// Higher scores predict the outcome (pROC's `direction = "<"`).
/// - Complexity: O(n log n).
public struct AreaUnderCurve: Sendable, Hashable {
    public let estimate: Double
    /// DeLong's variance; `nil` with fewer than two cases or two controls.
    public let variance: Double?
    public let caseCount: Int
    public let controlCount: Int

    /// `nil` when there are no cases or no controls (the area is undefined).
    /// - Precondition: `outcome.count == scores.count`; outcomes 0/1; scores not NaN.
    public init?(outcome: [Double], scores: [Double]) {
        precondition(outcome.count == scores.count, "AUC needs one score per outcome")
        precondition(!scores.contains { $0.isNaN }, "AUC scores must not be NaN")
        var cases: [Double] = [], controls: [Double] = []
        for (y, score) in zip(outcome, scores) {
            precondition(y == 0 || y == 1, "AUC outcomes are 0 or 1")
            if y == 1 { cases.append(score) } else { controls.append(score) }
        }
        guard !cases.isEmpty, !controls.isEmpty else { return nil }
        caseCount = cases.count
        controlCount = controls.count
        let sortedCases = cases.sorted(), sortedControls = controls.sorted()
        // ψ-sum against a sorted sample: (number below) + ½ (number equal).
        func placement(_ value: Double, in sorted: [Double]) -> Double {
            let below = sorted.lowerBound(of: value), upToEqual = sorted.upperBound(of: value)
            return Double(below) + Double(upToEqual - below) / 2
        }
        let v10 = cases.map { placement($0, in: sortedControls) / Double(controls.count) }
        let v01 = controls.map { 1 - placement($0, in: sortedCases) / Double(cases.count) }
        estimate = v10.reduce(0, +) / Double(cases.count)
        if cases.count > 1 && controls.count > 1 {
            variance = Self.sampleVariance(v10) / Double(cases.count) + Self.sampleVariance(v01) / Double(controls.count)
        } else {
            variance = nil
        }
    }

    /// √Var, `nil` when the variance is.
    public var standardError: Double? { variance.map { $0.squareRoot() } }

    /// AUC ± z·SE at `level`, truncated to [0, 1]; `nil` without a variance.
    public func confidenceInterval(level: ConfidenceLevel = .ninetyFive) -> ConfidenceInterval? {
        guard let standardError else { return nil }
        let z = level.normalQuantile
        return ConfidenceInterval(
            lower: max(0, estimate - z * standardError), upper: min(1, estimate + z * standardError), level: level)
    }

    static func sampleVariance(_ values: [Double]) -> Double {
        SampleMoments(values).variance ?? .nan
    }
}

extension Array where Element == Double {
    /// The first index whose element is ≥ `value` (self sorted ascending).
    func lowerBound(of value: Double) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if self[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The first index whose element is > `value` (self sorted ascending).
    func upperBound(of value: Double) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if self[middle] <= value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

import OutcomeStats

/// One column of a relapse-risk model: where its raw value comes from, and how it was prepared on the training
/// patients (missing values imputed with the training mean, then standardised z = (x − mean)/sd).
public struct RelapseRiskFeature: Sendable, Hashable, Codable {
    /// The raw value of a feature, always computed from a ``LandmarkCohort`` (nothing after the landmark).
    public enum Source: Sendable, Hashable, Codable, CustomStringConvertible {
        /// A numeric baseline covariate of `patients.csv`; missing when empty.
        case covariate(name: String)
        /// 1 when the categorical covariate has this level, else 0 (0 when empty).
        case covariateLevel(name: String, level: String)
        /// 1 when the covariate is empty.
        case covariateMissing(name: String)
        /// 1 when the patient's arm is this level.
        case arm(level: String)
        /// The number of weeks 1…landmark week whose use-pattern symbol is this (`-`, `+`, `o`, `*`).
        case screenWeeks(symbol: String)
        /// Observed dosing (``ObservedDosing``) over days 0…landmark: covered days / expected days.
        case dosingAdherence
        /// The longest run of consecutive days without a dose over days 0…landmark.
        case longestMissedDoseRun
        /// The mean daily total score of the instrument over days ≤ landmark; missing without one.
        case assessmentLevel(instrument: String)
        /// The least-squares slope of the daily totals per week over days ≤ landmark; 0 with fewer than 2 days.
        case assessmentSlope(instrument: String)
        /// 1 when the patient has no score of the instrument by the landmark.
        case assessmentMissing(instrument: String)
        /// Attended visits on days 0…landmark.
        case attendedVisits

        public var description: String {
            switch self {
            case .covariate(let name): name
            case .covariateLevel(let name, let level): "\(name)=\(level)"
            case .covariateMissing(let name): "\(name) missing"
            case .arm(let level): "arm=\(level)"
            case .screenWeeks(let symbol): "weeks \(Self.symbolName(symbol)) by landmark"
            case .dosingAdherence: "observed dosing adherence"
            case .longestMissedDoseRun: "longest missed-dose run (days)"
            case .assessmentLevel(let instrument): "\(instrument) mean score"
            case .assessmentSlope(let instrument): "\(instrument) slope per week"
            case .assessmentMissing(let instrument): "\(instrument) not assessed"
            case .attendedVisits: "attended visits"
            }
        }

        private static func symbolName(_ symbol: String) -> String {
            switch symbol {
            case "-": "UDS-negative"
            case "+": "UDS-positive"
            case "o": "missing"
            case "*": "mixed"
            default: symbol
            }
        }
    }

    public let source: Source
    /// The value used for a missing raw value (the training mean).
    public let imputation: Double
    /// The training mean after imputation.
    public let mean: Double
    /// The training standard deviation (n − 1) after imputation; > 0.
    public let standardDeviation: Double

    public var name: String { source.description }

    /// (raw ?? imputation − mean) / sd.
    func standardised(_ raw: Double?) -> Double { ((raw ?? imputation) - mean) / standardDeviation }

    /// The preparation learnt from `values` at `rows`; `nil` when the feature is constant there.
    init?<Values: RandomAccessCollection<Double?>>(source: Source, values: Values, rows: [Int])
    where Values.Index == Int {
        let present = rows.compactMap { values[$0] }
        guard !present.isEmpty, rows.count > 1 else { return nil }
        let imputation = present.reduce(0, +) / Double(present.count)
        let filled = rows.map { values[$0] ?? imputation }
        let moments = SampleMoments(filled)
        let mean = moments.mean, variance = moments.variance!  // rows.count > 1
        guard variance > 1e-12 * max(1, mean * mean) else { return nil }
        self.source = source
        self.imputation = imputation
        self.mean = mean
        standardDeviation = variance.squareRoot()
    }
}

/// A covariate the cohort manifest (`cohort.json`) declares: a column of `patients.csv` its owner vouches for, with
/// its type and, for a categorical one, every level it may take.
///
/// ```json
/// "covariates": [
///   { "name": "age", "type": "numeric", "quantiles": true },
///   { "name": "sex", "type": "categorical", "levels": ["female", "male"] }
/// ]
/// ```
/// A manifest with a `covariates` list declares every covariate the cohort may publish: a column it does not list is
/// left out (``CovariatePolicy``, docs/CovariatePolicy.md). Without a list each column is judged from its values.
///
/// Checked when the manifest is read (an ``InputError`` naming `cohort.json`): the keys are `name`, `type`, `levels`
/// and `quantiles` only; each name once, and never a fixed column of `patients.csv`; a categorical covariate lists at
/// least one level, each once and none empty, and has no `quantiles`; a numeric one has no `levels`. Checked when
/// `patients.csv` is read (an ``InputError`` naming it, with the line): the column exists, a numeric covariate holds
/// only numbers and a categorical one only its declared levels (an empty field is missing, always allowed).
public struct CovariateDeclaration: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case categorical, numeric
    }

    public var name: String
    public var type: Kind
    /// A categorical covariate's levels: a value of `patients.csv` outside them is an error.
    public var levels: [String]?
    /// A numeric covariate whose median and quartiles may be published (default false: mean and SD only, since a
    /// sample quantile is often one patient's value).
    public var quantiles: Bool?

    /// A categorical covariate taking only `levels`.
    public init(categorical name: String, levels: [String]) {
        self.name = name
        type = .categorical
        self.levels = levels
        quantiles = nil
    }

    /// A numeric covariate; `quantiles`: its median and quartiles may be published.
    public init(numeric name: String, quantiles: Bool = false) {
        self.name = name
        type = .numeric
        levels = nil
        self.quantiles = quantiles ? true : nil
    }

    /// Whether the covariate's median and quartiles may be published.
    public var allowsQuantiles: Bool { type == .numeric && quantiles == true }

    /// The keys of one declaration.
    static let keys: Set<String> = ["name", "type", "levels", "quantiles"]

    /// The first problem of a declared list, as a message naming the entry (`covariates[2] (race): …`); `nil` when
    /// the list is sound. `fixedColumns` are the columns of `patients.csv` that are not covariates.
    static func problem(in declarations: [CovariateDeclaration], fixedColumns: [String]) -> String? {
        var seen = Set<String>()
        for (index, declaration) in declarations.enumerated() {
            let entry = "covariates[\(index)] (\(declaration.name))"
            if declaration.name.isEmpty { return "covariates[\(index)]: the name is empty" }
            if fixedColumns.contains(declaration.name) {
                return "\(entry): \(declaration.name) is a fixed column of patients.csv, not a covariate"
            }
            if !seen.insert(declaration.name).inserted { return "\(entry): declared twice" }
            switch declaration.type {
            case .numeric:
                if declaration.levels != nil { return "\(entry): a numeric covariate has no levels" }
            case .categorical:
                guard let levels = declaration.levels, !levels.isEmpty else {
                    return "\(entry): a categorical covariate lists its levels"
                }
                if levels.contains("") { return "\(entry): a level is empty (an empty field is a missing value)" }
                if Set(levels).count != levels.count { return "\(entry): a level is listed twice" }
                if declaration.quantiles != nil { return "\(entry): only a numeric covariate has quantiles" }
            }
        }
        return nil
    }
}

/// The covariates of a cohort that the covariate policy lets through, and those it leaves out with the reason
/// (``CovariatePolicy/screen(_:declarations:groupingCovariate:)``). Everything the analysis summarises, models or
/// saves reads ``patients``, so a covariate left out here appears in no output.
public struct CovariateScreening: Sendable {
    /// A covariate left out, and why, in generic words that never repeat a value.
    public struct Exclusion: Sendable, Hashable, CustomStringConvertible {
        public enum Rule: Sendable, Hashable {
            /// The manifest declares covariates, and not this one.
            case notDeclared
            /// A value equal to a patient identifier, distinct values for most patients, or contact details
            /// (an e-mail address, a value with seven or more digits).
            case identifiesPatients
            /// Whole numbers of four or more digits, distinct for most patients (record numbers, zip codes).
            case identifierLikeNumbers
            /// A value that holds a calendar date (`DateLikeText`).
            case dateValues
            /// A value longer than ``CovariatePolicy/longTextCharacters`` characters, of
            /// ``CovariatePolicy/freeTextWords`` or more words, or with a line break; or more than
            /// ``CovariatePolicy/freeTextDistinctValues`` values, most of them with a space.
            case freeText
            /// The column's name says identifier, date or free text (``CovariatePolicy/nameHints``).
            case identifyingName
            /// More distinct values than ``CovariatePolicy/maximumLevels``.
            case tooManyLevels(maximum: Int)
            /// Every level has fewer patients than the small-cell minimum: all of them would be `Other`.
            case levelsTooSmall(minimum: Int)
        }

        /// The covariate's column name.
        public let name: String
        public let rule: Rule
        /// Whether the covariate was refused as the grouping covariate only (it may still be summarised).
        public let asGrouping: Bool

        public init(name: String, rule: Rule, asGrouping: Bool = false) {
            self.name = name
            self.rule = rule
            self.asGrouping = asGrouping
        }

        /// Why, in words (for the report's Data section).
        public var reason: String {
            let words = switch rule {
            case .notDeclared: "not declared in \(CohortManifest.fileName)"
            case .identifiesPatients: "identifies patients"
            case .identifierLikeNumbers: "identifier-like numbers"
            case .dateValues: "date values"
            case .freeText: "free text"
            case .identifyingName: "named like an identifier, a date or free text"
            case .tooManyLevels(let maximum): "more than \(maximum) distinct values"
            case .levelsTooSmall(let minimum): "every level has fewer than \(minimum) patients"
            }
            return asGrouping ? "\(words) (as the grouping covariate)" : words
        }

        public var description: String { "\(name): \(reason)" }
    }

    /// The patients with only the covariates that may be published, in file order; in each categorical one, the
    /// levels with fewer patients than the small-cell minimum are merged into ``CovariatePolicy/otherLevel``.
    public let patients: PatientTable
    /// The covariates left out, in file order.
    public let exclusions: [Exclusion]
    /// Categorical covariates with levels merged into ``CovariatePolicy/otherLevel``.
    public let pooled: [String]
    /// Numeric covariates whose median and quartiles may be published: those declared with `"quantiles": true`.
    public let quantiles: Set<String>
    /// The grouping covariate asked for, as a categorical column under the same rules (a numeric one by its values
    /// as labels); `nil` when the cohort has no such covariate or the policy leaves it out.
    public let grouping: PatientGrouping?
}

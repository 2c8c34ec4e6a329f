/// Where a cohort's weekly use-pattern words come from: published words read from a file, or words built from the
/// cohort's own screens and visits.
///
/// The bundled CTN-0094 cohort has the CTNote words (`use_patterns.csv`, named by its `cohort.json`), which the published
/// CTN-0094 endpoints were computed from; any other cohort (a program's records, a synthetic cohort) gets words
/// from ``WeeklyUsePatterns``.
public enum UsePatternProvider: Sendable {
    /// Words read from a file, matched to patients by identifier; `description` names the file for reports.
    case published(UsePatternFile, description: String)
    /// Words built from `screens.csv` and `visits.csv` with ``WeeklyUsePatterns/make(from:options:)``.
    case builtFromScreens(WeeklyUsePatternOptions)

    /// One word (or none) per patient of `cohort`.
    /// - Throws: ``MissingTableError`` when words are to be built and the cohort has no `screens.csv`;
    ///   ``UsePatternMatchError`` when a published file names a patient twice.
    public func patterns(for cohort: Cohort) throws -> CohortUsePatterns {
        switch self {
        case .published(let file, let description):
            var byIdentifier: [String: UsePattern] = [:]
            for (identifier, pattern) in zip(file.identifiers, file.patterns) {
                guard byIdentifier.updateValue(pattern, forKey: identifier) == nil else {
                    throw UsePatternMatchError(identifier: identifier, source: description)
                }
            }
            return CohortUsePatterns(
                source: .published(description: description),
                patterns: cohort.patients.identifiers.map { byIdentifier[$0] })
        case .builtFromScreens(let options):
            return CohortUsePatterns(
                source: .builtFromScreens(options), patterns: try WeeklyUsePatterns.make(from: cohort, options: options))
        }
    }
}

/// A published words file that lists a patient twice: which word belongs to the patient is ambiguous.
public struct UsePatternMatchError: Error, CustomStringConvertible, Sendable {
    public let identifier: String
    public let source: String

    public var description: String { "\(source): patient \(identifier) has more than one use-pattern word" }
}

/// A cohort's use-pattern words, one per patient in ``PatientTable`` order (`nil`: the patient has no word), and
/// where they came from.
public struct CohortUsePatterns: Sendable {
    public enum Source: Sendable, Hashable {
        /// Published words read from the named file.
        case published(description: String)
        /// Words built from the cohort's screens and visits with these options.
        case builtFromScreens(WeeklyUsePatternOptions)
    }

    public let source: Source
    /// One entry per patient; `nil` when a published file has no word for the patient.
    public let patterns: [UsePattern?]

    public init(source: Source, patterns: [UsePattern?]) {
        self.source = source
        self.patterns = patterns
    }
}

/// Controlled vocabularies of the cohort input format (docs/InputFormat.md).
///
/// Each parses case-insensitively from its lower-case raw value; the loader rejects any other text
/// with an error that lists the accepted values.
public protocol CohortVocabulary: RawRepresentable, CaseIterable, Sendable, Hashable where RawValue == String {}

extension CohortVocabulary {
    /// Parses `text` ignoring ASCII case; `nil` when it is not one of the accepted values.
    public init?(parsing text: some StringProtocol) {
        let lowered = text.lowercased()
        guard let match = Self.allCases.first(where: { $0.rawValue == lowered }) else { return nil }
        self = match
    }

    /// The accepted values, for error messages: `methadone, buprenorphine, …`.
    public static var acceptedValues: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// The medication for opioid use disorder a patient receives (`patients.csv` column `medication`).
public enum Medication: String, CohortVocabulary {
    case methadone
    case buprenorphine
    case naltrexone
    case none
    case other
}

/// The result of one urine drug screen for one substance (`screens.csv` column `result`).
public enum ScreenResult: String, CohortVocabulary {
    case positive
    case negative
    case invalid
}

/// Whether a scheduled visit took place (`visits.csv` column `status`).
public enum VisitStatus: String, CohortVocabulary {
    case attended
    case missed
    case cancelled
    case excused
}

/// Why a treatment episode ended (`episodes.csv` column `end_reason`). `ongoing` marks a censored episode.
public enum EpisodeEndReason: String, CohortVocabulary {
    case completed
    case dropout
    case transferred
    case incarcerated
    case died
    case administrative
    case ongoing
}

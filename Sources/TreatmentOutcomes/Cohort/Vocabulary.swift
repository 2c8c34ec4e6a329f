/// Controlled vocabularies of the cohort input format (docs/InputFormat.md).
///
/// Each parses case-insensitively from its lower-case raw value; the loader rejects any other text
/// with an error that lists the accepted values.
public protocol CohortVocabulary: RawRepresentable, CaseIterable, Sendable, Hashable where RawValue == String {
    /// The value whose raw value equals `bytes` ignoring ASCII case, or `nil`. Implemented per type without
    /// allocating, because the loader calls it once per row.
    static func matching(_ bytes: UnsafeRawBufferPointer) -> Self?
}

extension CohortVocabulary {
    /// Parses `text` ignoring ASCII case; `nil` when it is not one of the accepted values.
    public init?(parsing text: some StringProtocol) {
        var string = String(text)
        guard let match = string.withUTF8({ Self.matching(UnsafeRawBufferPointer($0)) }) else { return nil }
        self = match
    }

    /// The accepted values, for error messages: `methadone, buprenorphine, …`.
    public static var acceptedValues: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// The position in `names` (lower-case UTF-8) of the word equal to `bytes` ignoring ASCII case, or `nil`.
func vocabularyIndex(_ bytes: UnsafeRawBufferPointer, _ names: [[UInt8]]) -> Int? {
    names.withUnsafeBufferPointer { names in
        nameLoop: for position in 0..<names.count {
            let name = names[position]
            guard name.count == bytes.count else { continue }
            for index in 0..<bytes.count {
                var byte = bytes[index]
                if byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
                if byte != name[index] { continue nameLoop }
            }
            return position
        }
        return nil
    }
}

/// The medication for opioid use disorder a patient receives (`patients.csv` column `medication`).
public enum Medication: String, CohortVocabulary {
    case methadone
    case buprenorphine
    case naltrexone
    case none
    case other

    private static let names = allCases.map { Array($0.rawValue.utf8) }
    private static let values = Array(allCases)

    public static func matching(_ bytes: UnsafeRawBufferPointer) -> Medication? {
        vocabularyIndex(bytes, names).map { values[$0] }
    }
}

/// The result of one urine drug screen for one substance (`screens.csv` column `result`).
public enum ScreenResult: String, CohortVocabulary {
    case positive
    case negative
    case invalid

    private static let names = allCases.map { Array($0.rawValue.utf8) }
    private static let values = Array(allCases)

    public static func matching(_ bytes: UnsafeRawBufferPointer) -> ScreenResult? {
        vocabularyIndex(bytes, names).map { values[$0] }
    }
}

/// Whether a scheduled visit took place (`visits.csv` column `status`).
public enum VisitStatus: String, CohortVocabulary {
    case attended
    case missed
    case cancelled
    case excused

    private static let names = allCases.map { Array($0.rawValue.utf8) }
    private static let values = Array(allCases)

    public static func matching(_ bytes: UnsafeRawBufferPointer) -> VisitStatus? {
        vocabularyIndex(bytes, names).map { values[$0] }
    }
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

    private static let names = allCases.map { Array($0.rawValue.utf8) }
    private static let values = Array(allCases)

    public static func matching(_ bytes: UnsafeRawBufferPointer) -> EpisodeEndReason? {
        vocabularyIndex(bytes, names).map { values[$0] }
    }
}

/// A plan that cannot be used: unreadable JSON, an unknown setting, a value of the wrong type or out of range, or
/// a schema version this library does not read. ``code`` is what a caller switches on; ``path`` names the setting
/// (`retention.allowedGapDays`), ``source`` the file when there is one.
public struct AnalysisPlanError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// The file is not JSON, or its top level is not an object.
        case unreadable
        /// The plan names a setting the schema does not have.
        case unknownKey
        /// A setting has the wrong type or a value out of its range.
        case invalidValue
        /// The plan's `version` is not ``AnalysisPlan/schemaVersion``.
        case unsupportedVersion
    }

    public let code: Code
    /// The setting concerned, dot-separated (empty for the whole document).
    public let path: String
    public let message: String
    /// The file the plan came from, when it came from one.
    public var source: String?

    public init(_ code: Code, path: String, message: String, source: String? = nil) {
        self.code = code
        self.path = path
        self.message = message
        self.source = source
    }

    public var description: String { source.map { "\($0): \(message)" } ?? message }
}

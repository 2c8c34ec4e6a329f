/// A problem with an input file, located by file, line and column.
///
/// The description reads like a compiler diagnostic, for example
/// `cohort/doses.csv:1043: column "amount": "abc" is not a number`. `line` is the 1-based physical line
/// on which the offending record starts (the header is line 1); `column` is the header name when known.
public struct InputError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What went wrong, as a stable code that tests and callers can match.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        public let name: String
        public init(_ name: String) { self.name = name }
        public var description: String { name }

        public static let missingFile = Kind("missingFile")
        public static let unreadableFile = Kind("unreadableFile")
        public static let emptyFile = Kind("emptyFile")
        public static let missingColumn = Kind("missingColumn")
        public static let duplicateColumn = Kind("duplicateColumn")
        public static let conflictingColumns = Kind("conflictingColumns")
        public static let raggedRow = Kind("raggedRow")
        public static let unterminatedQuote = Kind("unterminatedQuote")
        public static let malformedQuote = Kind("malformedQuote")
        public static let invalidUTF8 = Kind("invalidUTF8")
        public static let emptyField = Kind("emptyField")
        public static let notANumber = Kind("notANumber")
        public static let notFinite = Kind("notFinite")
        public static let notAnInteger = Kind("notAnInteger")
        public static let outOfRange = Kind("outOfRange")
        public static let invalidDate = Kind("invalidDate")
        public static let negativeDaysSupply = Kind("negativeDaysSupply")
        public static let invalidValue = Kind("invalidValue")
        public static let duplicatePatient = Kind("duplicatePatient")
        public static let unknownPatient = Kind("unknownPatient")
        public static let inconsistentRecord = Kind("inconsistentRecord")
    }

    public let kind: Kind
    /// The file as the caller named it.
    public let file: String
    /// 1-based line where the record starts; `nil` for whole-file problems.
    public let line: Int?
    /// The column's header name (or `column N` when the header is unknown); `nil` for whole-row problems.
    public let column: String?
    /// What was found and what was expected.
    public let message: String

    public init(_ kind: Kind, file: String, line: Int? = nil, column: String? = nil, message: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.column = column
        self.message = Self.abbreviatingQuotes(message)
    }

    /// The longest quoted value a message repeats whole; longer ones keep their start and give their length, so a
    /// malformed 1 MiB field gives a one-line message.
    static let quotedValueLimit = 60

    /// `message` with every quoted run ("…") longer than ``quotedValueLimit`` characters cut to its first 40
    /// characters and its length.
    static func abbreviatingQuotes(_ message: String) -> String {
        guard message.count > quotedValueLimit else { return message }
        var result = "", quoted = "", inQuote = false
        for character in message {
            if character == "\"" {
                if inQuote {
                    result += quoted.count > quotedValueLimit
                        ? "\(quoted.prefix(40))… (\(quoted.count) characters)" : quoted
                    quoted = ""
                }
                inQuote.toggle()
                result.append(character)
            } else if inQuote {
                quoted.append(character)
            } else {
                result.append(character)
            }
        }
        return result + quoted
    }

    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if let column { text += "column \"\(column)\": " }
        return text + message
    }
}

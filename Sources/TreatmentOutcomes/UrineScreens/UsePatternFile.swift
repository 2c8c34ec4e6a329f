import Foundation

/// Use-pattern words read from a CSV file: an identifier column and a word column (as the CTN-0094
/// `use_patterns_uds.csv`: `who`, `usePatternUDS`).
public struct UsePatternFile: Sendable {
    public let identifiers: [String]
    public let patterns: [UsePattern]

    /// Reads the two columns of `table`. A word with a character other than `+ - o * _`, or an empty word field,
    /// is an ``InputError`` naming the file, line and column (an empty field is more likely a missing value than a
    /// participant without weeks, so it is not taken as the empty word).
    public init(table: InputTable, identifierColumn: String = "who", patternColumn: String = "usePatternUDS") throws {
        let identifiers = try table.text(identifierColumn)
        let words = try table.text(patternColumn)
        var patterns: [UsePattern] = []
        patterns.reserveCapacity(words.count)
        for (row, word) in words.enumerated() {
            let fail = { (kind: InputError.Kind, message: String) in
                InputError(kind, file: table.file, line: table.lines[row], column: patternColumn, message: message)
            }
            guard !word.isEmpty else { throw fail(.emptyField, "required use-pattern word is empty") }
            guard let pattern = UsePattern(parsing: word) else {
                let bad = word.first { UseSymbol($0) == nil }.map { "\"\($0)\"" } ?? "a character"
                throw fail(.invalidValue, "\"\(word)\" is not a use-pattern word: \(bad) is not one of + - o * _")
            }
            patterns.append(pattern)
        }
        for (row, identifier) in identifiers.enumerated() where identifier.isEmpty {
            throw InputError(.emptyField, file: table.file, line: table.lines[row], column: identifierColumn,
                             message: "required value is empty")
        }
        self.identifiers = identifiers
        self.patterns = patterns
    }

    /// Reads `url` (see ``init(table:identifierColumn:patternColumn:)``).
    public init(url: URL, displayName: String? = nil, identifierColumn: String = "who",
                patternColumn: String = "usePatternUDS") throws {
        try self.init(table: InputTable(url: url, displayName: displayName), identifierColumn: identifierColumn,
                      patternColumn: patternColumn)
    }
}

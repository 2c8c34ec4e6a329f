import Foundation

/// Use-pattern words read from a CSV file: an identifier column and a word column (as the CTN-0094
/// `use_patterns_uds.csv`: `who`, `usePatternUDS`).
public struct UsePatternFile: Sendable {
    public let identifiers: [String]
    public let patterns: [UsePattern]

    /// Words already in memory, one per identifier.
    /// - Precondition: equal lengths.
    public init(identifiers: [String], patterns: [UsePattern]) {
        precondition(identifiers.count == patterns.count, "UsePatternFile: one word per identifier")
        self.identifiers = identifiers
        self.patterns = patterns
    }

    /// Reads the two columns of `table`. A word with a character other than `+ - o * _`, or an empty identifier,
    /// is an ``InputError`` naming the file, line and column. An empty word field is the empty word (a patient
    /// with no week after the index day, as `outcome-report patterns` writes it); CTNote accepts `""` too. One leading `'` is removed: it is how
    /// `outcome-report patterns` (like every CSV this tool writes) keeps a spreadsheet from reading `+--o` as a
    /// formula.
    public init(table: InputTable, identifierColumn: String = "who", patternColumn: String = "usePatternUDS") throws {
        let identifiers = try table.text(identifierColumn)
        let words = try table.text(patternColumn)
        var patterns: [UsePattern] = []
        patterns.reserveCapacity(words.count)
        for (row, field) in words.enumerated() {
            // our CSV renderer writes a word starting with + or - as '+… so spreadsheets show it as text
            let word = field.hasPrefix("'") ? String(field.dropFirst()) : field
            let fail = { (kind: InputError.Kind, message: String) in
                InputError(kind, file: table.file, line: table.line(ofRow: row), column: patternColumn, message: message)
            }
            guard let pattern = UsePattern(parsing: word) else {
                let bad = word.first { UseSymbol($0) == nil }.map { "\"\($0)\"" } ?? "a character"
                throw fail(.invalidValue, "\"\(word)\" is not a use-pattern word: \(bad) is not one of + - o * _")
            }
            patterns.append(pattern)
        }
        for (row, identifier) in identifiers.enumerated() where identifier.isEmpty {
            throw InputError(.emptyField, file: table.file, line: table.line(ofRow: row), column: identifierColumn,
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

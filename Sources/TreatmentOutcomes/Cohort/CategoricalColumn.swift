/// A column of text labels stored as dense integer codes into a table of levels.
///
/// `codes[row]` indexes `levels`; the code ``missingCode`` (−1) marks an empty field.
/// Levels are sorted in byte order of their UTF-8 text, so the codes of a loaded cohort do not
/// depend on the order of its rows.
public struct CategoricalColumn: Sendable, Equatable {
    /// The code of an empty (missing) field.
    public static let missingCode: Int32 = -1

    /// The distinct labels, sorted.
    public let levels: [String]
    /// One code per row: an index into ``levels``, or ``missingCode``.
    public let codes: [Int32]

    public init(levels: [String], codes: [Int32]) {
        self.levels = levels
        self.codes = codes
    }

    /// Builds a column from labels (`nil` or empty = missing), with sorted levels.
    public init(labels: [String?]) {
        let distinct = Set(labels.compactMap { $0 }.filter { !$0.isEmpty })
        let levels = distinct.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        var lookup: [String: Int32] = [:]
        for (index, level) in levels.enumerated() { lookup[level] = Int32(index) }
        self.levels = levels
        self.codes = labels.map { label in
            guard let label, !label.isEmpty else { return CategoricalColumn.missingCode }
            return lookup[label]!
        }
    }

    /// Number of rows.
    public var count: Int { codes.count }

    /// The label of `row`, or `nil` when the field was empty.
    public func label(at row: Int) -> String? {
        let code = codes[row]
        return code < 0 ? nil : levels[Int(code)]
    }

    /// The code of `label`, or `nil` when it does not occur.
    public func code(of label: String) -> Int32? {
        levels.firstIndex(of: label).map { Int32($0) }
    }
}

/// A rectangular table as a pure value: a title, named columns, rows of ``Cell`` and footnotes.
///
/// Rendered byte-for-byte reproducibly by ``CSVRenderer`` and ``MarkdownRenderer``.
/// - Precondition: every row has exactly one cell per column.
public struct Table: Sendable, Hashable {
    /// How a column's text is aligned in renderers that support it (Markdown).
    public enum Alignment: Sendable, Hashable {
        case left
        case center
        case right
    }

    /// A column header and its alignment.
    public struct Column: Sendable, Hashable {
        public let name: String
        public let alignment: Alignment

        public init(_ name: String, alignment: Alignment = .left) {
            self.name = name
            self.alignment = alignment
        }
    }

    public let title: String
    public let columns: [Column]
    public let rows: [[Cell]]
    /// Notes printed below the table (Markdown); not part of the CSV.
    public let footnotes: [String]

    public init(title: String, columns: [Column], rows: [[Cell]], footnotes: [String] = []) {
        precondition(
            rows.allSatisfy { $0.count == columns.count },
            "Table \"\(title)\": every row needs one cell per column (\(columns.count))")
        self.title = title
        self.columns = columns
        self.rows = rows
        self.footnotes = footnotes
    }

    /// Whether any cell is ``Cell/suppressed``.
    public var hasSuppressedCells: Bool { rows.contains { $0.contains(.suppressed) } }
}

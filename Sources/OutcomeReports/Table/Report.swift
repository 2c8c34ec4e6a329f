/// A document: a title and sections of paragraphs, bullet lists, tables and charts, rendered by ``MarkdownRenderer``
/// (charts as SVG files beside the Markdown: ``ReportWriter``).
public struct Report: Sendable, Hashable {
    /// One piece of a section's body, in reading order.
    public enum Block: Sendable, Hashable {
        case paragraph(String)
        case bulletList([String])
        case table(Table)
        case chart(Chart)
    }

    /// A heading and its blocks.
    public struct Section: Sendable, Hashable {
        public let heading: String
        public let blocks: [Block]

        public init(heading: String, blocks: [Block]) {
            self.heading = heading
            self.blocks = blocks
        }
    }

    public let title: String
    public let sections: [Section]
    /// Series names (the arms) whose charts' series keep one colour each throughout the report
    /// (``SVGRenderer/render(_:colourOrder:)``); empty: by position in each chart.
    public let colourOrder: [String]

    public init(title: String, sections: [Section], colourOrder: [String] = []) {
        self.title = title
        self.sections = sections
        self.colourOrder = colourOrder
    }

    /// Every chart, in reading order.
    public var charts: [Chart] {
        sections.flatMap { section in
            section.blocks.compactMap { block in
                if case .chart(let chart) = block { chart } else { nil }
            }
        }
    }

    /// Every table, in reading order.
    public var tables: [Table] {
        sections.flatMap { section in
            section.blocks.compactMap { block in
                if case .table(let table) = block { table } else { nil }
            }
        }
    }
}

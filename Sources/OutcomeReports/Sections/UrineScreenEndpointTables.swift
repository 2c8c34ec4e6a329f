import TreatmentOutcomes

/// Patient-level tables of the urine-screen endpoint library (the `endpoints` and `patterns` commands).
///
/// Not an aggregate report: these carry patient identifiers, as the CTN-0094 outcome table does.
public enum UrineScreenEndpointTables {
    /// One row per word: the identifier column, then one column per endpoint result, named as in the CTN-0094
    /// outcome table. Booleans print TRUE/FALSE, counts, times and event indicators as integers, proportions and
    /// scores in full precision; a value R gives as NA (a word shorter than the window) is an empty field.
    public static func results(
        identifierColumn: String, identifiers: [String], patterns: [UsePattern], endpoints: [UrineScreenEndpoint],
        convention: UsePatternConvention = .ctnote
    ) -> Table {
        let columns = endpoints.flatMap(\.columns)
        var rows: [[Cell]] = []
        rows.reserveCapacity(patterns.count)
        for (identifier, pattern) in zip(identifiers, patterns) {
            var row: [Cell] = [.text(identifier)]
            row.reserveCapacity(columns.count + 1)
            for endpoint in endpoints {
                for (column, value) in zip(endpoint.columns, endpoint.evaluate(pattern, convention: convention)) {
                    row.append(cell(value, kind: column.kind))
                }
            }
            rows.append(row)
        }
        return Table(
            title: "Urine-screen endpoints",
            columns: [Table.Column(identifierColumn)] + columns.map { Table.Column($0.name, alignment: .right) },
            rows: rows)
    }

    static func cell(_ value: Double?, kind: UrineScreenEndpoint.ColumnKind) -> Cell {
        guard let value else { return .notApplicable }
        switch kind {
        case .boolean: return .text(value != 0 ? "TRUE" : "FALSE")
        case .count, .time, .event: return .count(Int(value))
        case .proportion, .score: return .exact(value)
        }
    }

    /// The catalogue: one row per result column with its endpoint, group, result kind, citation, definition
    /// and missing-visit rule.
    public static func catalogue(_ endpoints: [UrineScreenEndpoint] = UrineScreenEndpoint.all) -> Table {
        var rows: [[Cell]] = []
        for endpoint in endpoints {
            for column in endpoint.columns {
                rows.append([
                    .text(column.name), .text(endpoint.name), .text(endpoint.group.rawValue), .text(column.kind.rawValue),
                    .text(endpoint.citation), .text(endpoint.definition), .text(endpoint.missingRule),
                ])
            }
        }
        return Table(
            title: "Urine-screen endpoint library (CTN-0094)",
            columns: ["column", "endpoint", "group", "result", "citation", "definition", "missing"].map {
                Table.Column($0)
            },
            rows: rows)
    }

    /// `patient_id,pattern`: one weekly word per patient.
    public static func patterns(identifiers: [String], patterns: [UsePattern]) -> Table {
        Table(
            title: "Weekly use-pattern words",
            columns: [Table.Column("patient_id"), Table.Column("pattern")],
            rows: zip(identifiers, patterns).map { [.text($0), .text($1.description)] })
    }
}

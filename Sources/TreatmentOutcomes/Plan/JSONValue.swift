/// A JSON document as a value: what an analysis plan override or a cohort manifest's `plan` object holds before it
/// is merged into a complete ``AnalysisPlan``.
///
/// Numbers are kept as `Double` (every number of a plan is a small integer or a proportion, exact in a double).
public enum JSONValue: Sendable, Hashable, Codable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value):
            if value == value.rounded(), abs(value) < 9.0e15 { try container.encode(Int64(value)) } else { try container.encode(value) }
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// Compact JSON text, as a user wrote it (`2`, `"1"`, `[30, 90]`).
    public var description: String {
        switch self {
        case .null: "null"
        case .bool(let value): "\(value)"
        case .number(let value):
            value == value.rounded() && abs(value) < 9.0e15 ? String(Int64(value)) : "\(value)"
        case .string(let value): "\"\(value)\""
        case .array(let items): "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .object(let fields):
            "{" + fields.keys.sorted().map { "\"\($0)\": \(fields[$0]!)" }.joined(separator: ", ") + "}"
        }
    }

    /// The first key of `self` (an object tree) that `known` (the same tree as the plan re-encodes it) does not
    /// have, at any depth, array elements included; `nil` when every key is known.
    func firstKeyMissing(from known: JSONValue, path: String = "") -> String? {
        switch (self, known) {
        case (.object(let fields), .object(let knownFields)):
            for key in fields.keys.sorted() {
                let keyPath = path.isEmpty ? key : "\(path).\(key)"
                guard let value = knownFields[key] else { return keyPath }
                if let missing = fields[key]!.firstKeyMissing(from: value, path: keyPath) { return missing }
            }
            return nil
        case (.array(let items), .array(let knownItems)):
            for (index, (item, knownItem)) in zip(items, knownItems).enumerated() {
                if let missing = item.firstKeyMissing(from: knownItem, path: "\(path)[\(index)]") { return missing }
            }
            return nil
        default:
            return nil
        }
    }

    /// `self` with `overrides` laid over it: objects merge key by key (recursively); any other value, arrays
    /// included, is replaced whole.
    ///
    /// - Throws: ``AnalysisPlanError`` with code `.unknownKey` when `overrides` names a key that `self` does not
    ///   have (a misspelt setting is an error, never silently ignored). `path` prefixes the key in the message.
    public func merging(_ overrides: JSONValue, path: String = "") throws(AnalysisPlanError) -> JSONValue {
        guard case .object(var base) = self, case .object(let changes) = overrides else { return overrides }
        for (key, change) in changes.sorted(by: { $0.key < $1.key }) {
            let keyPath = path.isEmpty ? key : "\(path).\(key)"
            guard let current = base[key] else {
                throw AnalysisPlanError(
                    .unknownKey, path: keyPath,
                    message: "the analysis plan has no setting '\(keyPath)'; known here: "
                        + base.keys.sorted().joined(separator: ", "))
            }
            base[key] = try current.merging(change, path: keyPath)
        }
        return .object(base)
    }
}

import Foundation

/// The instruments the scorer knows, by name: the shipped ones (``Instrument/standard``) plus any registered in
/// code or read from a small JSON file:
///
/// ```json
/// [{"name": "MyScale", "minimumAnsweredItems": 2, "higherIsWorse": true,
///   "items": [{"name": "a", "minimum": 0, "maximum": 4}, {"name": "b", "minimum": 0, "maximum": 4, "reverseKeyed": true},
///             {"name": "c", "minimum": 0, "maximum": 4}],
///   "severityBands": [{"label": "low", "lower": 0, "upper": 5}, {"label": "high", "lower": 6, "upper": 12}]}]
/// ```
/// `minimumAnsweredItems` defaults to every item (no prorating), `higherIsWorse` to true, bands to none.
public struct InstrumentRegistry: Sendable {
    private var instruments: [String: Instrument]

    /// The shipped instruments.
    public static let standard = InstrumentRegistry(instruments: Instrument.standard)

    public init(instruments: [Instrument] = []) {
        self.instruments = [:]
        for instrument in instruments { self.instruments[instrument.name] = instrument }
    }

    /// The instrument named `name` (exact, case-sensitive), if registered.
    public func instrument(named name: String) -> Instrument? { instruments[name] }

    /// Every registered name, sorted.
    public var names: [String] { instruments.keys.sorted() }

    /// Adds `instrument`. A name already registered is an error (replace deliberately with ``replacing(_:)``).
    public mutating func register(_ instrument: Instrument) throws(InstrumentDefinitionError) {
        guard instruments[instrument.name] == nil else {
            throw InstrumentDefinitionError("instrument \"\(instrument.name)\" is already registered")
        }
        instruments[instrument.name] = instrument
    }

    /// A copy in which `instrument` replaces any instrument of the same name.
    public func replacing(_ instrument: Instrument) -> InstrumentRegistry {
        var copy = self
        copy.instruments[instrument.name] = instrument
        return copy
    }

    /// Registers every instrument of a JSON array (format above); `file` names the source in errors.
    public mutating func register(json data: Data, file: String) throws(InstrumentDefinitionError) {
        let decoded: [Instrument]
        do {
            decoded = try JSONDecoder().decode([Instrument].self, from: data)
        } catch let DecodingError.dataCorrupted(context) {
            throw InstrumentDefinitionError("\(file): \(context.debugDescription)")
        } catch {
            throw InstrumentDefinitionError("\(file): not a valid instrument list (\(error))")
        }
        for instrument in decoded {
            do { try register(instrument) } catch { throw InstrumentDefinitionError("\(file): \(error.message)") }
        }
    }
}

/// An instrument definition that cannot be used (duplicate name, bad ranges, impossible prorating rule).
public struct InstrumentDefinitionError: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

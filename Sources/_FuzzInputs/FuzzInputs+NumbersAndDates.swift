import Foundation
import TreatmentOutcomes

extension FuzzInputs {
    /// The bytes as one field, through every parser the CSV reader and the cohort loader apply to a field:
    ///
    /// - `NumberParsing.parseDouble` (amounts, scores, `numbers` columns, numeric covariates) and the hint an error
    ///   message adds;
    /// - `NumberParsing.parseInteger` (days, take-home doses, days' supply);
    /// - `CivilDate(isoBytes:)` and `CivilDate(iso8601:)` (index dates and event dates).
    ///
    /// `CSVRecord`'s `double`, `integer`, `integer32` and `date` are these parsers plus the error they throw. The
    /// field is not written to a file and read back through them: that ran at about 135 inputs a second against about
    /// 97,000 (the CSV harness covers the reader).
    ///
    /// A parser that refuses the field is the right answer. A parser that accepts it must agree with an independent
    /// reading: Swift's own `Double` and `Int` parsers of the same text (correctly rounded, the same bits, the sign of
    /// zero included) and a date's `YYYY-MM-DD` round trip. A disagreement stops the process like a crash
    /// (`numberOrDateDisagreement`), so libFuzzer reports it as a finding.
    public static func numbersAndDates(_ bytes: UnsafeRawBufferPointer, scratch: URL) {
        let text = trimmedText(bytes)
        checkDouble(NumberParsing.parseDouble(bytes), text: text, bytes: bytes)
        _ = NumberParsing.hint(bytes)
        checkInteger(NumberParsing.parseInteger(bytes), text: text, bytes: bytes)
        checkDate(bytes)
    }

    /// The field without the spaces and tabs the number parsers skip at either end, as text (`nil` unless UTF-8).
    static func trimmedText(_ bytes: UnsafeRawBufferPointer) -> String? {
        var first = 0
        var last = bytes.count
        while first < last && (bytes[first] == 0x20 || bytes[first] == 0x09) { first += 1 }
        while last > first && (bytes[last - 1] == 0x20 || bytes[last - 1] == 0x09) { last -= 1 }
        return String(validating: UnsafeRawBufferPointer(rebasing: bytes[first..<last]), as: UTF8.self)
    }

    /// An accepted number has the bits Swift's `Double(_:)` gives its text; an overflow is infinite there too; a
    /// plain decimal (digits, sign, point, exponent only) that Swift reads is not refused.
    static func checkDouble(_ result: NumberParsing.DoubleResult, text: String?, bytes: UnsafeRawBufferPointer) {
        let reference = text.flatMap { Double($0) }
        switch result {
        case .value(let value):
            guard let reference, reference.bitPattern == value.bitPattern else {
                numberOrDateDisagreement("parseDouble read \(value), Swift reads \(String(describing: reference))", bytes)
            }
        case .notFinite:
            if let reference, reference.isFinite {
                numberOrDateDisagreement("parseDouble says not finite, Swift reads \(reference)", bytes)
            }
        case .invalid:
            if let text, let reference, text.utf8.allSatisfy({ plainDecimalBytes.contains($0) }) {
                numberOrDateDisagreement("parseDouble refuses a decimal Swift reads as \(reference)", bytes)
            }
        }
    }

    /// The bytes of a plain decimal: digits, signs, the point and the exponent letters.
    static let plainDecimalBytes = Set("0123456789+-.eE".utf8)

    /// An accepted whole number equals Swift's `Int(_:)` of its text; an overflow is out of `Int`'s range there
    /// (−2⁶³ included: the readers accept ±(2⁶³ − 1), as their error message says); a refused field is refused there.
    static func checkInteger(_ result: NumberParsing.IntegerResult, text: String?, bytes: UnsafeRawBufferPointer) {
        let reference = text.flatMap { Int($0) }
        switch result {
        case .value(let value):
            if reference != value { numberOrDateDisagreement("parseInteger read \(value), Swift reads \(String(describing: reference))", bytes) }
        case .overflow:
            if let reference, reference != .min { numberOrDateDisagreement("parseInteger overflows, Swift reads \(reference)", bytes) }
        case .invalid:
            if let reference { numberOrDateDisagreement("parseInteger refuses, Swift reads \(reference)", bytes) }
        }
    }

    /// An accepted date prints back as the same ten bytes, rebuilds from its components, and the `String` parser
    /// agrees with the byte parser whenever the bytes are UTF-8.
    static func checkDate(_ bytes: UnsafeRawBufferPointer) {
        let date = CivilDate(isoBytes: bytes)
        if let text = String(validating: bytes, as: UTF8.self), CivilDate(iso8601: text) != date {
            numberOrDateDisagreement("CivilDate(iso8601:) and CivilDate(isoBytes:) differ", bytes)
        }
        guard let date else { return }
        let (year, month, day) = date.components
        if date.description.utf8.elementsEqual(bytes) == false || CivilDate(year: year, month: month, day: day) != date {
            numberOrDateDisagreement("the date \(date) does not round-trip", bytes)
        }
    }

    /// Stops the process with the field in the message: a parser disagreed with its reference (a finding).
    static func numberOrDateDisagreement(_ what: String, _ bytes: UnsafeRawBufferPointer) -> Never {
        fatalError("number/date parsers disagree: \(what); field bytes \(Array(bytes))")
    }
}

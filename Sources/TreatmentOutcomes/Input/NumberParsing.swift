import Foundation

/// Allocation-free parsing of numbers from UTF-8 bytes.
///
/// `package`, not `internal`, so that the number-and-date fuzz harness (`_FuzzInputs`) can call it directly.
package enum NumberParsing {
    /// A field read as a number: its value, too large for a `Double`, or not a number in the accepted form.
    package enum DoubleResult { case value(Double), notFinite, invalid }
    /// A field read as a whole number: its value, beyond ±(2⁶³ − 1), or not a whole number.
    package enum IntegerResult { case value(Int), overflow, invalid }

    /// Exact powers of ten representable in a Double (10^0 … 10^22), for Clinger's fast path.
    private static let exactPowersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// Parses `[spaces][+-]digits[.digits][(e|E)[+-]digits][spaces]` (at least one digit in the mantissa).
    ///
    /// Correctly rounded: when the significand has at most 15 digits and |exponent| ≤ 22 the result is computed
    /// exactly as one multiplication or division of two exact doubles (Clinger 1990, "How to read floating point
    /// numbers accurately"); otherwise the validated text goes to the C library's `strtod`, which rounds correctly.
    /// `inf`, `nan`, hexadecimal and locale forms are not numbers here; a value that overflows is `.notFinite`.
    package static func parseDouble(_ field: UnsafeRawBufferPointer) -> DoubleResult {
        var index = 0
        var last = field.count
        while index < last && (field[index] == 0x20 || field[index] == 0x09) { index += 1 }
        while last > index && (field[last - 1] == 0x20 || field[last - 1] == 0x09) { last -= 1 }
        let first = index
        var negative = false
        if index < last && (field[index] == 0x2B || field[index] == 0x2D) {
            negative = field[index] == 0x2D
            index += 1
        }
        var significand: UInt64 = 0
        var significantDigits = 0
        var digitCount = 0
        var decimalExponent = 0
        while index < last, case let digit = field[index] &- 0x30, digit < 10 {
            digitCount += 1
            if significand != 0 || digit != 0 {
                if significantDigits < 19 {
                    significand = significand * 10 + UInt64(digit)
                    significantDigits += 1
                } else {
                    decimalExponent += 1
                    significantDigits += 1
                }
            }
            index += 1
        }
        if index < last && field[index] == 0x2E {
            index += 1
            while index < last, case let digit = field[index] &- 0x30, digit < 10 {
                digitCount += 1
                if significand != 0 || digit != 0 {
                    if significantDigits < 19 {
                        significand = significand * 10 + UInt64(digit)
                        decimalExponent -= 1
                    }
                    significantDigits += 1
                } else {
                    decimalExponent -= 1
                }
                index += 1
            }
        }
        guard digitCount > 0 else { return .invalid }
        if index < last && (field[index] == 0x65 || field[index] == 0x45) {
            index += 1
            var exponentNegative = false
            if index < last && (field[index] == 0x2B || field[index] == 0x2D) {
                exponentNegative = field[index] == 0x2D
                index += 1
            }
            var exponent = 0
            var exponentDigits = 0
            while index < last, case let digit = field[index] &- 0x30, digit < 10 {
                if exponent < 100_000 { exponent = exponent * 10 + Int(digit) }
                exponentDigits += 1
                index += 1
            }
            guard exponentDigits > 0 else { return .invalid }
            decimalExponent += exponentNegative ? -exponent : exponent
        }
        guard index == last else { return .invalid }
        if significand == 0 { return .value(negative ? -0.0 : 0.0) }
        if significantDigits <= 15 && abs(decimalExponent) <= 22 {
            let magnitude = Double(significand)
            let value = decimalExponent >= 0
                ? magnitude * exactPowersOfTen[decimalExponent]
                : magnitude / exactPowersOfTen[-decimalExponent]
            return .value(negative ? -value : value)
        }
        // Slow path: the text is a valid decimal; let strtod round it.
        let length = last - first
        let value: Double = withUnsafeTemporaryAllocation(of: CChar.self, capacity: length + 1) { text in
            for offset in 0..<length { text[offset] = CChar(bitPattern: field[first + offset]) }
            text[length] = 0
            return strtod(text.baseAddress!, nil)
        }
        return value.isFinite ? .value(value) : .notFinite
    }

    /// Parses `[spaces][+-]digits[spaces]` into an `Int`.
    package static func parseInteger(_ field: UnsafeRawBufferPointer) -> IntegerResult {
        var index = 0
        var last = field.count
        while index < last && (field[index] == 0x20 || field[index] == 0x09) { index += 1 }
        while last > index && (field[last - 1] == 0x20 || field[last - 1] == 0x09) { last -= 1 }
        var negative = false
        if index < last && (field[index] == 0x2B || field[index] == 0x2D) {
            negative = field[index] == 0x2D
            index += 1
        }
        guard index < last else { return .invalid }
        var value = 0
        while index < last {
            let digit = field[index] &- 0x30
            guard digit < 10 else { return .invalid }
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(Int(digit))
            if overflow1 || overflow2 { return .overflow }
            value = sum
            index += 1
        }
        return .value(negative ? -value : value)
    }

    /// Whether `field` equals the lower-case ASCII `text`, ignoring ASCII case in `field`.
    package static func equalsIgnoringASCIICase(_ field: UnsafeRawBufferPointer, _ text: String) -> Bool {
        var text = text
        return text.withUTF8 { expected in
            guard expected.count == field.count else { return false }
            for index in 0..<field.count {
                var byte = field[index]
                if byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
                if byte != expected[index] { return false }
            }
            return true
        }
    }

    /// A hint for common non-numbers: R's `NA` and spreadsheet placeholders.
    package static func hint(_ field: UnsafeRawBufferPointer) -> String {
        for marker in ["na", "nan", "null", "n/a", "."] where equalsIgnoringASCIICase(field, marker) {
            return " (a missing value is written as an empty field)"
        }
        if field.contains(0x2C) || (field.contains(0x2E) && field.filter({ $0 == 0x2E }).count > 1) {
            return " (use a point as the decimal separator and no thousands separators)"
        }
        return ""
    }
}

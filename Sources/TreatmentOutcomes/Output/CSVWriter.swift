import Foundation

/// Writes RFC 4180 CSV to a file through a large buffer, without a `String` per field.
///
/// Fields that contain a comma, a double quote, CR or LF are quoted, with quotes doubled. Lines end in LF.
/// Numbers are written in a fixed, locale-independent form, so the same values always give the same bytes.
package struct CSVWriter: ~Copyable {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var atLineStart = true
    private let flushThreshold = 1 << 20
    private var flushedBytes = 0
    /// Bytes written so far (flushed or buffered).
    public var bytesWritten: Int { flushedBytes + buffer.count }

    /// Creates (or truncates) the file at `url`.
    public init(url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        handle = try FileHandle(forWritingTo: url)
        buffer.reserveCapacity(flushThreshold + 4096)
    }

    /// Writes a whole row of text fields.
    public mutating func writeRow(_ fields: [String]) {
        for field in fields { append(field) }
        endRow()
    }

    /// Appends a text field, quoting it when needed.
    public mutating func append(_ field: String) {
        separate()
        var field = field
        field.withUTF8 { bytes in
            let needsQuotes = bytes.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
            if needsQuotes {
                buffer.append(0x22)
                for byte in bytes {
                    if byte == 0x22 { buffer.append(0x22) }
                    buffer.append(byte)
                }
                buffer.append(0x22)
            } else {
                buffer.append(contentsOf: bytes)
            }
        }
    }

    /// Appends an integer field.
    public mutating func append(_ value: Int) {
        separate()
        appendDigits(of: value)
    }

    /// Appends a number with exactly `fractionDigits` digits after the point (rounded half away from zero),
    /// e.g. `append(2.5, fractionDigits: 1)` → `2.5`. Non-finite values are a programming error.
    public mutating func append(_ value: Double, fractionDigits: Int) {
        precondition(value.isFinite, "CSVWriter cannot write a non-finite number")
        separate()
        var scale = 1.0
        for _ in 0..<fractionDigits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        precondition(scaled < 9.0e18, "CSVWriter: number too large for fixed-point output")
        let integer = Int(scaled)
        if value < 0 && integer != 0 { buffer.append(UInt8(ascii: "-")) }
        let divisor = Int(scale)
        appendDigits(of: integer / divisor)
        if fractionDigits > 0 {
            buffer.append(UInt8(ascii: "."))
            var fraction = integer % divisor
            var digits = [UInt8](repeating: UInt8(ascii: "0"), count: fractionDigits)
            for position in stride(from: fractionDigits - 1, through: 0, by: -1) {
                digits[position] = UInt8(ascii: "0") + UInt8(fraction % 10)
                fraction /= 10
            }
            buffer.append(contentsOf: digits)
        }
    }

    /// Appends a date as `YYYY-MM-DD` (years 0–9999), without building a `String`.
    public mutating func append(_ date: CivilDate) {
        let (year, month, day) = date.components
        precondition((0...9999).contains(year), "CSVWriter writes dates of years 0–9999 only")
        separate()
        let zero = UInt8(ascii: "0")
        buffer.append(zero + UInt8(year / 1000))
        buffer.append(zero + UInt8(year / 100 % 10))
        buffer.append(zero + UInt8(year / 10 % 10))
        buffer.append(zero + UInt8(year % 10))
        buffer.append(UInt8(ascii: "-"))
        buffer.append(zero + UInt8(month / 10))
        buffer.append(zero + UInt8(month % 10))
        buffer.append(UInt8(ascii: "-"))
        buffer.append(zero + UInt8(day / 10))
        buffer.append(zero + UInt8(day % 10))
    }

    /// Appends an empty field.
    public mutating func appendEmpty() {
        separate()
    }

    /// Ends the current row.
    public mutating func endRow() {
        buffer.append(0x0A)
        atLineStart = true
        if buffer.count >= flushThreshold { flush() }
    }

    /// Writes the buffer out and closes the file.
    public consuming func close() throws {
        flush()
        try handle.close()
    }

    private mutating func separate() {
        if atLineStart {
            atLineStart = false
        } else {
            buffer.append(0x2C)
        }
    }

    private mutating func appendDigits(of value: Int) {
        if value < 0 { buffer.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { raw in
            repeat {
                raw[19 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            buffer.append(contentsOf: raw[(20 - count)...])
        }
    }

    private mutating func flush() {
        guard !buffer.isEmpty else { return }
        flushedBytes += buffer.count
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Maps short byte strings (identifiers, labels) to dense integer codes without allocating per lookup.
///
/// Open addressing with linear probing over a power-of-two table (load ≤ 1/2), FNV-1a hashing, keys stored back
/// to back in one byte arena. Each slot packs `code + 1` (high 32 bits; 0 = empty) with 32 bits of the hash, so a
/// probe touches the arena only on a likely match. Codes are assigned 0, 1, 2, … in insertion order.
struct ByteStringInterner: Sendable {
    private var arena: [UInt8] = []
    private var keyOffsets: [Int] = [0]
    private var slots: [UInt64]
    private var mask: Int

    init(expectedCount: Int = 16) {
        var capacity = 16
        while capacity < expectedCount * 2 { capacity <<= 1 }
        slots = [UInt64](repeating: 0, count: capacity)
        mask = capacity - 1
    }

    /// Interns every string of `strings`, in order (duplicates keep their first code).
    init(_ strings: [String]) {
        self.init(expectedCount: strings.count)
        for var string in strings {
            _ = string.withUTF8 { intern(UnsafeRawBufferPointer($0)) }
        }
    }

    /// The code of `string`, or `nil`.
    func code(of string: String) -> Int32? {
        var string = string
        return string.withUTF8 { code(of: UnsafeRawBufferPointer($0)) }
    }

    /// Number of distinct keys.
    var count: Int { keyOffsets.count - 1 }

    /// The code of `key`, or `nil`.
    func code(of key: UnsafeRawBufferPointer) -> Int32? {
        let hash = Self.hash(key)
        let tag = hash >> 32
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            if entry & 0xFFFF_FFFF == tag, keyEquals(Int(entry >> 32) - 1, key) { return Int32(entry >> 32) - 1 }
            slot = (slot + 1) & mask
        }
    }

    /// The code of `key`, inserting it when new; `inserted` tells which.
    mutating func intern(_ key: UnsafeRawBufferPointer) -> (code: Int32, inserted: Bool) {
        let hash = Self.hash(key)
        let tag = hash >> 32
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            if entry & 0xFFFF_FFFF == tag, keyEquals(Int(entry >> 32) - 1, key) { return (Int32(entry >> 32) - 1, false) }
            slot = (slot + 1) & mask
        }
        let code = Int32(count)
        arena.append(contentsOf: key)
        keyOffsets.append(arena.count)
        slots[slot] = UInt64(code + 1) << 32 | tag
        if count * 2 > slots.count { grow() }
        return (code, true)
    }

    /// The key of `code` as text.
    func string(_ code: Int32) -> String {
        String(decoding: arena[keyOffsets[Int(code)]..<keyOffsets[Int(code) + 1]], as: UTF8.self)
    }

    /// Every key in code order.
    var strings: [String] { (0..<count).map { string(Int32($0)) } }

    private func keyEquals(_ code: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        let start = keyOffsets[code]
        let length = keyOffsets[code + 1] - start
        guard length == key.count else { return false }
        return arena.withUnsafeBytes { stored in
            length == 0 || memcmp(stored.baseAddress! + start, key.baseAddress!, length) == 0
        }
    }

    private mutating func grow() {
        let capacity = slots.count * 2
        slots = [UInt64](repeating: 0, count: capacity)
        mask = capacity - 1
        arena.withUnsafeBytes { stored in
            for code in 0..<count {
                let key = UnsafeRawBufferPointer(rebasing: stored[keyOffsets[code]..<keyOffsets[code + 1]])
                let hash = Self.hash(key)
                var slot = Int(truncatingIfNeeded: hash) & mask
                while slots[slot] != 0 { slot = (slot + 1) & mask }
                slots[slot] = UInt64(code + 1) << 32 | hash >> 32
            }
        }
    }

    private static func hash(_ key: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in key {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        // Final avalanche so that the low bits used for the slot depend on every byte.
        hash ^= hash >> 33
        hash = hash &* 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 33
        return hash
    }
}

import Foundation

/// Builds a ``CategoricalColumn`` from byte fields, then sorts its levels.
struct CategoricalBuilder {
    private var interner = ByteStringInterner()
    private(set) var codes: [Int32] = []
    /// The previous field and its code: runs of the same label skip hashing.
    private var lastField: [UInt8] = []
    private var lastCode: Int32 = CategoricalColumn.missingCode

    init(reservingCapacity capacity: Int = 0) {
        codes.reserveCapacity(capacity)
    }

    /// Appends one row: an empty field is missing.
    mutating func append(_ field: UnsafeRawBufferPointer) {
        if field.isEmpty {
            codes.append(CategoricalColumn.missingCode)
            return
        }
        if lastCode >= 0 && field.count == lastField.count
            && lastField.withUnsafeBytes({ memcmp($0.baseAddress!, field.baseAddress!, field.count) == 0 }) {
            codes.append(lastCode)
            return
        }
        lastCode = interner.intern(field).code
        lastField.removeAll(keepingCapacity: true)
        lastField.append(contentsOf: field)
        codes.append(lastCode)
    }

    /// The column with levels sorted by their UTF-8 bytes and codes remapped.
    func build() -> CategoricalColumn {
        let labels = interner.strings
        let order = labels.indices.sorted { Array(labels[$0].utf8).lexicographicallyPrecedes(Array(labels[$1].utf8)) }
        var remap = [Int32](repeating: 0, count: labels.count)
        for (newCode, oldCode) in order.enumerated() { remap[oldCode] = Int32(newCode) }
        let remapped = codes.map { $0 < 0 ? $0 : remap[Int($0)] }
        return CategoricalColumn(levels: order.map { labels[$0] }, codes: remapped)
    }
}

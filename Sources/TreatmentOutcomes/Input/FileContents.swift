import Foundation

/// Whole small files (a manifest, a plan, a model) read into memory.
public enum FileContents {
    /// The file's bytes. An empty file gives empty data without calling `Data(contentsOf:)`, which leaks a 4 KiB
    /// buffer on an empty file in this Foundation (found by the cohort-loader fuzzer, docs/Fuzzing.md).
    /// - Throws: what `Data(contentsOf:)` throws for a missing or unreadable file.
    public static func read(_ url: URL) throws -> Data {
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        if (attributes[.size] as? Int) == 0 { return Data() }
        return try Data(contentsOf: url)
    }
}

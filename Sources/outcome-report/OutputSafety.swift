import Foundation

/// The output rules every command follows (docs/Outputs.md): no output may replace or remove an input or a folder
/// that holds one, whatever `--force` says; an existing output is replaced only with `--force`.
enum OutputSafety {
    struct Refusal: Error, CustomStringConvertible {
        let description: String
    }

    /// The path with `.`/`..` and symbolic links resolved (as far as it exists).
    static func resolved(_ url: URL) -> String {
        url.standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// Throws unless writing `output` (a file, or a folder that is replaced whole) leaves every input intact, and
    /// unless an existing `output` may be replaced (`force`).
    /// - Parameters:
    ///   - inputs: the files and folders the command reads.
    ///   - contentsAreInputs: whether an existing file inside an input folder counts as an input (a cohort folder's
    ///     files do; the CTN-0094 source folder's converted cohort does not).
    ///   - checkExisting: whether to refuse an existing output without `force` (false when the writer does so itself).
    static func check(
        _ output: URL, inputs: [URL], force: Bool, option: String, contentsAreInputs: Bool = true, checkExisting: Bool = true
    ) throws {
        let target = resolved(output)
        for input in inputs {
            let source = resolved(input)
            if source == target || source.hasPrefix(target.hasSuffix("/") ? target : target + "/") {
                throw Refusal(description: "\(option) \(output.path) would replace "
                    + (source == target ? "the input" : "a folder that holds the input") + " \(input.path); choose another place")
            }
            // an existing file inside an input folder (a cohort's patients.csv) is an input too
            if contentsAreInputs, target.hasPrefix(source + "/"), FileManager.default.fileExists(atPath: output.path) {
                throw Refusal(description: "\(option) \(output.path) would replace a file of the input folder "
                    + "\(input.path); choose another place")
            }
        }
        if checkExisting, !force, FileManager.default.fileExists(atPath: output.path) {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: output.path, isDirectory: &isDirectory)
            let empty = isDirectory.boolValue
                && ((try? FileManager.default.contentsOfDirectory(atPath: output.path))?.isEmpty ?? false)
            if !empty { throw Refusal(description: "\(output.path) exists; use --force to replace it") }
        }
    }
}

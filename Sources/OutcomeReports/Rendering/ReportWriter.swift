import Foundation

/// Writes a report folder: `report.md` (or another name; Markdown with image links), any further text files (such
/// as a CSV of the same values) and `charts/<identifier>.svg`, all at once.
///
/// The files are written into a hidden sibling folder first and moved into place at the end, so a failure never
/// leaves a half-written report. An existing folder is replaced only when `replaceExisting` is set; otherwise a
/// non-empty folder is an error.
public enum ReportWriter {
    public struct WriteError: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    /// The Markdown file's name inside the folder.
    public static let markdownFileName = "report.md"
    /// The self-contained HTML page the `report` command writes beside the Markdown (``HTMLRenderer``).
    public static let htmlFileName = "report.html"
    /// The charts' subfolder.
    public static let chartFolderName = "charts"

    public static func write(
        _ report: Report, to folder: URL, replaceExisting: Bool = false, markdownFileName: String = markdownFileName,
        otherFiles: [String: String] = [:]
    ) throws {
        let fileManager = FileManager.default
        let destination = folder.standardizedFileURL
        var isDirectory: ObjCBool = false
        let exists = fileManager.fileExists(atPath: destination.path, isDirectory: &isDirectory)
        if exists {
            guard isDirectory.boolValue else {
                throw WriteError(description: "\(destination.path) exists and is not a folder")
            }
            let contents = (try? fileManager.contentsOfDirectory(atPath: destination.path)) ?? []
            if !contents.isEmpty && !replaceExisting {
                throw WriteError(description: "\(destination.path) is not empty; use --force to replace it")
            }
        }
        let staging = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).partial-\(UUID().uuidString)")
        do {
            try fileManager.createDirectory(
                at: staging.appendingPathComponent(chartFolderName), withIntermediateDirectories: true)
            let markdown = MarkdownRenderer.render(report, chartFolder: chartFolderName)
            try Data(markdown.utf8).write(to: staging.appendingPathComponent(markdownFileName))
            for (name, text) in otherFiles.sorted(by: { $0.key < $1.key }) {
                try Data(text.utf8).write(to: staging.appendingPathComponent(name))
            }
            for chart in report.charts {
                try Data(SVGRenderer.render(chart, colourOrder: report.colourOrder).utf8)
                    .write(to: staging.appendingPathComponent(chartFolderName).appendingPathComponent(chart.fileName))
            }
            if exists { try fileManager.removeItem(at: destination) }
            try fileManager.moveItem(at: staging, to: destination)
        } catch let error as WriteError {
            try? fileManager.removeItem(at: staging)
            throw error
        } catch {
            try? fileManager.removeItem(at: staging)
            throw WriteError(description: "could not write the report to \(destination.path): \(error.localizedDescription)")
        }
    }
}

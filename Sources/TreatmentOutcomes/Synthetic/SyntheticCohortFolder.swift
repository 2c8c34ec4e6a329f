import Foundation

/// Where a synthetic cohort is written: checks on the destination, a hidden staging sibling, and the final rename.
enum SyntheticCohortFolder {
    /// Fails when `destination` is a non-empty folder (unless `replaceExisting`) or a file (unless `replaceExisting`).
    static func checkDestination(_ destination: URL, replaceExisting: Bool) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: destination.path, isDirectory: &isDirectory) else { return }
        if replaceExisting { return }
        guard isDirectory.boolValue else {
            throw SyntheticCohortError(
                "\(destination.path) exists and is a file, not a folder; choose another --out or pass --force to replace it")
        }
        let contents = try FileManager.default.contentsOfDirectory(atPath: destination.path)
        if !contents.isEmpty {
            throw SyntheticCohortError(
                "\(destination.path) is not empty (\(contents.count) entries); choose another --out or pass --force to replace it")
        }
    }

    /// Creates `.<name>.partial-<pid>` next to `destination` (and any missing parent folders).
    static func makeStaging(for destination: URL) throws -> URL {
        let parent = destination.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(destination.lastPathComponent).partial-\(getpid())")
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
            if FileManager.default.fileExists(atPath: staging.path) {
                try FileManager.default.removeItem(at: staging)
            }
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            throw SyntheticCohortError("could not create \(staging.path): \(error.localizedDescription)")
        }
        return staging
    }

    /// Renames `staging` to `destination`. An existing destination is first renamed aside and removed only after
    /// the new folder is in place.
    static func moveIntoPlace(_ staging: URL, destination: URL) throws {
        let manager = FileManager.default
        var aside: URL?
        if manager.fileExists(atPath: destination.path) {
            let moved = destination.deletingLastPathComponent()
                .appendingPathComponent(".\(destination.lastPathComponent).replaced-\(getpid())")
            try? manager.removeItem(at: moved)
            guard rename(destination.path, moved.path) == 0 else {
                throw SyntheticCohortError(
                    "could not move the existing \(destination.path) aside: \(String(cString: strerror(errno)))")
            }
            aside = moved
        }
        guard rename(staging.path, destination.path) == 0 else {
            let reason = String(cString: strerror(errno))
            if let aside { _ = rename(aside.path, destination.path) }
            throw SyntheticCohortError("could not rename \(staging.path) to \(destination.path): \(reason)")
        }
        if let aside { try? manager.removeItem(at: aside) }
    }
}

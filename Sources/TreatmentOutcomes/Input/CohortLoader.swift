import Foundation

/// Options for loading a cohort folder.
public struct CohortLoadOptions: Sendable {
    /// Skip rows whose required fields are empty instead of failing; the count per file is reported in
    /// ``LoadReport``.
    public var dropIncomplete: Bool

    public init(dropIncomplete: Bool = false) {
        self.dropIncomplete = dropIncomplete
    }
}

/// Loads a cohort folder (docs/InputFormat.md) into columnar tables.
public enum CohortLoader {
    /// Reads `folder/patients.csv` and every other cohort file present.
    /// - Throws: ``InputError`` naming file, line and column for the first problem found.
    public static func load(from folder: URL, options: CohortLoadOptions = CohortLoadOptions()) throws -> Cohort {
        throw InputError(.missingFile, file: folder.path, message: "the cohort loader is being built")
    }
}

import Foundation

/// Converts the harmonized CTN-0094 tables (public.ctn0094data) into a cohort folder (docs/InputFormat.md).
///
/// The cohort has no calendar dates: day 0 is each patient's first randomization, and every event's
/// `day = when − when of the first randomization` (both study days since consent). Only participants with a
/// first randomization become patients. The rules for each table, and why, are in docs/CTN0094.md.
///
/// Output is deterministic: rows are sorted by patient (ascending `who`), then day, then source order (screens:
/// substance), and numbers are written in a fixed form, so the same source gives the same bytes.
public enum CTN0094Importer {
    /// Reads the CTN-0094 CSV tables in `rawFolder` and writes `patients.csv`, `doses.csv`, `screens.csv`,
    /// `visits.csv`, `assessments.csv`, `IMPORT.md` and the manifest `cohort.json` (`CTN0094Manifest`, with the
    /// published words copied as `use_patterns.csv` when the raw folder has them) into `cohortFolder`.
    ///
    /// The files are written into a temporary sibling folder that is renamed to `cohortFolder` at the end, so a
    /// failed import leaves no partial output.
    ///
    /// - Parameter replacingExisting: replace `cohortFolder` when it exists; otherwise an existing folder is an error.
    /// - Returns: what was written and every source row left out, by file and reason.
    /// - Throws: ``InputError`` naming file, line and column for a missing or malformed source table;
    ///   ``CTN0094ImportError`` when the destination exists (without `replacingExisting`) or cannot be written.
    public static func importCohort(
        from rawFolder: URL, to cohortFolder: URL, replacingExisting: Bool = false
    ) throws -> CTN0094ImportSummary {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: rawFolder.path, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            throw InputError(
                .missingFile, file: rawFolder.path,
                message: "no such folder (expected the CTN-0094 tables: everybody.csv, randomization.csv, …)")
        }
        let destinationExists = FileManager.default.fileExists(atPath: cohortFolder.path)
        if destinationExists && !replacingExisting {
            throw CTN0094ImportError(path: cohortFolder.path, message: "already exists (use --force to replace it)")
        }

        var reading = CTN0094SourceLog()
        var tally = CTN0094LeftOutTally()
        var participants = try CTN0094Participants(folder: rawFolder, reading: &reading, tally: &tally)
        try participants.readCovariates(folder: rawFolder, reading: &reading, tally: &tally)
        let events = try CTN0094Events(folder: rawFolder, participants: participants, reading: &reading, tally: &tally)
        let screens = try CTN0094Screens(
            folder: rawFolder, participants: participants, reading: &reading, tally: &tally)

        let temporary = cohortFolder.deletingLastPathComponent()
            .appendingPathComponent(".\(cohortFolder.lastPathComponent).partial-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
            let written = try CTN0094CohortWriter.write(
                participants: participants, events: events, screens: screens, to: temporary)
            let summary = CTN0094ImportSummary(
                participants: participants.everybody.count, sourceFiles: reading.files, written: written,
                specimenDays: screens.specimenDays, positiveScreens: screens.positives,
                negativeScreens: screens.negatives, leftOut: tally.leftOut)
            try Data(summary.importNotes.utf8).write(to: temporary.appendingPathComponent("IMPORT.md"))
            try CTN0094Manifest.write(rawFolder: rawFolder, participants: participants, to: temporary)
            try moveIntoPlace(temporary, cohortFolder, replacing: destinationExists)
            return summary
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            if error is InputError || error is CTN0094ImportError { throw error }
            throw CTN0094ImportError(path: cohortFolder.path, message: "could not write the cohort: \(error)")
        }
    }

    /// Renames `source` to `destination`; an existing destination is moved aside first and restored on failure.
    private static func moveIntoPlace(_ source: URL, _ destination: URL, replacing: Bool) throws {
        let files = FileManager.default
        guard replacing else { return try files.moveItem(at: source, to: destination) }
        let aside = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).old-\(UUID().uuidString)")
        try files.moveItem(at: destination, to: aside)
        do {
            try files.moveItem(at: source, to: destination)
        } catch {
            try? files.moveItem(at: aside, to: destination)
            throw error
        }
        try? files.removeItem(at: aside)
    }
}

import Foundation

/// Options for loading a cohort folder.
public struct CohortLoadOptions: Sendable {
    /// Skip rows whose required fields are empty instead of failing (and the events of patients skipped that way);
    /// the counts per file are in ``LoadReport``.
    public var dropIncomplete: Bool

    public init(dropIncomplete: Bool = false) {
        self.dropIncomplete = dropIncomplete
    }
}

/// Loads a cohort folder (docs/InputFormat.md) into columnar tables.
///
/// `patients.csv` is read first; then the event files present are read in parallel, each streamed through a
/// fixed buffer into typed column arrays with patients interned to dense indices, and sorted by patient and day.
/// The first problem found stops the load with an ``InputError``; when several files have problems, the one
/// earliest in ``CohortFile`` order is reported, so the message does not depend on timing.
public enum CohortLoader {
    /// Reads `folder/patients.csv`, every other cohort file present, and the cohort manifest `cohort.json` with the
    /// published words it names (``CohortManifest``); the covariates it declares are checked against `patients.csv`
    /// (``CovariateDeclaration``).
    /// - Throws: ``InputError`` naming file, line and column for the first problem found.
    public static func load(from folder: URL, options: CohortLoadOptions = CohortLoadOptions()) throws -> Cohort {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputError(.missingFile, file: folder.path, message: "no such cohort folder")
        }
        @Sendable func location(_ file: CohortFile) -> (URL, String) {
            let url = folder.appendingPathComponent(file.rawValue)
            return (url, url.path)
        }
        let manifest = try CohortManifest.read(folder: folder)
        let (patientsURL, patientsName) = location(.patients)
        let (patients, lookup, patientsReport) = try PatientsFileLoader.load(
            url: patientsURL, displayName: patientsName, options: options, declarations: manifest?.covariates)
        let reader = EventFileReader(lookup: lookup, options: options)

        // an entry that exists but cannot be read (a dangling link, a FIFO) is an error of that file, never "absent"
        let eventFiles = CohortFile.allCases.filter {
            $0 != .patients && (try? FileManager.default.attributesOfItem(atPath: location($0).0.path)) != nil
        }
        // Each file read on its own (``concurrently``: one result slot per file, read after every read has ended; no
        // lock, since ThreadSanitizer does not see a `Synchronization.Mutex`'s futex-based locking on Linux).
        let results = concurrently(eventFiles.map { file in
            { @Sendable in
                let (url, name) = location(file)
                return try reader.load(file, url: url, displayName: name)
            }
        })
        var tables = LoadedTables()
        var reports = [patientsReport]
        for result in results {
            let loaded = try result.get()
            tables.insert(loaded)
            reports.append(loaded.report)
        }
        return Cohort(
            patients: patients, doses: tables.doses, dispensings: tables.dispensings, screens: tables.screens,
            visits: tables.visits, assessments: tables.assessments, episodes: tables.episodes,
            loadReport: LoadReport(files: reports), manifest: manifest,
            publishedUsePatterns: try manifest?.readPublishedWords(folder: folder))
    }
}

private enum LoadedTable: Sendable {
    case doses(DoseTable, LoadReport.File)
    case dispensings(DispensingTable, LoadReport.File)
    case screens(ScreenTable, LoadReport.File)
    case visits(VisitTable, LoadReport.File)
    case assessments(AssessmentTable, LoadReport.File)
    case episodes(EpisodeTable, LoadReport.File)

    var report: LoadReport.File {
        switch self {
        case .doses(_, let report), .dispensings(_, let report), .screens(_, let report), .visits(_, let report),
            .assessments(_, let report), .episodes(_, let report):
            report
        }
    }
}

private struct LoadedTables {
    var doses: DoseTable?
    var dispensings: DispensingTable?
    var screens: ScreenTable?
    var visits: VisitTable?
    var assessments: AssessmentTable?
    var episodes: EpisodeTable?

    mutating func insert(_ loaded: LoadedTable) {
        switch loaded {
        case .doses(let table, _): doses = table
        case .dispensings(let table, _): dispensings = table
        case .screens(let table, _): screens = table
        case .visits(let table, _): visits = table
        case .assessments(let table, _): assessments = table
        case .episodes(let table, _): episodes = table
        }
    }
}

extension EventFileReader {
    fileprivate func load(_ file: CohortFile, url: URL, displayName: String) throws -> LoadedTable {
        switch file {
        case .patients: preconditionFailure("patients.csv is not an event file")
        case .doses: let (table, report) = try doses(url: url, displayName: displayName); return .doses(table, report)
        case .dispensings:
            let (table, report) = try dispensings(url: url, displayName: displayName); return .dispensings(table, report)
        case .screens: let (table, report) = try screens(url: url, displayName: displayName); return .screens(table, report)
        case .visits: let (table, report) = try visits(url: url, displayName: displayName); return .visits(table, report)
        case .assessments:
            let (table, report) = try assessments(url: url, displayName: displayName); return .assessments(table, report)
        case .episodes: let (table, report) = try episodes(url: url, displayName: displayName); return .episodes(table, report)
        }
    }
}

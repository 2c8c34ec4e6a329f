/// A cohort: its patients and their longitudinal records, loaded column by column.
///
/// Time is kept as whole days since each patient's index day (day 0). When `patients.csv` has an
/// `index_date`, event dates were converted on load and the calendar date of an event is
/// `patients.indexDate![p].adding(days: day)`.
///
/// Only `patients` is required; each measure states which tables it needs and throws
/// ``MissingTableError`` when one is absent.
public struct Cohort: Sendable {
    public let patients: PatientTable
    public let doses: DoseTable?
    public let dispensings: DispensingTable?
    public let screens: ScreenTable?
    public let visits: VisitTable?
    public let assessments: AssessmentTable?
    public let episodes: EpisodeTable?
    /// What was read from disk and what was dropped.
    public let loadReport: LoadReport
    /// The folder's `cohort.json`, when it has one.
    public let manifest: CohortManifest?
    /// Published use-pattern words named by the manifest.
    public let publishedUsePatterns: PublishedUsePatterns?

    public init(
        patients: PatientTable, doses: DoseTable? = nil, dispensings: DispensingTable? = nil,
        screens: ScreenTable? = nil, visits: VisitTable? = nil, assessments: AssessmentTable? = nil,
        episodes: EpisodeTable? = nil, loadReport: LoadReport = LoadReport(files: []), manifest: CohortManifest? = nil,
        publishedUsePatterns: PublishedUsePatterns? = nil
    ) {
        self.patients = patients
        self.doses = doses
        self.dispensings = dispensings
        self.screens = screens
        self.visits = visits
        self.assessments = assessments
        self.episodes = episodes
        self.loadReport = loadReport
        self.manifest = manifest
        self.publishedUsePatterns = publishedUsePatterns
    }

    /// The same cohort with other published words (for example from `report --use-patterns FILE`).
    public func replacingPublishedUsePatterns(_ words: PublishedUsePatterns?) -> Cohort {
        Cohort(
            patients: patients, doses: doses, dispensings: dispensings, screens: screens, visits: visits,
            assessments: assessments, episodes: episodes, loadReport: loadReport, manifest: manifest,
            publishedUsePatterns: words)
    }

    /// The same cohort with another patient table of the same patients (for example with screened covariates).
    /// - Precondition: `patients` has the same patients in the same order.
    public func replacingPatients(_ patients: PatientTable) -> Cohort {
        precondition(patients.count == self.patients.count, "replacingPatients: the same patients")
        return Cohort(
            patients: patients, doses: doses, dispensings: dispensings, screens: screens, visits: visits,
            assessments: assessments, episodes: episodes, loadReport: loadReport, manifest: manifest,
            publishedUsePatterns: publishedUsePatterns)
    }

    /// Whether events carry calendar dates (`patients.csv` had `index_date`).
    public var hasCalendarDates: Bool { patients.indexDate != nil }

    /// The table, or a ``MissingTableError`` naming the file a measure needs.
    public func require<Table>(_ keyPath: KeyPath<Cohort, Table?>, file: CohortFile, for measure: String) throws -> Table {
        guard let table = self[keyPath: keyPath] else { throw MissingTableError(file: file, measure: measure) }
        return table
    }
}

/// The files of a cohort folder.
public enum CohortFile: String, Sendable, CaseIterable {
    case patients = "patients.csv"
    case doses = "doses.csv"
    case dispensings = "dispensings.csv"
    case screens = "screens.csv"
    case visits = "visits.csv"
    case assessments = "assessments.csv"
    case episodes = "episodes.csv"
}

/// A measure needs a table the cohort does not have.
public struct MissingTableError: Error, CustomStringConvertible, Sendable {
    public let file: CohortFile
    public let measure: String

    public var description: String {
        "\(measure) needs \(file.rawValue), which this cohort does not have"
    }
}

/// What the loader read: one entry per file found.
public struct LoadReport: Sendable {
    public struct File: Sendable {
        public let file: CohortFile
        /// Data rows read (header excluded).
        public let rows: Int
        /// Rows skipped under `--drop-incomplete` because a required field was empty.
        public let droppedIncomplete: Int
        /// Event rows skipped under `--drop-incomplete` because their patient's row in `patients.csv` was dropped.
        public let droppedOfDroppedPatients: Int
        public let bytes: Int

        public init(file: CohortFile, rows: Int, droppedIncomplete: Int, droppedOfDroppedPatients: Int = 0, bytes: Int) {
            self.file = file
            self.rows = rows
            self.droppedIncomplete = droppedIncomplete
            self.droppedOfDroppedPatients = droppedOfDroppedPatients
            self.bytes = bytes
        }

        /// All rows this file lost under `--drop-incomplete`.
        public var dropped: Int { droppedIncomplete + droppedOfDroppedPatients }
    }

    public let files: [File]

    public init(files: [File]) {
        self.files = files
    }

    public var totalBytes: Int { files.reduce(0) { $0 + $1.bytes } }
    public var totalDropped: Int { files.reduce(0) { $0 + $1.dropped } }
}

/// What ``CTN0094Importer/importCohort(from:to:replacingExisting:)`` converted and what it left out.
///
/// Every source row that does not reach the cohort is counted here under its file and reason; rows that
/// only mark a specimen day (`uds_temp.csv`) are merged into that day, which ``specimenDays`` counts.
public struct CTN0094ImportSummary: Sendable, Equatable, CustomStringConvertible {
    /// A source file and how many data rows it had.
    public struct SourceFile: Sendable, Equatable {
        public let name: String
        public let rows: Int
    }

    /// Rows of one source file left out for one reason.
    public struct LeftOut: Sendable, Equatable {
        public let sourceFile: String
        public let reason: CTN0094LeftOutReason
        public let count: Int
    }

    /// A cohort file written and its data rows.
    public struct Written: Sendable, Equatable {
        public let file: CohortFile
        public let rows: Int
    }

    /// Participants in `everybody.csv`.
    public let participants: Int
    /// Source files read, in reading order.
    public let sourceFiles: [SourceFile]
    /// Cohort files written.
    public let written: [Written]
    /// Distinct (patient, day) pairs with a specimen in `uds.csv` or `uds_temp.csv`.
    public let specimenDays: Int
    public let positiveScreens: Int
    public let negativeScreens: Int
    /// Rows left out, by file and reason, in reading order; zero counts are not listed.
    public let leftOut: [LeftOut]

    /// Patients written to `patients.csv`.
    public var patients: Int { rows(of: .patients) }

    /// Data rows written to `file` (0 when it was not written).
    public func rows(of file: CohortFile) -> Int { written.first { $0.file == file }?.rows ?? 0 }

    /// Rows of `sourceFile` left out for `reason`.
    public func leftOut(_ sourceFile: String, _ reason: CTN0094LeftOutReason) -> Int {
        leftOut.first { $0.sourceFile == sourceFile && $0.reason == reason }?.count ?? 0
    }

    /// A plain-text summary, for the terminal.
    public var description: String {
        var lines = ["Imported CTN-0094: \(patients) of \(participants) participants (those ever randomized)."]
        lines.append("Written:")
        for entry in written { lines.append("  \(entry.file.rawValue): \(entry.rows) rows") }
        lines.append("  screens: \(specimenDays) specimen days, \(positiveScreens) positive, \(negativeScreens) negative")
        lines.append("Left out:")
        for entry in leftOut { lines.append("  \(entry.sourceFile): \(entry.count) — \(entry.reason.rawValue)") }
        return lines.joined(separator: "\n")
    }
}

/// Why a source row of CTN-0094 did not become a cohort row.
public enum CTN0094LeftOutReason: String, Sendable, CaseIterable {
    case neverRandomized = "participant never randomized: no arm and no index day"
    case secondRandomization = "second randomization record (`which` 2); the arm comes from the first"
    case missingDay = "no study day (`when` empty)"
    case missingValue = "no withdrawal value (`withdrawal` empty)"
    case noDisposition = "visit without a disposition (`what` empty)"
    case repeatedPositive = "repeated positive for the same substance on the same day"
}

/// A problem with the import's destination folder.
public struct CTN0094ImportError: Error, CustomStringConvertible, Sendable, Equatable {
    public let path: String
    public let message: String

    public var description: String { "\(path): \(message)" }
}

/// Counts left-out rows by source file and reason, keeping first-seen order.
struct CTN0094LeftOutTally {
    private var entries: [(file: String, reason: CTN0094LeftOutReason, count: Int)] = []

    mutating func add(_ file: String, _ reason: CTN0094LeftOutReason, count: Int = 1) {
        guard count > 0 else { return }
        if let position = entries.firstIndex(where: { $0.file == file && $0.reason == reason }) {
            entries[position].count += count
        } else {
            entries.append((file, reason, count))
        }
    }

    var leftOut: [CTN0094ImportSummary.LeftOut] {
        entries.map { CTN0094ImportSummary.LeftOut(sourceFile: $0.file, reason: $0.reason, count: $0.count) }
    }
}

extension CTN0094ImportSummary {
    /// `IMPORT.md`, written into the cohort folder: what was converted and what was left out. It holds no paths,
    /// dates or identifiers, so the same source gives the same bytes.
    var importNotes: String {
        var text = """
            # CTN-0094 cohort (converted)

            Converted by `outcome-report import ctn0094` from the harmonized CTN-0094 tables in the parent folder
            (public.ctn0094data, MIT licence; see ../README.md). The rules and their reasons are in docs/CTN0094.md.
            Day 0 is each patient's first randomization day; every `day` counts days from it (negative = before).

            Patients: \(patients) of \(participants) participants, those with a first randomization.

            | file | rows |
            |---|---:|

            """
        for entry in written { text += "| \(entry.file.rawValue) | \(entry.rows) |\n" }
        text += """

            Screens: \(specimenDays) specimen days; \(positiveScreens) positive rows (one per positive substance per \
            specimen day) and \(negativeScreens) negative rows (each substance of the trial's panel that was not \
            positive).

            ## Source rows read

            | file | rows |
            |---|---:|

            """
        for source in sourceFiles { text += "| \(source.name) | \(source.rows) |\n" }
        text += """

            ## Left out

            | source file | rows | reason |
            |---|---:|---|

            """
        for entry in leftOut { text += "| \(entry.sourceFile) | \(entry.count) | \(entry.reason.rawValue) |\n" }
        return text
    }
}

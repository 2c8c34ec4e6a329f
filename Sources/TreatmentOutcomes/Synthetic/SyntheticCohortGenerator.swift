import Foundation

/// Generates a synthetic cohort folder (docs/SyntheticCohort.md) from a generative model with known true
/// parameters, written next to the data as `truth.json`.
///
/// ```
/// let generator = try SyntheticCohortGenerator(patientCount: 10_000, seed: 42)
/// let summary = try generator.write(to: URL(fileURLWithPath: "cohort"))
/// let confounded = try SyntheticCohortGenerator(patientCount: 3_000, seed: 1, version: .two)
/// ```
/// Version 1 (the default) draws support independently of everything else; version 2 assigns it from the
/// covariates that drive dropout and lets attended sessions lower the dropout hazard day by day, with the true
/// values of the docs/Balance.md estimands in truth.json (docs/SyntheticCohort.md, "Version 2").
///
/// - Determinism: patient `i` draws only from xoshiro256** streams seeded by `(seed, i)`, and numbers are
///   written in fixed-point form, so the same count and seed give byte-identical files, and patient `i`'s rows
///   are the same whatever the cohort size.
/// - Memory: patients are generated and written one at a time; memory does not grow with the patient count.
/// - Atomicity: the files are written into a hidden sibling folder that is renamed into place at the end, so the
///   destination never holds a partial cohort.
public struct SyntheticCohortGenerator: Sendable {
    /// The default model's version (``SyntheticGeneratorVersion/one``); a version changes whenever the same seed
    /// would give different files.
    public static let version = SyntheticGeneratorVersion.one.semanticVersion
    /// Identifiers are `SYN` + 8 digits.
    public static let maximumPatientCount = 99_999_999

    public let patientCount: Int
    public let seed: UInt64
    /// The generative model (``version`` is that of ``SyntheticGeneratorVersion/one``, the default).
    public let generatorVersion: SyntheticGeneratorVersion
    public let parameters: SyntheticCohortParameters
    let model: SyntheticModel

    /// - Parameter version: the generative model; version 1.0.0 by default (docs/SyntheticCohort.md).
    /// - Throws: ``SyntheticCohortError`` when `patientCount` is not in 1…``maximumPatientCount``.
    public init(patientCount: Int, seed: UInt64, version: SyntheticGeneratorVersion = .one) throws {
        guard (1...Self.maximumPatientCount).contains(patientCount) else {
            throw SyntheticCohortError(
                "the number of patients must be between 1 and \(Self.maximumPatientCount); got \(patientCount)")
        }
        self.patientCount = patientCount
        self.seed = seed
        self.generatorVersion = version
        self.parameters = SyntheticCohortParameters(version: version)
        self.model = SyntheticModel(parameters: parameters)
    }

    /// Writes the cohort's seven CSV files and `truth.json` into `folder`.
    /// - Parameters:
    ///   - replaceExisting: replace a non-empty `folder`; otherwise such a folder is an error. An empty folder is
    ///     always replaced.
    ///   - progress: called after every 5% of patients (and at the end) with the patients written so far.
    /// - Throws: ``SyntheticCohortError`` for a non-empty destination or a file-system failure.
    public func write(
        to folder: URL, replaceExisting: Bool = false, progress: ((_ written: Int, _ total: Int) -> Void)? = nil
    ) throws -> SyntheticCohortSummary {
        let destination = folder.standardizedFileURL
        try SyntheticCohortFolder.checkDestination(destination, replaceExisting: replaceExisting)
        let staging = try SyntheticCohortFolder.makeStaging(for: destination)
        do {
            let files = try writeFiles(into: staging, progress: progress)
            try truthJSON().write(to: staging.appendingPathComponent("truth.json"))
            try SyntheticCohortFolder.moveIntoPlace(staging, destination: destination)
            return SyntheticCohortSummary(patientCount: patientCount, files: files)
        } catch {
            try? FileManager.default.removeItem(at: staging)
            if let error = error as? SyntheticCohortError { throw error }
            throw SyntheticCohortError("could not write the cohort to \(destination.path): \(error.localizedDescription)")
        }
    }

    /// `truth.json`: generator name and version, N, seed and every true parameter with its formula, in
    /// snake_case keys sorted alphabetically (pretty-printed, byte-identical for the same N and seed).
    public func truthJSON() throws -> Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(
            SyntheticTruth(
                generator: "TreatmentOutcomes SyntheticCohortGenerator",
                generatorVersion: generatorVersion.semanticVersion,
                patientCount: patientCount, seed: seed, parameters: parameters))
        data.append(0x0A)
        return data
    }

    /// Patient `index`'s baseline, episode and latent relapse, with `assignment` imposed (counterfactual cohorts).
    func baseline(
        of index: Int, assignment: SyntheticAssignment = SyntheticAssignment()
    ) -> (SyntheticBaseline, SyntheticStreams) {
        var streams = SyntheticStreams(seed: seed, patient: index)
        var patient = SyntheticBaseline(index: index, model: model, random: &streams.baseline, assignment: assignment)
        patient.drawEngagement(model: model, random: &streams.engagement)
        patient.drawEpisode(model: model, random: &streams.retention)
        patient.drawRelapse(model: model, random: &streams.retention)
        return (patient, streams)
    }

    private func writeFiles(
        into folder: URL, progress: ((Int, Int) -> Void)?
    ) throws -> [SyntheticCohortSummary.File] {
        var files = try SyntheticCohortFiles(folder: folder)
        var records = SyntheticRecords()
        var nextReport = 1
        for index in 0..<patientCount {
            let (patient, patientStreams) = baseline(of: index)
            var streams = patientStreams
            records.generate(for: patient, model: model, streams: &streams)
            files.write(patient, records, model: model)
            if let progress, (index + 1) * 20 >= nextReport * patientCount {
                progress(index + 1, patientCount)
                while nextReport * patientCount <= (index + 1) * 20 { nextReport += 1 }
            }
        }
        return try files.close()
    }
}

/// What ``SyntheticCohortGenerator/write(to:replaceExisting:progress:)`` wrote.
public struct SyntheticCohortSummary: Sendable {
    public struct File: Sendable {
        public let file: CohortFile
        /// Data rows (header excluded).
        public let rows: Int
        /// Bytes including the header.
        public let bytes: Int
    }

    public let patientCount: Int
    /// One entry per cohort file, in ``CohortFile`` order.
    public let files: [File]

    public var totalRows: Int { files.reduce(0) { $0 + $1.rows } }
    public var totalBytes: Int { files.reduce(0) { $0 + $1.bytes } }
}

/// A synthetic cohort could not be generated; the description says why, with the path involved.
public struct SyntheticCohortError: Error, CustomStringConvertible, Sendable {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}

/// The document written to `truth.json`.
struct SyntheticTruth: Encodable {
    let generator: String
    let generatorVersion: String
    let patientCount: Int
    let seed: UInt64
    let parameters: SyntheticCohortParameters
}

import Foundation

/// What a cohort folder says about itself, in an optional `cohort.json` beside its CSV files: its name, where it
/// came from, published use-pattern words that belong to it, the covariates it may publish, and the analysis-plan
/// settings that describe it (its trials' protocols, its week convention, the arms to compare). Nothing about a
/// cohort depends on the folder's path: a copy anywhere is analysed the same way.
///
/// ```json
/// { "name": "CTN-0094", "provenance": "…",
///   "usePatterns": { "file": "use_patterns.csv", "identifierColumn": "who", "wordColumn": "usePatternUDS",
///                    "description": "the published CTNote words" },
///   "covariates": [ { "name": "age", "type": "numeric", "quantiles": true },
///                   { "name": "sex", "type": "categorical", "levels": ["female", "male"] } ],
///   "plan": { "weekOneStartDay": 0, "protocols": [ … ] } }
/// ```
/// `plan` holds only the settings to change (``AnalysisPlan/applying(_:source:)``); every key is checked, inside the
/// covariate declarations too (``CovariateDeclaration``).
public struct CohortManifest: Sendable, Hashable, Codable {
    /// The manifest's file name in a cohort folder.
    public static let fileName = "cohort.json"

    /// Published weekly use-pattern words shipped with the cohort.
    public struct PublishedWords: Sendable, Hashable, Codable {
        /// The CSV file, relative to the cohort folder.
        public var file: String
        public var identifierColumn: String
        public var wordColumn: String
        /// How the report names the words, e.g. "the published CTNote words (use_patterns.csv)".
        public var description: String

        public init(file: String, identifierColumn: String = "who", wordColumn: String = "usePatternUDS", description: String) {
            self.file = file
            self.identifierColumn = identifierColumn
            self.wordColumn = wordColumn
            self.description = description
        }
    }

    /// The cohort's name, printed in the report (for example "CTN-0094").
    public var name: String
    /// Where the data came from and under which licence, in a sentence or two.
    public var provenance: String
    public var usePatterns: PublishedWords?
    /// Every covariate the cohort may publish (``CovariateDeclaration``); `nil` when the manifest declares none, and
    /// each column is then judged from its values (``CovariatePolicy``).
    public var covariates: [CovariateDeclaration]?
    /// Analysis-plan overrides that describe this cohort.
    public var plan: JSONValue?
    /// The file the manifest was read from (not part of its JSON), for messages.
    public var source: String?

    enum CodingKeys: String, CodingKey {
        case name, provenance, usePatterns, covariates, plan
    }

    public init(
        name: String, provenance: String, usePatterns: PublishedWords? = nil, covariates: [CovariateDeclaration]? = nil,
        plan: JSONValue? = nil
    ) {
        self.name = name
        self.provenance = provenance
        self.usePatterns = usePatterns
        self.covariates = covariates
        self.plan = plan
    }

    static let keys: Set<String> = ["name", "provenance", "usePatterns", "covariates", "plan"]

    /// Reads `folder/cohort.json`; `nil` when the folder has none.
    /// - Throws: ``InputError`` naming the file for unreadable JSON, an unknown key (in a covariate declaration too),
    ///   a missing field or a covariate declaration that breaks a rule of ``CovariateDeclaration``.
    public static func read(folder: URL) throws -> CohortManifest? {
        let url = folder.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        let data: Data
        do { data = try FileContents.read(url) } catch {
            throw InputError(.unreadableFile, file: url.path, message: "cannot read the cohort manifest")
        }
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: data) else {
            throw InputError(.invalidValue, file: url.path, message: "not valid JSON")
        }
        do {
            guard case .object(let fields) = value else {
                throw InputError(.invalidValue, file: url.path, message: "the cohort manifest is not a JSON object")
            }
            if let unknown = fields.keys.sorted().first(where: { !keys.contains($0) }) {
                throw InputError(
                    .invalidValue, file: url.path,
                    message: "unknown manifest key '\(unknown)'; known: \(keys.sorted().joined(separator: ", "))")
            }
            if let unknown = Self.unknownDeclarationKey(fields["covariates"]) {
                throw InputError(.invalidValue, file: url.path, message: unknown)
            }
            var manifest = try JSONDecoder().decode(CohortManifest.self, from: data)
            if let problem = manifest.covariates.flatMap({
                CovariateDeclaration.problem(in: $0, fixedColumns: PatientsFileLoader.fixedColumns)
            }) {
                throw InputError(.invalidValue, file: url.path, message: problem)
            }
            manifest.source = url.path
            return manifest
        } catch let error as InputError {
            throw error
        } catch let error as DecodingError {
            throw InputError(.invalidValue, file: url.path, message: "not a valid cohort manifest: \(error.planMessage)")
        } catch {
            throw InputError(.invalidValue, file: url.path, message: "not valid JSON")
        }
    }

    /// The message for the first key of a covariate declaration that does not exist, or `nil`.
    static func unknownDeclarationKey(_ covariates: JSONValue?) -> String? {
        guard case .array(let items)? = covariates else { return nil }
        for (index, item) in items.enumerated() {
            guard case .object(let fields) = item,
                  let unknown = fields.keys.sorted().first(where: { !CovariateDeclaration.keys.contains($0) })
            else { continue }
            return "covariates[\(index)]: unknown key '\(unknown)'; known: "
                + CovariateDeclaration.keys.sorted().joined(separator: ", ")
        }
        return nil
    }

    /// Reads the published words the manifest names, resolved against `folder`.
    /// - Throws: ``InputError`` naming the words file.
    func readPublishedWords(folder: URL) throws -> PublishedUsePatterns? {
        guard let usePatterns else { return nil }
        let url = folder.appendingPathComponent(usePatterns.file)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw InputError(
                .missingFile, file: url.path,
                message: "the use-pattern words named in \(CohortManifest.fileName) are missing")
        }
        let file = try UsePatternFile(
            url: url, displayName: url.path, identifierColumn: usePatterns.identifierColumn,
            patternColumn: usePatterns.wordColumn)
        return PublishedUsePatterns(file: file, description: usePatterns.description)
    }
}

/// Published use-pattern words that came with a cohort, and how the report names them.
public struct PublishedUsePatterns: Sendable {
    public let file: UsePatternFile
    public let description: String

    public init(file: UsePatternFile, description: String) {
        self.file = file
        self.description = description
    }
}

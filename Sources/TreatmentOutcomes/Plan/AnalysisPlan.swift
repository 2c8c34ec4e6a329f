import Foundation

/// Every definition an outcome analysis uses, in one versioned, JSON-encodable value: the report, the CLI and a
/// program that imports the library all compute from a plan, so the same cohort and plan give the same numbers
/// wherever they run (docs/AnalysisPlan.md describes each setting, its default and its source).
///
/// A plan is built in three layers, each a JSON object laid over the one before (``JSONValue/merging(_:path:)``):
/// ```
/// AnalysisPlan.default                      the library's defaults, stated once, here and in the nested plans
///   ← the cohort manifest's "plan" object   what the cohort is: its trials' protocols, week convention, contrasts
///   ← a plan file (--plan FILE)             an analyst's edits
/// ```
/// Only settings that exist may be overridden; arrays are replaced whole. The JSON schema is versioned
/// (``schemaVersion``); a file written for another version is an error.
public struct AnalysisPlan: Sendable, Hashable, Codable {
    /// The version of the JSON schema this library reads and writes.
    public static let schemaVersion = 1

    /// The schema version of this plan (always ``schemaVersion``).
    public var version: Int
    /// The day, counted from the index day (day 0), on which study week 1 starts: week w covers days
    /// `weekOneStartDay + 7(w − 1)` … `weekOneStartDay + 7w − 1`. Default 1 (the index day closes week 0); the
    /// published CTN-0094 words count the index day in week 1 (0).
    public var weekOneStartDay: Int
    /// Days one extended-release naltrexone injection covers, in retention episodes and observed dosing alike.
    /// Default 28, the labelled 4-weekly dosing interval (claims-based measures such as HEDIS POD assume a 31-day
    /// supply).
    public var naltrexoneInjectionCoverageDays: Int
    /// Protocols of arms with a fixed schedule (trial arms): their follow-up and medication phase. Arms not listed
    /// are followed through their last record and measured over ``AdherencePlan/windowDays``.
    public var protocols: [ArmProtocol]
    public var baseline: BaselinePlan
    public var retention: RetentionPlan
    public var adherence: AdherencePlan
    public var contrasts: ContrastPlan
    public var urineScreens: UrineScreenPlan
    public var craving: CravingPlan
    public var relapseRisk: RelapseRiskPlan
    public var disclosure: DisclosurePlan
    public var quarterly: QuarterlyPlan
    /// Visit kinds (`visits.csv` column `kind`, compared without regard to case) that are psychosocial sessions, for
    /// the quarterly report and the engagement analysis alike. Default counseling, CBT, group, peer, contingency
    /// management (with the spellings `contingency-management` and `CM`), individual and family therapy. A plan file
    /// may still give it as `quarterly.psychosocialVisitKinds`, where it was before (``applying(_:source:)``).
    public var psychosocialVisitKinds: [String]
    public var balance: BalancePlan

    /// The default ``psychosocialVisitKinds``.
    public static let defaultPsychosocialVisitKinds = [
        "counseling", "cbt", "group", "peer", "contingency-management", "contingency management", "cm", "individual",
        "family",
    ]

    /// The library's defaults (each stated in its nested plan's initialiser).
    public static let `default` = AnalysisPlan()

    public init(
        weekOneStartDay: Int = 1, naltrexoneInjectionCoverageDays: Int = 28, protocols: [ArmProtocol] = [],
        baseline: BaselinePlan = BaselinePlan(), retention: RetentionPlan = RetentionPlan(),
        adherence: AdherencePlan = AdherencePlan(), contrasts: ContrastPlan = ContrastPlan(),
        urineScreens: UrineScreenPlan = UrineScreenPlan(), craving: CravingPlan = CravingPlan(),
        relapseRisk: RelapseRiskPlan = RelapseRiskPlan(), disclosure: DisclosurePlan = DisclosurePlan(),
        quarterly: QuarterlyPlan = QuarterlyPlan(),
        psychosocialVisitKinds: [String] = AnalysisPlan.defaultPsychosocialVisitKinds, balance: BalancePlan = BalancePlan()
    ) {
        version = AnalysisPlan.schemaVersion
        self.weekOneStartDay = weekOneStartDay
        self.naltrexoneInjectionCoverageDays = naltrexoneInjectionCoverageDays
        self.protocols = protocols
        self.baseline = baseline
        self.retention = retention
        self.adherence = adherence
        self.contrasts = contrasts
        self.urineScreens = urineScreens
        self.craving = craving
        self.relapseRisk = relapseRisk
        self.disclosure = disclosure
        self.quarterly = quarterly
        self.psychosocialVisitKinds = psychosocialVisitKinds
        self.balance = balance
    }

    /// Whether a visit kind is a psychosocial session (``psychosocialVisitKinds``, without regard to case).
    public func isPsychosocial(_ kind: String) -> Bool {
        psychosocialVisitKinds.contains { $0.lowercased() == kind.lowercased() }
    }

    /// The protocol of arm `label`, if the plan has one.
    public func protocolOf(arm label: String) -> ArmProtocol? {
        protocols.first { $0.arms.contains(label) }
    }
}

// MARK: - JSON

extension AnalysisPlan {
    /// The plan as pretty-printed JSON with sorted keys (what `outcome-report plan` prints).
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// The plan as a ``JSONValue`` object.
    public func jsonValue() -> JSONValue {
        // Encoding a value of plain fields cannot fail.
        let data = try! JSONEncoder().encode(self)
        return try! JSONDecoder().decode(JSONValue.self, from: data)
    }

    /// This plan with `overrides` (a JSON object naming only the settings to change) laid over it, then checked.
    /// - Throws: ``AnalysisPlanError``: unknown keys, wrong types, out-of-range values, another schema version.
    public func applying(_ overrides: JSONValue, source: String? = nil) throws(AnalysisPlanError) -> AnalysisPlan {
        do {
            guard case .object(let fields) = overrides else {
                throw AnalysisPlanError(.unreadable, path: "", message: "an analysis plan is a JSON object")
            }
            if let version = fields["version"], version != .number(Double(AnalysisPlan.schemaVersion)) {
                throw AnalysisPlanError(
                    .unsupportedVersion, path: "version",
                    message: "the plan is for schema version \(version); this library reads version \(AnalysisPlan.schemaVersion)")
            }
            let merged = try jsonValue().merging(Self.movingLegacySettings(overrides))
            if let path = Self.firstFraction(in: merged, template: AnalysisPlan.elementTemplate.jsonValue()) {
                throw AnalysisPlanError(.invalidValue, path: path, message: "\(path): expected a whole number")
            }
            if case .object(let fields) = merged, case .object(let risk)? = fields["relapseRisk"],
               case .number(let seed)? = risk["seed"], seed < 0 {
                throw AnalysisPlanError(
                    .invalidValue, path: "relapseRisk.seed", message: "relapseRisk.seed: expected a whole number ≥ 0")
            }
            let plan: AnalysisPlan
            do {
                plan = try JSONDecoder().decode(AnalysisPlan.self, from: JSONEncoder().encode(merged))
            } catch let error as DecodingError {
                throw AnalysisPlanError(.invalidValue, path: error.codingPathDescription, message: error.planMessage)
            } catch {
                throw AnalysisPlanError(.invalidValue, path: "", message: "\(error)")
            }
            // keys inside array elements (a protocol, an arm pair) are checked here: decoding would drop them
            if let unknown = merged.firstKeyMissing(from: plan.jsonValue()) {
                throw AnalysisPlanError(.unknownKey, path: unknown, message: "the analysis plan has no setting '\(unknown)'")
            }
            try plan.validate()
            return plan
        } catch var error as AnalysisPlanError {
            error.source = source
            throw error
        } catch {
            throw AnalysisPlanError(.unreadable, path: "", message: "\(error)", source: source)
        }
    }

    /// `overrides` with `quarterly.psychosocialVisitKinds`, the setting's place before it was shared with the
    /// engagement analysis, moved to `psychosocialVisitKinds`, so that older plan files keep working.
    /// - Throws: ``AnalysisPlanError`` when both places are given.
    static func movingLegacySettings(_ overrides: JSONValue) throws(AnalysisPlanError) -> JSONValue {
        guard case .object(var fields) = overrides, case .object(var quarterly)? = fields["quarterly"],
              let kinds = quarterly.removeValue(forKey: "psychosocialVisitKinds")
        else { return overrides }
        guard fields["psychosocialVisitKinds"] == nil else {
            throw AnalysisPlanError(
                .invalidValue, path: "quarterly.psychosocialVisitKinds",
                message: "quarterly.psychosocialVisitKinds: give the visit kinds once, as psychosocialVisitKinds")
        }
        fields["quarterly"] = .object(quarterly)
        fields["psychosocialVisitKinds"] = kinds
        return .object(fields)
    }

    /// This plan with the overrides in a JSON file laid over it.
    /// - Throws: ``AnalysisPlanError`` naming the file.
    public func applying(contentsOf url: URL) throws(AnalysisPlanError) -> AnalysisPlan {
        let overrides: JSONValue
        do {
            overrides = try JSONDecoder().decode(JSONValue.self, from: FileContents.read(url))
        } catch {
            throw AnalysisPlanError(
                .unreadable, path: "", message: "not a readable JSON analysis plan (\(error.localizedDescription))",
                source: url.path)
        }
        return try applying(overrides, source: url.path)
    }

    /// The plan a cohort is analysed with: the defaults, then the cohort manifest's overrides, then `overrides`.
    /// - Throws: ``AnalysisPlanError``.
    public static func effective(for cohort: Cohort, overrides: URL? = nil) throws(AnalysisPlanError) -> AnalysisPlan {
        try effective(manifest: cohort.manifest, overrides: overrides)
    }

    /// The defaults, then `manifest`'s overrides, then those in the file `overrides`.
    /// - Throws: ``AnalysisPlanError``.
    public static func effective(manifest: CohortManifest?, overrides: URL? = nil) throws(AnalysisPlanError) -> AnalysisPlan {
        var plan = AnalysisPlan.default
        if let manifestPlan = manifest?.plan {
            plan = try plan.applying(manifestPlan, source: manifest?.source ?? CohortManifest.fileName)
        }
        if let overrides { plan = try plan.applying(contentsOf: overrides) }
        return plan
    }

    /// The default plan with one protocol and one arm pair, so that every setting, array elements included, has a
    /// value to compare types with.
    static let elementTemplate: AnalysisPlan = {
        var plan = AnalysisPlan()
        plan.protocols = [ArmProtocol(arms: ["arm"], description: "protocol", followUpDays: 1, medicationPhaseDays: 1)]
        plan.contrasts.pairs = [ArmPair(reference: "a", comparison: "b")]
        return plan
    }()

    /// The first setting whose template value is a whole number (every whole-number setting's is) but whose value
    /// has a fraction; the decoder's own message would not name it.
    static func firstFraction(in value: JSONValue, template: JSONValue, path: String = "") -> String? {
        switch (value, template) {
        case (.number(let number), .number(let expected)):
            return expected == expected.rounded() && number != number.rounded() ? path : nil
        case (.object(let fields), .object(let templateFields)):
            for key in fields.keys.sorted() {
                guard let templateValue = templateFields[key] else { continue }
                let keyPath = path.isEmpty ? key : "\(path).\(key)"
                if let found = firstFraction(in: fields[key]!, template: templateValue, path: keyPath) { return found }
            }
            return nil
        case (.array(let items), .array(let templateItems)):
            guard let element = templateItems.first else { return nil }
            for (index, item) in items.enumerated() {
                if let found = firstFraction(in: item, template: element, path: "\(path)[\(index)]") { return found }
            }
            return nil
        default:
            return nil
        }
    }

    /// Checks every range a setting has.
    func validate() throws(AnalysisPlanError) {
        func require(_ condition: Bool, _ path: String, _ message: String) throws(AnalysisPlanError) {
            if !condition { throw AnalysisPlanError(.invalidValue, path: path, message: "\(path): \(message)") }
        }
        try require((0...7).contains(weekOneStartDay), "weekOneStartDay", "must lie in 0…7 (days after the index day)")
        try require(baseline.maximumLevels >= 1, "baseline.maximumLevels", "must be at least 1")
        try require(naltrexoneInjectionCoverageDays >= 1, "naltrexoneInjectionCoverageDays", "must be at least 1")
        for (index, entry) in protocols.enumerated() {
            try require(!entry.arms.isEmpty, "protocols[\(index)].arms", "names at least one arm")
            try require(entry.followUpDays >= 1, "protocols[\(index)].followUpDays", "must be at least 1")
            try require(entry.medicationPhaseDays >= 1, "protocols[\(index)].medicationPhaseDays", "must be at least 1")
        }
        let arms = protocols.flatMap(\.arms)
        try require(Set(arms).count == arms.count, "protocols", "an arm may have only one protocol")
        try require(retention.allowedGapDays >= 0, "retention.allowedGapDays", "must be 0 or more")
        try require(retention.horizonDays.allSatisfy { $0 >= 1 }, "retention.horizonDays", "days must be at least 1")
        try require(adherence.windowDays >= 1, "adherence.windowDays", "must be at least 1")
        try require(adherence.threshold > 0 && adherence.threshold <= 1, "adherence.threshold", "must lie in (0, 1]")
        try require(adherence.missedRunDays >= 1, "adherence.missedRunDays", "must be at least 1")
        try require(adherence.pharmacyFollowUpDays >= 1, "adherence.pharmacyFollowUpDays", "must be at least 1")
        try require(!urineScreens.relapseWeeks.isEmpty && urineScreens.relapseWeeks.allSatisfy { $0 >= 1 },
                    "urineScreens.relapseWeeks", "one or more weeks, each at least 1")
        try require(craving.baselineFirstDay <= craving.baselineLastDay, "craving.baselineFirstDay",
                    "must not be after craving.baselineLastDay")
        try require(!craving.followUpWeeks.isEmpty && craving.followUpWeeks.allSatisfy { $0 >= 1 },
                    "craving.followUpWeeks", "one or more weeks, each at least 1")
        try require(zip(craving.followUpWeeks, craving.followUpWeeks.dropFirst()).allSatisfy { $0 < $1 },
                    "craving.followUpWeeks", "weeks in increasing order (the last is the reliable-change week)")
        try require(craving.windowDays >= 0, "craving.windowDays", "must be 0 or more")
        try require(craving.retestMinimumGapDays <= craving.retestMaximumGapDays, "craving.retestMinimumGapDays",
                    "must not exceed craving.retestMaximumGapDays")
        try require(relapseRisk.landmarkWeek >= 1, "relapseRisk.landmarkWeek", "must be at least 1")
        try require(relapseRisk.folds >= 2, "relapseRisk.folds", "must be at least 2")
        try require(relapseRisk.minimumPerOutcome >= 1, "relapseRisk.minimumPerOutcome", "must be at least 1")
        do { _ = try RelapseOutcome(parsing: relapseRisk.outcome) } catch {
            throw AnalysisPlanError(.invalidValue, path: "relapseRisk.outcome", message: "relapseRisk.outcome: \(error.message)")
        }
        try require(disclosure.minimumCellSize >= 1, "disclosure.minimumCellSize", "must be at least 1")
        try require((1...40).contains(quarterly.quarters), "quarterly.quarters", "must be 1 to 40")
        try require(quarterly.engagedMinimumSessions >= 1, "quarterly.engagedMinimumSessions", "must be at least 1")
        try require(
            quarterly.retentionDays.allSatisfy { $0 >= 1 }, "quarterly.retentionDays", "must be whole numbers of days ≥ 1")
        if let (path, message) = balance.problem() { try require(false, path, message) }
        if let quarter = quarterly.quarter {
            try require(CalendarQuarter(parsing: quarter) != nil, "quarterly.quarter", "must be written YYYY-Qn")
        }
    }
}

extension DecodingError {
    var codingPathDescription: String {
        let path: [any CodingKey]
        switch self {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context),
             .dataCorrupted(let context):
            path = context.codingPath
        @unknown default:
            path = []
        }
        return path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            .replacingOccurrences(of: ".[", with: "[")
    }

    var planMessage: String {
        switch self {
        case .typeMismatch(let type, _): "\(codingPathDescription): expected \(Self.typeName(type))"
        case .valueNotFound(let type, _): "\(codingPathDescription): expected \(Self.typeName(type)), found null"
        case .keyNotFound(let key, _): "\(codingPathDescription): missing setting '\(key.stringValue)'"
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            "not valid JSON"
        case .dataCorrupted(let context):
            if let allowed = Self.allowedValues[context.codingPath.last?.stringValue ?? ""] {
                "\(codingPathDescription): expected one of \(allowed.joined(separator: ", "))"
            } else if context.debugDescription.contains("does not fit") || context.debugDescription.contains("not valid JSON") {
                "\(codingPathDescription): expected a whole number of the setting's range"
            } else {
                "\(codingPathDescription): \(context.debugDescription)"
            }
        @unknown default: "\(self)"
        }
    }

    /// The values of named choices of the plan and the cohort manifest, by key.
    static let allowedValues: [String: [String]] = [
        "words": UrineScreenPlan.WordSource.allCases.map(\.rawValue),
        "penalty": RelapseRiskOptions.Penalty.allCases.map(\.rawValue),
        "type": CovariateDeclaration.Kind.allCases.map(\.rawValue),
    ]

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type, is UInt64.Type: "a whole number"
        case is Double.Type: "a number"
        case is String.Type: "text"
        case is Bool.Type: "true or false"
        case is [Int].Type: "a list of whole numbers"
        case is [Double].Type: "a list of numbers"
        case is [Any].Type: "a list"
        case is [String].Type: "a list of texts"
        case is [ArmProtocol].Type, is [ArmPair].Type: "a list of objects"
        default: "\(type)"
        }
    }
}

/// Patients split into labelled groups (arms, trials, sites, covariate levels): one group index per patient,
/// `nil` for a missing value.
///
/// Levels keep the order of their source column (``CategoricalColumn`` sorts labels by their UTF-8 bytes;
/// numeric columns are sorted by value).
public struct PatientGrouping: Sendable {
    /// The name of the column the grouping comes from.
    public let name: String
    public let levels: [String]
    /// One entry per patient: an index into ``levels``, or `nil` when missing.
    public let groupOfPatient: [Int?]

    public init(name: String, levels: [String], groupOfPatient: [Int?]) {
        self.name = name
        self.levels = levels
        self.groupOfPatient = groupOfPatient
    }

    public init(name: String, column: CategoricalColumn) {
        self.init(
            name: name, levels: column.levels,
            groupOfPatient: column.codes.map { $0 == CategoricalColumn.missingCode ? nil : Int($0) })
    }

    /// Each distinct number is a level, labelled like `27` or `2.5` (via `Double.description`, minus `.0`).
    public init(name: String, numbers: [Double?]) {
        let distinct = Array(Set(numbers.compactMap { $0 })).sorted()
        var lookup: [Double: Int] = [:]
        for (index, value) in distinct.enumerated() { lookup[value] = index }
        self.init(
            name: name, levels: distinct.map(PatientGrouping.label(of:)),
            groupOfPatient: numbers.map { $0.flatMap { lookup[$0] } })
    }

    public init(name: String, covariate: Covariate) {
        switch covariate.values {
        case .categorical(let column): self.init(name: name, column: column)
        case .numeric(let numbers): self.init(name: name, numbers: numbers)
        }
    }

    /// Whether some patient has no value.
    public var hasMissing: Bool { groupOfPatient.contains(nil) }

    public static func label(of value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return value.description
    }
}

/// The report's columns: one per arm (ordered by label), then one for patients without an arm if any.
public struct ArmColumns: Sendable {
    public let labels: [String]
    /// One entry per patient: its column.
    public let columnOfPatient: [Int]

    /// The label of the column for patients whose arm is empty.
    public static let missingArmLabel = "(no arm recorded)"

    public init(arm: CategoricalColumn) {
        let grouping = PatientGrouping(name: "arm", column: arm)
        let missingColumn = grouping.levels.count
        labels = grouping.levels + (grouping.hasMissing ? [ArmColumns.missingArmLabel] : [])
        columnOfPatient = grouping.groupOfPatient.map { $0 ?? missingColumn }
    }

    public var count: Int { labels.count }

    /// `counts[row][column]`: patients of each row of `grouping` (levels, then missing when `includeMissing`)
    /// in each arm column.
    public func crossTabulate(_ grouping: PatientGrouping, includeMissing: Bool) -> [[Int]] {
        let rowCount = grouping.levels.count + (includeMissing ? 1 : 0)
        var counts = [[Int]](repeating: [Int](repeating: 0, count: count), count: rowCount)
        for (patient, group) in grouping.groupOfPatient.enumerated() {
            guard let row = group ?? (includeMissing ? grouping.levels.count : nil) else { continue }
            counts[row][columnOfPatient[patient]] += 1
        }
        return counts
    }

    /// Patients per arm column.
    public var patientCounts: [Int] {
        var counts = [Int](repeating: 0, count: count)
        for column in columnOfPatient { counts[column] += 1 }
        return counts
    }
}

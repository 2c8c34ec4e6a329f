import Foundation
import _OutcomeTestSupport

/// datasets/reference/retention: the R script make_reference.R, its output reference.json (R 4.2.2,
/// survival 3.5.3, carData 3.0.5) and the data sets it read, as CSV.
enum SurvivalReference {
    static let folder = "reference/retention/"

    /// reference.json, parsed.
    nonisolated(unsafe) static let json: [String: Any] = {
        let data = try! Data(contentsOf: datasetURL(folder + "reference.json"))
        return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
    }()

    /// The cases of one section ("km", "logrank", "cox", "cif"), by name.
    static func cases(_ section: String) -> [String: [String: Any]] {
        json[section] as! [String: [String: Any]]
    }

    /// A data file as columns of text.
    static func table(_ file: String) -> [String: [String]] {
        let text = try! String(contentsOf: datasetURL(folder + file), encoding: .utf8)
        let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        var columns: [String: [String]] = [:]
        for (index, name) in lines[0].enumerated() { columns[name] = lines.dropFirst().map { $0[index] } }
        return columns
    }

    static func numbers(_ table: [String: [String]], _ column: String) -> [Double] {
        table[column]!.map { Double($0)! }
    }
}

extension Dictionary where Key == String, Value == Any {
    func number(_ key: String) -> Double { (self[key] as! NSNumber).doubleValue }
    func optionalNumbers(_ key: String) -> [Double?] {
        if let single = self[key] as? NSNumber { return [single.doubleValue] }
        if self[key] is NSNull { return [nil] }
        return (self[key] as? [Any] ?? []).map { ($0 as? NSNumber)?.doubleValue }
    }
    func numbers(_ key: String) -> [Double] { optionalNumbers(key).map { $0! } }
    func strings(_ key: String) -> [String] {
        if let single = self[key] as? String { return [single] }
        return self[key] as? [String] ?? []
    }
    func object(_ key: String) -> [String: Any] { self[key] as! [String: Any] }
}

/// Whether two optional values agree: both nil, or both present and close.
func agree(_ actual: Double?, _ expected: Double?, relative: Double, absolute: Double = 1e-12) -> Bool {
    switch (actual, expected) {
    case (nil, nil): true
    case (let a?, let e?): isClose(a, e, relative: relative, absolute: absolute)
    default: false
    }
}

/// Group labels in R's factor order: numeric order when every label is a number, else text order.
func sortedLabels(_ labels: [String]) -> [String] {
    let distinct = Array(Set(labels))
    if distinct.allSatisfy({ Double($0) != nil }) { return distinct.sorted { Double($0)! < Double($1)! } }
    return distinct.sorted()
}

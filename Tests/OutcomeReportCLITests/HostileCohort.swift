import Foundation
import OutcomeReports
import _OutcomeTestSupport

/// A synthetic cohort with every table (so that every report section runs) whose `patients.csv` also carries what a
/// hostile reader puts there: identifiers, record numbers, SSN last four, zip codes, dates of birth and intake dates
/// in several formats, and free text with names and phone numbers. The same cohort without those columns is the
/// control: a number the control's outputs print too is structure (a row count, a year), not a leak.
///
/// Column names are chosen so that some rules can only fire on the values: `last4`, `born`, `intake`, `arrived`,
/// `intake_day` and `summary` name nothing identifying.
final class HostileCohort {
    let root: URL
    /// The cohort with the hostile columns.
    let cohort: URL
    /// The same synthetic cohort without them.
    let control: URL
    /// Every value that must never be printed: patient identifiers, each hostile value as written, each date also
    /// in ISO form, and every word of the free text.
    private(set) var secrets: Set<String> = []

    /// Invented names, so that finding one in an output cannot be a coincidence.
    static let givenNames = ["Zelbrin", "Quorvath", "Marisol", "Okonkwo", "Tindrel", "Vasquell", "Ilmarque", "Dravenna"]
    static let familyNames = ["Pexworth", "Ghantarro", "Lumbrecht", "Oyelaran", "Strevick", "Nakamoru", "Feldquist"]

    init(patients count: Int, seed: UInt64) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(count)-\(UUID().uuidString)")
        cohort = root.appendingPathComponent("cohort")
        control = root.appendingPathComponent("control")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        _ = try SyntheticCohortGenerator(patientCount: count, seed: seed).write(to: control)
        try FileManager.default.copyItem(at: control, to: cohort)
        try appendHostileColumns(seed: seed)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    private func appendHostileColumns(seed: UInt64) throws {
        let url = cohort.appendingPathComponent("patients.csv")
        var lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
        let identifiers = lines.dropFirst().map { String($0.prefix { $0 != "," }) }
        let indexDateColumn = lines[0].split(separator: ",").firstIndex(of: "index_date")!
        secrets.formUnion(identifiers)
        secrets.formUnion(lines.dropFirst().map { String($0.split(separator: ",")[indexDateColumn]) })
        var random = SplitMix64(seed: seed ^ 0x4057_11e)
        func number(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
        func name() -> String {
            "\(Self.givenNames[number(0...Self.givenNames.count - 1)]) \(Self.familyNames[number(0...Self.familyNames.count - 1)])"
        }
        let counselors = (0..<max(4, identifiers.count / 8)).map { _ in name() }
        lines[0] += ",mrn,last4,zip,dob,born,intake,arrived,intake_day,summary,contact,counselor,referral,chart"
        for row in identifiers.indices {
            let mrn = String(number(40_000_000...49_999_999))
            let last4 = String(number(5_000...9_999))
            let zip = String(number(60_000...69_999))
            let birth = Self.dateForms(number(1950...2004), number(1...12), number(13...28))
            let intake = Self.dateForms(number(2021...2024), number(1...12), number(13...28))
            let arrived = "\(intake.iso)T\(Self.twoDigits(number(8...17))):\(Self.twoDigits(number(0...59))):00"
            let phone = "\(number(200...989))-555-\(number(1000...9999))"
            let summary = "Seen by \(name()) and sister \(name()), call \(phone) after \(intake.monthDay)"
            let contact = "(\(number(200...989))) 555-\(number(1000...9999))"
            let counselor = counselors[number(0...counselors.count - 1)]
            let referral = identifiers[(row + 1 + number(0...identifiers.count - 2)) % identifiers.count]
            let chart = "CH-\(String(number(0x10_0000...0xFF_FFFF), radix: 36).uppercased())"
            let values = [mrn, last4, zip, birth.iso, birth.american, intake.european, arrived, intake.compact, summary,
                          contact, counselor, referral, chart]
            lines[row + 1] += "," + values.map { "\"\($0)\"" }.joined(separator: ",")
            secrets.formUnion([mrn, last4, zip, birth.iso, birth.american, intake.iso, intake.european, arrived,
                               intake.compact, phone, contact, chart])
            secrets.formUnion((summary + " " + counselor).split { !$0.isLetter }.map(String.init).filter {
                $0.count >= 5 && $0.first!.isUppercase
            })
        }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
    }

    static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// A date as records write it: ISO `1984-03-17`, American `03/17/1984`, European `17.03.1984`, compact `19840317`,
    /// and month/day `03/17` as free text mentions it.
    static func dateForms(
        _ year: Int, _ month: Int, _ day: Int
    ) -> (iso: String, american: String, european: String, compact: String, monthDay: String) {
        let (mm, dd) = (twoDigits(month), twoDigits(day))
        return ("\(year)-\(mm)-\(dd)", "\(mm)/\(dd)/\(year)", "\(dd).\(mm).\(year)", "\(year)\(mm)\(dd)", "\(mm)/\(dd)")
    }

    /// The secrets found in `text` that `controlText` does not contain as well. Numbers count only as whole tokens
    /// (not inside a longer number or after a decimal point), so `0.5123` does not match `5123`.
    func leaks(in text: String, control controlText: String) -> [String] {
        secrets.filter { occurs($0, in: text) && !occurs($0, in: controlText) }.sorted()
    }

    /// The secrets the control's outputs print too (so never counted as leaks): only numbers may be among them (a
    /// row count, a year), never an identifier, a date or a name.
    func excused(by controlText: String) -> [String] {
        secrets.filter { occurs($0, in: controlText) }.sorted()
    }

    private func occurs(_ secret: String, in text: String) -> Bool {
        guard secret.allSatisfy(\.isNumber) else { return text.contains(secret) }
        var searchRange = text.startIndex..<text.endIndex
        while let found = text.range(of: secret, range: searchRange) {
            let before = found.lowerBound > text.startIndex ? text[text.index(before: found.lowerBound)] : " "
            let after = found.upperBound < text.endIndex ? text[found.upperBound] : " "
            if !before.isNumber && before != "." && !after.isNumber { return true }
            searchRange = found.upperBound..<text.endIndex
        }
        return false
    }
}

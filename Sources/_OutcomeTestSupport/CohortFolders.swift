import Foundation

/// Writes `files` (name → contents) into a new folder under the temporary directory; the caller removes it.
public func temporaryCohortFolder(_ files: [String: String], prefix: String = "cohort") throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    for (name, text) in files { try Data(text.utf8).write(to: url.appendingPathComponent(name)) }
    return url
}

/// A dated cohort with hand-computed quarterly PDC (2024 is a leap year), shared by the library and CLI tests:
/// - P1: 30-day fills on 2024-01-05 and 2024-02-04: covered 2024-01-05 … 03-04 (60 days, through 29 February).
/// - P2: 2024-03-20 for 30 days and 2024-04-10 for 45 days, which moves to 04-19 … 06-02: the fills straddle the
///   Q1/Q2 boundary; covered 03-20 … 06-02 (12 + 30 + 31 + 2 = 75 days).
/// - P3: 2024-04-20 for 90 days (04-20 … 07-18). P4: methadone, no fills.
public enum QuarterlyPDCFixture {
    public static let files = [
        "patients.csv": """
            patient_id,site,arm,medication,psychosocial,index_date
            P1,A,BUP,buprenorphine,none,2024-01-05
            P2,A,BUP+CM,buprenorphine,contingency-management,2024-03-20
            P3,C,BUP,buprenorphine,none,2024-04-20
            P4,B,MET,methadone,none,2024-02-01

            """,
        "dispensings.csv": """
            patient_id,date,days_supply,drug
            P1,2024-01-05,30,bup
            P1,2024-02-04,30,bup
            P2,2024-03-20,30,bup
            P2,2024-04-10,45,bup
            P3,2024-04-20,90,bup

            """,
    ]
}

/// The CTN-0094 harmonized vocabulary mapped to the cohort input format (docs/CTN0094.md gives the reasons).
enum CTN0094Mapping {
    /// The trial label of an `everybody.csv` `project` code: `27` → `CTN-0027`; `nil` for other codes.
    static func trial(project: String) -> String? {
        switch project {
        case "27": "CTN-0027"
        case "30": "CTN-0030"
        case "51": "CTN-0051"
        default: nil
        }
    }

    /// The medication of a randomization arm (`randomization.csv` `treatment`).
    ///
    /// `Methadone` → methadone; any arm naming `BUP` → buprenorphine (buprenorphine-naloxone);
    /// `NR-NTX` → naltrexone (extended-release injectable). `nil` for an arm this importer does not know.
    static func medication(arm: String) -> Medication? {
        if arm == "Methadone" { return .methadone }
        if arm.contains("NR-NTX") { return .naltrexone }
        if arm.split(separator: " ").contains("BUP") { return .buprenorphine }
        return nil
    }

    /// The psychosocial support of a randomization arm.
    ///
    /// `Outpatient BUP + EMM` (CTN-0030's enhanced medical management: standard medical management plus
    /// opioid-dependence counseling) → `counseling`. Every other arm → `standard`: `Outpatient BUP + SMM` is standard
    /// medical management by protocol, and in CTN-0027 and CTN-0051 both arms received the same usual counseling of
    /// their treatment programs, so psychosocial support was not what the trial varied.
    static func psychosocial(arm: String) -> String {
        arm == "Outpatient BUP + EMM" ? "counseling" : "standard"
    }

    /// The withdrawal instrument of a trial: COWS in CTN-0027 and CTN-0030, SOWS in CTN-0051.
    static func withdrawalInstrument(trial: String) -> String {
        trial == "CTN-0051" ? "SOWS" : "COWS"
    }

    /// The substance name written to `screens.csv` for a harmonized name from `uds.csv` (`Thc`) or from the panel
    /// table `meta_substance_groups_uds.csv` (`THC`, `Barbiturate`).
    ///
    /// Names are lower-cased, so `Thc` and `THC` are one substance. The panel's `Barbiturate` becomes `sedatives`,
    /// the group under which the harmonization reports barbiturate positives in `uds.csv` (CTN-0051).
    static func substance(_ harmonizedName: String) -> String {
        let lowered = harmonizedName.lowercased()
        return lowered == "barbiturate" ? "sedatives" : lowered
    }

    /// The visit status of a `visit.csv` row: `visit` and `final` → attended; `no visit` and `MISSING` → excused when
    /// the participant was in jail, in hospital or ill (`is_in_jail`, `is_in_hospital`, `is_illness`), otherwise
    /// missed. `nil` for an empty or unknown disposition.
    static func visitStatus(what: String, inJail: Bool, inHospital: Bool, ill: Bool) -> VisitStatus? {
        switch what {
        case "visit", "final": .attended
        case "no visit", "MISSING": inJail || inHospital || ill ? .excused : .missed
        default: nil
        }
    }

    /// The `kind` written for every CTN-0094 visit: these are research-protocol study visits.
    static let visitKind = "study"

    /// The `item` written for every withdrawal row: the 0–3 severity band, not an instrument total.
    static let withdrawalItem = "severity"
}

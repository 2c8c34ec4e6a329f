extension Instrument {
    /// Prorating threshold: at least 80% of items answered (rounded up), and at most one missing item for
    /// scales of three to five items (docs/Craving.md, "Scoring composites").
    static func eightyPercent(of count: Int) -> Int {
        count <= 5 ? max(count - 1, 1) : Int((0.8 * Double(count)).rounded(.up))
    }

    private static func uniform(_ names: [String], _ minimum: Double, _ maximum: Double) -> [Item] {
        names.map { Item($0, minimum: minimum, maximum: maximum) }
    }

    /// Craving visual analogue scale, one item 0–100 mm, recorded as a total (`craving-VAS`); never prorated.
    public static let cravingVAS = Instrument(
        name: "craving-VAS", items: [Item("vas", minimum: 0, maximum: 100)])

    /// Brief Substance Craving Scale (Somoza et al. 1995): intensity, frequency and duration of craving in the
    /// past 24 h, each 0–4, total 0–12; prorated with one item missing.
    public static let briefSubstanceCravingScale = Instrument(
        name: "BSCS", items: uniform(["intensity", "frequency", "duration"], 0, 4), minimumAnsweredItems: 2)

    /// Obsessive Compulsive Drug Use Scale (Franken, Hendriks & van den Brink 2002): 13 items 0–4, total 0–52;
    /// prorated with at least 11 answered.
    public static let obsessiveCompulsiveDrugUseScale = Instrument(
        name: "OCDS", items: uniform((1...13).map { "item\($0)" }, 0, 4), minimumAnsweredItems: 11)

    /// Penn Alcohol Craving Scale (Flannery, Volpicelli & Pettinati 1999): 5 items 0–6, total 0–30, past week;
    /// prorated with one item missing.
    public static let pennAlcoholCravingScale = Instrument(
        name: "PACS", items: uniform((1...5).map { "item\($0)" }, 0, 6), minimumAnsweredItems: 4)

    /// Clinical Opiate Withdrawal Scale (Wesson & Ling 2003): 11 clinician-rated items, total 0–48; prorated
    /// with at least 9 answered. Bands <5 none, 5–12 mild, 13–24 moderate, 25–36 moderately severe, >36 severe.
    /// CTN-0094 records only the harmonised `severity` code (0 none, 1 mild, 2 moderate, 3 severe = COWS ≥ 25).
    public static let clinicalOpiateWithdrawalScale = Instrument(
        name: "COWS",
        items: [
            Item("pulse", minimum: 0, maximum: 4), Item("sweating", minimum: 0, maximum: 4),
            Item("restlessness", minimum: 0, maximum: 5), Item("pupil", minimum: 0, maximum: 5),
            Item("aches", minimum: 0, maximum: 4), Item("runny-nose", minimum: 0, maximum: 4),
            Item("gi-upset", minimum: 0, maximum: 5), Item("tremor", minimum: 0, maximum: 4),
            Item("yawning", minimum: 0, maximum: 4), Item("anxiety", minimum: 0, maximum: 4),
            Item("gooseflesh", minimum: 0, maximum: 5),
        ],
        minimumAnsweredItems: 9,
        severityBands: [
            SeverityBand("none", 0, 4), SeverityBand("mild", 5, 12), SeverityBand("moderate", 13, 24),
            SeverityBand("moderately severe", 25, 36), SeverityBand("severe", 37, 48),
        ],
        severityCodeLevels: ["none", "mild", "moderate", "severe"], construct: .withdrawal)

    /// Subjective Opiate Withdrawal Scale (Handelsman et al. 1987): 16 items 0–4, total 0–64; prorated with at
    /// least 13 answered. Bands (CTN-0051 harmonisation) 0 none, 1–10 mild, 11–20 moderate, ≥21 severe.
    public static let subjectiveOpiateWithdrawalScale = Instrument(
        name: "SOWS", items: uniform((1...16).map { "item\($0)" }, 0, 4), minimumAnsweredItems: 13,
        severityBands: [
            SeverityBand("none", 0, 0), SeverityBand("mild", 1, 10), SeverityBand("moderate", 11, 20),
            SeverityBand("severe", 21, 64),
        ],
        severityCodeLevels: ["none", "mild", "moderate", "severe"], construct: .withdrawal)

    /// Every shipped instrument.
    public static let standard: [Instrument] = [
        cravingVAS, briefSubstanceCravingScale, obsessiveCompulsiveDrugUseScale, pennAlcoholCravingScale,
        clinicalOpiateWithdrawalScale, subjectiveOpiateWithdrawalScale,
    ]
}

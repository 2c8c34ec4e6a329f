extension UrineScreenEndpoint {
    /// The relapse library: 7 endpoints, 12 columns (CTNote vignette `library_relapse`).
    static let relapse: [UrineScreenEndpoint] = [
        timeToEvent(
            "ctnNinetyFour_2023", prefix: "Rs", citation: "CTN-0094 (Odom, Brandt, Balise et al. 2023)",
            definition: "Relapse: 4 consecutive positive weeks; time is the first week of the run.",
            missing: "missing and mixed count as positive",
            compute: { word, convention in word.binaryUse.detectInWindow(width: 4, threshold: 4, convention: convention) }),
        timeToEvent(
            "ctnNinetyFour_2023", prefix: "Dr", citation: "CTN-0094 (Odom, Brandt, Balise et al. 2023)",
            definition: "Dropout: 4 consecutive missing weeks; time is the first week of the run.",
            missing: "raw word; the event is the missing weeks themselves",
            compute: { word, convention in
                word.detectInWindow(width: 4, threshold: 4, matching: .missing, convention: convention)
            }),
        UrineScreenEndpoint(
            "johnson_1992", .relapse, columns: [("Rs_johnson_1992", .boolean)],
            citation: "Johnson et al. 1992",
            definition: "2 consecutive positive weeks from week 4 on.",
            missing: "missing and mixed count as positive",
            compute: { word, _ in [word.binaryUse.containsAnySubpattern(["++"], start: 4).indicator] }),
        UrineScreenEndpoint(
            "krupitsky_2004", .relapse, columns: [("Rs_krupitsky_2004", .boolean)],
            citation: "Krupitsky et al. 2004",
            definition: "3 consecutive positive weeks.",
            missing: "missing and mixed count as positive",
            compute: { word, _ in [word.binaryUse.containsAnySubpattern(["+++"]).indicator] }),
        timeToEvent(
            "lee_2016", prefix: "Rs", citation: "Lee et al. 2016",
            definition: "At least 10 use days in 28 (a positive screen counting as 5 days): at least 2 positive weeks "
                + "in a 4-week window; time is the window start + 2.",
            missing: "missing and mixed count as positive",
            compute: { word, convention in word.binaryUse.detectInWindow(width: 4, threshold: 2, convention: convention) }),
        timeToEvent(
            "ctnFiftyOne_2018", prefix: "Rs", citation: "CTN-0051 (Lee et al. 2018)",
            definition: "From day 21 (week 3) on, 4 consecutive positive weeks; time counted from week 1.",
            missing: "missing and mixed count as positive",
            compute: { word, convention in
                word.binaryUse.slice(start: 3).detectInWindow(width: 4, threshold: 4, convention: convention)
                    .shifted(by: 2)
            }),
        timeToEvent(
            "schottenfeld_2008", prefix: "Rs", citation: "Schottenfeld et al. 2008",
            definition: "3 consecutive positive weeks; time is the first week of the run.",
            missing: "missing and mixed count as positive",
            compute: { word, convention in word.binaryUse.detectInWindow(width: 3, threshold: 3, convention: convention) }),
    ]

    /// A relapse endpoint with a time column `<prefix>T_<name>` and an event column `<prefix>E_<name>`.
    private static func timeToEvent(
        _ name: String, prefix: String, citation: String, definition: String, missing: String,
        compute: @escaping @Sendable (UsePattern, UsePatternConvention) -> WindowDetection
    ) -> UrineScreenEndpoint {
        UrineScreenEndpoint(
            name, .relapse, columns: [("\(prefix)T_\(name)", .time), ("\(prefix)E_\(name)", .event)],
            citation: citation, definition: definition, missing: missing,
            compute: { word, convention in compute(word, convention).columns })
    }
}

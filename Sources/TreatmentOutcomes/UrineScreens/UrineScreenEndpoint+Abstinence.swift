extension UrineScreenEndpoint {
    /// The abstinence library: 13 endpoints, 16 columns (CTNote vignette `library_abstinence`).
    static let abstinence: [UrineScreenEndpoint] = [
        UrineScreenEndpoint(
            "ctnNinetyFour_2023", .abstinence, columns: [("Ab_ctnNinetyFour_2023", .boolean)],
            citation: "CTN-0094 (Odom, Brandt, Balise et al. 2023)",
            definition: "Abstinent in the last 4 weeks of treatment: no positive week and at most one missing week. "
                + "CTNote looks at fixed weeks 12-15, not the last 4 weeks of the word (corrected: the last 4 weeks).",
            missing: "mixed counts as positive; at most one missing week allowed",
            compute: { word, convention in
                let windows: [UsePattern] = ["----", "o---", "-o--", "--o-", "---o"]
                let (start, end) = convention == .ctnote ? (12, 15) : (-4, -1)
                return [word.mixedAsPositive.containsAnySubpattern(windows, start: start, end: end).indicator]
            }),
        UrineScreenEndpoint(
            "fiellin_2006", .abstinence, columns: [("Ab_fiellin_2006", .count)],
            citation: "Fiellin et al. 2006",
            definition: "Number of abstinent (negative) weeks over the whole word; longer words can score higher.",
            missing: "missing and mixed count as positive",
            compute: { word, _ in [word.binaryUse.countMatches("-")] }),
        UrineScreenEndpoint(
            "kosten_1993", .abstinence, columns: [("Ab_kosten_1993", .boolean)],
            citation: "Kosten et al. 1993",
            definition: "At least 3 consecutive negative weeks.",
            missing: "raw word: missing and mixed weeks break a run",
            compute: { word, _ in [word.containsAnySubpattern(["---"]).indicator] }),
        UrineScreenEndpoint(
            "krupitskyA_2011", .abstinence, columns: [("Ab_krupitskyA_2011", .boolean)],
            citation: "Krupitsky et al. 2011",
            definition: "Fully abstinent in weeks 5-24, shortened to weeks 5-15: no positive week there "
                + "(a word shorter than 5 weeks passes, because the empty slice scores 0).",
            missing: "missing and mixed count as positive",
            compute: { word, convention in
                [(word.binaryUse.countMatches("+", start: 5, end: 15, proportion: true, convention: convention) == 0)
                    .indicator]
            }),
        UrineScreenEndpoint(
            "krupitskyB_2011", .abstinence, columns: [("Ab_krupitskyB_2011", .count)],
            citation: "Krupitsky et al. 2011",
            definition: "Number of abstinent weeks in weeks 5-24, shortened to weeks 5-15.",
            missing: "missing and mixed count as positive",
            compute: { word, _ in [word.binaryUse.countMatches("-", start: 5, end: 15)] }),
        UrineScreenEndpoint(
            "ling_1998", .abstinence, columns: [("Ab_ling_1998", .boolean)],
            citation: "Ling et al. 1998",
            definition: "13 consecutive negative screens at 3 per week, taken as 4 consecutive negative weeks.",
            missing: "raw word: missing and mixed weeks break a run",
            compute: { word, _ in [word.containsAnySubpattern(["----"]).indicator] }),
        UrineScreenEndpoint(
            "lofwall_2018", .abstinence, columns: [("Ab_lofwall_2018", .boolean)],
            citation: "Lofwall et al. 2018",
            definition: "Phase I: at least 2 of 3 negative in weeks 5-7 (rescaled from 9-11) and negative in week 8 "
                + "(12); phase II: at least 5/6 negative in weeks 9-15, on the schedule of weekly visits to week 7 "
                + "then every other week (off-weeks carry the previous week forward, so week 8 copies week 7).",
            missing: "mixed counts as positive, then missing counts as positive",
            compute: { word, convention in
                let schedule = word.mixedAsPositive.missingAsPositive.lofwallSchedule
                let phaseOne = schedule.countMatches("-", start: 5, end: 7, proportion: true, convention: convention)
                let weekEight = schedule.countMatches("-", start: 8, end: 8)
                let phaseTwo = schedule.countMatches("-", start: 9, end: 15, proportion: true, convention: convention)
                return [(phaseOne >= 2.0 / 3.0 && weekEight == 1 && phaseTwo >= 5.0 / 6.0).indicator]
            }),
        UrineScreenEndpoint(
            "mokri_2016", .abstinence, columns: [("AbT_mokri_2016", .time), ("AbE_mokri_2016", .event)],
            citation: "Mokri et al. 2016",
            definition: "Time to the first positive week.",
            missing: "missing and mixed count as positive",
            compute: { word, convention in
                word.binaryUse.detectInWindow(width: 1, threshold: 1, convention: convention).columns
            }),
        UrineScreenEndpoint(
            "schottenfeldA_2008", .abstinence,
            columns: [("AbT_schottenfeldA_2008", .time), ("AbE_schottenfeldA_2008", .event)],
            citation: "Schottenfeld et al. 2008",
            definition: "Days (here weeks) to the first positive screen; the same recipe as mokri_2016.",
            missing: "missing and mixed count as positive",
            compute: { word, convention in
                word.binaryUse.detectInWindow(width: 1, threshold: 1, convention: convention).columns
            }),
        UrineScreenEndpoint(
            "schottenfeld_2005", .abstinence, columns: [("Ab_schottenfeld_2005", .count)],
            citation: "Schottenfeld et al. 2005",
            definition: "Longest run of consecutive negative weeks among the weeks with a specimen.",
            missing: "missing weeks removed; mixed counts as positive",
            compute: { word, _ in [Double(word.withoutMissing.mixedAsPositive.longestAbstinencePeriod())] }),
        UrineScreenEndpoint(
            "schottenfeldB_2008", .abstinence, columns: [("Ab_schottenfeldB_2008", .count)],
            citation: "Schottenfeld et al. 2008",
            definition: "Longest run of consecutive negative weeks.",
            missing: "missing and mixed count as positive",
            compute: { word, _ in [Double(word.binaryUse.longestAbstinencePeriod())] }),
        UrineScreenEndpoint(
            "shufman_1994", .abstinence, columns: [("AbT_shufman_1994", .time), ("AbE_shufman_1994", .event)],
            citation: "Shufman et al. 1994",
            definition: "Weeks to the first positive screen after the start of naltrexone.",
            missing: "missing counts as negative; mixed counts as positive",
            compute: { word, convention in
                word.recoding(.missing, as: .negative).mixedAsPositive
                    .detectInWindow(width: 1, threshold: 1, convention: convention).columns
            }),
        UrineScreenEndpoint(
            "ctnThirty_2011", .abstinence, columns: [("Ab_ctnThirty_2011", .boolean)],
            citation: "CTN-0030 (Weiss et al. 2011)",
            definition: "Negative in the last week and in at least 2 of the 3 weeks before it.",
            missing: "missing and mixed count as positive",
            compute: { word, _ in
                let binary = word.binaryUse
                let lastNegative = binary.containsSubpattern("-", start: -1, end: -1) == true
                return [(lastNegative && binary.countMatches("+", start: -4, end: -2) <= 1).indicator]
            }),
    ]
}

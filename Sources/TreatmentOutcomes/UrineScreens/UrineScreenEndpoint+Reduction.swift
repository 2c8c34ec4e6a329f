extension UrineScreenEndpoint {
    /// The reduction library: 34 endpoints, one column each (CTNote vignette `library_reduction`). Unless a recode
    /// is named, the raw word is used, so a missing week sits in the denominator and never counts as negative;
    /// mixed weeks count half.
    static let reduction: [UrineScreenEndpoint] = [
        proportion("comer_2006", "Comer et al. 2006", "Proportion of negative weeks in weeks 1-8.", raw) {
            $0.proportionNegative(1, 8, $1)
        },
        UrineScreenEndpoint(
            "eissenberg_1997", .reduction, columns: [("Rd_eissenberg_1997", .boolean)],
            citation: "Eissenberg et al. 1997",
            definition: "Retained at least 17 weeks (shortened to 15) and 4 consecutive negative weeks in weeks 1-15 "
                + "after k-nearest-visit imputation (k = 1).",
            missing: "missing weeks imputed from both neighbours (kNV); otherwise they break a run",
            compute: { word, convention in
                let imputed = word.imputingMissingVisits(.nearestVisits(k: 1), convention: convention)
                return [(word.retention() >= 15 && imputed.containsAnySubpattern(["----"], start: 1, end: 15))
                    .indicator]
            }),
        proportion("fiellin_2006", "Fiellin et al. 2006", "Proportion of negative weeks.", raw) {
            $0.proportionNegative(1, -1, $1)
        },
        proportion("fudala_2003", "Fudala et al. 2003", "Proportion negative among the specimens provided.", dropped) {
            $0.withoutMissing.proportionNegative(1, -1, $1)
        },
        proportion("haight_2019", "Haight et al. 2019", "Proportion negative in weeks 5-24, shortened to 5-15.", raw) {
            $0.proportionNegative(5, 15, $1)
        },
        proportion(
            "jaffe_1972", "Jaffe 1972",
            "Proportion of negative weeks for those completing at least 8 weeks (0 otherwise), missing weeks "
                + "imputed by the word's mode (tiebreaker positive).",
            "missing weeks become the word's most frequent result; mixed counts as positive for the mode"
        ) { word, convention in
            guard word.retention() >= 8 else { return 0 }
            return word.imputingMissingVisits(.mode(tiebreaker: .positive), convention: convention)
                .proportionNegative(1, -1, convention)
        },
        proportion("johnson_1992", "Johnson et al. 1992", "Mean proportion of negative weeks.", raw) {
            $0.proportionNegative(1, -1, $1)
        },
        UrineScreenEndpoint(
            "kostenB_1993", .reduction, columns: [("Rd_kostenB_1993", .boolean)],
            citation: "Kosten et al. 1993",
            definition: "At least 70% negative among the first 15 specimens provided.",
            missing: dropped,
            compute: { word, convention in [(word.withoutMissing.proportionNegative(1, 15, convention) >= 0.7).indicator] }),
        proportion("lingA_1998", "Ling et al. 1998", "Proportion negative in weeks 1-15, excluding missing.", dropped) {
            $0.withoutMissing.proportionNegative(1, 15, $1)
        },
        UrineScreenEndpoint(
            "lingC_1998", .reduction, columns: [("Rd_lingC_1998", .score)],
            citation: "Ling et al. 1998",
            definition: "Number of negative weeks in weeks 1-15, mixed weeks counting half.",
            missing: raw,
            compute: { word, _ in [word.countMatches("-", end: 15, mixedResults: .mixed, mixedWeight: 0.5)] }),
        proportion("ling_2010", "Ling et al. 2010", "Proportion negative in weeks 1-16, shortened to 1-15.", raw) {
            $0.proportionNegative(1, 15, $1)
        },
        UrineScreenEndpoint(
            "lingA_1976", .reduction, columns: [("Rd_lingA_1976", .score)],
            citation: "Ling et al. 1976 (doi 10.1001/archpsyc.1976.01770060043007)",
            definition: "120 minus the weighted positive-visit index of weeks 1-15 (weights + 1, * 0.5, o 0.22, - 0; "
                + "positive weeks penalised 1,1,1,2,2,2,...,5,5,5); 0 when retained 3 weeks or fewer. In [0, 120], "
                + "higher is better.",
            missing: "missing weeks weigh 0.22 of a positive week",
            compute: { word, _ in
                guard word.retention() > 3 else { return [0] }
                let penalty = (1...5).flatMap { Array(repeating: Double($0), count: 3) }
                return [word.slice(end: 15).positiveVisitIndex(positivePenalty: penalty).map { 120 - $0 }]
            }),
        UrineScreenEndpoint(
            "lingB_1976", .reduction, columns: [("Rd_lingB_1976", .score)],
            citation: "Ling et al. 1976 (doi 10.1001/archpsyc.1976.01770060043007)",
            definition: "As lingA_1976 with weights + 0.8, * 0.4, o 1.0, - 0 and positive weeks penalised by a linear "
                + "ramp from 1 to 5 over the weeks scored.",
            missing: "a missing week weighs more than a positive one",
            compute: { word, _ in
                guard word.retention() > 3 else { return [0] }
                let scored = word.slice(end: 15)
                let weights = PositiveVisitWeights(positive: 0.8, mixed: 0.4, missing: 1, negative: 0)
                return [scored.positiveVisitIndex(weights: weights, positivePenalty: ramp(from: 1, to: 5, count: scored.count))
                    .map { 120 - $0 }]
            }),
        proportion(
            "lofwall_2018", "Lofwall et al. 2018",
            "Mean proportion negative in weeks 1-15 on the Lofwall visit schedule (weekly to week 7, then every "
                + "other week, off-weeks carrying the previous week forward).",
            "missing counts as positive; mixed counts half"
        ) { $0.missingAsPositive.lofwallSchedule.proportionNegative(1, 15, $1) },
        proportion("mattickA_2003", "Mattick et al. 2003", "Proportion of clean urines while in the study.", raw) {
            $0.proportionNegative(1, $0.retention(), $1)
        },
        proportion("mattickB_2003", "Mattick et al. 2003", "Proportion negative over 13 weeks (TEP).", raw) {
            $0.proportionNegative(1, 13, $1)
        },
        proportion("paniA_2000", "Pani et al. 2000", "Proportion negative of the tests done (PCC).", dropped) {
            $0.withoutMissing.proportionNegative(1, -1, $1)
        },
        proportion("paniB_2000", "Pani et al. 2000", "Proportion negative of the tests per protocol (TEC).", raw) {
            $0.proportionNegative(1, -1, $1)
        },
        proportion("petitjean_2001", "Petitjean et al. 2001", "1 minus the proportion of positive weeks.",
                   "missing counts as positive; mixed counts half") {
            1 - $0.missingAsPositive.proportionPositive(1, -1, $1)
        },
        proportion("preston_2000", "Preston et al. 2000", "Proportion negative over 13 weeks.", raw) {
            $0.proportionNegative(1, 13, $1)
        },
        proportion("schottenfeld_2005", "Schottenfeld et al. 2005", "Proportion negative, excluding missing.", dropped) {
            $0.withoutMissing.proportionNegative(1, -1, $1)
        },
        UrineScreenEndpoint(
            "schwartz_2006", .reduction, columns: [("Ab_schwartz_2006", .boolean)],
            citation: "Schwartz et al. 2006",
            definition: "Abstinent at 120 days, taken as a negative week 15 (named Ab_ by design).",
            missing: raw,
            compute: { word, _ in
                [(word.countMatches("-", start: 15, end: 15, mixedResults: .mixed, mixedWeight: 0.5) == 1).indicator]
            }),
        proportion("shufman_1994", "Shufman et al. 1994", "1 minus the proportion of positive weeks "
                   + "(an all-missing word scores 1).", raw) {
            1 - $0.proportionPositive(1, -1, $1)
        },
        proportion("soyka_2008", "Soyka et al. 2008", "1 minus the proportion positive, excluding missing "
                   + "(an empty word scores 1).", dropped) {
            1 - $0.withoutMissing.proportionPositive(1, -1, $1)
        },
        proportion("strain_1993", "Strain et al. 1993", "1 minus the proportion positive during stable dosing, "
                   + "weeks 6-15.", raw) {
            1 - $0.proportionPositive(6, 15, $1)
        },
        strainMissingIgnored("strain_1994", "Strain et al. 1994"),
        proportion("strain_1996", "Strain et al. 1996", "1 minus the proportion positive, excluding missing.", dropped) {
            1 - $0.withoutMissing.proportionPositive(1, -1, $1)
        },
        strainMissingIgnored("strain_1999", "Strain et al. 1999"),
        UrineScreenEndpoint(
            "strang_2010", .reduction, columns: [("Rd_strang_2010", .boolean)],
            citation: "Strang et al. 2010",
            definition: "At least 50% negative in weeks 14-26, taken as the last 12 weeks.",
            missing: raw,
            compute: { word, convention in [(word.proportionNegative(-12, -1, convention) >= 0.5).indicator] }),
        proportion("strang_2019", "Strang et al. 2019", "Proportion negative in weeks 1-12.", raw) {
            $0.proportionNegative(1, 12, $1)
        },
        proportion("tanum_2017", "Tanum et al. 2017", "Proportion negative while retained.", raw) {
            $0.proportionNegative(1, $0.retention(), $1)
        },
        proportion("wolstein_2009", "Wolstein et al. 2009", "Negative weeks per participating week.", dropped) {
            $0.withoutMissing.proportionNegative(1, -1, $1)
        },
        proportion(
            "woody_2008", "Woody et al. 2008", "1 minus the proportion positive at weeks 4, 8 and 12.",
            "missing at a scheduled week counts as positive; mixed counts half"
        ) { word, convention in
            let scheduled = word.viewed(byLattice: "___o___o___o").recoding(.notScheduled, as: .removed)
            return 1 - scheduled.missingAsPositive.proportionPositive(1, -1, convention)
        },
        UrineScreenEndpoint(
            "zaks_1972", .reduction, columns: [("Rd_zaks_1972", .score)],
            citation: "Zaks et al. 1972",
            definition: "Participating weeks minus positive weeks (mixed weeks counting half).",
            missing: dropped,
            compute: { word, _ in
                let provided = word.withoutMissing
                return [Double(provided.count) - provided.countMatches("+", mixedResults: .mixed, mixedWeight: 0.5)]
            }),
    ]

    private static let raw = "raw word: a missing week is in the denominator and never negative; mixed counts half"
    private static let dropped = "missing weeks removed; mixed counts half"

    private static func proportion(
        _ name: String, _ citation: String, _ definition: String, _ missing: String,
        _ compute: @escaping @Sendable (UsePattern, UsePatternConvention) -> Double
    ) -> UrineScreenEndpoint {
        UrineScreenEndpoint(
            name, .reduction, columns: [("Rd_\(name)", .proportion)], citation: citation, definition: definition,
            missing: missing, compute: { word, convention in [compute(word, convention)] })
    }

    /// Rd_strain_1994 and Rd_strain_1999: defined as "missing ignored"; CTNote builds the word without missing
    /// weeks but then scores the raw word (reproduced under `.ctnote`; `.corrected` scores the dropped word).
    private static func strainMissingIgnored(_ name: String, _ citation: String) -> UrineScreenEndpoint {
        proportion(
            name, citation,
            "1 minus the proportion positive, missing ignored (CTNote scores the raw word; corrected: without "
                + "missing weeks).",
            "ctnote: raw word; corrected: missing weeks removed; mixed counts half"
        ) { word, convention in
            1 - (convention == .ctnote ? word : word.withoutMissing).proportionPositive(1, -1, convention)
        }
    }

    /// `count` evenly spaced values from `start` to `end` (R `seq(start, end, length.out = count)`).
    static func ramp(from start: Double, to end: Double, count: Int) -> [Double] {
        guard count > 1 else { return count == 1 ? [start] : [] }
        let step = (end - start) / Double(count - 1)
        return (0..<count).map { $0 == count - 1 ? end : start + Double($0) * step }
    }
}

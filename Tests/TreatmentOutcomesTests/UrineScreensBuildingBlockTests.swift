import Testing
import TreatmentOutcomes
import _OutcomeTestSupport

/// The use-pattern building blocks against hand-derived words and the values of the CTNote 0.1.3 package tests and
/// R runs ("package test" below), as docs/UrineScreenOutcomes.md ("Building-block semantics") records them.
@Suite("Urine screens: use-pattern building blocks")
struct UrineScreensBuildingBlockTests {
    @Test("Parsing and str_sub slicing: 1-based, negative from the end, clipped")
    func slicing() {
        #expect(UsePattern(parsing: "+-o*_")?.description == "+-o*_")
        #expect(UsePattern(parsing: "+-x") == nil)
        let word: UsePattern = "+-o"
        // stringr::str_sub rules (docs/UrineScreenOutcomes.md, "Slicing"):
        // sub("abc",-4,-2)="ab", sub("abc",0,2)="ab", sub("abc",5,10)="", sub("abc",3,2)=""
        #expect(word.slice(start: -4, end: -2) == "+-")
        #expect(word.slice(start: 0, end: 2) == "+-")
        #expect(word.slice(start: 5, end: 10).isEmpty)
        #expect(word.slice(start: 3, end: 2).isEmpty)
        #expect(UsePattern("").slice(start: 1, end: -1).isEmpty)
    }

    @Test("recode_missing_visits: +, - or removed; any symbol can be recoded")
    func recode() {
        #expect(UsePattern("+o-o").recoding(.missing, as: .positive) == "++-+")
        #expect(UsePattern("+o-o").recoding(.missing, as: .negative) == "+---")
        #expect(UsePattern("+o-o").recoding(.missing, as: .removed) == "+-")
        #expect(UsePattern("*_*").recoding(.mixed, as: .positive) == "+_+")
        #expect(UsePattern("oooo").recoding(.missing, as: .removed).isEmpty)
        #expect(UsePattern("").recoding() == "")
    }

    @Test("collapse_lattice and view_by_lattice (CTNote examples in docs/UrineScreenOutcomes.md)")
    func lattices() {
        #expect(UsePattern.collapsingLattice(["o", "_o"], times: [7, 4]) == "ooooooo_o_o_o_o")
        #expect(UsePattern.collapsingLattice([], times: []) == "")
        #expect(UsePattern("+-").viewed(byLattice: "o_o_") == "+_o_")
        #expect(UsePattern("+-+-+-").viewed(byLattice: "o_o") == "+_+")
        #expect(UsePattern("").viewed(byLattice: "o_") == "o_")
    }

    @Test("impute locf and locfD: docs/UrineScreenOutcomes.md examples and the CTNote package test word")
    func carryForward() {
        #expect(UsePattern("_o+o").imputingMissingVisits(.lastObservationCarriedForward) == "__++")
        #expect(UsePattern("o+oo-oo").imputingMissingVisits(.lastObservationCarriedForwardBetweenVisits) == "o+++-oo")
        #expect(UsePattern("oo+").imputingMissingVisits() == "oo+")
        let packageWord: UsePattern = "++++*o-------+--+oo-o-o+o+oooo"
        // CTNote 0.1.3 package test (docs/UrineScreenOutcomes.md, "Building-block semantics")
        #expect(packageWord.imputingMissingVisits(.lastObservationCarriedForward) == "++++**-------+--+++----+++++++")
        #expect(packageWord.imputingMissingVisits(.lastObservationCarriedForwardBetweenVisits)
            == "++++**-------+--+++----+++oooo")
        // missing_is other than o: the Lofwall schedule fills off-weeks from the week before
        #expect(UsePattern("-_+_o").imputingMissingVisits(missingIs: .notScheduled) == "--++o")
    }

    @Test("All-missing and empty words come back unchanged from every method")
    func allMissing() {
        let methods: [UsePattern.ImputationMethod] = [
            .lastObservationCarriedForward, .lastObservationCarriedForwardBetweenVisits, .mode(), .nearestVisits(),
        ]
        for method in methods {
            #expect(UsePattern("oooo").imputingMissingVisits(method) == "oooo")
            #expect(UsePattern("").imputingMissingVisits(method) == "")
        }
    }

    @Test("impute mode: ties, tiebreaker, _ as a category (ctnote) or not (corrected)")
    func mode() {
        #expect(UsePattern("+-o").imputingMissingVisits(.mode()) == "+-+")
        #expect(UsePattern("+-o").imputingMissingVisits(.mode(tiebreaker: .negative)) == "+--")
        #expect(UsePattern("__-o").imputingMissingVisits(.mode()) == "__-_")
        #expect(UsePattern("__-o").imputingMissingVisits(.mode(), convention: .corrected) == "__--")
        // * counts as the tiebreaker for counting: + and * make 2, a tie with 2 - that + wins; 3 - beat it
        #expect(UsePattern("+*--o").imputingMissingVisits(.mode()) == "+*--+")
        #expect(UsePattern("+*---o").imputingMissingVisits(.mode()) == "+*----")
        // a three-way tie without the tiebreaker: the first in table order (_ - * +) wins
        #expect(UsePattern("_-o").imputingMissingVisits(.mode(tiebreaker: .mixed)) == "_-_")
        // package test
        #expect(UsePattern("++++*o-------+--+oo-o-o+o+oooo").imputingMissingVisits(.mode())
            == "++++*--------+--+------+-+----")
        // corrected, only _ observed: nothing to take the mode of
        #expect(UsePattern("_o").imputingMissingVisits(.mode(), convention: .corrected) == "_o")
    }

    @Test("impute kNV: rounding ties, missing neighbours, k = 2, short words, _")
    func nearestVisits() {
        #expect(UsePattern("-o*").imputingMissingVisits(.nearestVisits()) == "-**")
        #expect(UsePattern("+o*").imputingMissingVisits(.nearestVisits()) == "++*")
        #expect(UsePattern("+o-").imputingMissingVisits(.nearestVisits()) == "+*-")
        #expect(UsePattern("--o++o-").imputingMissingVisits(.nearestVisits(k: 2)) == "--*++o-")
        #expect(UsePattern("+oo-").imputingMissingVisits(.nearestVisits()) == "+oo-")
        // package test
        #expect(UsePattern("++++*o-------+--+oo-o-o+o+o*oo").imputingMissingVisits(.nearestVisits())
            == "++++**-------+--+oo---*++++*oo")
        // R's descending seq(1 + k, n − k) on short words (ctnote); nothing imputed when corrected
        #expect(UsePattern("o-").imputingMissingVisits(.nearestVisits()) == "--")
        #expect(UsePattern("o+").imputingMissingVisits(.nearestVisits()) == "++")
        #expect(UsePattern("o-").imputingMissingVisits(.nearestVisits(), convention: .corrected) == "o-")
        // _ has no weight: ctnote turns it into o (or imputes it), corrected keeps it
        #expect(UsePattern("-_o-").imputingMissingVisits(.nearestVisits()) == "-oo-")
        #expect(UsePattern("-_-").imputingMissingVisits(.nearestVisits()) == "---")
        #expect(UsePattern("-_o-").imputingMissingVisits(.nearestVisits(), convention: .corrected) == "-_o-")
        #expect(UsePattern("-_-").imputingMissingVisits(.nearestVisits(), convention: .corrected) == "-_-")
    }

    @Test("detect_subpattern: literal, windowed, empty sub-pattern is NA")
    func subpatterns() {
        let word: UsePattern = "+--o-"
        #expect(word.containsSubpattern("--") == true)
        #expect(word.containsSubpattern("---") == false)
        #expect(word.containsSubpattern("--", start: 3) == false)
        #expect(word.containsSubpattern("o-", start: -2, end: -1) == true)
        #expect(word.containsSubpattern("") == nil)
        #expect(UsePattern("").containsSubpattern("-") == false)
        #expect(UsePattern("--").containsSubpattern("---") == false)
        #expect(word.containsAnySubpattern(["++", "o-"]))
    }

    @Test("count_matches: non-overlapping, mixed weight, R's length-1 denominator, empty slice")
    func counting() {
        #expect(UsePattern("+++").countMatches("++") == 1)
        #expect(UsePattern("-+-+--").countMatches("-+") == 2)
        #expect(UsePattern("-+-+--").countMatches("-+", proportion: true) == 2.0 / 6.0)
        #expect(UsePattern("-+-+--").countMatches("-+", proportion: true, convention: .corrected) == 2.0 / 5.0)
        #expect(UsePattern("-*o-").countMatches("-", mixedResults: .mixed, mixedWeight: 0.5) == 2.5)
        #expect(UsePattern("-*o-").countMatches("-", mixedResults: .mixed, proportion: true) == 2.5 / 4)
        #expect(UsePattern("-*o-").countMatches("-", start: 2, end: 3, proportion: true) == 0)
        #expect(UsePattern("").countMatches("-", proportion: true) == 0)
        #expect(UsePattern("-+").countMatches("-", start: 5, proportion: true) == 0)
        #expect(UsePattern("-").countMatches("--", proportion: true, convention: .corrected) == 0)
    }

    @Test("measure_retention and measure_abstinence_period")
    func retentionAndAbstinence() {
        #expect(UsePattern("__++++*o-------+--+-o-o-o+o+oooooo").retention() == 28)
        #expect(UsePattern("_ooo").retention() == 1)
        #expect(UsePattern("oooo").retention() == 0)
        #expect(UsePattern("").retention() == 0)
        #expect(UsePattern("--o--").longestAbstinencePeriod() == 5)
        #expect(UsePattern("-+---+--").longestAbstinencePeriod() == 3)
        #expect(UsePattern("+++").longestAbstinencePeriod() == 0)
        #expect(UsePattern("").longestAbstinencePeriod() == 0)
    }

    @Test("detect_in_window: docs/UrineScreenOutcomes.md examples, short words, corrected censoring")
    func windows() {
        #expect(UsePattern("o-o+++").detectInWindow() == WindowDetection(time: 4, event: true))
        #expect(UsePattern("o-o+++").detectInWindow(offset: 0) == WindowDetection(time: 3, event: true))
        #expect(UsePattern("o-o+++").detectInWindow(width: 1, threshold: 1) == WindowDetection(time: 4, event: true))
        #expect(UsePattern("------").detectInWindow() == WindowDetection(time: 4, event: false))
        #expect(UsePattern("------").detectInWindow(width: 4, threshold: 4) == WindowDetection(time: 3, event: false))
        #expect(UsePattern("-------++++").detectInWindow(width: 4, threshold: 2) == WindowDetection(time: 8, event: true))
        #expect(UsePattern("++++").detectInWindow() == WindowDetection(time: 2, event: true))
        #expect(UsePattern("---").detectInWindow(width: 1, threshold: 1) == WindowDetection(time: 3, event: false))
        #expect(UsePattern("---").detectInWindow() == WindowDetection(time: nil, event: nil))
        #expect(UsePattern("").detectInWindow(width: 1, threshold: 1) == WindowDetection(time: nil, event: nil))
        #expect(UsePattern("--oooo").detectInWindow(width: 4, threshold: 4, matching: .missing)
            == WindowDetection(time: 3, event: true))
        #expect(UsePattern("------").detectInWindow(width: 4, threshold: 4, convention: .corrected)
            == WindowDetection(time: 6, event: false))
    }

    @Test("weight_positive_visits: the package test values")
    func positiveVisitIndex() throws {
        let word: UsePattern = "++o+*-------+--+-o-o-o+o+"
        // CTNote 0.1.3 package tests (docs/UrineScreenOutcomes.md, "Building-block semantics"):
        // 41.28; 52.8; 34.82667 (printed to 7 significant digits); 43.392
        #expect(isClose(try #require(word.positiveVisitIndex()), 41.28, relative: 1e-12))
        let weights = PositiveVisitWeights(positive: 0.8, mixed: 0.4, missing: 1, negative: 0)
        #expect(isClose(try #require(word.positiveVisitIndex(weights: weights)), 52.8, relative: 1e-12))
        let ramp = (0..<25).map { 1 + 4 * Double($0) / 24 }
        #expect(isClose(try #require(word.positiveVisitIndex(positivePenalty: ramp)), 34.82667, absolute: 5e-6))
        let missing = (0..<25).map { $0 < 4 ? 3.0 : 1.0 }
        #expect(isClose(try #require(word.positiveVisitIndex(missingPenalty: missing)), 43.392, relative: 1e-12))
        // hand: "+-" → 120·1/2; unscaled sum 1; `_` has no weight → NA
        #expect(UsePattern("+-").positiveVisitIndex() == 60)
        #expect(UsePattern("+-").positiveVisitIndex(scaleMax: nil) == 1)
        #expect(UsePattern("+_").positiveVisitIndex() == nil)
        #expect(UsePattern("").positiveVisitIndex() == nil)
        // a word shorter than its penalty scores against the full schedule: 1·2 / (1 + 2 + 3)
        #expect(UsePattern("-+").positiveVisitIndex(positivePenalty: [1, 2, 3]) == 40)
    }
}

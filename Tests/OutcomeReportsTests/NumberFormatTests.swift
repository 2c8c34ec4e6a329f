import Testing

@testable import OutcomeReports

@Suite("NumberFormat")
struct NumberFormatTests {
    @Test("fixed decimals round half away from zero and never print -0")
    func fixedDecimals() {
        #expect(NumberFormat.fixed(2.5, decimals: 0) == "3")
        #expect(NumberFormat.fixed(-2.5, decimals: 0) == "-3")
        #expect(NumberFormat.fixed(26.25, decimals: 1) == "26.3")
        #expect(NumberFormat.fixed(0.125, decimals: 2) == "0.13")
        #expect(NumberFormat.fixed(2.675, decimals: 2) == "2.68")  // 2.675·100 rounds to 267.5 in binary
        #expect(NumberFormat.fixed(-0.04, decimals: 1) == "0.0")
        #expect(NumberFormat.fixed(7, decimals: 3) == "7.000")
        #expect(NumberFormat.fixed(1234567.891, decimals: 2) == "1234567.89")
        #expect(NumberFormat.fixed(0.05, decimals: 3) == "0.050")
    }

    @Test("non-finite values stay visible")
    func nonFinite() {
        #expect(NumberFormat.fixed(.nan, decimals: 1) == "NaN")
        #expect(NumberFormat.fixed(.infinity, decimals: 1) == "Inf")
        #expect(NumberFormat.fixed(-.infinity, decimals: 1) == "-Inf")
    }

    @Test("percentages multiply by 100")
    func percentages() {
        #expect(NumberFormat.percentage(0.345, decimals: 1) == "34.5%")
        #expect(NumberFormat.percentage(1, decimals: 0) == "100%")
        #expect(NumberFormat.percentage(16.0 / 50.0, decimals: 1) == "32.0%")
    }
}

@Suite("Exact number text")
struct ExactNumberFormatTests {
    @Test("Shortest round-trip text")
    func exact() {
        #expect(NumberFormat.exact(0.1) == "0.1")
        #expect(NumberFormat.exact(36.363636363636367) == "36.36363636363637")
        #expect(NumberFormat.exact(5) == "5")
        #expect(NumberFormat.exact(-0.0) == "0")
        #expect(NumberFormat.exact(1e-300) == "1e-300")
        #expect(NumberFormat.exact(.nan) == "NaN")
        for value in [0.9130434782608695, 1.0 / 3.0, 2.2250738585072014e-308, 123456789.123] {
            #expect(Double(NumberFormat.exact(value)) == value)
        }
    }
}

@Suite("p-value text")
struct PValueFormatTests {
    @Test("Journal style")
    func pValues() {
        #expect(NumberFormat.pValue(0.1273) == "0.13")
        #expect(NumberFormat.pValue(0.0421) == "0.042")
        #expect(NumberFormat.pValue(0.00421) == "0.004")
        #expect(NumberFormat.pValue(0.0009) == "<0.001")
        #expect(NumberFormat.pValue(1e-300) == "<0.001")
        #expect(NumberFormat.pValue(0.999) == "0.99")
        #expect(NumberFormat.pValue(0.5) == "0.50")
    }
}

import Foundation
import Testing
@testable import TreatmentOutcomes

/// The generator's own distributions: moments over 200,000 draws within about 5 standard errors.
@Suite("Synthetic cohort: random distributions")
struct SyntheticRandomTests {
    static let draws = 200_000

    func moments(_ draw: () -> Double) -> (mean: Double, variance: Double) {
        var sum = 0.0
        var squares = 0.0
        for _ in 0..<Self.draws {
            let value = draw()
            sum += value
            squares += value * value
        }
        let mean = sum / Double(Self.draws)
        return (mean, squares / Double(Self.draws) - mean * mean)
    }

    @Test("Gamma(shape) has mean and variance equal to the shape, including shape < 1",
          arguments: [0.5, 2.0, 9.0])
    func gamma(shape: Double) {
        var random = Xoshiro256StarStar(seed: 11, stream: 0)
        let (mean, variance) = moments { random.gamma(shape: shape) }
        let standardError = (shape / Double(Self.draws)).squareRoot()
        #expect(abs(mean - shape) < 5 * standardError, "mean \(mean)")
        #expect(abs(variance / shape - 1) < 0.05, "variance \(variance)")
    }

    @Test("Beta, normal, exponential and Poisson have their textbook means and variances")
    func otherDistributions() {
        var random = Xoshiro256StarStar(seed: 12, stream: 3)
        let beta = moments { random.beta(6, 2) }
        #expect(abs(beta.mean - 0.75) < 0.002 && abs(beta.variance - 12.0 / (64 * 9)) < 0.001)
        let normal = moments { random.normal(mean: 3, standardDeviation: 2) }
        #expect(abs(normal.mean - 3) < 0.025 && abs(normal.variance - 4) < 0.08)
        let exponential = moments { random.standardExponential() }
        #expect(abs(exponential.mean - 1) < 0.012 && abs(exponential.variance - 1) < 0.04)
        let poisson = moments { Double(random.poisson(mean: 1.2)) }
        #expect(abs(poisson.mean - 1.2) < 0.013 && abs(poisson.variance - 1.2) < 0.04)
    }

    @Test("integer(in:) and categorical cover every outcome with the right frequencies")
    func discrete() {
        var random = Xoshiro256StarStar(seed: 13, stream: 9)
        var counts = [Int](repeating: 0, count: 7)
        for _ in 0..<70_000 { counts[random.integer(in: 3...9) - 3] += 1 }
        #expect(counts.allSatisfy { abs($0 - 10_000) < 500 }, "\(counts)")
        var categories = [0, 0, 0]
        for _ in 0..<100_000 { categories[random.categorical([0.2, 0.5, 0.3])] += 1 }
        #expect(abs(categories[0] - 20_000) < 700 && abs(categories[1] - 50_000) < 800, "\(categories)")
    }

    @Test("Streams differ by seed and by patient, and repeat for the same pair")
    func streams() {
        func firstDraws(_ seed: UInt64, _ stream: UInt64) -> [UInt64] {
            var random = Xoshiro256StarStar(seed: seed, stream: stream)
            return (0..<4).map { _ in random.next() }
        }
        #expect(firstDraws(1, 0) == firstDraws(1, 0))
        #expect(firstDraws(1, 0) != firstDraws(1, 1))
        #expect(firstDraws(1, 0) != firstDraws(2, 0))
        #expect(firstDraws(0, 0) != firstDraws(0, 1))
    }
}

#ifndef OUTCOME_WEIGHTED_GRAM_H
#define OUTCOME_WEIGHTED_GRAM_H

/// Adds Σᵢ wᵢ xᵢ xᵢᵀ over the rows of the row-major n × p design `x` to the upper triangle of the column-major
/// p × p `upper` (element (j, k), j ≤ k, at upper[j + k·p]; the lower triangle is not touched).
///
/// For each group of four rows in row order every element receives (w₀x₀ₖ)x₀ⱼ + (w₁x₁ₖ)x₁ⱼ + (w₂x₂ₖ)x₂ⱼ + (w₃x₃ₖ)x₃ⱼ,
/// summed left to right, then the last n mod 4 rows their single terms: the bits do not depend on the instruction
/// set. On an x86-64 processor with AVX (and an operating system that saves its registers) the loop is compiled for
/// AVX, four elements an instruction instead of two; the same multiplications and additions, without fused
/// multiply–add, in the same order per element.
void outcome_weighted_gram(const double *x, const double *weights, long rows, long columns, double *upper);

/// Whether ``outcome_weighted_gram`` runs its AVX loop on this machine.
int outcome_weighted_gram_uses_avx(void);

/// The same sum by the baseline loop (`avx` 0) or the AVX loop (`avx` 1, only where
/// ``outcome_weighted_gram_uses_avx`` is 1): for the tests that hold the two to the same bits.
void outcome_weighted_gram_by(const double *x, const double *weights, long rows, long columns, double *upper, int avx);

#endif

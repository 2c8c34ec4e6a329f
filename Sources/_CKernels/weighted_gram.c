// XᵀWX by rank-four updates of the upper triangle (see weighted_gram.h), compiled twice: for the baseline
// instruction set, and for AVX where the processor has it. No fused multiply–add in either (contraction is off
// and the AVX target has no FMA), and no reassociation (no fast-math): the same bits on any x86-64 machine.
#include "weighted_gram.h"

#include <stdatomic.h>

#pragma STDC FP_CONTRACT OFF

#define WEIGHTED_GRAM_BODY                                                                                   \
    long i = 0;                                                                                              \
    for (; i + 4 <= rows; i += 4) {                                                                          \
        const double *r0 = x + i * columns, *r1 = r0 + columns, *r2 = r1 + columns, *r3 = r2 + columns;      \
        const double w0 = weights[i], w1 = weights[i + 1], w2 = weights[i + 2], w3 = weights[i + 3];        \
        for (long k = 0; k < columns; k++) {                                                                 \
            const double a0 = w0 * r0[k], a1 = w1 * r1[k], a2 = w2 * r2[k], a3 = w3 * r3[k];                 \
            double *column = upper + k * columns;                                                            \
            for (long j = 0; j <= k; j++) {                                                                  \
                column[j] += a0 * r0[j] + a1 * r1[j] + a2 * r2[j] + a3 * r3[j];                              \
            }                                                                                                \
        }                                                                                                    \
    }                                                                                                        \
    for (; i < rows; i++) {                                                                                  \
        const double *r0 = x + i * columns;                                                                  \
        const double w0 = weights[i];                                                                        \
        for (long k = 0; k < columns; k++) {                                                                 \
            const double a0 = w0 * r0[k];                                                                    \
            double *column = upper + k * columns;                                                            \
            for (long j = 0; j <= k; j++) column[j] += a0 * r0[j];                                           \
        }                                                                                                    \
    }

static void weighted_gram_baseline(const double *restrict x, const double *restrict weights, long rows, long columns,
                                   double *restrict upper) {
    WEIGHTED_GRAM_BODY
}

#if defined(__x86_64__)
#include <cpuid.h>

__attribute__((target("avx")))
static void weighted_gram_avx(const double *restrict x, const double *restrict weights, long rows, long columns,
                              double *restrict upper) {
    WEIGHTED_GRAM_BODY
}

/// AVX in the processor (CPUID 1: ECX bit 28) and its 256-bit registers saved by the operating system (OSXSAVE, ECX
/// bit 27, and XCR0 bits 1 and 2).
static int avx_usable(void) {
    unsigned eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    if (!(ecx & (1u << 27)) || !(ecx & (1u << 28))) return 0;
    unsigned low, high;
    __asm__ volatile("xgetbv" : "=a"(low), "=d"(high) : "c"(0));
    (void)high;
    return (low & 6u) == 6u;
}

int outcome_weighted_gram_uses_avx(void) {
    static _Atomic int answer = -1;  // every thread that finds it unset computes the same value
    int known = atomic_load_explicit(&answer, memory_order_relaxed);
    if (known < 0) {
        known = avx_usable();
        atomic_store_explicit(&answer, known, memory_order_relaxed);
    }
    return known;
}

void outcome_weighted_gram_by(const double *x, const double *weights, long rows, long columns, double *upper, int avx) {
    if (avx && outcome_weighted_gram_uses_avx()) weighted_gram_avx(x, weights, rows, columns, upper);
    else weighted_gram_baseline(x, weights, rows, columns, upper);
}

void outcome_weighted_gram(const double *x, const double *weights, long rows, long columns, double *upper) {
    outcome_weighted_gram_by(x, weights, rows, columns, upper, 1);
}
#else
int outcome_weighted_gram_uses_avx(void) { return 0; }

void outcome_weighted_gram_by(const double *x, const double *weights, long rows, long columns, double *upper, int avx) {
    (void)avx;
    weighted_gram_baseline(x, weights, rows, columns, upper);
}

void outcome_weighted_gram(const double *x, const double *weights, long rows, long columns, double *upper) {
    weighted_gram_baseline(x, weights, rows, columns, upper);
}
#endif

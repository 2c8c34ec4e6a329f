// Declarations of the reference LAPACK/BLAS routines that OutcomeStats calls (Debian liblapack-dev, libblas-dev).
// Fortran calling convention: every argument by pointer; each CHARACTER argument has a hidden length
// (size_t) appended after the regular arguments, as gfortran passes it.
// Declare only routines that are used.
#ifndef TREATMENT_OUTCOMES_CLAPACK_SHIM_H
#define TREATMENT_OUTCOMES_CLAPACK_SHIM_H

#include <stddef.h>

typedef int lapack_int;

// Cholesky factorisation, solve and inverse of a symmetric positive-definite matrix.
void dpotrf_(const char *uplo, const lapack_int *n, double *a, const lapack_int *lda, lapack_int *info, size_t uplo_len);
void dpotrs_(const char *uplo, const lapack_int *n, const lapack_int *nrhs, const double *a, const lapack_int *lda,
             double *b, const lapack_int *ldb, lapack_int *info, size_t uplo_len);
void dpotri_(const char *uplo, const lapack_int *n, double *a, const lapack_int *lda, lapack_int *info, size_t uplo_len);
// Pivoted (rank-revealing) Cholesky of a positive semidefinite matrix.
void dpstrf_(const char *uplo, const lapack_int *n, double *a, const lapack_int *lda, lapack_int *piv, lapack_int *rank,
             const double *tol, double *work, lapack_int *info, size_t uplo_len);
// Linear least squares by QR.
void dgels_(const char *trans, const lapack_int *m, const lapack_int *n, const lapack_int *nrhs, double *a,
            const lapack_int *lda, double *b, const lapack_int *ldb, double *work, const lapack_int *lwork,
            lapack_int *info, size_t trans_len);
// Symmetric eigen-decomposition (divide and conquer).
void dsyevd_(const char *jobz, const char *uplo, const lapack_int *n, double *a, const lapack_int *lda, double *w,
             double *work, const lapack_int *lwork, lapack_int *iwork, const lapack_int *liwork, lapack_int *info,
             size_t jobz_len, size_t uplo_len);
// BLAS: C = alpha op(A) op(B) + beta C, and y = alpha op(A) x + beta y.
void dgemm_(const char *transa, const char *transb, const lapack_int *m, const lapack_int *n, const lapack_int *k,
            const double *alpha, const double *a, const lapack_int *lda, const double *b, const lapack_int *ldb,
            const double *beta, double *c, const lapack_int *ldc, size_t transa_len, size_t transb_len);
void dgemv_(const char *trans, const lapack_int *m, const lapack_int *n, const double *alpha, const double *a,
            const lapack_int *lda, const double *x, const lapack_int *incx, const double *beta, double *y,
            const lapack_int *incy, size_t trans_len);

#endif

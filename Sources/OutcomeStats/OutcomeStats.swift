// OutcomeStats: the pure numeric core (linear algebra on LAPACK, distributions, convergence reports).
// No clinical vocabulary lives here.

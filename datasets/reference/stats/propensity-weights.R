# Propensity scores, inverse probability of treatment weights, effective sample sizes and covariate balance
# (Sources/OutcomeStats/Weighting), with base R only: glm for the propensity model and the definitions below,
# written from the papers (no balance package is used):
#   Austin P.C. & Stuart E.A., "Moving towards best practice when using inverse probability of treatment weighting
#     (IPTW) using the propensity score to estimate causal treatment effects in observational studies",
#     Stat. Med. 34 (2015) 3661-3679, doi:10.1002/sim.6607 (weights, stabilised weights, weighted means and variances,
#     balance after weighting);
#   Austin P.C., "Balance diagnostics for comparing the distribution of baseline covariates between treatment groups
#     in propensity-score matched samples", Stat. Med. 28 (2009) 3083-3107, doi:10.1002/sim.3697 (the SMD);
#   Kish L., Survey Sampling (1965): effective sample size (sum w)^2 / sum w^2.
# Run from the repository root:
#
#     Rscript datasets/reference/stats/propensity-weights.R
#
# Writes, next to this script:
#   propensity-weights-data.csv  400 seeded subjects: treated (0/1), age, female (0/1), severity, prior (0/1)
#   propensity-weights-rows.csv  per subject: ps, and the weights of each scheme (columns named after the schemes)
#   propensity-weights.csv       quantity, scheme, term, value: glm coefficients and SEs, effective sample sizes per
#                                group, and per covariate the weighted group means, SMD and variance ratio
# Schemes: none (all 1), unstabilised 1/e or 1/(1 - e), stabilised P(T = t)/P(T = t | x), and both truncated at
# their 1st and 99th (stabilised) or 5th and 95th (unstabilised) percentiles (R's default quantile, type 7, over
# all subjects' weights; weights outside are set to the bound).
# SMD = (weighted mean treated - weighted mean control) / s, with s from the UNWEIGHTED groups, the same before and
# after weighting (cobalt's s.d.denom = "pooled"): s = sqrt((s1^2 + s0^2) / 2), s^2 the sample variance (n - 1),
# or p (1 - p) for a 0/1 covariate. Variance ratio (non-binary covariates only) = weighted variance treated /
# weighted variance control, weighted variance = sum(w) / (sum(w)^2 - sum(w^2)) * sum(w (x - weighted mean)^2).
folder <- "datasets/reference/stats/"
set.seed(20261208)
n <- 400
age <- round(rnorm(n, 40, 11))
female <- rbinom(n, 1, 0.4)
severity <- round(rgamma(n, shape = 2, scale = 1.5), 2)
prior <- rbinom(n, 1, 0.3)
logit <- -1.2 + 0.03 * (age - 40) + 0.5 * female + 0.35 * severity - 0.6 * prior
treated <- rbinom(n, 1, plogis(logit))
data <- data.frame(treated, age, female, severity, prior)
write.csv(data, paste0(folder, "propensity-weights-data.csv"), row.names = FALSE)

covariates <- c("age", "female", "severity", "prior")
model <- glm(treated ~ age + female + severity + prior, family = binomial, data = data)
ps <- unname(fitted(model))
marginal <- mean(treated)
truncate <- function(w, lower, upper) {
    bounds <- quantile(w, c(lower, upper), type = 7, names = FALSE)
    pmin(pmax(w, bounds[1]), bounds[2])
}
schemes <- list(none = rep(1, n), unstabilised = ifelse(treated == 1, 1 / ps, 1 / (1 - ps)))
schemes$stabilised <- ifelse(treated == 1, marginal / ps, (1 - marginal) / (1 - ps))
schemes$stabilised_truncated_1_99 <- truncate(schemes$stabilised, 0.01, 0.99)
schemes$unstabilised_truncated_5_95 <- truncate(schemes$unstabilised, 0.05, 0.95)
rows <- data.frame(ps = sprintf("%.17g", ps))
for (scheme in names(schemes)) rows[[scheme]] <- sprintf("%.17g", schemes[[scheme]])
write.csv(rows, paste0(folder, "propensity-weights-rows.csv"), row.names = FALSE)

weightedMean <- function(x, w) sum(w * x) / sum(w)
weightedVariance <- function(x, w) sum(w) / (sum(w)^2 - sum(w^2)) * sum(w * (x - weightedMean(x, w))^2)
isBinary <- function(x) all(x %in% c(0, 1))
denominator <- function(x) {
    if (isBinary(x)) {
        p1 <- mean(x[treated == 1]); p0 <- mean(x[treated == 0])
        sqrt((p1 * (1 - p1) + p0 * (1 - p0)) / 2)
    } else sqrt((var(x[treated == 1]) + var(x[treated == 0])) / 2)
}
out <- list()
add <- function(quantity, scheme, term, value) {
    out[[length(out) + 1]] <<- data.frame(quantity = quantity, scheme = scheme, term = term, value = sprintf("%.17g", value))
}
summ <- summary(model)$coefficients
for (term in rownames(summ)) {
    add("coef", "", term, summ[term, "Estimate"])
    add("se", "", term, summ[term, "Std. Error"])
}
for (scheme in names(schemes)) {
    w <- schemes[[scheme]]
    t1 <- treated == 1; t0 <- treated == 0
    add("ess_treated", scheme, "", sum(w[t1])^2 / sum(w[t1]^2))
    add("ess_control", scheme, "", sum(w[t0])^2 / sum(w[t0]^2))
    for (term in covariates) {
        x <- data[[term]]
        m1 <- weightedMean(x[t1], w[t1]); m0 <- weightedMean(x[t0], w[t0])
        add("mean_treated", scheme, term, m1)
        add("mean_control", scheme, term, m0)
        add("smd", scheme, term, (m1 - m0) / denominator(x))
        if (!isBinary(x)) add("variance_ratio", scheme, term, weightedVariance(x[t1], w[t1]) / weightedVariance(x[t0], w[t0]))
    }
}
values <- do.call(rbind, out)
values$r_version <- R.version.string
write.csv(values, paste0(folder, "propensity-weights.csv"), row.names = FALSE)

# Medication with psychosocial support against medication alone, weighted by inverse probability of treatment
# (Sources/TreatmentOutcomes/Balance/SupportComparison.swift, docs/Balance.md), with base R glm and survival:
#   Austin P.C. & Stuart E.A., Stat. Med. 34 (2015) 3661, doi:10.1002/sim.6607 (stabilised weights, balance, weighted
#     survival); Austin P.C., Stat. Med. 28 (2009) 3083, doi:10.1002/sim.3697 (SMD); Kish L., Survey Sampling (1965).
# Run from the repository root:
#
#     Rscript datasets/reference/balance/iptw.R
#
# Writes datasets/reference/balance/iptw-cohort/{patients,episodes}.csv (day-based) and iptw.csv (medication,
# quantity, term, value). Per medication: support = an arm whose psychosocial label is not "none"/"standard";
# propensity glm(support ~ age + sex: male + homeless: yes, binomial) on the patients with every covariate;
# stabilised weights P(T = t) / P(T = t | x); Kish ESS per group; SMD with the unweighted pooled SD (before and after
# weighting) and weighted variance ratios; weighted Kaplan-Meier S(day - 0.5) with log intervals (survfit's default
# infinitesimal-jackknife variance for non-integer weights); weighted Cox coefficient with robust SE; unweighted
# Cox coefficient with its model SE; and the ESS and weighted Cox with the weights truncated at their 1st and 99th
# percentiles (rows named truncated_*).
suppressMessages(library(survival))
folder <- "datasets/reference/balance/"
cohortFolder <- paste0(folder, "iptw-cohort/")
dir.create(cohortFolder, showWarnings = FALSE)
set.seed(20261207)
n <- 400
medication <- ifelse(runif(n) < 0.5, "methadone", "buprenorphine")
age <- round(rnorm(n, 40, 11))
male <- rbinom(n, 1, 0.6)
homeless <- rbinom(n, 1, 0.2)
support <- rbinom(n, 1, plogis(-0.3 + 0.03 * (age - 40) - 0.5 * male + 0.8 * homeless))
label <- ifelse(support == 1, ifelse(medication == "methadone", "counseling", "cbt"),
                ifelse(medication == "methadone", "none", "standard"))
rate <- exp(-5 + 0.4 * (medication == "buprenorphine") - 0.3 * support - 0.02 * (age - 40) + 0.4 * homeless)
days <- pmax(1, ceiling(rexp(n, rate)))
followUp <- 200
dropout <- days <= followUp
days <- pmin(days, followUp)
ageText <- as.character(age); ageText[c(7, 19)] <- ""        # two patients without age: left out
patients <- data.frame(patient_id = sprintf("Q%03d", seq_len(n)), site = "s", arm = paste(medication, label, sep = "+"),
                       medication = medication, psychosocial = label, age = ageText,
                       sex = ifelse(male == 1, "male", "female"), homeless = ifelse(homeless == 1, "yes", "no"))
episodes <- data.frame(patient_id = patients$patient_id, start = 0, end = days - 1,
                       end_reason = ifelse(dropout, "dropout", "ongoing"))
write.csv(patients, paste0(cohortFolder, "patients.csv"), row.names = FALSE, quote = FALSE)
write.csv(episodes, paste0(cohortFolder, "episodes.csv"), row.names = FALSE, quote = FALSE)

out <- list()
add <- function(m, quantity, term, value) {
    out[[length(out) + 1]] <<- data.frame(medication = m, quantity = quantity, term = term, value = sprintf("%.17g", value))
}
weightedMean <- function(x, w) sum(w * x) / sum(w)
weightedVariance <- function(x, w) sum(w) / (sum(w)^2 - sum(w^2)) * sum(w * (x - weightedMean(x, w))^2)
for (m in c("methadone", "buprenorphine")) {
    rows <- which(medication == m & ageText != "")
    d <- data.frame(t = support[rows], age = age[rows], male = male[rows], homeless = homeless[rows],
                    time = days[rows], status = as.integer(dropout[rows]))
    model <- glm(t ~ age + male + homeless, family = binomial, data = d)
    ps <- unname(fitted(model))
    p <- mean(d$t)
    w <- ifelse(d$t == 1, p / ps, (1 - p) / (1 - ps))
    s <- summary(model)$coefficients
    terms <- c("(Intercept)", "age", "sex: male", "homeless: yes")
    for (k in 1:4) { add(m, "ps_coef", terms[k], s[k, 1]); add(m, "ps_se", terms[k], s[k, 2]) }
    t1 <- d$t == 1; t0 <- d$t == 0
    add(m, "count_support", "", sum(t1)); add(m, "count_alone", "", sum(t0))
    add(m, "ess_support", "", sum(w[t1])^2 / sum(w[t1]^2)); add(m, "ess_alone", "", sum(w[t0])^2 / sum(w[t0]^2))
    for (k in 2:4) {
        x <- d[[c("age", "male", "homeless")[k - 1]]]
        binary <- all(x %in% c(0, 1))
        sd <- if (binary) sqrt((mean(x[t1]) * (1 - mean(x[t1])) + mean(x[t0]) * (1 - mean(x[t0]))) / 2)
              else sqrt((var(x[t1]) + var(x[t0])) / 2)
        add(m, "smd", terms[k], (mean(x[t1]) - mean(x[t0])) / sd)
        add(m, "smd_weighted", terms[k], (weightedMean(x[t1], w[t1]) - weightedMean(x[t0], w[t0])) / sd)
        if (!binary) {
            add(m, "variance_ratio", terms[k], var(x[t1]) / var(x[t0]))
            add(m, "variance_ratio_weighted", terms[k], weightedVariance(x[t1], w[t1]) / weightedVariance(x[t0], w[t0]))
        }
    }
    for (group in c(1, 0)) {
        g <- d$t == group
        fit <- survfit(Surv(time, status) ~ 1, data = d[g, ], weights = w[g])
        at <- summary(fit, times = c(30, 90) - 0.5)
        name <- if (group == 1) "support" else "alone"
        for (k in 1:2) {
            day <- c(30, 90)[k]
            add(m, paste0("retained_", name), day, at$surv[k])
            add(m, paste0("retained_lower_", name), day, at$lower[k])
            add(m, paste0("retained_upper_", name), day, at$upper[k])
        }
    }
    weighted <- coxph(Surv(time, status) ~ t, data = d, weights = w, robust = TRUE)
    add(m, "cox_weighted_coef", "", coef(weighted)); add(m, "cox_weighted_robust_se", "", sqrt(weighted$var[1, 1]))
    crude <- coxph(Surv(time, status) ~ t, data = d)
    add(m, "cox_coef", "", coef(crude)); add(m, "cox_se", "", sqrt(crude$var[1, 1]))
    # Truncated at the 1st and 99th percentiles of all the comparison's weights (type 7), as balance.weightTruncation.
    bounds <- quantile(w, c(0.01, 0.99), type = 7, names = FALSE)
    wt <- pmin(pmax(w, bounds[1]), bounds[2])
    add(m, "truncated_ess_support", "", sum(wt[t1])^2 / sum(wt[t1]^2))
    add(m, "truncated_ess_alone", "", sum(wt[t0])^2 / sum(wt[t0]^2))
    truncated <- coxph(Surv(time, status) ~ t, data = d, weights = wt, robust = TRUE)
    add(m, "truncated_cox_weighted_coef", "", coef(truncated))
    add(m, "truncated_cox_weighted_robust_se", "", sqrt(truncated$var[1, 1]))
}
out <- do.call(rbind, out)
out$r_version <- paste(R.version.string, "survival", packageVersion("survival"))
write.csv(out, paste0(folder, "iptw.csv"), row.names = FALSE)

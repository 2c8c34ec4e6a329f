# Cox models on counting-process data, (start, stop] with time-varying covariates, with strata, clusters and
# case weights (Sources/OutcomeStats/Survival/CoxModel.swift, CoxRiskSets.swift), against R's survival::coxph.
# Run from the repository root:
#
#     Rscript datasets/reference/stats/cox-counting-process.R
#
# Writes, next to this script:
#   cox-counting-process-small.csv      a hand-made data set: 9 subjects, 17 intervals, tied event times,
#                                        a covariate that changes within subjects, 2 strata, weights
#   cox-counting-process-simulated.csv  500 simulated subjects (seed 20261206) split at their visits
#   cox-counting-process-cases.csv      one row per fit: data, ties, covariates (;-separated), strata, cluster,
#                                        weights columns, and whether R's variance is robust
#   cox-counting-process.csv            case, quantity, index, value (%.17g) of each fit, including the baseline
#                                        hazard and, on the small data set, the (unweighted) score residuals
# A row is at risk at an event time t when start < t <= stop (Surv(start, stop, event)). With a cluster, or
# with weights other than 0/1, coxph's variance is robust (rows as clusters without a cluster term): fit$var
# is then V (sum over clusters of the weighted score residuals' outer products) V, V = fit$naive.var.
suppressPackageStartupMessages(library(survival))
folder <- "datasets/reference/stats/"

small <- data.frame(
    id      = c(1, 1, 2, 3, 3, 3, 4, 5, 5, 6, 6, 7, 8, 8, 9, 9, 9),
    start   = c(0, 2, 0, 0, 1, 4, 0, 0, 3, 0, 2, 1, 0, 5, 0, 2, 6),
    stop    = c(2, 5, 4, 1, 4, 6, 6, 3, 7, 2, 5, 4, 5, 8, 2, 6, 9),
    event   = c(0, 1, 1, 0, 0, 1, 1, 0, 1, 0, 1, 1, 0, 0, 0, 0, 1),
    dose    = c(1, 3, 0, 2, 2, 5, 1, 0, 4, 2, 1, 3, 0, 2, 1, 4, 2),
    age     = c(30, 30, 45, 52, 52, 52, 38, 61, 61, 27, 27, 44, 50, 50, 35, 35, 35),
    stratum = c(1, 1, 1, 2, 2, 2, 1, 2, 2, 1, 1, 2, 1, 1, 2, 2, 2),
    weight  = c(1.5, 1.5, 0.8, 2, 2, 2, 1.2, 0.6, 0.6, 1, 1, 2.5, 0.9, 0.9, 1.7, 1.7, 1.7))
write.csv(small, paste0(folder, "cox-counting-process-small.csv"), row.names = FALSE)

# 500 subjects: visits every Uniform(1, 4) time units up to 12; at each visit a dose 0..4 is drawn; the hazard
# is 0.08 exp(0.3 dose + 0.5 treated - 0.02 (age - 45)) within the interval; times are rounded to 0.1 so that
# events tie; weights Uniform(0.4, 3) per subject (constant over its rows, as inverse probability weights are).
set.seed(20261206)
rows <- list()
for (subject in 1:500) {
    treated <- rbinom(1, 1, 0.5); age <- round(rnorm(1, 45, 10)); site <- sample(1:3, 1)
    weight <- round(runif(1, 0.4, 3), 3); start <- 0; censor <- round(runif(1, 4, 14), 1)
    repeat {
        visit <- round(start + runif(1, 1, 4), 1)
        dose <- sample(0:4, 1)
        rate <- 0.08 * exp(0.3 * dose + 0.5 * treated - 0.02 * (age - 45))
        eventTime <- round(start + rexp(1, rate), 1)
        stop <- min(visit, censor, max(eventTime, start + 0.1))
        event <- as.integer(eventTime <= stop && eventTime <= min(visit, censor))
        rows[[length(rows) + 1]] <- data.frame(id = subject, start = start, stop = stop, event = event, dose = dose,
                                               treated = treated, age = age, site = site, weight = weight)
        if (event == 1 || stop >= censor) break
        start <- stop
    }
}
simulated <- do.call(rbind, rows)
write.csv(simulated, paste0(folder, "cox-counting-process-simulated.csv"), row.names = FALSE)

cases <- list(
    small_efron             = list(data = "small", ties = "efron", covariates = c("dose", "age")),
    small_breslow           = list(data = "small", ties = "breslow", covariates = c("dose", "age")),
    small_efron_weighted    = list(data = "small", ties = "efron", covariates = c("dose", "age"), weights = "weight"),
    small_breslow_weighted  = list(data = "small", ties = "breslow", covariates = c("dose", "age"), weights = "weight"),
    small_efron_cluster     = list(data = "small", ties = "efron", covariates = c("dose", "age"), cluster = "id"),
    small_efron_strata_cluster_weighted = list(data = "small", ties = "efron", covariates = c("dose", "age"),
                                               strata = "stratum", cluster = "id", weights = "weight"),
    small_breslow_strata_weighted = list(data = "small", ties = "breslow", covariates = c("dose"),
                                         strata = "stratum", weights = "weight"),
    simulated_efron         = list(data = "simulated", ties = "efron", covariates = c("dose", "treated", "age")),
    simulated_efron_strata_cluster_weighted = list(data = "simulated", ties = "efron",
                                                   covariates = c("dose", "treated", "age"), strata = "site",
                                                   cluster = "id", weights = "weight"),
    simulated_breslow_weighted = list(data = "simulated", ties = "breslow", covariates = c("dose", "treated", "age"),
                                      weights = "weight"),
    simulated_breslow_cluster = list(data = "simulated", ties = "breslow", covariates = c("dose", "treated"),
                                     cluster = "id"))

number <- function(x) sprintf("%.17g", x)
caseRows <- list(); valueRows <- list()
for (name in names(cases)) {
    spec <- cases[[name]]
    data <- if (spec$data == "small") small else simulated
    rhs <- paste(spec$covariates, collapse = " + ")
    if (!is.null(spec$strata)) rhs <- paste0(rhs, " + strata(", spec$strata, ")")
    formula <- as.formula(paste("Surv(start, stop, event) ~", rhs))
    arguments <- list(formula, data = data, ties = spec$ties)
    if (!is.null(spec$weights)) arguments$weights <- data[[spec$weights]]
    if (!is.null(spec$cluster)) arguments$cluster <- data[[spec$cluster]]
    fit <- do.call(coxph, arguments)
    robust <- !is.null(fit$naive.var)
    caseRows[[name]] <- data.frame(
        case = name, data = spec$data, ties = spec$ties, covariates = paste(spec$covariates, collapse = ";"),
        strata = if (is.null(spec$strata)) "" else spec$strata,
        cluster = if (is.null(spec$cluster)) "" else spec$cluster,
        weights = if (is.null(spec$weights)) "" else spec$weights, robust = robust)
    naive <- if (robust) fit$naive.var else fit$var
    values <- list(
        coef = coef(fit), se = sqrt(diag(naive)), robust_se = if (robust) sqrt(diag(fit$var)) else NULL,
        loglik_null = fit$loglik[1], loglik = fit$loglik[2], score = fit$score, wald = fit$wald.test,
        likelihood_ratio = 2 * diff(fit$loglik), concordance = fit$concordance[["concordance"]],
        concordant = fit$concordance[["concordant"]], discordant = fit$concordance[["discordant"]],
        tied_x = fit$concordance[["tied.x"]], n = fit$n, events = fit$nevent, iterations = fit$iter)
    # The baseline cumulative hazard at x = 0 (per stratum, at each event time).
    base <- basehaz(fit, centered = FALSE)
    values$basehaz_time <- base$time
    values$basehaz_hazard <- base$hazard
    values$basehaz_stratum <- if (is.null(base$strata)) rep(0, nrow(base)) else as.integer(base$strata) - 1
    # Unweighted score residuals of the small data set, one row per interval, row-major (row i, term j at index
    # i * p + j).
    if (spec$data == "small") values$score_residual <- as.vector(t(as.matrix(residuals(fit, type = "score"))))
    for (quantity in names(values)) {
        v <- values[[quantity]]
        if (length(v) == 0) next
        valueRows[[length(valueRows) + 1]] <- data.frame(case = name, quantity = quantity, index = seq_along(v) - 1,
                                                         value = number(unname(v)))
    }
}
caseTable <- do.call(rbind, caseRows)
caseTable$r_version <- paste(R.version.string, "survival", as.character(packageVersion("survival")))
write.csv(caseTable, paste0(folder, "cox-counting-process-cases.csv"), row.names = FALSE)
write.csv(do.call(rbind, valueRows), paste0(folder, "cox-counting-process.csv"), row.names = FALSE)

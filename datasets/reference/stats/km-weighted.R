# Weighted Kaplan–Meier curves (Sources/OutcomeStats/Survival/WeightedKaplanMeierEstimate.swift) against R's
# survival::survfit(Surv(time, status) ~ 1, weights = w). Run from the repository root:
#
#     Rscript datasets/reference/stats/km-weighted.R
#
# Writes, next to this script:
#   km-weighted-data.csv  case, time, status, weight: the observations of each case
#   km-weighted.csv       case, conf_type, time, n_risk, n_event, n_censor, survival, std_err, lower, upper
#                         (summary(fit, censored = TRUE); %.17g; NA where R gives NA or NaN)
# With non-integer weights survfit's default variance is the infinitesimal jackknife (robust = TRUE); with
# whole-number weights it is Greenwood's on the weighted counts. std_err is the standard error of S.
suppressPackageStartupMessages(library(survival))
folder <- "datasets/reference/stats/"
small <- data.frame(time = c(2, 5, 6, 3, 3, 7, 4, 6, 8, 9, 3, 6), status = c(0, 1, 1, 1, 0, 1, 1, 0, 1, 0, 1, 1),
                    weight = c(1, 2, 0.5, 1.5, 1, 2, 1, 0.7, 1.2, 1, 0.3, 2.5))
set.seed(20261207)
n <- 300
simulated <- data.frame(time = round(pmin(rexp(n, 0.1), runif(n, 5, 25))), weight = round(runif(n, 0.2, 4), 3))
simulated$status <- as.integer(simulated$time < 25 & runif(n) < 0.8)
simulated$time <- pmax(simulated$time, 1)
cases <- list(
    small_fractional = small,
    small_whole = transform(small, weight = c(1, 2, 1, 3, 1, 2, 1, 1, 2, 1, 1, 3)),
    # The last observation is an event: S reaches 0, its standard error and log bounds are undefined.
    ends_in_event = data.frame(time = c(1, 2, 2, 3, 4), status = c(1, 0, 1, 1, 1), weight = c(0.5, 1.5, 2, 0.25, 1.1)),
    simulated_fractional = simulated[, c("time", "status", "weight")])
number <- function(x) ifelse(is.na(x) | is.nan(x), "NA", sprintf("%.17g", x))
dataRows <- list(); valueRows <- list()
for (name in names(cases)) {
    data <- cases[[name]]
    dataRows[[name]] <- data.frame(case = name, time = data$time, status = data$status, weight = data$weight)
    for (type in c("log", "log-log", "plain")) {
        fit <- survfit(Surv(time, status) ~ 1, data = data, weights = weight, conf.type = type)
        s <- summary(fit, censored = TRUE)
        valueRows[[length(valueRows) + 1]] <- data.frame(
            case = name, conf_type = type, time = number(s$time), n_risk = number(s$n.risk),
            n_event = number(s$n.event), n_censor = number(s$n.censor), survival = number(s$surv),
            std_err = number(s$std.err), lower = number(s$lower), upper = number(s$upper))
    }
}
write.csv(do.call(rbind, dataRows), paste0(folder, "km-weighted-data.csv"), row.names = FALSE)
values <- do.call(rbind, valueRows)
values$r_version <- paste(R.version.string, "survival", as.character(packageVersion("survival")))
write.csv(values, paste0(folder, "km-weighted.csv"), row.names = FALSE)

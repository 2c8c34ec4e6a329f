# Independent check of the report's urine-screen outcomes on the bundled CTN-0094 cohort
# (Sources/TreatmentOutcomes/UrineScreens/UrineScreenOutcomes.swift, Sources/OutcomeReports/Sections/UrineScreen*.swift).
#
# Run from the repository root:
#
#     Rscript datasets/reference/urine-screens/relapse_by_arm.R
#
# Reads the CTNote words (datasets/ctn0094/use_patterns_uds.csv) and the arms of the randomised participants
# (datasets/ctn0094/cohort/patients.csv). Rules restated from docs/UrineScreenOutcomes.md ("Building-block
# semantics", "Endpoint catalogue"), written without the Swift code:
#   - relapse (RsT/RsE_ctnNinetyFour_2023): recode o and * to +; the first k (1-based) with positions k..k+3 all
#     + gives (k, 1); otherwise (n - 3, 0); a word shorter than 4 has no time.
#   - dropout (DrT/DrE_ctnNinetyFour_2023): the same on the raw word with o as the symbol.
#   - abstinent (Ab_ctnNinetyFour_2023): * recoded to +, then positions 12..15 contain ----, o---, -o--, --o- or ---o.
#   - Rd_ling_2010: (number of - in positions 1..15 + 0.5 x number of *) / number of positions 1..15.
# Writes relapse-by-arm.csv (Kaplan-Meier by arm, survival 3.5.3, log intervals) and relapse-logrank.csv
# (survdiff between the arms of each trial, in the report's orientation).
library(survival)
out <- "datasets/reference/urine-screens"
words <- read.csv("datasets/ctn0094/use_patterns_uds.csv", stringsAsFactors = FALSE, colClasses = "character")
patients <- read.csv("datasets/ctn0094/cohort/patients.csv", stringsAsFactors = FALSE)
d <- merge(patients[, c("patient_id", "arm", "trial")], words, by.x = "patient_id", by.y = "who")
stopifnot(nrow(d) == nrow(patients))

window <- function(word, symbol) {
  s <- strsplit(word, "")[[1]]; n <- length(s)
  if (n < 4) return(c(NA, NA))
  for (k in 1:(n - 3)) if (all(s[k:(k + 3)] == symbol)) return(c(k, 1))
  c(n - 3, 0)
}
relapse <- t(sapply(gsub("[o*]", "+", d$usePatternUDS), window, symbol = "+"))
dropout <- t(sapply(d$usePatternUDS, window, symbol = "o"))
d$rs_t <- relapse[, 1]; d$rs_e <- relapse[, 2]; d$dr_t <- dropout[, 1]; d$dr_e <- dropout[, 2]
last4 <- substr(gsub("\\*", "+", d$usePatternUDS), 12, 15)
d$abstinent <- last4 %in% c("----", "o---", "-o--", "--o-", "---o")
first15 <- substr(d$usePatternUDS, 1, 15)
d$negative <- sapply(strsplit(first15, ""), function(s) (sum(s == "-") + 0.5 * sum(s == "*")) / length(s))

version <- paste0(R.version.string, ", survival ", packageVersion("survival"), "; written by ", out, "/relapse_by_arm.R")
rows <- lapply(sort(unique(d$arm)), function(arm) {
  a <- d[d$arm == arm, ]
  fit <- survfit(Surv(rs_t, rs_e) ~ 1, data = a, conf.type = "log")
  at <- summary(fit, times = c(4, 8, 12))
  med <- summary(fit)$table
  drop <- survfit(Surv(dr_t, dr_e) ~ 1, data = a)
  dmed <- summary(drop)$table
  data.frame(arm = arm, n = nrow(a), relapsed = sum(a$rs_e), median = med[["median"]],
             median_lower = med[["0.95LCL"]], median_upper = med[["0.95UCL"]],
             s4 = at$surv[1], s4_lower = at$lower[1], s4_upper = at$upper[1],
             s8 = at$surv[2], s8_lower = at$lower[2], s8_upper = at$upper[2],
             s12 = at$surv[3], s12_lower = at$lower[3], s12_upper = at$upper[3],
             dropped_out = sum(a$dr_e), dropout_median = dmed[["median"]], abstinent = sum(a$abstinent),
             negative_mean = mean(a$negative), negative_sd = sd(a$negative), r_version = version)
})
write.csv(do.call(rbind, rows), file.path(out, "relapse-by-arm.csv"), row.names = FALSE, na = "")

pairs <- list(c("CTN-0027", "Methadone", "Outpatient BUP"), c("CTN-0030", "Outpatient BUP + SMM", "Outpatient BUP + EMM"),
              c("CTN-0051", "Inpatient BUP", "Inpatient NR-NTX"))
tests <- lapply(pairs, function(p) {
  s <- d[d$arm %in% p[2:3], ]
  test <- survdiff(Surv(rs_t, rs_e) ~ arm, data = s)
  data.frame(trial = p[1], reference = p[2], comparison = p[3], chisq = test$chisq,
             p = pchisq(test$chisq, 1, lower.tail = FALSE), r_version = version)
})
write.csv(do.call(rbind, tests), file.path(out, "relapse-logrank.csv"), row.names = FALSE)

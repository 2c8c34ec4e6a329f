# Absolute risk at a horizon from a Cox model: 1 − S(t | x), S from survfit(coxph) (Breslow/Efron baseline).
# Run from the repository root: Rscript datasets/reference/risk/cox_absolute_risk.R
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
rossi <- read.csv("datasets/reference/retention/rossi.csv")
veteran <- read.csv("datasets/reference/retention/veteran.csv")
newdata <- data.frame(fin = c(0, 1, 1), age = c(20, 30, 45), prio = c(5, 0, 2))
horizons <- c(5, 20, 26, 52)
case <- function(ties) {
  fit <- coxph(Surv(week, arrest) ~ fin + age + prio, data = rossi, ties = ties)
  s <- summary(survfit(fit, newdata = newdata), times = horizons)
  list(file = "retention/rossi.csv", time = "week", event = "arrest", covariates = c("fin", "age", "prio"), ties = ties,
       newdata = newdata, horizons = horizons, risk = 1 - t(s$surv),  # rows: newdata, columns: horizons
       expression = sprintf("1 - summary(survfit(coxph(Surv(week, arrest) ~ fin + age + prio, ties='%s'), newdata), times)$surv", ties))
}
stratified <- local({
  vd <- veteran
  fit <- coxph(Surv(time, status) ~ karno + age + strata(celltype), data = vd)
  nd <- data.frame(karno = c(60, 80), age = c(50, 65), celltype = c("adeno", "squamous"))
  s <- survfit(fit, newdata = nd)
  # survfit with strata and newdata gives one curve per row of newdata in that row's stratum.
  risk <- sapply(1:2, function(i) 1 - summary(s[i], times = c(30, 100))$surv)
  list(file = "retention/veteran.csv", time = "time", event = "status", covariates = c("karno", "age"), strata = "celltype",
       newdata = nd, horizons = c(30, 100), risk = t(risk),
       expression = "1 - summary(survfit(coxph(Surv(time, status) ~ karno + age + strata(celltype)), newdata)[i], times)$surv")
})
writeLines(toJSON(list(versions = list(R = R.version.string, survival = as.character(packageVersion("survival"))),
                       cases = list(rossi_efron = case("efron"), rossi_breslow = case("breslow"), veteran_strata = stratified)),
                  auto_unbox = TRUE, digits = NA, pretty = TRUE), "datasets/reference/risk/cox_absolute_risk.json")

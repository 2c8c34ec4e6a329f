suppressPackageStartupMessages(library(survival))
d <- read.csv("cox1m.csv")
cat("R", R.version.string, "survival", as.character(packageVersion("survival")), "rows", nrow(d), "\n")
for (i in 1:2) {
  t <- system.time(fit <- coxph(Surv(time, event) ~ age10 + female + iv + homeless + bup + ntx, data = d))
  cat("coxph efron elapsed", t[["elapsed"]], "\n")
}
print(coef(fit)); cat("loglik", fit$loglik, "iter", fit$iter, "concordance", fit$concordance[["concordance"]], "\n")
t <- system.time(km <- survfit(Surv(time, event) ~ 1, data = d)); cat("survfit KM elapsed", t[["elapsed"]], "\n")
t <- system.time(km2 <- survfit(Surv(time, event) ~ bup + ntx, data = d)); cat("survfit KM by medication elapsed", t[["elapsed"]], "\n")

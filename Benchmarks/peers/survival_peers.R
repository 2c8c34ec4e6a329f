# R's survival and lme4 on the files make_inputs.py writes: the peers of `outcome-report cox`, `logrank` and `lmm`.
# Prints the seconds inside R for each fit (the whole process is timed by peers.sh).
# Usage: Rscript survival_peers.R cox|logrank|lmm FOLDER
arguments <- commandArgs(trailingOnly = TRUE)
what <- arguments[1]
folder <- arguments[2]
if (what == "cox" || what == "logrank") {
  suppressPackageStartupMessages(library(survival))
  d <- read.csv(file.path(folder, "survival.csv"))
  if (what == "cox") {
    t <- system.time(fit <- coxph(Surv(time, event) ~ x1 + x2 + x3 + x4 + x5 + x6, data = d, ties = "efron"))
    cat(sprintf("survival %s coxph %.2f s, loglik %.6f\n", packageVersion("survival"), t[["elapsed"]], fit$loglik[2]))
  } else {
    t <- system.time(test <- survdiff(Surv(time, event) ~ group, data = d))
    cat(sprintf("survival %s survdiff %.2f s, chisq %.6f\n", packageVersion("survival"), t[["elapsed"]], test$chisq))
  }
} else if (what == "lmm") {
  suppressPackageStartupMessages(library(lme4))
  d <- read.csv(file.path(folder, "lmm.csv"))
  t <- system.time(fit <- lmer(y ~ week + x + (week | patient), data = d, REML = TRUE))
  cat(sprintf("lme4 %s lmer %.2f s, REML criterion %.6f\n", packageVersion("lme4"), t[["elapsed"]], REMLcrit(fit)))
} else {
  stop("usage: Rscript survival_peers.R cox|logrank|lmm FOLDER")
}

# Reference fits for OutcomeStats' LinearMixedModel and the `lmm` / `trend` commands.
# Run from the repository root:  Rscript datasets/reference/craving/mixed_models.R
# Writes, under datasets/reference/craving/:
#   <case>.csv          the data of each case (columns as the Swift tests and the CLI read them)
#   mixed_models.json   per case: the lme4 call, fixed effects (estimate, se = sqrt(diag(vcov))),
#                       random-effect SDs and correlation (VarCorr), sigma, logLik, REML criterion,
#                       theta, isSingular, nobs, ngroups; plus the R and package versions.
#   slopes.json         per-subject OLS (lm(Reaction ~ I(Days / 7)) by Subject in sleepstudy): slope per week,
#                       its standard error, intercept and n.
# Every fit uses bobyqa with rhoend = 1e-12 (lme4's default stops at 2e-7 on the scaled theta): with the default,
# lme4 stops early on Orthodont (REML criterion 432.5816671 instead of the optimum 432.5816615, theta off by 1e-3
# relative) and warns of non-convergence on ChickWeight ML. The tightened optimum is lme4's own answer, made precise.
# Numbers are written with 15 significant digits (the most jsonlite writes).
suppressPackageStartupMessages({ library(lme4); library(nlme, exclude = "lmList"); library(jsonlite) })
dir <- "datasets/reference/craving"
tight <- lmerControl(optimizer = "bobyqa", optCtrl = list(rhoend = 1e-12, maxfun = 1e5))
cases <- list()

fit_case <- function(name, data, formula, REML, random, outcome, time, group, covariates) {
  m <- lmer(formula, data = data, REML = REML, control = tight)
  vc <- as.data.frame(VarCorr(m))
  sdOf <- function(v) { x <- vc$sdcor[vc$grp == group & vc$var1 == v & is.na(vc$var2)]; if (length(x)) x else NA }
  corr <- vc$sdcor[vc$grp == group & !is.na(vc$var2)]
  cf <- summary(m)$coefficients
  cases[[name]] <<- list(
    call = paste(deparse(formula), if (REML) "REML" else "ML", "bobyqa rhoend 1e-12"),
    method = if (REML) "reml" else "ml", random = random,
    outcome = outcome, time = time, group = group, covariates = I(covariates),
    terms = I(rownames(cf)), estimate = I(unname(cf[, 1])), se = I(unname(cf[, 2])),
    sd_intercept = sdOf("(Intercept)"), sd_slope = if (random == "slope") sdOf(time) else NA,
    correlation = if (length(corr)) corr else NA,
    sd_residual = sigma(m), loglik = as.numeric(logLik(m)),
    reml_criterion = if (REML) unname(m@devcomp$cmp["REML"]) else NA,
    deviance_ml = unname(m@devcomp$cmp["dev"]),
    theta = I(unname(getME(m, "theta"))), singular = isSingular(m),
    n_obs = nobs(m), n_groups = unname(ngrps(m)[group]))
}

# 1-3: sleepstudy (lme4): reaction time over days of sleep deprivation, 18 subjects x 10 days.
sleep <- lme4::sleepstudy
write.csv(data.frame(Subject = sleep$Subject, Days = sleep$Days, Reaction = sleep$Reaction),
          file.path(dir, "sleepstudy.csv"), row.names = FALSE, quote = FALSE)
fit_case("sleepstudy_reml", sleep, Reaction ~ Days + (Days | Subject), TRUE, "slope", "Reaction", "Days", "Subject", character())
fit_case("sleepstudy_ml", sleep, Reaction ~ Days + (Days | Subject), FALSE, "slope", "Reaction", "Days", "Subject", character())
fit_case("sleepstudy_intercept", sleep, Reaction ~ Days + (1 | Subject), TRUE, "intercept", "Reaction", "Days", "Subject", character())

# 4: Orthodont (nlme): distance by age, 27 children; male indicator and age x male (arm x time analogue).
orth <- nlme::Orthodont
orth <- data.frame(Subject = as.character(orth$Subject), age = orth$age, distance = orth$distance,
                   male = as.integer(orth$Sex == "Male"))
write.csv(orth, file.path(dir, "orthodont.csv"), row.names = FALSE, quote = FALSE)
fit_case("orthodont_reml", orth, distance ~ age + male + age:male + (age | Subject), TRUE, "slope",
         "distance", "age", "Subject", c("male", "age:male"))

# 5-6: ChickWeight (datasets): unbalanced (chicks lost), 4 diets as indicators and diet x time.
cw <- datasets::ChickWeight
cw <- data.frame(Chick = as.character(cw$Chick), Time = cw$Time, weight = cw$weight,
                 diet2 = as.integer(cw$Diet == 2), diet3 = as.integer(cw$Diet == 3), diet4 = as.integer(cw$Diet == 4))
write.csv(cw, file.path(dir, "chickweight.csv"), row.names = FALSE, quote = FALSE)
fit_case("chickweight_reml", cw, weight ~ Time + diet2 + diet3 + diet4 + Time:diet2 + Time:diet3 + Time:diet4 + (Time | Chick),
         TRUE, "slope", "weight", "Time", "Chick", c("diet2", "diet3", "diet4", "Time:diet2", "Time:diet3", "Time:diet4"))
fit_case("chickweight_ml", cw, weight ~ Time + diet2 + diet3 + diet4 + Time:diet2 + Time:diet3 + Time:diet4 + (Time | Chick),
         FALSE, "slope", "weight", "Time", "Chick", c("diet2", "diet3", "diet4", "Time:diet2", "Time:diet3", "Time:diet4"))

# 7: a singular fit: random intercepts only in the generating model, so lme4 estimates a boundary
# (zero slope variance or |correlation| = 1). The first seed from 1 whose fit lme4 calls singular.
for (seed in 1:100) {
  set.seed(seed)
  g <- 25; k <- 6
  sim <- data.frame(id = rep(sprintf("p%02d", 1:g), each = k), week = rep(0:(k - 1), g))
  sim$score <- 50 + rep(rnorm(g, 0, 5), each = k) - 1.5 * sim$week + rnorm(g * k, 0, 2)
  sim$score <- round(sim$score, 3)
  m <- suppressMessages(lmer(score ~ week + (week | id), data = sim))
  if (isSingular(m)) break
}
write.csv(sim, file.path(dir, "singular.csv"), row.names = FALSE, quote = FALSE)
fit_case("singular_reml", sim, score ~ week + (week | id), TRUE, "slope", "score", "week", "id", character())
cases$singular_reml$seed <- seed

# Per-subject OLS slopes per week in sleepstudy.
slopes <- lapply(split(sleep, sleep$Subject), function(d) {
  s <- summary(lm(Reaction ~ I(Days / 7), data = d))$coefficients
  list(group = as.character(d$Subject[1]), n = nrow(d), slope = s[2, 1], slope_se = s[2, 2], intercept = s[1, 1])
})

versions <- list(R = R.version.string, lme4 = as.character(packageVersion("lme4")),
                 nlme = as.character(packageVersion("nlme")), Matrix = as.character(packageVersion("Matrix")))
write(toJSON(list(versions = versions, cases = cases), auto_unbox = TRUE, digits = I(17), na = "null", pretty = TRUE),
      file.path(dir, "mixed_models.json"))
write(toJSON(list(versions = versions, source = "lm(Reaction ~ I(Days / 7)) per Subject, lme4::sleepstudy",
                  slopes = unname(slopes)), auto_unbox = TRUE, digits = I(17), pretty = TRUE),
      file.path(dir, "slopes.json"))

# Reference values for issue 7 (relapse-risk models and metrics). Run from the repository root:
#   Rscript datasets/reference/risk/risk.R
# Writes the model data sets as CSV (numeric columns, factors dummy-coded as R's treatment contrasts would) and
# risk.json with, for every case, the R expression that made each value. Tests read these; they never run R.
suppressPackageStartupMessages({ library(jsonlite); library(MASS); library(pROC); library(survival) })
out <- "datasets/reference/risk"
versions <- list(R = R.version.string, MASS = as.character(packageVersion("MASS")),
                 pROC = as.character(packageVersion("pROC")), survival = as.character(packageVersion("survival")))

# ---- data sets -------------------------------------------------------------------------------------------
bw <- MASS::birthwt
birthwt <- data.frame(low = bw$low, age = bw$age, lwt = bw$lwt, race_black = as.numeric(bw$race == 2),
                      race_other = as.numeric(bw$race == 3), smoke = bw$smoke, ptl = bw$ptl, ht = bw$ht, ui = bw$ui)
birthwt$smoke_plus_ht <- birthwt$smoke + birthwt$ht               # aliased with smoke and ht
mtc <- data.frame(am = mtcars$am, hp = mtcars$hp, wt = mtcars$wt)
inf <- data.frame(case = infert$case, spontaneous = infert$spontaneous, induced = infert$induced,
                  age = infert$age, parity = infert$parity)
# Quasi-complete separation: x ≤ 1 are all non-events, x ≥ 3 all events, x = 2 mixed; plus a noise covariate.
sep <- data.frame(y = c(0,0,0,0,0,1,0,1,1,1,1,1,1,1), x = c(1,1,1,1,2,2,2,2,3,3,4,4,5,5),
                  z = c(0.3,-1.2,0.8,0.1,-0.5,1.4,0.2,-0.9,0.6,-0.3,1.1,-0.7,0.4,0.9))
write.csv(birthwt, file.path(out, "birthwt.csv"), row.names = FALSE)
write.csv(mtc, file.path(out, "mtcars.csv"), row.names = FALSE)
write.csv(inf, file.path(out, "infert.csv"), row.names = FALSE)
write.csv(sep, file.path(out, "separation.csv"), row.names = FALSE)

# ---- glm(family = binomial) -----------------------------------------------------------------------------
glm_case <- function(data, file, outcome, covariates) {
  f <- reformulate(covariates, response = outcome)
  fit <- glm(f, family = binomial, data = data)
  s <- coef(summary(glm(f, family = binomial, data = data)))
  cf <- coef(fit)
  se <- rep(NA_real_, length(cf)); names(se) <- names(cf); se[rownames(s)] <- s[, 2]
  list(file = file, outcome = outcome, covariates = covariates,
       expression = paste0("glm(", deparse1(f), ", family = binomial)"),
       coef = unname(cf), se = unname(se), deviance = deviance(fit), null_deviance = fit$null.deviance,
       aic = AIC(fit), iterations = fit$iter, converged = fit$converged)
}
glm_cases <- list(
  birthwt = glm_case(birthwt, "birthwt.csv", "low", c("age","lwt","race_black","race_other","smoke","ptl","ht","ui")),
  mtcars = glm_case(mtc, "mtcars.csv", "am", c("hp","wt")),
  infert = glm_case(inf, "infert.csv", "case", c("spontaneous","induced","age","parity")),
  birthwt_aliased = glm_case(birthwt, "birthwt.csv", "low", c("age","lwt","smoke","ht","smoke_plus_ht","ui")))

# ---- Firth: direct maximisation of the penalised log-likelihood ℓ(β) + ½ log det I(β) ------------------------
firth_case <- function(data, file, outcome, covariates) {
  X <- cbind(1, as.matrix(data[, covariates, drop = FALSE])); y <- data[[outcome]]
  penalised <- function(b) {
    eta <- drop(X %*% b); w <- plogis(eta) * plogis(-eta)
    sum(y * plogis(eta, log.p = TRUE) + (1 - y) * plogis(-eta, log.p = TRUE)) +
      0.5 * as.numeric(determinant(crossprod(X * sqrt(w)), logarithm = TRUE)$modulus)
  }
  score <- function(b) {  # the gradient of the penalised log-likelihood (Firth's modified score)
    eta <- drop(X %*% b); p <- plogis(eta); w <- p * (1 - p)
    A <- X * sqrt(w); h <- rowSums((A %*% solve(crossprod(A))) * A)
    drop(crossprod(X, y - p + h * (0.5 - p)))
  }
  b <- rep(0, ncol(X))
  for (round in 1:4) b <- optim(b, function(b) -penalised(b), function(b) -score(b), method = "BFGS",
                                control = list(reltol = 1e-16, maxit = 10000))$par
  # Newton polish on the same objective: Hessian by differencing the analytic gradient (optimHess).
  for (step in 1:6) b <- b - solve(optimHess(b, penalised, score), score(b))
  eta <- drop(X %*% b); w <- plogis(eta) * plogis(-eta)
  list(file = file, outcome = outcome, covariates = covariates,
       expression = "optim(BFGS, reltol 1e-16, 4 restarts) then 6 Newton steps (optimHess) of l(b) + 0.5 log det(X'WX); se = sqrt(diag(solve(X'WX)))",
       coef = b, se = sqrt(diag(solve(crossprod(X * sqrt(w))))), penalised_loglik = penalised(b),
       max_abs_score = max(abs(score(b))))
}
firth_cases <- list(
  separation = firth_case(sep, "separation.csv", "y", c("x","z")),
  mtcars = firth_case(mtc, "mtcars.csv", "am", c("hp","wt")),
  birthwt = firth_case(birthwt, "birthwt.csv", "low", c("age","lwt","race_black","race_other","smoke","ptl","ht","ui")))
sep_glm <- suppressWarnings(glm(y ~ x + z, family = binomial, data = sep))

# ---- ridge at a fixed penalty: −ℓ(β) + λ/2 Σ_{j≥1} γ_j² on covariates standardised by mean and sd (n − 1) ----------
ridge_case <- function(data, file, outcome, covariates, lambda) {
  Z <- scale(as.matrix(data[, covariates])); y <- data[[outcome]]; X <- cbind(1, Z)
  objective <- function(g) { eta <- drop(X %*% g)
    -sum(y * plogis(eta, log.p = TRUE) + (1 - y) * plogis(-eta, log.p = TRUE)) + lambda / 2 * sum(g[-1]^2) }
  gradient <- function(g) { p <- plogis(drop(X %*% g)); -drop(crossprod(X, y - p)) + lambda * c(0, g[-1]) }
  g <- rep(0, ncol(X))
  for (round in 1:4) g <- optim(g, objective, gradient, method = "BFGS", control = list(reltol = 1e-16, maxit = 10000))$par
  for (step in 1:6) g <- g - solve(optimHess(g, objective, gradient), gradient(g))
  centre <- attr(Z, "scaled:center"); scl <- attr(Z, "scaled:scale")
  slopes <- g[-1] / scl
  list(file = file, outcome = outcome, covariates = covariates, lambda = lambda,
       expression = "optim(BFGS) then 6 Newton steps (optimHess) of -l(g) + lambda/2 sum(g[-1]^2) on scale(X); coefficients back on the original scale",
       coef = c(g[1] - sum(slopes * centre), slopes), max_abs_gradient = max(abs(gradient(g))))
}
ridge_cases <- list(
  birthwt_lambda2 = ridge_case(birthwt, "birthwt.csv", "low", c("age","lwt","race_black","race_other","smoke","ptl","ht","ui"), 2),
  infert_lambda10 = ridge_case(inf, "infert.csv", "case", c("spontaneous","induced","age","parity"), 10))

# ---- AUC with DeLong variance and CI (pROC), Brier, calibration ------------------------------------------
binary_case <- function(y, p, note) {
  r <- roc(y, p, levels = c(0, 1), direction = "<", quiet = TRUE)
  ci <- ci.auc(r, method = "delong")
  lp <- qlogis(pmin(pmax(p, 1e-15), 1 - 1e-15))
  citl <- coef(glm(y ~ 1 + offset(lp), family = binomial))[[1]]
  weak <- coef(glm(y ~ lp, family = binomial))
  list(note = note, y = y, p = p, auc = as.numeric(auc(r)), delong_variance = var(r, method = "delong"),
       lower95 = ci[1], upper95 = ci[3], brier = mean((y - p)^2),
       scaled_brier = 1 - mean((y - p)^2) / (mean(y) * (1 - mean(y))),
       calibration_in_the_large = citl, weak_intercept = weak[[1]], weak_slope = weak[[2]],
       expression = "pROC::roc(y, p, levels=c(0,1), direction='<'); var(method='delong'); ci.auc(method='delong'); glm(y ~ offset(qlogis(p))), glm(y ~ qlogis(p))")
}
set.seed(20261122)
n <- 300; yr <- rbinom(n, 1, 0.35); pr <- round(plogis(-0.8 + 1.1 * yr + rnorm(n)), 2)
binary_cases <- list(
  domain = binary_case(c(0,0,1,0,1,1,0,1,1,0,0,1), c(.10,.20,.35,.40,.45,.50,.55,.60,.70,.30,.15,.80), "docs/RelapseRisk.md, Test vectors"),
  random_ties = binary_case(yr, pr, "set.seed(20261122); 300 draws, p rounded to 2 decimals (many ties)"))

# ---- Harrell's C (survival::concordance, reverse = TRUE: higher score = higher risk) ---------------------------
conc_case <- function(t, e, s, note) {
  k <- concordance(Surv(t, e) ~ s, reverse = TRUE)
  list(note = note, time = t, event = e, score = s, c = unname(k$concordance), se = sqrt(unname(k$var)),
       concordant = unname(k$count["concordant"]), discordant = unname(k$count["discordant"]),
       tied_risk = unname(k$count["tied.x"]), tied_time = unname(k$count["tied.y"]),
       expression = "survival::concordance(Surv(time, event) ~ score, reverse = TRUE)")
}
tt <- sample(1:60, 80, replace = TRUE); ee <- rbinom(80, 1, 0.6); ss <- round(runif(80) + 0.01 * (60 - tt), 1)
conc_cases <- list(
  domain = conc_case(c(5,8,12,20,25,30,40,41), c(1,1,0,1,0,1,1,0), c(.9,.7,.6,.5,.55,.3,.2,.1), "docs/RelapseRisk.md, Test vectors"),
  random_ties = conc_case(tt, ee, ss, "80 draws with tied times and tied scores"))

writeLines(toJSON(list(versions = versions, glm = glm_cases, separation_glm = list(
  coef = unname(coef(sep_glm)), converged = sep_glm$converged, iterations = sep_glm$iter,
  max_fitted = max(fitted(sep_glm)), expression = "glm(y ~ x + z, binomial, separation.csv): R warns 'fitted probabilities numerically 0 or 1 occurred'"),
  firth = firth_cases, ridge = ridge_cases, binary = binary_cases, concordance = conc_cases),
  auto_unbox = TRUE, digits = NA, pretty = TRUE, na = "null"), file.path(out, "risk.json"))

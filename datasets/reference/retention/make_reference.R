# Reference values for the retention (survival) engine: Kaplan–Meier, log-rank, Cox, cox.zph, Aalen–Johansen.
# Run from this folder:  Rscript make_reference.R
# Writes the input data as CSV (one file per data set) and every R result to reference.json.
# Data sets: survival's aml, lung, veteran, ovarian, colon, mgus2; carData's Rossi.
suppressPackageStartupMessages({ library(survival); library(jsonlite) })

w <- function(df, name) write.csv(df, paste0(name, ".csv"), row.names = FALSE, quote = FALSE, na = "")

aml_d <- data.frame(time = aml$time, status = aml$status, x = as.character(aml$x))
lung_d <- na.omit(data.frame(time = lung$time, status = lung$status - 1, age = lung$age, sex = lung$sex,
                             ph_ecog = lung$ph.ecog))
vet_d <- data.frame(time = veteran$time, status = veteran$status, trt = veteran$trt,
                    celltype = as.character(veteran$celltype), karno = veteran$karno,
                    diagtime = veteran$diagtime, age = veteran$age, prior = veteran$prior)
ova_d <- data.frame(futime = ovarian$futime, fustat = ovarian$fustat, age = ovarian$age,
                    resid_ds = ovarian$resid.ds, rx = ovarian$rx, ecog_ps = ovarian$ecog.ps)
colon_d <- data.frame(id = colon$id, time = colon$time, status = colon$status, etype = colon$etype,
                      rx = gsub("\\+", "_", as.character(colon$rx)),
                      rx_lev = as.numeric(colon$rx == "Lev"), rx_lev5fu = as.numeric(colon$rx == "Lev+5FU"),
                      sex = colon$sex, age = colon$age)
R <- carData::Rossi
rossi_d <- data.frame(week = R$week, arrest = R$arrest, fin = as.numeric(R$fin == "yes"), age = R$age,
                      race = as.numeric(R$race == "other"), wexp = as.numeric(R$wexp == "yes"),
                      mar = as.numeric(R$mar == "married"), paro = as.numeric(R$paro == "yes"), prio = R$prio)
mg <- mgus2
mgus_d <- data.frame(etime = ifelse(mg$pstat == 0, mg$futime, mg$ptime),
                     event = ifelse(mg$pstat == 0, 2 * mg$death, 1))
toy_d <- data.frame(time = c(5, 8, 8, 12, 15, 20, 22, 30), status = c(1, 2, 0, 1, 2, 1, 0, 2))
w(aml_d, "aml"); w(lung_d, "lung"); w(vet_d, "veteran"); w(ova_d, "ovarian"); w(colon_d, "colon")
colon_death <- colon_d[colon_d$etype == 2, ]; w(colon_death, "colon_death")
w(rossi_d, "rossi"); w(mgus_d, "mgus2"); w(toy_d, "cif_toy")

# ---- Kaplan–Meier -------------------------------------------------------------------------------------------
km_case <- function(file, data, time, event, group, tau = NULL, level = 0.95) {
  f <- if (is.null(group)) as.formula(sprintf("Surv(%s, %s) ~ 1", time, event)) else
    as.formula(sprintf("Surv(%s, %s) ~ %s", time, event, group))
  bands <- list()
  for (ct in c("log", "log-log", "plain")) {
    fit <- survfit(f, data = data, conf.type = ct, conf.int = level)
    s <- summary(fit, censored = TRUE)
    grp <- if (is.null(group)) rep("all", length(s$time)) else sub("^.*=", "", as.character(s$strata))
    q <- quantile(fit, probs = c(0.25, 0.5, 0.75))
    bands[[ct]] <- list(lower = s$lower, upper = s$upper,
                        quantiles = list(probs = c(0.25, 0.5, 0.75),
                                         estimate = unname(matrix(q$quantile, ncol = 3)), lower = unname(matrix(q$lower, ncol = 3)),
                                         upper = unname(matrix(q$upper, ncol = 3))))
    if (ct == "log") {
      rows <- list(group = grp, time = s$time, n_risk = s$n.risk, n_event = s$n.event, n_censor = s$n.censor,
                   survival = s$surv, std_err = s$std.err)
      tauv <- if (is.null(tau)) max(data[[time]]) else tau
      tab <- summary(fit, rmean = tauv)$table
      tab <- if (is.null(dim(tab))) t(as.matrix(tab)) else tab
      summ <- list(n = unname(tab[, "records"]), events = unname(tab[, "events"]), median = unname(tab[, "median"]),
                   median_lower = unname(tab[, grep("LCL", colnames(tab))]),
                   median_upper = unname(tab[, grep("UCL", colnames(tab))]),
                   rmst = unname(tab[, "rmean"]), rmst_se = unname(tab[, "se(rmean)"]), tau = tauv)
    }
  }
  list(file = file, time = time, event = event, group = group, level = level, rows = rows, bands = bands,
       summary = summ,
       expression = sprintf("summary(survfit(%s, conf.type=*, conf.int=%g), censored=TRUE); quantile(); summary(fit, rmean=tau)$table",
                            paste(deparse(f), collapse = ""), level))
}
km <- list(
  aml = km_case("aml.csv", aml_d, "time", "status", "x", tau = 161),
  aml_all = km_case("aml.csv", aml_d, "time", "status", NULL),
  lung_sex = km_case("lung.csv", lung_d, "time", "status", "sex", level = 0.9),
  veteran_trt = km_case("veteran.csv", vet_d, "time", "status", "trt", tau = 500),
  ovarian_rx = km_case("ovarian.csv", ova_d, "futime", "fustat", "rx"),
  colon_rx = km_case("colon_death.csv", colon_death, "time", "status", "rx"),
  rossi_fin = km_case("rossi.csv", rossi_d, "week", "arrest", "fin", tau = 40)
)

# ---- Log-rank -----------------------------------------------------------------------------------------------
lr_case <- function(file, data, time, event, group, strata = NULL, subset_note = NULL) {
  rhs <- if (is.null(strata)) group else sprintf("%s + strata(%s)", group, strata)
  f <- as.formula(sprintf("Surv(%s, %s) ~ %s", time, event, rhs))
  d <- survdiff(f, data = data)
  df <- sum((if (is.matrix(d$exp)) rowSums(d$exp) else d$exp) > 0) - 1
  list(file = file, time = time, event = event, group = group, strata = strata, chisq = d$chisq, df = df,
       p = pchisq(d$chisq, df, lower.tail = FALSE), observed = as.numeric(if (is.matrix(d$obs)) rowSums(d$obs) else d$obs),
       expected = as.numeric(if (is.matrix(d$exp)) rowSums(d$exp) else d$exp),
       expression = sprintf("survdiff(%s)", paste(deparse(f), collapse = "")))
}
logrank <- list(
  aml = lr_case("aml.csv", aml_d, "time", "status", "x"),
  lung_ecog = lr_case("lung.csv", lung_d, "time", "status", "ph_ecog"),
  veteran_celltype_by_trt = lr_case("veteran.csv", vet_d, "time", "status", "celltype", "trt"),
  colon_rx_by_sex = lr_case("colon_death.csv", colon_death, "time", "status", "rx", "sex"),
  rossi_fin = lr_case("rossi.csv", rossi_d, "week", "arrest", "fin")
)

# ---- Cox ----------------------------------------------------------------------------------------------------
cox_case <- function(file, data, time, event, covariates, strata = NULL, ties = "efron", robust = FALSE,
                     cluster = NULL, zph = TRUE, basehaz = FALSE) {
  rhs <- paste(covariates, collapse = " + ")
  if (!is.null(strata)) rhs <- sprintf("%s + strata(%s)", rhs, strata)
  f <- as.formula(sprintf("Surv(%s, %s) ~ %s", time, event, rhs))
  fit <- if (!is.null(cluster)) coxph(f, data = data, ties = ties, cluster = data[[cluster]]) else
    coxph(f, data = data, ties = ties, robust = robust)
  s <- summary(fit)
  cf <- s$coefficients
  b <- coef(fit)
  se <- sqrt(diag(fit$naive.var %||% fit$var))
  if (is.null(fit$naive.var)) se <- sqrt(diag(fit$var))
  out <- list(file = file, time = time, event = event, covariates = covariates, strata = strata, ties = ties,
              robust = robust, cluster = cluster, coef = unname(b), se = NULL, robust_se = NULL,
              loglik = fit$loglik, concordance = unname(fit$concordance["concordance"]), n = fit$n,
              events = fit$nevent, iterations = fit$iter,
              score_test = unname(fit$score), wald_test = unname(fit$wald.test),
              lr_test = 2 * diff(fit$loglik),
              expression = sprintf("coxph(%s, ties='%s'%s)", paste(deparse(f), collapse = ""), ties,
                                   if (!is.null(cluster)) sprintf(", cluster=%s", cluster) else if (robust) ", robust=TRUE" else ""))
  full_se <- rep(NA_real_, length(b)); ok <- !is.na(b)
  if (!is.null(fit$naive.var)) {
    full_se[ok] <- sqrt(diag(fit$naive.var))[ok]
    rs <- rep(NA_real_, length(b)); rs[ok] <- sqrt(diag(fit$var))[ok]
    out$robust_se <- rs
    out$robust_score_test <- unname(fit$rscore)
  } else full_se[ok] <- sqrt(diag(fit$var))[ok]
  out$se <- full_se
  out$z <- unname(cf[, "z"]); out$p <- unname(cf[, "Pr(>|z|)"])
  ci <- s$conf.int; out$lower95 <- unname(ci[, "lower .95"]); out$upper95 <- unname(ci[, "upper .95"])
  if (zph) {
    z <- cox.zph(fit, transform = "km")
    out$zph <- list(term = rownames(z$table), chisq = unname(z$table[, "chisq"]), df = unname(z$table[, "df"]),
                    p = unname(z$table[, "p"]), expression = "cox.zph(fit, transform='km')$table")
  }
  if (basehaz) {
    bh <- basehaz(fit, centered = FALSE)
    out$basehaz <- list(time = bh$time, hazard = bh$hazard, strata = if (is.null(bh$strata)) NULL else as.character(bh$strata),
                        expression = "basehaz(fit, centered=FALSE)")
  }
  out
}
`%||%` <- function(a, b) if (is.null(a)) b else a
lung_alias <- lung_d; lung_alias$age_plus_sex <- lung_alias$age + lung_alias$sex; w(lung_alias, "lung_aliased")
cox <- list(
  lung_efron = cox_case("lung.csv", lung_d, "time", "status", c("age", "sex", "ph_ecog"), basehaz = TRUE),
  lung_breslow = cox_case("lung.csv", lung_d, "time", "status", c("age", "sex", "ph_ecog"), ties = "breslow", basehaz = TRUE),
  lung_aliased = cox_case("lung_aliased.csv", lung_alias, "time", "status", c("age", "sex", "age_plus_sex", "ph_ecog"), zph = FALSE),
  veteran_strata = cox_case("veteran.csv", vet_d, "time", "status", c("trt", "karno", "diagtime", "age", "prior"),
                            strata = "celltype", basehaz = TRUE),
  rossi_efron = cox_case("rossi.csv", rossi_d, "week", "arrest", c("fin", "age", "race", "wexp", "mar", "paro", "prio")),
  rossi_robust = cox_case("rossi.csv", rossi_d, "week", "arrest", c("fin", "age", "race", "wexp", "mar", "paro", "prio"),
                          robust = TRUE),
  rossi_breslow = cox_case("rossi.csv", rossi_d, "week", "arrest", c("fin", "age", "prio"), ties = "breslow"),
  colon_cluster = cox_case("colon.csv", colon_d, "time", "status", c("rx_lev", "rx_lev5fu", "sex", "age"),
                           strata = "etype", cluster = "id"),
  ovarian = cox_case("ovarian.csv", ova_d, "futime", "fustat", c("age", "resid_ds", "rx", "ecog_ps"))
)

# ---- Aalen–Johansen -------------------------------------------------------------------------------------------
cif_case <- function(file, data, time, status, times = NULL) {
  f <- as.formula(sprintf("Surv(%s, factor(%s, levels = sort(unique(c(0, %s))))) ~ 1", time, status, status))
  fit <- survfit(f, data = data)
  s <- if (is.null(times)) summary(fit, censored = TRUE) else summary(fit, times = times, extend = TRUE)
  states <- fit$states
  list(file = file, time = time, status = status, times = s$time, states = states,
       pstate = unname(s$pstate), std_err = unname(s$std.err),
       expression = sprintf("summary(survfit(%s)%s)", paste(deparse(f), collapse = ""),
                            if (is.null(times)) ", censored=TRUE" else sprintf(", times=c(%s)", paste(times, collapse = ","))))
}
cif <- list(
  toy = cif_case("cif_toy.csv", toy_d, "time", "status"),
  toy_times = cif_case("cif_toy.csv", toy_d, "time", "status", times = c(10, 12, 30, 40)),
  mgus2 = cif_case("mgus2.csv", mgus_d, "etime", "event"),
  mgus2_times = cif_case("mgus2.csv", mgus_d, "etime", "event", times = c(12, 60, 120, 240, 360))
)

versions <- list(R = R.version.string, survival = as.character(packageVersion("survival")),
                 carData = as.character(packageVersion("carData")), jsonlite = as.character(packageVersion("jsonlite")))
writeLines(toJSON(list(versions = versions, km = km, logrank = logrank, cox = cox, cif = cif),
                  digits = I(15), auto_unbox = TRUE, na = "null", null = "null", pretty = TRUE), "reference.json")

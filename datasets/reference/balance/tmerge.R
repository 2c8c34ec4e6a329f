# Engagement as a time-varying exposure (Sources/TreatmentOutcomes/Balance, docs/Balance.md): a small seeded cohort
# in the input format, its retention episodes split into (start, stop] intervals by survival::tmerge with cumtdc(),
# and the counting-process Cox models of dropout fitted on them with the patient as cluster.
#   Therneau T.M. & Grambsch P.M., Modeling Survival Data: Extending the Cox Model (2000), section 3.7;
#   Therneau T., Crowson C., Atkinson E., "Using time dependent covariates and time dependent coefficients in the
#     Cox model", survival package vignette (tmerge, cumtdc).
# Run from the repository root:
#
#     Rscript datasets/reference/balance/tmerge.R
#
# Writes, in datasets/reference/balance/tmerge-cohort/, patients.csv, episodes.csv, doses.csv, dispensings.csv and
# visits.csv (day-based; episode day 0 = the episode's start), and next to this script
#   tmerge-intervals.csv  id (row of patients.csv, 1-based), tstart, tstop, dropout, sessions, covered
#   tmerge-fits.csv       model, term, quantity (coef, se, robust_se, loglik), value
#   tmerge-relapse-intervals.csv  the same layout for relapse: use_patterns.csv (with cohort.json naming it) holds a
#                         seeded weekly word per patient; relapse week w = the first week of 4 consecutive weeks that
#                         are +, o or * (RsT_ctnNinetyFour_2023), else censored at week n - 3; on the week-1 clock
#                         (time 0 = the start of record day 1, weekOneStartDay) the event or censoring time is
#                         7 (w - 1) + 1, and a session on record day d is cumtdc(d - 1 + 1, +1), cumtdc(d - 1 + L + 1, -1)
# Exposures of an interval starting on episode day t (L = 28): attended visits of a psychosocial kind and covered
# days on record days start + t - L ... start + t - 1. A session on record day d is cumtdc(d - start + 1, +1) and
# cumtdc(d - start + L + 1, -1); a covered day likewise. tmerge splits at every such time, so rows whose exposures
# do not change are merged afterwards (the splits are then exactly where a value changes).
suppressMessages(library(survival))
folder <- "datasets/reference/balance/"
cohortFolder <- paste0(folder, "tmerge-cohort/")
dir.create(cohortFolder, showWarnings = FALSE)
set.seed(20261206)
L <- 28
kinds <- c("counseling", "cbt", "group", "peer", "contingency-management", "contingency management", "cm",
           "individual", "family")

n <- 40
medication <- rep(c("methadone", "buprenorphine"), length.out = n)
support <- ifelse(seq_len(n) %% 3 == 0, "none", "counseling")
patients <- data.frame(patient_id = sprintf("P%02d", seq_len(n)), site = "s",
                       arm = paste(medication, support, sep = "+"), medication = medication, psychosocial = support,
                       age = round(rnorm(n, 40, 10)), sex = ifelse(runif(n) < 0.4, "female", "male"))
start <- ifelse(seq_len(n) %% 7 == 0, 5L, 0L)
days <- pmax(1L, round(rexp(n, 1 / 90)))
days[5] <- 1L                                  # a one-day episode
dropout <- runif(n) < 0.7
episodes <- data.frame(patient_id = patients$patient_id, start = start, end = start + days - 1,
                       end_reason = ifelse(dropout, "dropout", "ongoing"))
doses <- list(); fills <- list(); visits <- list()
for (i in seq_len(n)) {
    last <- start[i] + days[i] - 1
    if (medication[i] == "methadone") {
        d <- start[i]:last
        d <- d[d == start[i] | runif(length(d)) < 0.85]      # missed doses
        doses[[i]] <- data.frame(patient_id = patients$patient_id[i], day = d, amount = 60)
    } else {
        day <- start[i]; rows <- list()
        while (day <= last) {
            supply <- sample(c(7L, 14L), 1)
            rows[[length(rows) + 1]] <- data.frame(patient_id = patients$patient_id[i], day = day, days_supply = supply,
                                                  drug = "buprenorphine-naloxone")
            day <- day + supply + sample(0:4, 1)             # fills never overlap; gaps of 0-4 days
        }
        fills[[i]] <- do.call(rbind, rows)
    }
    # Psychosocial sessions: weekly (twice weekly for some), attended with probability 0.7; also medical visits,
    # a missed session, and for patient 3 a session a few days before the episode start.
    if (i %% 4 != 1 && support[i] != "none") {
        every <- if (i %% 5 == 0) 3 else 7
        d <- seq(start[i] + 2, last + 10, by = every)
        kind <- ifelse(seq_along(d) %% 3 == 0, "group", ifelse(i %% 6 == 0, "Counseling", "counseling"))
        status <- ifelse(runif(length(d)) < 0.7, "attended", "missed")
        visits[[length(visits) + 1]] <- data.frame(patient_id = patients$patient_id[i], day = d, kind = kind, status = status)
    }
    visits[[length(visits) + 1]] <- data.frame(patient_id = patients$patient_id[i], day = start[i] + 7,
                                              kind = "medical", status = "attended")
}
visits[[length(visits) + 1]] <- data.frame(patient_id = "P03", day = -3, kind = "counseling", status = "attended")
doses <- do.call(rbind, doses); fills <- do.call(rbind, fills); visits <- do.call(rbind, visits)
visits <- visits[order(match(visits$patient_id, patients$patient_id), visits$day), ]
write.csv(patients, paste0(cohortFolder, "patients.csv"), row.names = FALSE, quote = FALSE)
write.csv(episodes, paste0(cohortFolder, "episodes.csv"), row.names = FALSE, quote = FALSE)
write.csv(doses, paste0(cohortFolder, "doses.csv"), row.names = FALSE, quote = FALSE)
write.csv(fills, paste0(cohortFolder, "dispensings.csv"), row.names = FALSE, quote = FALSE)
write.csv(visits, paste0(cohortFolder, "visits.csv"), row.names = FALSE, quote = FALSE)

# Sessions and covered days (record days).
id <- match(patients$patient_id, patients$patient_id)
sessionRows <- visits[visits$status == "attended" & tolower(visits$kind) %in% kinds, ]
sid <- match(sessionRows$patient_id, patients$patient_id)
coveredDays <- rbind(data.frame(id = match(doses$patient_id, patients$patient_id), day = doses$day),
                     do.call(rbind, lapply(seq_len(nrow(fills)), function(r)
                         data.frame(id = match(fills$patient_id[r], patients$patient_id),
                                    day = fills$day[r] + seq_len(fills$days_supply[r]) - 1))))
coveredDays <- unique(coveredDays)

# Split each patient's follow-up (0, futime] at the exposure changes; clock day 0 = record day origin[i].
intervals <- function(futime, event, origin) {
    keep <- futime >= 1
    relativeTo <- function(ids, day) day - origin[ids]
    sessionTimes <- relativeTo(sid, sessionRows$day)
    coveredTimes <- relativeTo(coveredDays$id, coveredDays$day)
    sessionChanges <- data.frame(id = c(sid, sid), time = c(sessionTimes + 1, sessionTimes + L + 1),
                                 change = rep(c(1, -1), each = length(sid)))
    coverageChanges <- data.frame(id = rep(coveredDays$id, 2), time = c(coveredTimes + 1, coveredTimes + L + 1),
                                  change = rep(c(1, -1), each = nrow(coveredDays)))
    base <- data.frame(id = id[keep], futime = futime[keep], event = as.integer(event[keep]))
    split <- tmerge(base, base, id = id, dropout = event(futime, event))
    split <- tmerge(split, sessionChanges, id = id, sessions = cumtdc(time, change))
    split <- tmerge(split, coverageChanges, id = id, covered = cumtdc(time, change))
    split$sessions[is.na(split$sessions)] <- 0
    split$covered[is.na(split$covered)] <- 0
    # Merge consecutive rows of a patient whose exposures are equal (only a patient's last row has the event).
    same <- c(FALSE, split$id[-1] == split$id[-nrow(split)] & split$sessions[-1] == split$sessions[-nrow(split)] &
                     split$covered[-1] == split$covered[-nrow(split)])
    group <- cumsum(!same)
    merged <- data.frame(id = tapply(split$id, group, `[`, 1), tstart = tapply(split$tstart, group, min),
                         tstop = tapply(split$tstop, group, max), dropout = tapply(split$dropout, group, max),
                         sessions = tapply(split$sessions, group, `[`, 1), covered = tapply(split$covered, group, `[`, 1))
    merged$proportion <- merged$covered / L
    merged
}
merged <- intervals(days, dropout, start)
merged$buprenorphine <- as.integer(medication[merged$id] == "buprenorphine")
write.csv(merged[, c("id", "tstart", "tstop", "dropout", "sessions", "covered")], paste0(folder, "tmerge-intervals.csv"),
          row.names = FALSE)

out <- list()
record <- function(model, fit, terms) {
    s <- summary(fit)$coefficients
    for (k in seq_along(terms)) {
        out[[length(out) + 1]] <<- data.frame(model = model, term = terms[k], quantity = c("coef", "se", "robust_se"),
            value = sprintf("%.17g", c(s[k, "coef"], s[k, "se(coef)"], s[k, "robust se"])))
    }
    out[[length(out) + 1]] <<- data.frame(model = model, term = "", quantity = "loglik", value = sprintf("%.17g", fit$loglik[2]))
}
# The models of docs/Balance.md on one set of intervals: per medication (sessions, covered proportion), per medication
# by session band (indicators of the bands after 0 that have intervals, as the Swift code keeps only those), and every
# medication with medication x sessions.
fitAll <- function(prefix, x, withBands = TRUE) {
    x$buprenorphine <- as.integer(medication[x$id] == "buprenorphine")
    for (m in c("methadone", "buprenorphine")) {
        d <- x[medication[x$id] == m, ]
        fit <- coxph(Surv(tstart, tstop, dropout) ~ sessions + proportion + cluster(id), data = d, ties = "efron")
        record(paste0(prefix, m), fit, c("sessions", "covered proportion"))
        if (!withBands) next
        bands <- list(`sessions 1–2` = as.integer(d$sessions >= 1 & d$sessions <= 2),
                      `sessions 3–4` = as.integer(d$sessions >= 3 & d$sessions <= 4), `sessions 5+` = as.integer(d$sessions >= 5))
        bands <- bands[sapply(bands, function(b) any(b == 1))]
        design <- as.data.frame(bands, check.names = FALSE)
        names(design) <- paste0("band", seq_along(bands))
        d <- cbind(d, design)
        formula <- as.formula(paste("Surv(tstart, tstop, dropout) ~", paste(c(names(design), "proportion", "cluster(id)"), collapse = " + ")))
        fit <- coxph(formula, data = d, ties = "efron")
        record(paste0(prefix, m, " bands"), fit, c(names(bands), "covered proportion"))
    }
    x$interaction <- x$sessions * x$buprenorphine
    fit <- coxph(Surv(tstart, tstop, dropout) ~ buprenorphine + sessions + proportion + interaction + cluster(id),
                 data = x, ties = "efron")
    record(paste0(prefix, "interaction"), fit, c("medication: buprenorphine", "sessions", "covered proportion", "sessions × buprenorphine"))
}
fitAll("", merged)
# With baseline covariates (balance.engagementCovariates = ["age", "sex"]): sex as the indicator of "male", the
# second level in label order, as the Swift design codes it.
adjusted <- merged[medication[merged$id] == "methadone", ]
adjusted$age <- patients$age[adjusted$id]
adjusted$male <- as.integer(patients$sex[adjusted$id] == "male")
fit <- coxph(Surv(tstart, tstop, dropout) ~ sessions + proportion + age + male + cluster(id), data = adjusted,
             ties = "efron")
record("methadone adjusted", fit, c("sessions", "covered proportion", "age", "sex: male"))

# Relapse: a seeded word per patient (its own seed, so the data above do not depend on it).
set.seed(20261211)
weeks <- sample(8:24, n, replace = TRUE)
weeks[11] <- 3                                  # a word too short for a relapse time: left out
words <- sapply(weeks, function(k) paste(sample(c("+", "-", "o", "*"), k, replace = TRUE, prob = c(0.3, 0.45, 0.15, 0.1)),
                                         collapse = ""))
write.csv(data.frame(who = patients$patient_id, word = words), paste0(cohortFolder, "use_patterns.csv"), row.names = FALSE,
          quote = FALSE)
writeLines('{"name": "tmerge fixture", "provenance": "datasets/reference/balance/tmerge.R (seeded)", "usePatterns": {"description": "seeded words", "file": "use_patterns.csv", "identifierColumn": "who", "wordColumn": "word"}}',
           paste0(cohortFolder, "cohort.json"))
positive <- gsub("[o*]", "+", words)
relapseWeek <- regexpr("++++", positive, fixed = TRUE)
relapsed <- relapseWeek > 0
week <- ifelse(relapsed, relapseWeek, nchar(words) - 3)
week[nchar(words) < 4] <- 0
relapseIntervals <- intervals(ifelse(week >= 1, 7 * (week - 1) + 1, 0), relapsed, rep(1, n))
write.csv(relapseIntervals[, c("id", "tstart", "tstop", "dropout", "sessions", "covered")],
          paste0(folder, "tmerge-relapse-intervals.csv"), row.names = FALSE)
# (no band models for relapse here: with 22 relapses some bands have none, and their coefficients are infinite)
fitAll("relapse ", relapseIntervals, withBands = FALSE)
# Relapse by band with one cut (balance.sessionBandCuts = [1]: no session against one or more), which these 22
# relapses can estimate.
for (m in c("methadone", "buprenorphine")) {
    d <- relapseIntervals[medication[relapseIntervals$id] == m, ]
    d$band1 <- as.integer(d$sessions >= 1)
    fit <- coxph(Surv(tstart, tstop, dropout) ~ band1 + proportion + cluster(id), data = d, ties = "efron")
    record(paste0("relapse ", m, " bands 0 and 1+"), fit, c("sessions 1+", "covered proportion"))
}
out <- do.call(rbind, out)
out$r_version <- paste(R.version.string, "survival", packageVersion("survival"))
write.csv(out, paste0(folder, "tmerge-fits.csv"), row.names = FALSE)

# Independent check of observed-dosing adherence and visit attendance on CTN-0094
# (Sources/TreatmentOutcomes/Adherence/ObservedDosing.swift, VisitAttendance.swift).
#
# Computed from the RAW harmonized tables in datasets/ctn0094/ (not from the converted cohort), base R only.
# Run from the repository root:
#
#     Rscript datasets/reference/adherence/dosing.R
#
# Writes dosing.csv (one row per randomized participant) and dosing-by-arm.csv next to this script.
# Rules, restated from docs/Adherence.md ("Observed daily dosing") and the issue, written independently of the
# Swift code:
#   - patients: randomization.csv rows with which == 1; index day = that row's `when`; day = when - index day.
#   - window: days 0 .. L-1, where L = 7 x the weeks of the arm's phase-1 stages in meta_study_length.csv other
#     than "Post-medication follow-up" (CTN-0027/0051: 24 weeks; CTN-0030: 2 + 2 weeks).
#   - a treatment.csv row on day d covers day d; in the Inpatient NR-NTX arm (extended-release naltrexone
#     injection) it covers days d .. d+27. A day covered more than once counts once.
#   - covered = days of the window covered; missed = L - covered; runs = maximal runs of uncovered window days.
#   - dose_days = distinct days of the window with a treatment.csv row.
#   - visits: visit.csv rows with `when` and a disposition in the window; visit/final = attended;
#     no visit/MISSING = excused when is_in_jail, is_in_hospital or is_illness is 1, else missed.
#   - by arm: mean, quantile type 7 of covered/L; adherent = covered/L >= 0.8, with prop.test confidence
#     intervals without (correct = FALSE) and with (default) continuity correction.
#   - by arm, as the report publishes them (docs/ReportingConventions.md, "Quantiles"): the 10th, 25th, 50th, 75th
#     and 90th percentiles as type 7 of the sorted values smoothed by a centred moving mean of 11 of them
#     (published_quantile below, written from the definition, not from the Swift code).

raw <- "datasets/ctn0094"
out <- "datasets/reference/adherence"
read <- function(name) read.csv(file.path(raw, name), stringsAsFactors = FALSE, na.strings = "")

randomization <- read("randomization.csv")
first <- randomization[randomization$which == 1, c("who", "treatment", "when")]
stopifnot(!anyDuplicated(first$who))
names(first) <- c("who", "arm", "index_day")

meta <- read("meta_study_length.csv")
meta <- meta[meta$phase == 1 & meta$description != "Post-medication follow-up", ]
phase_days <- tapply(meta$weeks * 7, meta$treatment, sum)
first$window_days <- as.integer(phase_days[first$arm])
stopifnot(!anyNA(first$window_days))

treatment <- read("treatment.csv")
treatment <- merge(treatment, first, by = "who")
treatment$day <- treatment$when - treatment$index_day
treatment$reach <- ifelse(treatment$arm == "Inpatient NR-NTX", 28L, 1L)

visits <- read("visit.csv")
visits <- visits[!is.na(visits$when) & !is.na(visits$what), ]
visits <- merge(visits, first, by = "who")
visits$day <- visits$when - visits$index_day
visits <- visits[visits$day >= 0 & visits$day < visits$window_days, ]
flag <- function(x) !is.na(x) & x == 1
visits$status <- ifelse(visits$what %in% c("visit", "final"), "attended",
                        ifelse(flag(visits$is_in_jail) | flag(visits$is_in_hospital) | flag(visits$is_illness),
                               "excused", "missed"))

runs_of_missed <- function(covered) {
    r <- rle(covered)
    r$lengths[!r$values]
}

rows <- lapply(seq_len(nrow(first)), function(i) {
    p <- first[i, ]
    L <- p$window_days
    covered <- logical(L)
    doses <- treatment[treatment$who == p$who, ]
    for (j in seq_len(nrow(doses))) {
        days <- doses$day[j] + seq_len(doses$reach[j]) - 1
        days <- days[days >= 0 & days < L]
        covered[days + 1] <- TRUE
    }
    missed_runs <- runs_of_missed(covered)
    v <- visits[visits$who == p$who, ]
    data.frame(
        patient_id = p$who, arm = p$arm, expected_days = L, covered_days = sum(covered),
        dose_days = length(unique(doses$day[doses$day >= 0 & doses$day < L])),
        missed_days = L - sum(covered),
        longest_missed_run = if (length(missed_runs)) max(missed_runs) else 0L,
        missed_runs_3 = sum(missed_runs >= 3),
        visits_attended = sum(v$status == "attended"), visits_missed = sum(v$status == "missed"),
        visits_excused = sum(v$status == "excused"))
})
dosing <- do.call(rbind, rows)
dosing <- dosing[order(dosing$patient_id), ]
write.csv(dosing, file.path(out, "dosing.csv"), row.names = FALSE, quote = FALSE)

versions <- sprintf("%s; written %s", R.version.string, "by datasets/reference/adherence/dosing.R")

# Type 7 of the order statistics x(1) <= ... <= x(n) after each is replaced by the mean of the w of them around it:
# the window of x(i) starts at i - floor((w - 1) / 2), moved inside 1 .. n; w is at most n.
published_quantile <- function(x, p, w = 11) {
    x <- sort(x)
    n <- length(x)
    w <- min(w, n)
    around <- function(i) {
        start <- min(max(i - (w - 1) %/% 2, 1), n - w + 1)
        mean(x[start:(start + w - 1)])
    }
    h <- (n - 1) * p + 1
    j <- floor(h)
    if (j >= n) return(around(n))
    around(j) + (h - j) * (around(j + 1) - around(j))
}
published <- function(x, p) sprintf("%.17g", published_quantile(x, p))
by_arm <- do.call(rbind, lapply(sort(unique(dosing$arm)), function(arm) {
    a <- dosing[dosing$arm == arm, ]
    adherence <- a$covered_days / a$expected_days
    q <- quantile(adherence, c(0.25, 0.5, 0.75), type = 7)
    adherent <- sum(adherence >= 0.8)
    plain <- prop.test(adherent, nrow(a), correct = FALSE)$conf.int
    corrected <- prop.test(adherent, nrow(a))$conf.int
    data.frame(
        arm = arm, n = nrow(a), mean = sprintf("%.17g", mean(adherence)), q1 = sprintf("%.17g", q[1]),
        median = sprintf("%.17g", q[2]), q3 = sprintf("%.17g", q[3]),
        published_p10 = published(adherence, 0.1), published_q1 = published(adherence, 0.25),
        published_median = published(adherence, 0.5), published_q3 = published(adherence, 0.75),
        published_p90 = published(adherence, 0.9), adherent = adherent,
        wilson_lower = sprintf("%.17g", plain[1]), wilson_upper = sprintf("%.17g", plain[2]),
        corrected_lower = sprintf("%.17g", corrected[1]), corrected_upper = sprintf("%.17g", corrected[2]),
        missed_days = sum(a$missed_days), visits_attended = sum(a$visits_attended),
        visits_missed = sum(a$visits_missed), visits_excused = sum(a$visits_excused), r_version = versions)
}))
write.csv(by_arm, file.path(out, "dosing-by-arm.csv"), row.names = FALSE)

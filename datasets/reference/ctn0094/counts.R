# Independent check of the CTN-0094 importer (Sources/TreatmentOutcomes/CTN0094).
#
# Computes, from the RAW harmonized tables in datasets/ctn0094/, the counts and sums that the converted
# cohort in datasets/ctn0094/cohort/ must have, and writes them to counts.json next to this script.
# Base R only (no packages). Run from the repository root:
#
#     Rscript datasets/reference/ctn0094/counts.R
#
# The rules are restated here from docs/CTN0094.md, written independently of the Swift code:
#   - patients: participants with a first randomization (randomization.csv which == 1); index day = its `when`.
#   - doses: treatment.csv rows of randomized participants.
#   - screens: specimen days = distinct (who, when) in uds.csv or uds_temp.csv with `when` present;
#     positives = distinct (who, when, substance) in uds.csv; negatives = for each specimen day, each substance
#     of the trial's panel (meta_substance_groups_uds.csv, "NO" = not tested) that is not positive that day.
#     Substance names are lower-cased; the panel's "Barbiturate" is the uds table's "Sedatives" group.
#   - visits: visit.csv rows with `when` and a disposition; visit/final -> attended; no visit/MISSING -> excused
#     when is_in_jail, is_in_hospital or is_illness is 1, otherwise missed.
#   - assessments: withdrawal.csv rows with `when` and `withdrawal`; COWS in CTN-0027/0030, SOWS in CTN-0051.

raw <- "datasets/ctn0094"
out <- "datasets/reference/ctn0094/counts.json"
read <- function(name) read.csv(file.path(raw, name), stringsAsFactors = FALSE, na.strings = "")

everybody <- read("everybody.csv")
randomization <- read("randomization.csv")
first <- randomization[randomization$which == 1, c("who", "treatment", "when")]
stopifnot(!anyDuplicated(first$who))
names(first) <- c("who", "arm", "index_day")
patients <- merge(first, everybody, by = "who")
patients$trial <- sprintf("CTN-%04d", patients$project)
randomized <- patients$who

# Named list of counts -> JSON object (keys sorted for stable output).
counts_object <- function(x) {
  x <- x[order(names(x))]
  as.list(x)
}

# --- patients -------------------------------------------------------------------------------------------
arm_by_trial <- list()
for (trial in sort(unique(patients$trial))) {
  in_trial <- patients[patients$trial == trial, ]
  arm_by_trial[[trial]] <- counts_object(c(table(in_trial$arm)))
}

# --- doses ----------------------------------------------------------------------------------------------
treatment <- read("treatment.csv")
doses <- merge(treatment, patients[, c("who", "arm")], by = "who")
dose_rows_by_arm <- counts_object(c(table(doses$arm)))
dose_amount_by_arm <- counts_object(tapply(doses$amount, doses$arm, sum))

# --- screens --------------------------------------------------------------------------------------------
uds <- read("uds.csv")
uds_temp <- read("uds_temp.csv")
uds_in <- uds[uds$who %in% randomized & !is.na(uds$when), ]
temp_in <- uds_temp[uds_temp$who %in% randomized & !is.na(uds_temp$when), ]
uds_in$substance <- tolower(uds_in$what)
positives <- unique(uds_in[, c("who", "when", "substance")])
specimen_days <- unique(rbind(uds_in[, c("who", "when")], temp_in[, c("who", "when")]))
specimen_days <- merge(specimen_days, patients[, c("who", "trial")], by = "who")

panel_table <- read("meta_substance_groups_uds.csv")
panel_of <- function(trial) {
  column <- panel_table[[trial]]
  names <- tolower(unique(column[column != "NO"]))
  names[names == "barbiturate"] <- "sedatives"
  sort(unique(names))
}
negative_rows <- 0
negative_by_substance <- c()
for (trial in sort(unique(patients$trial))) {
  days <- specimen_days[specimen_days$trial == trial, c("who", "when")]
  for (substance in panel_of(sub("-", ".", trial, fixed = TRUE))) {
    hit <- positives[positives$substance == substance, c("who", "when")]
    key_days <- paste(days$who, days$when)
    negatives <- sum(!(key_days %in% paste(hit$who, hit$when)))
    negative_rows <- negative_rows + negatives
    previous <- if (substance %in% names(negative_by_substance)) negative_by_substance[[substance]] else 0
    negative_by_substance[substance] <- previous + negatives
  }
}

# --- visits ---------------------------------------------------------------------------------------------
visit <- read("visit.csv")
visit_in <- visit[visit$who %in% randomized & !is.na(visit$when) & !is.na(visit$what), ]
excused <- (!is.na(visit_in$is_in_jail) & visit_in$is_in_jail == 1) |
  (!is.na(visit_in$is_in_hospital) & visit_in$is_in_hospital == 1) |
  (!is.na(visit_in$is_illness) & visit_in$is_illness == 1)
status <- ifelse(visit_in$what %in% c("visit", "final"), "attended", ifelse(excused, "excused", "missed"))
stopifnot(all(visit_in$what %in% c("visit", "final", "no visit", "MISSING")))

# --- assessments ----------------------------------------------------------------------------------------
withdrawal <- read("withdrawal.csv")
withdrawal_in <- withdrawal[withdrawal$who %in% randomized & !is.na(withdrawal$when) &
  !is.na(withdrawal$withdrawal), ]
withdrawal_in <- merge(withdrawal_in, patients[, c("who", "trial")], by = "who")
withdrawal_in$instrument <- ifelse(withdrawal_in$trial == "CTN-0051", "SOWS", "COWS")

# --- left out -------------------------------------------------------------------------------------------
not_randomized <- function(table) sum(!(table$who %in% randomized))
left_out <- list(
  everybody_never_randomized = sum(!(everybody$who %in% randomized)),
  randomization_second = sum(randomization$which != 1),
  treatment_never_randomized = not_randomized(treatment),
  uds_never_randomized = not_randomized(uds),
  uds_missing_day = sum(uds$who %in% randomized & is.na(uds$when)),
  uds_temp_never_randomized = not_randomized(uds_temp),
  uds_temp_missing_day = sum(uds_temp$who %in% randomized & is.na(uds_temp$when)),
  visit_never_randomized = not_randomized(visit),
  visit_missing_day = sum(visit$who %in% randomized & is.na(visit$when)),
  visit_no_disposition = sum(visit$who %in% randomized & !is.na(visit$when) & is.na(visit$what)),
  withdrawal_never_randomized = not_randomized(withdrawal),
  withdrawal_missing_day = sum(withdrawal$who %in% randomized & is.na(withdrawal$when)),
  withdrawal_missing_value = sum(withdrawal$who %in% randomized & !is.na(withdrawal$when) &
    is.na(withdrawal$withdrawal))
)

result <- list(
  r_version = R.version.string,
  patients = length(randomized),
  patients_by_trial_and_arm = arm_by_trial,
  dose_rows = nrow(doses),
  dose_rows_by_arm = dose_rows_by_arm,
  dose_amount_sum_by_arm = dose_amount_by_arm,
  specimen_days = nrow(specimen_days),
  positive_rows_by_substance = counts_object(c(table(positives$substance))),
  negative_rows = negative_rows,
  negative_rows_by_substance = counts_object(negative_by_substance),
  visit_rows_by_status = counts_object(c(table(status))),
  assessment_rows_by_instrument = counts_object(c(table(withdrawal_in$instrument))),
  # sum / n, not mean(): the sum of whole numbers is exact, and one division rounds the same in any IEEE language,
  # whereas mean() adds a long-double correction pass that can differ in the last bit.
  assessment_mean_score_by_instrument = counts_object(tapply(withdrawal_in$withdrawal, withdrawal_in$instrument,
    function(x) sum(x) / length(x))),
  left_out = left_out
)

# --- a small JSON writer (base R has none) ---------------------------------------------------------------
to_json <- function(x, indent = "") {
  inner <- paste0(indent, "  ")
  if (is.list(x)) {
    keys <- names(x)
    items <- vapply(seq_along(x), function(i) {
      paste0(inner, "\"", keys[i], "\": ", to_json(x[[i]], inner))
    }, "")
    return(paste0("{\n", paste(items, collapse = ",\n"), "\n", indent, "}"))
  }
  if (is.character(x)) return(paste0("\"", gsub("\"", "\\\\\"", x), "\""))
  stopifnot(length(x) == 1, is.finite(x))
  if (x == round(x) && abs(x) < 2^53) return(format(x, scientific = FALSE))
  sprintf("%.17g", x)
}
writeLines(to_json(result), out)
cat("wrote", out, "\n")

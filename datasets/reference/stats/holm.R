# Holm's step-down adjustment of p-values (Sources/OutcomeStats/Inference/HolmAdjustment.swift), base R's p.adjust.
# Run from the repository root:
#
#     Rscript datasets/reference/stats/holm.R
#
# Writes holm.csv next to this script: one row per case and p-value, in the order given.
cases <- list(
    mixed = c(0.01, 0.04, 0.03, 0.005, 0.2, 0.04, 0.5),
    ties_and_one = c(0.5, 0.5, 1, 0.001),
    single = c(0.03),
    capped = c(0.4, 0.6, 0.3)
)
rows <- do.call(rbind, lapply(names(cases), function(name) {
    p <- cases[[name]]
    data.frame(case = name, position = seq_along(p), p = sprintf("%.17g", p),
               holm = sprintf("%.17g", p.adjust(p, method = "holm")))
}))
rows$r_version <- R.version.string
write.csv(rows, "datasets/reference/stats/holm.csv", row.names = FALSE)

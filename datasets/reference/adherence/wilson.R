# Wilson score intervals from R's prop.test, without and with its default continuity correction
# (Sources/OutcomeStats/Inference/WilsonScoreInterval.swift). Base R only. Run from the repository root:
#
#     Rscript datasets/reference/adherence/wilson.R
cases <- data.frame(
    x = c(7, 0, 10, 5, 1, 123, 368, 3, 50),
    n = c(20, 10, 10, 10, 1, 287, 529, 7, 60),
    level = c(0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.9, 0.99, 0.8))
fmt <- function(v) sprintf("%.17g", v)
rows <- lapply(seq_len(nrow(cases)), function(i) {
    c <- cases[i, ]
    plain <- prop.test(c$x, c$n, conf.level = c$level, correct = FALSE)$conf.int
    corrected <- prop.test(c$x, c$n, conf.level = c$level)$conf.int
    data.frame(x = c$x, n = c$n, level = c$level, lower = fmt(plain[1]), upper = fmt(plain[2]),
               corrected_lower = fmt(corrected[1]), corrected_upper = fmt(corrected[2]))
})
out <- do.call(rbind, rows)
out$r_version <- R.version.string
suppressWarnings(write.csv(out, "datasets/reference/adherence/wilson.csv", row.names = FALSE, quote = FALSE))

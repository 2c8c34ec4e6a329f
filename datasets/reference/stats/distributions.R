# Reference values for OutcomeStats' Normal, ChiSquared and IncompleteGamma.
# Run from the repository root:  Rscript datasets/reference/stats/distributions.R
# Writes datasets/reference/stats/distributions.csv: one line per value, 17 significant digits.
# Columns: function (R function evaluated), parameter (df or shape; NA for the standard normal),
#          argument (x, z, p or log p), lowerTail, logScale (R's lower.tail and log.p), value, and for the
#          quantile functions roundTrip: R's own inversion error, measured in the smaller tail,
#          log p_s(q) - log p_s where p_s = min(p, 1 - p) is the target probability in its own tail (that is
#          the relative error of p_s); NA for other functions. R's qchisq is not accurate to 1e-12 in the far
#          tails (this error reaches ~1e-7 there, and ~1e-3 for log p near 0, e.g. qchisq(-1e-300, 10,
#          log.p = TRUE)), so the Swift test uses this column to tell a disagreement caused by R from one
#          caused by OutcomeStats.
# Non-log probabilities below 1e-300 are left out (subnormal doubles carry too few digits to compare
# relatively); their log-scale counterparts are kept.

output <- "datasets/reference/stats/distributions.csv"
rows <- list()
add <- function(fn, parameter, argument, lowerTail, logScale, value, roundTrip = NA) {
  keep <- is.finite(value) & (logScale | fn %in% c("qnorm", "qchisq") | value >= 1e-300 | value == 0)
  keep <- keep & !(fn %in% c("pnorm", "pchisq", "pgamma") & !logScale & value == 0)
  if (any(keep)) {
    rows[[length(rows) + 1]] <<- data.frame(
      fn = fn, parameter = parameter, argument = argument[keep],
      lowerTail = lowerTail, logScale = logScale, value = value[keep],
      roundTrip = rep_len(roundTrip, length(value))[keep])
  }
}
fmt <- function(v) ifelse(is.na(v), "NA", sprintf("%.17g", v))

# Standard normal: body and tails out to |z| = 37 (upper tail ~ 5.7e-300), log scale much further.
z <- sort(unique(c(seq(-37, 37, by = 0.25), -1e-10, 1e-10, 1e-300, -1e-300, 0.001, -0.001,
                   1.959963984540054, -1.959963984540054, 8.29, -8.29, 36.9, -36.9)))
zLog <- sort(unique(c(z, -40, 40, -50, 50, -100, 100, -1000, 1000, -1e5, 1e5)))
for (lower in c(TRUE, FALSE)) {
  add("pnorm", NA, z, lower, FALSE, pnorm(z, lower.tail = lower))
  add("pnorm", NA, zLog, lower, TRUE, pnorm(zLog, lower.tail = lower, log.p = TRUE))
}
add("dnorm", NA, z, TRUE, FALSE, dnorm(z))
add("dnorm", NA, zLog, TRUE, TRUE, dnorm(zLog, log = TRUE))

exponents <- c(1:20, seq(25, 300, by = 5))
tailP <- sort(unique(c(10^-exponents, 2.5 * 10^-exponents[exponents < 300], 0.025, 0.05, 0.075, 0.1)))
bodyP <- sort(unique(c(seq(0.01, 0.99, by = 0.01), 0.5 - 1e-10, 0.5 + 1e-10, 0.5 - 1e-3, 0.5 + 1e-3, 0.925, 0.975)))
allP <- sort(unique(c(tailP, bodyP)))
logP <- -c(1e-300, 1e-100, 1e-20, 1e-10, 1e-5, 0.01, 0.1, 0.5, log(2), 1, 2, 5, 10, 50, 100, 690, 1000, 1e4, 1e5)
# R's inversion error in the smaller tail (see the header): cdf(q, lowerTail, logScale) is R's p-function.
roundTrip <- function(cdf, argument, q, lower, logScale) {
  p <- if (logScale) exp(argument) else argument
  smallIsGiven <- p <= 0.5
  logSmall <- ifelse(smallIsGiven,
                     if (logScale) argument else log(argument),
                     if (logScale) log(-expm1(argument)) else log1p(-argument))
  ifelse(smallIsGiven, cdf(q, lower, TRUE), cdf(q, !lower, TRUE)) - logSmall
}
for (lower in c(TRUE, FALSE)) {
  normalCDF <- function(v, lowerTail, logScale) pnorm(v, lower.tail = lowerTail, log.p = logScale)
  q <- qnorm(allP, lower.tail = lower)
  add("qnorm", NA, allP, lower, FALSE, q, roundTrip(normalCDF, allP, q, lower, FALSE))
  q <- qnorm(logP, lower.tail = lower, log.p = TRUE)
  add("qnorm", NA, logP, lower, TRUE, q, roundTrip(normalCDF, logP, q, lower, TRUE))
}

# Chi-square: statistics up to 1400, df including non-integer 0.5; p-values to 1e-300.
for (df in c(0.5, 1, 2, 3, 10, 100, 1000)) {
  x <- sort(unique(c(1e-10, 1e-5, 0.001, 0.01, 0.1, 0.5, 1, 2, 3, 5, 10, 20, 30, 50, 75, 100, 150, 200,
                     300, 400, 500, 600, 700, 800, 900, 1000, 1100, 1200, 1300, 1400,
                     df * c(0.01, 0.1, 0.5, 0.9, 0.99, 1, 1.01, 1.1, 1.2, 1.5, 2, 3))))
  for (lower in c(TRUE, FALSE)) {
    add("pchisq", df, x, lower, FALSE, pchisq(x, df, lower.tail = lower))
    add("pchisq", df, x, lower, TRUE, pchisq(x, df, lower.tail = lower, log.p = TRUE))
    chiSquareCDF <- function(v, lowerTail, logScale) pchisq(v, df, lower.tail = lowerTail, log.p = logScale)
    q <- qchisq(allP, df, lower.tail = lower)
    add("qchisq", df, allP, lower, FALSE, q, roundTrip(chiSquareCDF, allP, q, lower, FALSE))
    someLogP <- logP[logP > -1000]
    q <- qchisq(someLogP, df, lower.tail = lower, log.p = TRUE)
    add("qchisq", df, someLogP, lower, TRUE, q, roundTrip(chiSquareCDF, someLogP, q, lower, TRUE))
  }
}

# Regularised incomplete gamma P(a, x) and Q(a, x) = pgamma(x, shape = a) for shapes that are not half-integers.
for (a in c(0.1, 0.75, 7.3, 250.5, 1e4)) {
  x <- sort(unique(c(1e-8, 0.01, 0.5, 1, 2, 5, 10, 50, 100, 300, 700, a * c(0.5, 0.9, 1, 1.1, 1.5, 2))))
  for (lower in c(TRUE, FALSE)) {
    add("pgamma", a, x, lower, FALSE, pgamma(x, shape = a, lower.tail = lower))
    add("pgamma", a, x, lower, TRUE, pgamma(x, shape = a, lower.tail = lower, log.p = TRUE))
  }
}

table <- do.call(rbind, rows)
lines <- c(
  paste0("# ", R.version.string, "; generated by datasets/reference/stats/distributions.R"),
  "function,parameter,argument,lowerTail,logScale,value,roundTrip",
  paste(table$fn, fmt(table$parameter), fmt(table$argument), table$lowerTail, table$logScale, fmt(table$value),
        fmt(table$roundTrip), sep = ","))
writeLines(lines, output)
cat("wrote", nrow(table), "values to", output, "\n")

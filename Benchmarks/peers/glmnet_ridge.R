# Ridge logistic regression with λ by 10-fold cross-validation, as R's glmnet does it: the peer of
# `outcome-report logistic --penalty ridge` on the same file. Prints the seconds inside R (reading, then cv.glmnet)
# and lambda.min with its cross-validated deviance per observation (cvm), the scale of our cv_deviance.
# Usage: Rscript glmnet_ridge.R ridge.csv
suppressPackageStartupMessages(library(glmnet))
path <- commandArgs(trailingOnly = TRUE)[1]
read <- system.time(d <- read.csv(path))
x <- as.matrix(d[, -1])
y <- d$y
set.seed(1)
fit <- system.time(cv <- cv.glmnet(x, y, family = "binomial", alpha = 0, nfolds = 10, type.measure = "deviance"))
at <- which(cv$lambda == cv$lambda.min)
cat(sprintf("glmnet %s, %s, rows %d, columns %d\n", packageVersion("glmnet"), R.version.string, nrow(x), ncol(x)))
cat(sprintf("read %.2f s, cv.glmnet %.2f s (user %.2f s)\n", read[["elapsed"]], fit[["elapsed"]], fit[["user.self"]]))
cat(sprintf("lambda.min %.6g (n x lambda.min %.6g), cvm %.6f, cvsd %.6f, lambdas %d\n",
            cv$lambda.min, cv$lambda.min * nrow(x), cv$cvm[at], cv$cvsd[at], length(cv$lambda)))

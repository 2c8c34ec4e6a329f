"""lifelines on the files make_inputs.py writes: the peer of `outcome-report cox` and `logrank` in Python.

Usage: python3 lifelines_peers.py cox|logrank FOLDER
"""
import os
import sys
import time

import pandas
import lifelines
from lifelines import CoxPHFitter
from lifelines.statistics import multivariate_logrank_test

what, folder = sys.argv[1], sys.argv[2]
data = pandas.read_csv(os.path.join(folder, "survival.csv"))
start = time.perf_counter()
if what == "cox":
    fitter = CoxPHFitter().fit(data.drop(columns=["group"]), duration_col="time", event_col="event")
    print(f"lifelines {lifelines.__version__} CoxPHFitter {time.perf_counter() - start:.2f} s, "
          f"loglik {fitter.log_likelihood_:.6f}")
elif what == "logrank":
    test = multivariate_logrank_test(data["time"], data["group"], data["event"])
    print(f"lifelines {lifelines.__version__} multivariate_logrank_test {time.perf_counter() - start:.2f} s, "
          f"chisq {test.test_statistic:.6f}")
else:
    sys.exit("usage: python3 lifelines_peers.py cox|logrank FOLDER")

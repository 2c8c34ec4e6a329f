#!/usr/bin/env bash
# Times outcome-report against its peers on the same seeded CSV files, whole process (wall, CPU, peak RSS):
#   logistic --penalty ridge   against R glmnet cv.glmnet(alpha = 0), 20,000 × 45
#   cox                        against R survival coxph and lifelines CoxPHFitter, 100,000 rows
#   logrank                    against R survival survdiff and lifelines multivariate_logrank_test
#   lmm                        against R lme4 lmer (random intercept and slope), 5,000 patients × 12 weeks
# Peers are installed by hand (README.md); a missing one is skipped with a note. Never run in CI.
# Usage: Benchmarks/peers/peers.sh [FOLDER]   (default: a fresh temporary folder; needs a release build)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
folder="${1:-$(mktemp -d)}"
tool="$root/.build/release/outcome-report"
[ -x "$tool" ] || { echo "build it first: swift build -c release --product outcome-report" >&2; exit 1; }
[ -f "$folder/ridge.csv" ] || python3 "$here/make_inputs.py" "$folder"
results="$folder/peers-results.tsv"
printf 'tool\ttask\twall_s\tcpu_s\tpeak_rss_mb\tnotes\n' > "$results"

# run NAME TASK COMMAND...: the command's stdout goes to FOLDER/NAME-TASK.out; its times to the results table.
run() {
    local name="$1" task="$2"; shift 2
    local out="$folder/$name-$task.out" timing="$folder/$name-$task.time"
    if ! /usr/bin/time -f '%e %U %S %M' -o "$timing" "$@" > "$out" 2> "$folder/$name-$task.err"; then
        printf '%s\t%s\t\t\t\tfailed: %s\n' "$name" "$task" "$(tail -1 "$folder/$name-$task.err")" >> "$results"
        return
    fi
    read -r wall user system rss < "$timing"
    local note
    note="$(tail -1 "$out" | tr '\t' ' ' | cut -c1-160)"
    printf '%s\t%s\t%s\t%.2f\t%.0f\t%s\n' "$name" "$task" "$wall" "$(echo "$user + $system" | bc)" \
        "$(echo "$rss / 1024" | bc)" "$note" >> "$results"
}
has_r_package() { command -v Rscript > /dev/null && Rscript -e "quit(status = !requireNamespace('$1', quietly = TRUE))" 2> /dev/null; }
skip() { printf '%s\t%s\t\t\t\tskipped: %s not installed\n' "$1" "$2" "$3" >> "$results"; }

covariates="$(seq -s, -f 'x%g' 1 45)"
run ours ridge "$tool" logistic --input "$folder/ridge.csv" --outcome y --covariates "$covariates" --penalty ridge \
    --folds 10 --format json
if has_r_package glmnet; then run glmnet ridge Rscript "$here/glmnet_ridge.R" "$folder/ridge.csv"; else skip glmnet ridge r-cran-glmnet; fi

run ours cox "$tool" cox --input "$folder/survival.csv" --time time --event event --covariates x1,x2,x3,x4,x5,x6
run ours logrank "$tool" logrank --input "$folder/survival.csv" --time time --event event --group group
run ours lmm "$tool" lmm --input "$folder/lmm.csv" --outcome y --time week --group patient --covariates x
for task in cox logrank; do
    if has_r_package survival; then run survival "$task" Rscript "$here/survival_peers.R" "$task" "$folder"
    else skip survival "$task" r-cran-survival; fi
    if python3 -c 'import lifelines' 2> /dev/null; then run lifelines "$task" python3 "$here/lifelines_peers.py" "$task" "$folder"
    else skip lifelines "$task" lifelines; fi
done
if has_r_package lme4; then run lme4 lmm Rscript "$here/survival_peers.R" lmm "$folder"; else skip lme4 lmm r-cran-lme4; fi

python3 - "$folder/ours-ridge.out" <<'PY' >> "$results" || true
import json, sys
fit = json.load(open(sys.argv[1]))
print(f"ours\tridge-cv\t\t\t\tlambda {fit['lambda']:.6g}, cv_deviance per row {fit['cv_deviance']:.6f} ({fit['cv_folds']} folds)")
PY
column -t -s $'\t' "$results"

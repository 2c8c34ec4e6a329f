"""Writes the seeded CSV files that peers.sh times every tool on (standard library only, so the bytes do not depend
on a numerical library's version).

  ridge.csv    y, x1..x45: 20,000 rows (--ridge-rows); xⱼ = 0.5·f + zⱼ (a shared factor f, so the columns are
               correlated, as clinical covariates are), logit P(y = 1) = −0.4 + Σ βⱼ xⱼ with βⱼ = ±0.6/√j.
  survival.csv time, event, group (3 levels), x1..x6: 100,000 rows (--survival-rows); Weibull times with
               proportional hazards exp(Σ βⱼ xⱼ + group effect), uniform censoring, times rounded to days (ties).
  lmm.csv      patient, week, y, x: 5,000 patients (--lmm-groups) × 12 weeks; random intercept and slope.

Usage: python3 make_inputs.py OUTPUT_FOLDER [--ridge-rows N] [--survival-rows N] [--lmm-groups N] [--seed S]
"""
import argparse
import math
import os
import random


def normal(rng):
    """Box–Muller over random.random(), whose sequence for a seed is fixed across Python versions."""
    u1, u2 = rng.random(), rng.random()
    return math.sqrt(-2 * math.log(1 - u1)) * math.cos(2 * math.pi * u2)


def write_ridge(path, rows, rng, columns=45):
    beta = [(1 if j % 2 else -1) * 0.6 / math.sqrt(j) for j in range(1, columns + 1)]
    with open(path, "w") as out:
        out.write("y," + ",".join(f"x{j}" for j in range(1, columns + 1)) + "\n")
        for _ in range(rows):
            shared = normal(rng)
            x = [0.5 * shared + normal(rng) for _ in range(columns)]
            eta = -0.4 + sum(b * v for b, v in zip(beta, x))
            y = 1 if rng.random() < 1 / (1 + math.exp(-eta)) else 0
            out.write(f"{y}," + ",".join(f"{v:.6f}" for v in x) + "\n")


def write_survival(path, rows, rng):
    beta = [0.5, -0.3, 0.2, -0.1, 0.05, 0.0]
    group_effect = [0.0, 0.3, -0.2]
    with open(path, "w") as out:
        out.write("time,event,group," + ",".join(f"x{j}" for j in range(1, 7)) + "\n")
        for _ in range(rows):
            group = int(rng.random() * 3)
            x = [normal(rng) for _ in range(4)] + [1 if rng.random() < 0.4 else 0, round(rng.random() * 10, 3)]
            risk = math.exp(sum(b * v for b, v in zip(beta, x)) + group_effect[group])
            event_time = 200 * (-math.log(1 - rng.random()) / risk) ** (1 / 1.3)
            censor_time = 1 + 730 * rng.random()
            time = max(1, math.ceil(min(event_time, censor_time)))
            event = 1 if event_time <= censor_time else 0
            out.write(f"{time},{event},g{group}," + ",".join(f"{v:.6g}" for v in x) + "\n")


def write_mixed(path, groups, rng, weeks=12):
    with open(path, "w") as out:
        out.write("patient,week,y,x\n")
        for patient in range(1, groups + 1):
            intercept, slope = 2.0 * normal(rng), 0.3 * normal(rng)
            x = 1 if rng.random() < 0.5 else 0
            for week in range(weeks):
                y = 10 + intercept + (slope - 0.2) * week + 0.8 * x + normal(rng)
                out.write(f"p{patient},{week},{y:.6f},{x}\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--ridge-rows", type=int, default=20_000)
    parser.add_argument("--survival-rows", type=int, default=100_000)
    parser.add_argument("--lmm-groups", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()
    os.makedirs(arguments.folder, exist_ok=True)
    write_ridge(os.path.join(arguments.folder, "ridge.csv"), arguments.ridge_rows, random.Random(arguments.seed))
    write_survival(os.path.join(arguments.folder, "survival.csv"), arguments.survival_rows,
                   random.Random(arguments.seed + 1))
    write_mixed(os.path.join(arguments.folder, "lmm.csv"), arguments.lmm_groups, random.Random(arguments.seed + 2))


if __name__ == "__main__":
    main()

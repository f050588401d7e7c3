"""Prints the benchmark table from haicap-loadgen's JSON lines (one file, any number of rounds).

Each row is the median over rounds. A service workload's ratio is the median of its per-round
ratios, each against the latest run of its ceiling before it in the file.
"""
import json
import statistics
import sys

CEILING_OF = {"registry-get": "echo", "registry-create": "put", "deadlines-create": "put"}
ORDER = ("echo", "put", "registry-get", "registry-create", "deadlines-create")


def main(path):
    runs = {}
    ratios = {}
    latest = {}  # ceiling workload -> its latest run so far
    with open(path) as lines:
        for line in lines:
            run = json.loads(line)
            runs.setdefault(run["workload"], []).append(run)
            latest[run["workload"]] = run
            ceiling = latest.get(CEILING_OF.get(run["workload"]))
            if ceiling:
                ratios.setdefault(run["workload"], []).append(run["rps"] / ceiling["rps"])

    def median(rs, key):
        return statistics.median(r[key] for r in rs)

    print(f"\n{'workload':<16} {'rps':>9} {'p50 µs':>8} {'p99 µs':>8} {'errors':>7} {'ceiling':>8} {'ratio':>6}")
    for name in ORDER:
        rs = runs.get(name)
        if not rs:
            continue
        ratio = f"{statistics.median(ratios[name]):.0%}" if name in ratios else ""
        errors = sum(r["errors"] for r in rs)
        print(f"{name:<16} {median(rs, 'rps'):>9.0f} {median(rs, 'p50_us'):>8.0f} {median(rs, 'p99_us'):>8.0f} "
              f"{errors:>7} {CEILING_OF.get(name, ''):>8} {ratio:>6}")


if __name__ == "__main__":
    main(sys.argv[1])

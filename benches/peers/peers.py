"""Python assignment solvers on matcher's benchmark matrices, and the table that
puts them beside matcher.

    peers.py run --data DIR --peers scipy,lap,lapjv --runs 5 --out peers.json
    peers.py table matcher.json peers-main.json peers-lapx.json [--out all.json] [--markdown all.md]

`run` loads every DIR/{kind}-{rows}x{cols}.f64 (raw little-endian float64,
row-major weights to MAXIMISE), negates it once into a cost matrix, and times
each peer on the plain assignment (every row of the smaller side matched,
capacity 1 per column). The objective is recomputed from each answer on the
weights, after checking the answer is a valid assignment. Forbidden pairs
(weight -inf) become cost +inf for SciPy, which takes that for "never", and
FORBIDDEN_COST for the other peers, which need finite costs: the generated
sparse matrices always admit a full matching of finite weights, so no optimum
uses such a cell, and the check rejects an answer that does. `table` merges result
files by instance, prints one Markdown table with ratios (peer time / matcher
time) and checks that every objective agrees to 1e-6 relative.

The `lap` module is provided by two packages (lap and lapx), so each group of
peers runs in the venv that has it; see run.sh.
"""

import argparse
import importlib.metadata
import json
import platform
import re
import statistics
import sys
import time
from pathlib import Path

import numpy as np

TOLERANCE = 1e-6
FORBIDDEN_COST = 1e9
KINDS = ["uniform", "integer", "roster", "rosterspread", "rosterseats", "euclid2d", "euclid10d",
         "machol", "randmachol", "lowrank", "repeated", "sparse"]
NAME = re.compile(r"^(?P<kind>[a-z0-9]+)-(?P<rows>\d+)x(?P<cols>\d+)\.f64$")


def load(path):
    """(instance, kind, weights) for a `{kind}-{rows}x{cols}.f64` file."""
    match = NAME.match(path.name)
    if not match:
        raise ValueError(f"{path}: not {{kind}}-{{rows}}x{{cols}}.f64")
    rows, cols = int(match["rows"]), int(match["cols"])
    weights = np.fromfile(path, dtype="<f8").reshape(rows, cols)
    return path.name.removesuffix(".f64"), match["kind"], weights


def instance_order(instance):
    """Sort key: kind, squares before rectangles, then size."""
    kind, shape = instance.split("-", 1)
    rows, cols = (int(x) for x in shape.split("x"))
    return (KINDS.index(kind) if kind in KINDS else len(KINDS), rows != cols, rows, cols)


def pad_square(cost):
    """`cost` with zero rows or columns added to make it square."""
    n, m = cost.shape
    size = max(n, m)
    if n == m:
        return cost
    square = np.zeros((size, size))
    square[:n, :m] = cost
    return square


# Each group returns {peer name: solve(cost) -> (row indices, column indices)}.


def scipy_peers():
    from scipy.optimize import linear_sum_assignment

    return {"scipy": linear_sum_assignment}


TAKES_INFINITY = {"scipy"}


def lap_peers():
    import lap

    if hasattr(lap, "lapjvs"):
        raise ImportError("this `lap` module is lapx's; run the lap peer in the other venv")

    def lapjv(cost):
        _, x, _ = lap.lapjv(cost, extend_cost=cost.shape[0] != cost.shape[1])
        rows = np.flatnonzero(x >= 0)
        return rows, x[rows]

    return {"lap.lapjv": lapjv}


def lapjv_peers():
    import lapjv

    def solver(force_doubles):
        # Square only: rectangular inputs are zero-padded, inside the timing.
        def solve(cost):
            n, m = cost.shape
            columns = lapjv.lapjv(pad_square(cost), force_doubles=force_doubles)[0]
            rows = np.arange(n)
            columns = columns[:n]
            keep = columns < m
            return rows[keep], columns[keep]

        return solve

    return {"lapjv.lapjv": solver(True), "lapjv.lapjv[f32]": solver(False)}


def lapx_peers():
    import lap

    if not hasattr(lap, "lapjvs"):
        raise ImportError("this `lap` module is not lapx's")

    def lapjvs(prefer_float32):
        return lambda cost: lap.lapjvs(cost, return_cost=False, prefer_float32=prefer_float32)

    def lapjvr(cost):
        return lap.lapjvr(cost, extend_cost=True, return_cost=False)

    return {
        "lapx.lapjvs": lapjvs(False),
        "lapx.lapjvs[f32]": lapjvs(True),
        "lapx.lapjvr": lapjvr,
    }


GROUPS = {
    "scipy": (scipy_peers, ["scipy"]),
    "lap": (lap_peers, ["lap"]),
    "lapjv": (lapjv_peers, ["lapjv"]),
    "lapx": (lapx_peers, ["lapx"]),
}


def value(weights, rows, cols):
    """(matched, total) of an answer, after checking it is a valid assignment."""
    rows, cols = np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64)
    n, m = weights.shape
    if len(rows) != min(n, m) or len(cols) != len(rows):
        raise ValueError(f"{len(rows)} pairs, expected {min(n, m)}")
    if len(np.unique(rows)) != len(rows) or len(np.unique(cols)) != len(cols):
        raise ValueError("a row or column is used twice")
    if rows.min() < 0 or rows.max() >= n or cols.min() < 0 or cols.max() >= m:
        raise ValueError("an index is out of range")
    order = np.argsort(rows)
    picked = weights[rows[order], cols[order]]
    if not np.all(np.isfinite(picked)):
        raise ValueError("a forbidden pair is used")
    return len(rows), float(np.sum(picked))


def time_peer(solve, weights, cost, runs, min_runs, budget):
    """A result record: every run's time, their median, and the checked value.
    Stops after `min_runs` runs once `budget` seconds are spent, so slow peers stay sane."""
    record = {"times_s": [], "median_s": None, "matched": None, "objective": None, "error": None}
    try:
        values = set()
        for run in range(runs):
            if run >= max(min_runs, 1) and sum(record["times_s"]) > budget:
                break
            start = time.perf_counter()
            rows, cols = solve(cost)
            record["times_s"].append(time.perf_counter() - start)
            values.add(value(weights, rows, cols))
        if len(values) > 1:
            raise ValueError(f"different answers across runs: {sorted(values)}")
        record["matched"], record["objective"] = values.pop()
        record["median_s"] = statistics.median(record["times_s"])
    except Exception as error:  # a peer's failure is a result, not a crash
        record["error"] = f"{type(error).__name__}: {error}"
    return record


def versions(packages):
    found = {}
    for package in ["numpy", *packages]:
        try:
            found[package] = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            found[package] = None
    return found


def run(args):
    peers, packages, results = {}, [], []
    for group in args.peers.split(","):
        make, group_packages = GROUPS[group]
        packages += group_packages
        try:
            peers.update(make())
        except ImportError as error:
            print(f"warning: {group} not available: {error}", file=sys.stderr)
            results.append({"solver": group, "instance": None, "error": f"not installed: {error}"})
    if args.solvers:
        keep = set(args.solvers.split(","))
        peers = {name: solve for name, solve in peers.items() if name in keep}
    warm_up = np.ascontiguousarray(np.arange(16.0).reshape(4, 4) % 5)
    for solve in peers.values():
        solve(warm_up)  # loads native code outside the timings
    files = sorted(Path(args.data).glob("*.f64"), key=lambda p: instance_order(p.name[:-4]))
    if not files:
        sys.exit(f"no .f64 matrices in {args.data}")
    for path in files:
        instance, kind, weights = load(path)
        cost = np.ascontiguousarray(-weights)
        finite = np.where(np.isfinite(cost), cost, FORBIDDEN_COST)
        n, m = weights.shape
        for name, solve in peers.items():
            given = cost if name in TAKES_INFINITY else finite
            record = time_peer(solve, weights, given, args.runs, args.min_runs, args.budget)
            record.update(solver=name, instance=instance, kind=kind, rows=n, cols=m)
            results.append(record)
            shown = f"{record['median_s']:.4f} s" if record["error"] is None else record["error"]
            print(f"{instance:<20} {name:<18} {shown}", file=sys.stderr)
    report = {"python": platform.python_version(), "versions": versions(packages), "results": results}
    Path(args.out).write_text(json.dumps(report, indent=2) + "\n")


def seconds(t):
    """Three significant digits: 0.0191 s, 0.152 s, 3.21 s, 12.3 s."""
    return f"{t:.3g} s" if t < 100 else f"{t:.0f} s"


def agrees(a, b):
    scale = max(abs(a["objective"]), abs(b["objective"]), 1.0)
    return a["matched"] == b["matched"] and abs(a["objective"] - b["objective"]) <= TOLERANCE * scale


def table(args):
    solvers, by_instance, missing, versions_seen = [], {}, {}, {}
    for path in args.files:
        report = json.loads(Path(path).read_text())
        versions_seen.update({k: v for k, v in report.get("versions", {}).items() if v})
        for record in report["results"]:
            if record.get("instance") is None:
                missing[record["solver"]] = record["error"]
                continue
            if record["solver"] not in solvers:
                solvers.append(record["solver"])
            by_instance.setdefault(record["instance"], {})[record["solver"]] = record
    peers = [s for s in solvers if not s.startswith("matcher")]
    has_matcher = "matcher" in solvers

    header = ["instance", *solvers, "fastest peer", "objectives"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    merged, all_agree = [], True
    for instance in sorted(by_instance, key=instance_order):
        results = by_instance[instance]
        ok = {s: r for s, r in results.items() if r.get("error") is None}
        # The reference is the answer most solvers give (ties: the first solver's).
        reference = max(ok.values(), key=lambda r: sum(agrees(r, o) for o in ok.values()), default=None)
        wrong = [s for s, r in ok.items() if not agrees(r, reference)]
        failed = [s for s in results if s not in ok]
        all_agree &= not wrong
        matcher = ok.get("matcher")

        def cell(solver):
            record = results.get(solver)
            if record is None:
                return "–"
            if solver not in ok:
                return "error"
            text = seconds(record["median_s"])
            if solver != "matcher" and matcher is not None and matcher["median_s"] > 0:
                text += f" ({record['median_s'] / matcher['median_s']:.3g}×)"
            return text + (" ✗" if solver in wrong else "")

        right_peers = [s for s in peers if s in ok and s not in wrong]
        fastest = min(right_peers, key=lambda s: ok[s]["median_s"], default=None)
        fastest_cell = "–" if fastest is None else f"{fastest} {seconds(ok[fastest]['median_s'])}"
        status = "equal" if not wrong else "MISMATCH: " + ", ".join(wrong)
        if failed:
            status += " (failed: " + ", ".join(failed) + ")"
        lines.append("| " + " | ".join([instance, *map(cell, solvers), fastest_cell, status]) + " |")
        merged.append(
            {
                "instance": instance,
                "objective": None if reference is None else reference["objective"],
                "matched": None if reference is None else reference["matched"],
                "fastest_peer": fastest,
                "mismatch": wrong,
                "results": results,
            }
        )

    notes = []
    if has_matcher:
        notes.append("Cells: median seconds (peer time / matcher time); ✗ = objective differs from the others.")
    else:
        notes.append("Cells: median seconds; ✗ = objective differs from the others.")
    notes += [f"{solver}: {error}" for solver, error in missing.items()]
    notes.append("Versions: " + ", ".join(f"{k} {v}" for k, v in sorted(versions_seen.items())))
    text = "\n".join(lines + [""] + notes) + "\n"
    print(text)
    if args.markdown:
        Path(args.markdown).write_text(text)
    if args.out:
        report = {"versions": versions_seen, "not_installed": missing, "instances": merged}
        Path(args.out).write_text(json.dumps(report, indent=2) + "\n")
    return 0 if all_agree else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    run_parser = commands.add_parser("run", help="time peers on every matrix in a directory")
    run_parser.add_argument("--data", required=True, help="directory of {kind}-{rows}x{cols}.f64 files")
    run_parser.add_argument("--peers", required=True, help="comma-separated: " + ",".join(GROUPS))
    run_parser.add_argument("--runs", type=int, default=5, help="timed runs per peer and matrix")
    run_parser.add_argument("--min-runs", type=int, default=3, help="timed runs before the budget applies")
    run_parser.add_argument("--budget", type=float, default=10.0, help="seconds per peer and matrix after --min-runs runs")
    run_parser.add_argument("--solvers", help="comma-separated solver names to keep (default: all of the groups')")
    run_parser.add_argument("--out", required=True, help="JSON results file")
    table_parser = commands.add_parser("table", help="merge result files into one table")
    table_parser.add_argument("files", nargs="+", help="JSON results of `run` or of the compare binary")
    table_parser.add_argument("--out", help="merged JSON")
    table_parser.add_argument("--markdown", help="write the table here too")
    args = parser.parse_args()
    if args.command == "run":
        run(args)
        return 0
    return table(args)


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Validate crmeval JSON reports against the published JSON Schema, and check
the arithmetic a reader would re-do: contributions add up to the score,
effective weights sum to 1, and the ranking order matches the ranks."""
import json
import math
import sys

import jsonschema


def check_arithmetic(report, name):
    errors = []
    weights = [c["effective"] for g in report["weights"] for c in g["criteria"]]
    if abs(sum(weights) - 1.0) > 1e-4:
        errors.append(f"effective weights sum to {sum(weights)}, not 1")
    ranks = [v["rank"] for v in report["vendors"]]
    if ranks != sorted(ranks):
        errors.append(f"vendors not in rank order: {ranks}")
    if [v["id"] for v in report["vendors"]] != report["ranking"]:
        errors.append("'ranking' does not list the vendors in order")
    for v in report["vendors"]:
        total = sum(c["contribution"] for c in v["criteria"])
        if not math.isclose(total, v["score"], abs_tol=1e-3):
            errors.append(f"{v['id']}: contributions sum to {total}, score is {v['score']}")
        groups = sum(g["contribution"] for g in v["groups"])
        if not math.isclose(groups, v["score"], abs_tol=1e-3):
            errors.append(f"{v['id']}: group contributions sum to {groups}")
        fails = [r for r in v["must_have"] if r["result"] in ("fail", "missing")]
        if bool(fails) != v["knocked_out"]:
            errors.append(f"{v['id']}: knocked_out disagrees with must_have results")
    errors += check_panel(report)
    for e in errors:
        print(f"{name}: {e}")
    return not errors


def weighted_median(pairs):
    """pairs: (value, weight) sorted by value; the midpoint at exactly half."""
    total = sum(w for _, w in pairs)
    cum = 0.0
    for i, (x, w) in enumerate(pairs):
        cum += w
        if cum > total / 2 + 1e-12 * total:
            return x
        if cum >= total / 2 - 1e-12 * total:
            return (x + pairs[i + 1][0]) / 2 if i + 1 < len(pairs) else x
    return pairs[-1][0]


def check_panel(report):
    """Re-derive every panel cell from the individual scores: the aggregate,
    min/max/sd and the Tastle-Wierman consensus, and that the vendor was
    scored on the aggregate."""
    panel = report.get("panel")
    if panel is None:
        return []
    errors = []
    rw = panel["role_weights"]
    values = {(v["id"], c["id"]): c for v in report["vendors"] for c in v["criteria"]}
    for cell in panel["cells"]:
        where = f"panel {cell['vendor']}/{cell['criterion']}"
        scores = cell["scores"]
        if len(scores) != cell["count"]:
            errors.append(f"{where}: count {cell['count']} but {len(scores)} scores")
            continue
        if isinstance(scores[0]["value"], (bool, str)):
            continue  # booleans and choices: majority, checked in the unit tests
        ws = [rw[s["role"]] for s in scores]
        xs = [s["value"] for s in scores]
        if sum(ws) <= 0:
            continue
        # scores of roles of weight 0 are shown but not counted
        xs = [x for x, w in zip(xs, ws) if w > 0]
        ws = [w for w in ws if w > 0]
        if panel["aggregate"] == "weighted_mean":
            agg = sum(w * x for w, x in zip(ws, xs)) / sum(ws)
        else:
            agg = weighted_median(sorted((x, w) for x, w in zip(xs, ws) if w > 0))
        if not math.isclose(agg, cell["value"], abs_tol=1e-6):
            errors.append(f"{where}: aggregate {cell['value']}, re-derived {agg}")
        if min(xs) != cell["min"] or max(xs) != cell["max"]:
            errors.append(f"{where}: min/max {cell['min']}/{cell['max']}, scores {xs}")
        mean = sum(w * x for w, x in zip(ws, xs)) / sum(ws)
        sd = math.sqrt(sum(w * (x - mean) ** 2 for w, x in zip(ws, xs)) / sum(ws))
        if not math.isclose(sd, cell["sd"], abs_tol=1e-6):
            errors.append(f"{where}: sd {cell['sd']}, re-derived {sd}")
        if cell["width"] > 0 and max(xs) > min(xs):
            cns = 1 + sum(w / sum(ws) * math.log2(max(1 - abs(x - mean) / cell["width"], 1e-12))
                          for w, x in zip(ws, xs))
            if not math.isclose(max(0.0, min(1.0, cns)), cell["consensus"], abs_tol=1e-6):
                errors.append(f"{where}: consensus {cell['consensus']}, re-derived {cns}")
        used = values.get((cell["vendor"], cell["criterion"]))
        if cell["applied"] and (used is None or used.get("origin") != "panel"
                                or not math.isclose(used["value"], cell["value"], abs_tol=1e-6)):
            errors.append(f"{where}: the vendor was not scored on the panel's value ({used})")
    return errors


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    ok = True
    for path in sys.argv[2:]:
        with open(path, encoding="utf-8") as f:
            report = json.load(f)
        errors = sorted(validator.iter_errors(report), key=str)
        for err in errors:
            where = "/".join(str(p) for p in err.absolute_path)
            print(f"{path}: /{where}: {err.message}")
        # The arithmetic checks assume the shape the schema guarantees.
        ok = not errors and check_arithmetic(report, path) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

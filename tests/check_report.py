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
    for e in errors:
        print(f"{name}: {e}")
    return not errors


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

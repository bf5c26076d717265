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
        results = {r["result"] for r in v["must_have"]}
        status = "fail" if "fail" in results else "unverified" if "unverified" in results else "pass"
        if status != v["must_have_status"]:
            errors.append(f"{v['id']}: must_have_status {v['must_have_status']}, rules say {status}")
        policy = report["evaluation"]["unverified_must_haves"]
        out = status == "fail" or (status == "unverified" and policy == "knock_out")
        if out != v["knocked_out"]:
            errors.append(f"{v['id']}: knocked_out disagrees with must_have results")
    errors += check_panel(report)
    errors += check_verdict(report)
    for e in errors:
        print(f"{name}: {e}")
    return not errors


def check_verdict(report):
    """Re-derive what the verdict rests on from the rest of the report: the
    lead both ways, a tie, the preliminary reasons, P(rank 1) summing to 1,
    the questions' order and the value-for-money costs."""
    errors = []
    sens = report["sensitivity"]
    vendors = {v["id"]: v for v in report["vendors"]}
    contenders = [v for v in report["vendors"] if not v["knocked_out"]]
    lead = sens["lead"]
    if lead is not None:
        a, b = vendors[lead["winner"]], vendors[lead["runner_up"]]
        net = lead["winner_total"] - lead["runner_up_total"]
        if not math.isclose(net, a["score"] - b["score"], abs_tol=1e-4):
            errors.append(f"lead: net {net}, scores differ by {a['score'] - b['score']}")
        if not math.isclose(sum(x["points"] for x in lead["winner_gains"]), lead["winner_total"],
                            abs_tol=1e-4):
            errors.append("lead: the winner's gains do not add up")
    tied = [v["id"] for v in contenders if contenders and v["score"] == contenders[0]["score"]
            and v["rank"] == contenders[0]["rank"]]
    if (len(tied) > 1) != (sens["tie"] is not None) or (sens["tie"] and sens["tie"]["vendors"] != tied):
        errors.append(f"tie: report says {sens['tie']}, scores say {tied}")
    if len(tied) > 1 and sens["recommended"] is not None:
        errors.append("a tie must not name a recommended vendor")
    th = sens["thresholds"]
    reasons = {r["reason"] for r in sens["preliminary"]}
    policy = report["evaluation"]["unverified_must_haves"]
    tier = lambda v: 1 if v["must_have_status"] == "unverified" and policy == "after_passing" else 0
    if contenders:
        first = [v for v in contenders if tier(v) == tier(contenders[0])]
        scores = sorted({v["score"] for v in first}, reverse=True)
        subjects = [v for v in first if v["score"] in scores[:1 if len(tied) > 1 else 2]]
        low = {v["id"] for v in subjects if v["evidence_share"] < th["min_evidence"]}
        said = {r["vendor"] for r in sens["preliminary"] if r["reason"] == "evidence"}
        if low != said:
            errors.append(f"preliminary: evidence below the threshold for {low}, report says {said}")
    if (sens["verdict"] == "preliminary") != bool(reasons):
        errors.append("verdict: preliminary exactly when a reason holds")
    if sens["verdict"] != "preliminary" and sens["verdict"] != sens["robustness"]:
        errors.append("verdict: not preliminary, so it is the robustness")
    sim = report.get("simulation")
    if sim is not None:
        total = sum(v["p_first"] for v in sim["vendors"])
        if not math.isclose(total, 1.0, abs_tol=1e-4):
            errors.append(f"simulation: P(rank 1) sums to {total}")
    keys = [(not q["could_change_winner"], not q["must_have"], -round(q["points_at_stake"], 6))
            for q in sens["questions"]]
    if keys != sorted(keys):
        errors.append("questions: not in order (could change the winner, must-have, then points "
                      "at stake)")
    if sens["value_for_money_basis"] == "pv_of_costs":
        for row in sens["value_for_money"]:
            fin = vendors[row["id"]]["finance"]
            want = fin["unadjusted"]["summary"]["pv_costs"] if fin["price_known"] else None
            if (want is None) != (row["cost"] is None) or (
                    want is not None and not math.isclose(want, row["cost"], abs_tol=0.01)):
                errors.append(f"value for money of {row['id']}: {row['cost']}, PV of costs {want}")
    return errors


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

#!/usr/bin/env python3
"""Allocation-failure sweep: run a crmeval command once normally, then again
with its Nth allocation failed (tests/torture/failalloc.c, preloaded), for
every N or a sample, and check that each run either

  * exits 1, says "out of memory" on stderr and writes nothing: no report,
    no temporary file, the database as it was (and intact), or
  * exits 0 with stdout, stderr, every output file and the database's
    content identical to the normal run's,

and never crashes (a signal), hangs, or exits 2 (out of memory is not bad
input). The model is curl's torture tests (runtests.pl -t) and SQLite's
malloc tests. Usage: docs/torture.md.
"""
import argparse
import collections
import glob
import io
import os
import queue
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import zipfile
from concurrent.futures import ThreadPoolExecutor

# Columns holding the clock: they differ from run to run by design.
TIME_COLUMNS = {"recorded_at", "added_at", "scored_at", "replaced_at", "answered_at"}
TIMEOUT_S = 120
# evaluate-json is left out: evaluate makes the same allocations first
DEFAULT_SCENARIOS = ["evaluate", "evaluate-logo", "evaluate-threads", "evaluate-xlsx",
                     "simulate", "finance", "finance-xlsx", "finance-xlsx-retail", "validate",
                     "weights", "init", "import", "evaluate-workspace", "diff", "audit", "rfi",
                     "rfi-import"]


def db_content(path):
    """A database's content without its clock columns, and whether SQLite
    finds it intact; None when there is no database."""
    if not os.path.exists(path):
        return None
    con = sqlite3.connect(path)
    try:
        ok = con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        content = [("user_version", con.execute("PRAGMA user_version").fetchone()),
                   ("application_id", con.execute("PRAGMA application_id").fetchone())]
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")]
        for t in tables:
            cur = con.execute('SELECT * FROM "%s"' % t.replace('"', '""'))
            keep = [i for i, d in enumerate(cur.description) if d[0] not in TIME_COLUMNS]
            rows = sorted((tuple(r[i] for i in keep) for r in cur), key=repr)
            content.append((t, rows))
        return ok, content
    finally:
        con.close()


class Scenario:
    """One command to sweep: its arguments ("{inputs}" stands for the
    directory @prepare fills once), the files it writes (relative to the
    run's directory; "DIR/" for every file in DIR), its database, a setup
    step run (without failures) in each fresh run directory (with a
    @prepare step, @setup(inputs) makes it), and environment variables of
    its own."""

    def __init__(self, name, args, outputs, db=None, setup=None, prepare=None, env=None):
        self.name, self.args, self.outputs, self.db = name, args, outputs, db
        self.setup, self.prepare, self.env = setup, prepare, env or {}


def scenarios(src, binary):
    hand = os.path.join(src, "tests/data/hand/evaluation.yaml")
    sheet = os.path.join(src, "examples/panel/it-zhang-wei.csv")
    retail = os.path.join(src, "examples/retail-sme.yaml")
    xlsx_billing = os.path.join(src, "tests/data/xlsx/billing.yaml")
    xlsx_midyear = os.path.join(src, "tests/data/xlsx/midyear.yaml")
    bundled = sorted(glob.glob(os.path.join(src, "criteria", "*.yaml")) +
                     glob.glob(os.path.join(src, "criteria", "profiles", "*.yaml")) +
                     glob.glob(os.path.join(src, "vendors", "*.yaml")))

    def init_ws(run_dir):
        subprocess.run([binary, "init", "--profile", "retail", "ws"], cwd=run_dir,
                       stdout=subprocess.DEVNULL, check=True)

    def imported_ws(run_dir):
        init_ws(run_dir)
        subprocess.run([binary, "score", "-w", "ws", "--evaluator", "张伟", "--role", "it",
                        "--import", sheet], cwd=run_dir, stdout=subprocess.DEVNULL, check=True)

    def two_runs(inputs):
        """A workspace with two recorded runs, the panel's scores changed
        between them."""
        os.makedirs(inputs)
        for args in (["init", "--profile", "retail", "ws"],
                     ["score", "-w", "ws", "--evaluator", "张伟", "--role", "it", "--import", sheet],
                     ["evaluate", "--quiet", "--pdf", "", "--json", "ws/1.json", "ws/evaluation.yaml"],
                     ["score", "-w", "ws", "--import",
                      os.path.join(src, "examples/panel/round-2.csv")],
                     ["evaluate", "--quiet", "--pdf", "", "--json", "ws/2.json", "ws/evaluation.yaml"]):
            if "" in args:
                i = args.index("")
                args = args[:i - 1] + args[i + 1:]
            subprocess.run([binary] + args, cwd=inputs, stdout=subprocess.DEVNULL, check=True)

    def copy_ws(inputs):
        return lambda run_dir: shutil.copytree(os.path.join(inputs, "ws"),
                                               os.path.join(run_dir, "ws"))

    def with_logo(inputs):
        """The hand-computed case with the firm template: a PNG logo."""
        os.makedirs(inputs)
        with open(hand, encoding="utf-8") as f:
            text = f.read()
        text = text.replace("criteria: criteria.yaml",
                            "criteria: %s/tests/data/hand/criteria.yaml" % src)
        text = text.replace("profile: profile.yaml", "profile: %s/tests/data/hand/profile.yaml" % src)
        text = text.replace("vendor_dir: vendors", "vendor_dir: %s/tests/data/hand/vendors" % src)
        text += "template: %s/tests/data/templates/firm/firm.yaml\n" % src
        with open(os.path.join(inputs, "evaluation.yaml"), "w", encoding="utf-8") as f:
            f.write(text)

    def synthetic(inputs):
        subprocess.run([sys.executable, os.path.join(src, "bench/gen_synthetic.py"),
                        "--vendors", "16", "--criteria", "8", "--seed", "11", "--out", inputs],
                       stdout=subprocess.DEVNULL, check=True)

    def answered(inputs):
        """A questionnaire workbook filled in (tests/rfi_fill.py), and a
        one-answer CSV that makes the database."""
        os.makedirs(inputs)
        subprocess.run([binary, "rfi", "-o", inputs, "-V", "b", hand], stdout=subprocess.DEVNULL,
                       check=True)
        subprocess.run([sys.executable, os.path.join(src, "tests/rfi_fill.py"),
                        os.path.join(inputs, "b-rfi.xlsx"), os.path.join(inputs, "filled.xlsx")],
                       stdout=subprocess.DEVNULL, check=True)
        with open(os.path.join(inputs, "seed.csv"), "w", encoding="utf-8") as f:
            f.write("vendor,criterion,answer\na,g1.r,1\n")

    def seeded_db(inputs):
        return lambda run_dir: subprocess.run(
            [binary, "rfi", "--import", "-e", hand, "-s", "ws.db", "-R", "Li Na",
             os.path.join(inputs, "seed.csv")], cwd=run_dir, stdout=subprocess.DEVNULL,
            check=True)

    return {
        # the hand-computed case, both reports
        "evaluate": Scenario("evaluate", ["evaluate", "--json", "out/report.json",
                                          "--pdf", "out/report.pdf", hand],
                             ["out/report.json", "out/report.pdf"]),
        # the same with a template that has a logo (a PNG, decoded by libpng)
        "evaluate-logo": Scenario("evaluate-logo", ["evaluate", "--json", "out/report.json",
                                                    "--pdf", "out/report.pdf",
                                                    "{inputs}/evaluation.yaml"],
                                  ["out/report.json", "out/report.pdf"], prepare=with_logo),
        # the same, JSON only (the 4,519-allocation run)
        "evaluate-json": Scenario("evaluate-json",
                                  ["evaluate", "--json", "out/report.json", hand],
                                  ["out/report.json"]),
        # 16 vendor files, read on two threads
        "evaluate-threads": Scenario("evaluate-threads",
                                     ["evaluate", "--json", "out/report.json", "--pdf", "",
                                      "{inputs}/evaluation.yaml"],
                                     ["out/report.json"], prepare=synthetic,
                                     env={"CRMEVAL_THREADS": "2"}),
        # uncertain inputs drawn on two threads (a thread is counted too)
        "simulate": Scenario("simulate", ["simulate", "-n", "200", "-T", "2", "--json",
                                          "out/simulation.json", retail],
                             ["out/simulation.json"]),
        # the finance tables, and the CSV files of every vendor
        "finance": Scenario("finance", ["finance", "--csv", "out/csv", retail], ["out/csv/"]),
        # the tables, the CSV files and the workbook (libxlsxwriter, made in
        # a child process through a file in TMPDIR) of the workbook's test
        # case: billing in advance and mid-year, per-line risk, tiers,
        # percentages, exchange rates, rate scenarios, two vendors
        "finance-xlsx": Scenario("finance-xlsx", ["finance", "--csv", "out/csv", "--xlsx",
                                                  "out/finance.xlsx", xlsx_billing],
                                 ["out/csv/", "out/finance.xlsx"]),
        # the same of the retail example: eight vendors, eight vendor sheets
        # (the workbook's last 29,000 of its 47,000 allocations)
        "finance-xlsx-retail": Scenario("finance-xlsx-retail",
                                        ["finance", "--csv", "out/csv", "--xlsx",
                                         "out/finance.xlsx", retail],
                                        ["out/csv/", "out/finance.xlsx"]),
        # an evaluation's JSON report and its workbook, in Chinese, mid-year
        # timing, missing values ignored in the scores
        "evaluate-xlsx": Scenario("evaluate-xlsx",
                                  ["evaluate", "--json", "out/report.json", "--xlsx",
                                   "out/finance.xlsx", xlsx_midyear],
                                  ["out/report.json", "out/finance.xlsx"]),
        # every bundled criteria set, profile and vendor checked, and a sheet
        "validate": Scenario("validate", ["validate"] + bundled + [sheet], []),
        # weights from a panel's judgements, written as a profile
        "weights": Scenario("weights", ["weights", "-o", "out/profile.yaml",
                                        os.path.join(src, "examples/weights/retail-panel.yaml")],
                            ["out/profile.yaml"]),
        # a workspace: made, then a score sheet imported into it
        "init": Scenario("init", ["init", "--profile", "retail", "ws"],
                         ["ws/evaluation.yaml"], db="ws/crmeval.db"),
        "import": Scenario("import", ["score", "-w", "ws", "--evaluator", "张伟", "--role",
                                      "it", "--import", sheet],
                           [], db="ws/crmeval.db", setup=init_ws),
        # two recorded runs compared, and one vendor's audit trail
        "diff": Scenario("diff", ["diff", "-w", "ws", "1", "2"], [], db="ws/crmeval.db",
                         prepare=two_runs, setup=copy_ws),
        "audit": Scenario("audit", ["audit", "-w", "ws", "fxiaoke"], [], db="ws/crmeval.db",
                          prepare=two_runs, setup=copy_ws),
        # a CSV questionnaire per vendor, written together (the workbook is
        # left out, as finance --xlsx is: libxlsxwriter 1.1.5 writes the
        # file without checking some of its own allocations, e.g. in
        # lxw_new_attribute_int, and crashes there out of memory)
        "rfi": Scenario("rfi", ["rfi", "-o", "out/rfi", "-f", "csv", hand], ["out/rfi/"]),
        # a filled-in workbook read (minizip, expat), checked, recorded
        "rfi-import": Scenario("rfi-import", ["rfi", "--import", "-e", hand, "-s", "ws.db",
                                              "-R", "Li Na", "{inputs}/filled.xlsx"],
                               [], db="ws.db", prepare=answered, setup=seeded_db),
        # the workspace evaluated: panel, store, the retail profile, JSON
        "evaluate-workspace": Scenario("evaluate-workspace",
                                       ["evaluate", "--json", "ws/out/report.json",
                                        "--pdf", "", "ws/evaluation.yaml"],
                                       ["ws/out/report.json"], db="ws/crmeval.db",
                                       setup=imported_ws),
    }


class Runner:
    def __init__(self, binary, preload, scenario, work):
        self.binary, self.preload, self.sc, self.work = binary, preload, scenario, work
        self.inputs = os.path.join(work, "inputs")
        self.setup = scenario.setup
        os.makedirs(work)
        if scenario.prepare:
            scenario.prepare(self.inputs)
            # a setup step that needs the inputs is made from them
            self.setup = scenario.setup(self.inputs) if scenario.setup else None

    def run(self, n, slot, persist=False):
        """Run with allocation @n failed (0: none) in a fresh directory;
        returns what the checks need."""
        run_dir = os.path.join(self.work, "run%d" % slot)
        shutil.rmtree(run_dir, ignore_errors=True)
        os.makedirs(run_dir)
        if self.setup:
            self.setup(run_dir)
        db_before = db_content(os.path.join(run_dir, self.sc.db)) if self.sc.db else None
        # the run's own TMPDIR (the workbook is made in a file there), to see
        # that nothing is left in it
        tmp_dir = os.path.join(self.work, "tmp%d" % slot)
        shutil.rmtree(tmp_dir, ignore_errors=True)
        os.makedirs(tmp_dir)
        count_file = os.path.join(self.work, "count%d" % slot)
        env = dict(os.environ, LD_PRELOAD=self.preload, CRMEVAL_FAIL_AT=str(n),
                   CRMEVAL_FAIL_COUNT=count_file, CRMEVAL_THREADS="1", LC_ALL="C.UTF-8",
                   TMPDIR=tmp_dir)
        env.update(self.sc.env)
        env.pop("CRMEVAL_FAIL_PERSIST", None)
        if persist:
            env["CRMEVAL_FAIL_PERSIST"] = "1"
        args = [a.replace("{inputs}", self.inputs) for a in self.sc.args]
        if "" in args:  # "--pdf", "": no PDF
            i = args.index("")
            args = args[:i - 1] + args[i + 1:]
        try:
            p = subprocess.run([self.binary] + args, cwd=run_dir, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               timeout=TIMEOUT_S)
            code, out, err = p.returncode, p.stdout, p.stderr
        except subprocess.TimeoutExpired as e:
            code, out, err = "timeout", e.stdout or b"", e.stderr or b""
        try:
            with open(count_file) as f:
                calls, failed = (int(x) for x in f.read().split())
        except (OSError, ValueError):
            calls, failed = None, None
        files = {}
        for rel in self.sc.outputs:
            path = os.path.join(run_dir, rel)
            # "DIR/": every file in it
            names = [os.path.join(rel, x) for x in sorted(os.listdir(path))] \
                if rel.endswith("/") and os.path.isdir(path) else [rel]
            for name in names:
                if os.path.isfile(os.path.join(run_dir, name)):
                    with open(os.path.join(run_dir, name), "rb") as f:
                        files[name] = f.read()
        temps = []
        for root, _, names in os.walk(run_dir):
            temps += [os.path.relpath(os.path.join(root, x), run_dir)
                      for x in names if ".tmp." in x]
        for root, _, names in os.walk(tmp_dir):
            temps += [os.path.join("$TMPDIR", os.path.relpath(os.path.join(root, x), tmp_dir))
                      for x in names]
        db_after = db_content(os.path.join(run_dir, self.sc.db)) if self.sc.db else None
        return dict(n=n, code=code, stdout=out, stderr=err, calls=calls, failed=failed,
                    files=files, temps=temps, db_before=db_before, db_after=db_after,
                    notes=[])


# A frozen pane's <selection> elements (which cell each pane of the
# frozen headers has selected). libxlsxwriter 1.1.4 allocates them while
# it writes the sheet and, when that calloc fails, leaves the element out
# without a word; its tmpfileplus then sets errno to 0, so the writer
# cannot tell (docs/torture.md, "The workbook"). The figures, formulas,
# formats and the panes themselves are all there.
SELECTION = re.compile(rb'<selection pane="[A-Za-z]+"[^>]*/>')


def same_workbook(a, b):
    """Whether two .xlsx files hold the same parts, byte for byte, but for
    frozen panes' selections: "same", "selection" or "differs"."""
    if a == b:
        return "same"
    try:
        za, zb = zipfile.ZipFile(io.BytesIO(a)), zipfile.ZipFile(io.BytesIO(b))
        if za.namelist() != zb.namelist():
            return "differs"
        for name in za.namelist():
            pa, pb = za.read(name), zb.read(name)
            if pa != pb and SELECTION.sub(b"", pa) != SELECTION.sub(b"", pb):
                return "differs"
    except zipfile.BadZipFile:
        return "differs"
    return "selection"


def check(ref, r):
    """The ways run @r breaks the rules, given the normal run @ref."""
    bad = []
    code = r["code"]
    if code == "timeout":
        return ["hang (over %d s)" % TIMEOUT_S]
    if code < 0:
        return ["crash: signal %d" % -code]
    if r["temps"]:
        bad.append("temporary files left: %s" % ", ".join(r["temps"]))
    if r["db_after"] is not None and not r["db_after"][0]:
        bad.append("database fails its integrity check")
    if code == 0:
        for what in ("stdout", "stderr"):
            if r[what] != ref[what]:
                bad.append("exit 0 but %s differs" % what)
        for rel in sorted(set(ref["files"]) | set(r["files"])):
            mine, theirs = r["files"].get(rel), ref["files"].get(rel)
            if mine == theirs:
                continue
            if rel.endswith(".xlsx") and mine is not None and theirs is not None:
                same = same_workbook(mine, theirs)
                if same == "selection":
                    r["notes"].append("exit 0, %s without a frozen pane's selection" % rel)
                    continue
            bad.append("exit 0 but %s %s" % (rel, "differs" if rel in r["files"]
                                              else "is missing"))
        if r["db_after"] is not None and r["db_after"][1] != ref["db_after"][1]:
            bad.append("exit 0 but the database content differs")
    elif code == 1:
        if b"out of memory" not in r["stderr"]:
            bad.append("exit 1 without 'out of memory' on stderr")
        for rel in sorted(r["files"]):
            bad.append("exit 1 but %s was written" % rel)
        if r["db_before"] is not None and r["db_after"] is not None and \
                r["db_after"][1] != r["db_before"][1]:
            bad.append("exit 1 but the database changed")
        if r["db_before"] is None and r["db_after"] is not None:
            bad.append("exit 1 but a database was made")
    else:
        bad.append("exit %d" % code)
    return bad


def pick(total, sample, seed):
    """Every N from 1 to @total, or @sample of them: evenly spread, plus
    the first few (start-up paths) and a seeded random few."""
    if sample is None or sample >= total:
        return list(range(1, total + 1))
    rng = random.Random(seed)
    chosen = set(range(1, min(total, 10) + 1))
    step = total / (sample / 2)
    chosen |= {max(1, min(total, int(i * step))) for i in range(int(sample / 2) + 1)}
    while len(chosen) < sample:
        chosen.add(rng.randint(1, total))
    return sorted(chosen)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--binary", required=True)
    ap.add_argument("--preload", required=True, help="the failalloc shared library")
    ap.add_argument("--source", required=True, help="the source tree")
    ap.add_argument("--scenario", action="append", help="default: all")
    ap.add_argument("--sample", type=int, help="this many N per scenario (default: every N)")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--from", dest="first", type=int, default=1)
    ap.add_argument("--to", dest="last", type=int)
    ap.add_argument("--persist", action="store_true",
                    help="fail every allocation from the Nth on (SQLite's persistent mode)")
    ap.add_argument("--jobs", "-j", type=int, default=1)
    ap.add_argument("--show", type=int, default=20, help="list this many bad runs")
    args = ap.parse_args()
    binary, preload = os.path.abspath(args.binary), os.path.abspath(args.preload)
    all_scenarios = scenarios(os.path.abspath(args.source), binary)
    names = args.scenario or DEFAULT_SCENARIOS
    ok = True
    with tempfile.TemporaryDirectory(prefix="crmeval-torture-") as work:
        for name in names:
            sc = all_scenarios[name]
            runner = Runner(binary, preload, sc, os.path.join(work, name))
            ref = runner.run(0, 0)
            if ref["code"] != 0 or ref["calls"] is None:
                print("%s: the normal run failed (exit %s): %s" %
                      (name, ref["code"], ref["stderr"].decode(errors="replace")))
                ok = False
                continue
            total = ref["calls"]
            ns = [n for n in pick(total, args.sample, args.seed)
                  if n >= args.first and (args.last is None or n <= args.last)]
            codes = collections.Counter()
            problems = collections.Counter()
            notes = collections.Counter()
            bad_runs = []
            slots = queue.Queue()
            for i in range(args.jobs):
                slots.put(i + 1)

            def task(n):
                slot = slots.get()  # one run directory per worker
                try:
                    return runner.run(n, slot, args.persist)
                finally:
                    slots.put(slot)

            with ThreadPoolExecutor(max_workers=args.jobs) as pool:
                results = pool.map(task, ns)
                for r in results:
                    codes[r["code"]] += 1
                    bad = check(ref, r)
                    for b in bad:
                        problems[b.split(":")[0] if not b.startswith("crash") else b] += 1
                    if bad:
                        bad_runs.append((r, bad))
                    for note in r["notes"]:
                        notes[note] += 1
            print("%s: %d allocations in a normal run; %d runs (%s)" %
                  (name, total, len(ns), "every N" if len(ns) == total else "a sample"))
            print("  exit codes: %s" % ", ".join("%s: %d" % (k, v) for k, v in
                                                  sorted(codes.items(), key=str)))
            for note, c in notes.most_common():
                print("  allowed: %d runs %s" % (c, note))
            if problems:
                ok = False
                print("  runs breaking the rules: %d" % len(bad_runs))
                for p, c in problems.most_common():
                    print("    %6d  %s" % (c, p))
                for r, bad in bad_runs[:args.show]:
                    err = r["stderr"].decode(errors="replace").strip().splitlines()
                    print("  N=%d exit %s: %s%s" % (r["n"], r["code"], "; ".join(bad),
                                                   (" [stderr: %s]" % err[-1]) if err else ""))
            else:
                print("  every run exited 1 with nothing written, or 0 with identical output")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

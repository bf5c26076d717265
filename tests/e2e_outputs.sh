#!/bin/sh
# Nothing lost, nothing crashes: what crmeval writes.
#   - no output replaces a file the run reads: the workspace database (and
#     its -wal/-shm, made yet or not), the evaluation, a vendor profile;
#   - temporaries are made exclusively beside the target: a symbolic link
#     planted at the old name (PATH.tmp.PID) is not followed, and leftovers
#     of a killed run are not reused;
#   - over the file size limit (ulimit -f): "file too large", exit 1, and
#     no temporary left;
#   - a replaced report keeps its permission bits;
#   - all reports and the run's record, or none: a failed PDF leaves the
#     old JSON, SIGTERM or SIGINT while waiting for the database removes
#     the temporaries, a read-only database fails the run before any report;
#   - commands that only read work in a read-only workspace.
set -u
bin=$1 src=$2 python=$3
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
temps() { find "$tmp" -name '*.tmp.*' ! -name 'report.json.tmp.99999.*'; }
# the database's runs, and whether SQLite finds it whole
db_state() {
    "$python" - "$1" <<'EOF'
import sqlite3, sys
con = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
print(con.execute("SELECT count(*) FROM runs").fetchone()[0],
      con.execute("PRAGMA integrity_check").fetchone()[0])
EOF
}

"$bin" init "$tmp/ws" >/dev/null || fail "init"
ws=$tmp/ws
# its own copy of the vendors, so that a regression clobbers nothing real
cp -r "$src/vendors" "$tmp/vendors" || exit 1
printf 'vendor_dir: %s\n' "$tmp/vendors" >>"$ws/evaluation.yaml"
"$bin" evaluate --quiet "$ws/evaluation.yaml" || fail "the first run"
[ "$(db_state "$ws/crmeval.db")" = "1 ok" ] || fail "one run: $(db_state "$ws/crmeval.db")"

# 1. outputs never replace inputs (exit 2, both paths named, nothing changed)
cp "$ws/evaluation.yaml" "$tmp/evaluation.before"
refused() { # expected message, then the command
    want=$1
    shift
    "$bin" "$@" >/dev/null 2>"$tmp/err"
    code=$?
    [ $code -eq 2 ] || fail "$* exited $code, expected 2: $(cat "$tmp/err")"
    grep -q "$want" "$tmp/err" || fail "$*: expected '$want' in: $(cat "$tmp/err")"
}
refused "error: the JSON report would replace the workspace database '$ws/crmeval.db'" \
    evaluate --json "$ws/crmeval.db" "$ws/evaluation.yaml"
refused "the PDF report would replace the workspace database's write-ahead log" \
    evaluate --pdf "$ws/crmeval.db-wal" "$ws/evaluation.yaml"
refused "the JSON report would replace the workspace database's shared-memory index" \
    evaluate --json "$ws/./crmeval.db-shm" "$ws/evaluation.yaml"
refused "the JSON report would replace the evaluation '$ws/evaluation.yaml'" \
    evaluate --json "$ws/evaluation.yaml" "$ws/evaluation.yaml"
refused "the score sheet would replace the workspace database '$ws/crmeval.db'" \
    sheet -w "$ws" "$ws/crmeval.db"
refused "the score sheet would replace the evaluation" sheet -w "$ws" "$ws/evaluation.yaml"
refused "the JSON report would replace the vendor profile '$tmp/vendors/zoho_crm.yaml'" \
    simulate --trials 100 --json "$tmp/vendors/zoho_crm.yaml" "$ws/evaluation.yaml"
# a database the run is about to make is protected by its name
refused "the JSON report would replace the workspace database '$tmp/new.db'" \
    evaluate --store "$tmp/new.db" --json "$tmp/new.db" "$ws/evaluation.yaml"
[ ! -e "$tmp/new.db" ] || fail "a refused run made its database"
ln -s "$ws/crmeval.db" "$tmp/alias.db"
refused "would replace the workspace database" \
    evaluate --json "$tmp/alias.db" "$ws/evaluation.yaml"
[ "$(db_state "$ws/crmeval.db")" = "1 ok" ] || fail "the database changed: $(db_state "$ws/crmeval.db")"
cmp -s "$tmp/evaluation.before" "$ws/evaluation.yaml" || fail "the evaluation changed"
# devices stay allowed
"$bin" evaluate --quiet --json /dev/null --pdf /dev/null "$ws/evaluation.yaml" ||
    fail "reports to /dev/null"

# 3. a link planted at the old temporary name is not followed (exec keeps
#    the shell's PID, which the old name used)
echo precious >"$tmp/victim"
sh -c 'ln -s "$1" "$2.tmp.$$" && exec "$3" evaluate --quiet --json "$2" --pdf /dev/null "$4"' \
    sh "$tmp/victim" "$tmp/planted.json" "$bin" "$ws/evaluation.yaml" || fail "planted link"
[ "$(cat "$tmp/victim")" = precious ] || fail "the temporary followed a planted link"
[ -f "$tmp/planted.json" ] && [ ! -L "$tmp/planted.json" ] || fail "the report is not a file"
rm -f "$tmp"/planted.json.tmp.*

# leftovers of a killed run (SIGKILL cannot be caught) are left alone
report=$ws/out/report.json
echo stale >"$report.tmp.99999.abcdef"
mkdir "$report.tmp.99999.0000aa"
"$bin" evaluate --quiet "$ws/evaluation.yaml" || fail "a run beside leftovers"
[ "$(cat "$report.tmp.99999.abcdef")" = stale ] || fail "a leftover was touched"

# 5. a replaced report keeps its permission bits
chmod 640 "$report"
"$bin" evaluate --quiet "$ws/evaluation.yaml" || fail "a run over a 0640 report"
[ "$(stat -c %a "$report")" = 640 ] || fail "the report's mode became $(stat -c %a "$report")"

# 3. past the file size limit: exit 1, "file too large", nothing left (an
#    evaluation without a workspace: SQLite would fail first)
ex=$src/examples/retail-sme.yaml
"$bin" evaluate --quiet --json "$tmp/big.json" --pdf /dev/null "$ex" || fail "a JSON report"
cp "$tmp/big.json" "$tmp/big.before"
(ulimit -f 16 && exec "$bin" evaluate --quiet --json "$tmp/big.json" --pdf /dev/null "$ex") \
    2>"$tmp/err"
code=$?
[ $code -eq 1 ] || fail "over ulimit -f: exit $code, expected 1: $(cat "$tmp/err")"
grep -q "big.json: error: cannot write: file too large" "$tmp/err" ||
    fail "no 'file too large': $(cat "$tmp/err")"
cmp -s "$tmp/big.before" "$tmp/big.json" || fail "a failed run changed the report"
[ -z "$(temps)" ] || fail "temporaries left: $(temps)"
# 4. all reports or none: a PDF that cannot be rendered (a missing font)
#    leaves the JSON report as it was, and no temporary
echo "old json" >"$tmp/r.json"
"$bin" evaluate --quiet --json "$tmp/r.json" --pdf "$tmp/r.pdf" \
    "$src/tests/data/bad/eval-missing-font.yaml" 2>"$tmp/err"
[ $? -eq 2 ] || fail "a missing font should exit 2: $(cat "$tmp/err")"
[ "$(cat "$tmp/r.json")" = "old json" ] || fail "a failed PDF left a new JSON report"
[ ! -e "$tmp/r.pdf" ] || fail "a failed PDF left a PDF"
[ -z "$(temps)" ] || fail "temporaries left: $(temps)"

# 3 and 4. the database locked by another writer: evaluate renders its
#    reports, then waits for the lock; SIGTERM, or SIGINT (Ctrl-C), then
#    removes its temporaries, and the old reports and the runs stay as
#    they were
runs_before=$(db_state "$ws/crmeval.db")
cp "$report" "$tmp/report.before"
sed -i 's/^title: .*/title: "a new title, so a new report would differ"/' "$ws/evaluation.yaml"
cat >"$tmp/lock.py" <<'PY'
import sqlite3, sys, time
con = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=10)
con.execute("BEGIN IMMEDIATE")
open(sys.argv[2], "w").close()
time.sleep(60)
PY
# sh starts a background command with SIGINT ignored (and crmeval keeps an
# ignored signal ignored): python restores its default action, then execs
restore_int='import os, signal, sys
signal.signal(signal.SIGINT, signal.SIG_DFL)
os.execv(sys.argv[1], sys.argv[1:])'
for sig in TERM INT; do
    rm -f "$tmp/locked"
    "$python" "$tmp/lock.py" "$ws/crmeval.db" "$tmp/locked" &
    locker=$!
    n=0
    while [ ! -e "$tmp/locked" ] && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
    "$python" -c "$restore_int" "$bin" evaluate --quiet "$ws/evaluation.yaml" 2>"$tmp/err" &
    pid=$!
    n=0
    while [ -z "$(temps)" ] && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
    [ $n -lt 100 ] || fail "evaluate made no temporaries while waiting for the lock"
    sleep 1 # well into the wait for the lock (the busy timeout is 10 s)
    kill -$sig $pid
    wait $pid
    code=$?
    kill $locker 2>/dev/null
    wait $locker 2>/dev/null
    want=143
    [ $sig = INT ] && want=130
    [ $code -eq $want ] ||
        fail "evaluate should die of SIG$sig ($want), exited $code: $(cat "$tmp/err")"
    [ -z "$(temps)" ] || fail "SIG$sig left temporaries: $(temps)"
    cmp -s "$tmp/report.before" "$report" || fail "an interrupted run changed the report"
    [ "$(db_state "$ws/crmeval.db")" = "$runs_before" ] ||
        fail "an interrupted run was recorded"
done

# 7. commands that only read work in a workspace directory no one may
#    write: run them as a user for whom it is read-only (as root, whom
#    chmod does not stop, that is nobody, through setpriv)
ro=$tmp/ro
"$bin" init "$ro" >/dev/null || fail "init the read-only workspace"
"$bin" score -w "$ro" --evaluator 王芳 --role it fxiaoke usability.ease_of_use 4 >/dev/null ||
    fail "score"
"$bin" evaluate --quiet "$ro/evaluation.yaml" || fail "evaluate before read-only"
chmod 755 "$tmp"
chmod -R a+rX "$ro"
chmod 555 "$ro" "$ro/out"
as_reader() {
    if [ "$(id -u)" != 0 ]; then
        "$@"
    else
        setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
    fi
}
if [ "$(id -u)" = 0 ] && ! command -v setpriv >/dev/null; then
    echo "skip: read-only workspace (running as root, and no setpriv to drop to nobody)"
elif as_reader sh -c "touch '$ro/probe'" 2>/dev/null; then
    rm -f "$ro/probe"
    echo "skip: read-only workspace (the directory is writable for this user)"
else
    ls -a "$ro" >"$tmp/ro.before"
    for cmd in "history $ro" "status -w $ro" "audit -w $ro fxiaoke" "diff -w $ro 1 1" \
            "simulate --trials 100 $ro/evaluation.yaml" "sheet -w $ro --evaluator 王芳 -"; do
        # shellcheck disable=SC2086
        as_reader "$bin" $cmd >"$tmp/ro.out" 2>"$tmp/err" ||
            fail "read-only workspace: '$cmd' exited $?: $(cat "$tmp/err")"
    done
    grep -q "^fxiaoke,usability.ease_of_use,4," "$tmp/ro.out" ||
        fail "the sheet of a read-only workspace lacks the score: $(cat "$tmp/ro.out")"
    ls -a "$ro" >"$tmp/ro.after"
    cmp -s "$tmp/ro.before" "$tmp/ro.after" || fail "a read-only command changed the workspace"
    # 4. evaluate must record its run: a read-only database fails it (exit
    #    1), and then it writes no report either
    mkdir "$tmp/elsewhere" && chmod 777 "$tmp/elsewhere"
    as_reader "$bin" evaluate --quiet --json "$tmp/elsewhere/r.json" --pdf "$tmp/elsewhere/r.pdf" \
        "$ro/evaluation.yaml" 2>"$tmp/err"
    code=$?
    [ $code -eq 1 ] || fail "evaluate on a read-only database: exit $code: $(cat "$tmp/err")"
    grep -q "crmeval.db: error: cannot" "$tmp/err" || fail "unclear error: $(cat "$tmp/err")"
    [ -z "$(ls "$tmp/elsewhere")" ] || fail "a run that could not be recorded wrote $(ls "$tmp/elsewhere")"
fi

echo "ok: outputs"

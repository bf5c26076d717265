#!/bin/sh
# Nothing lost, nothing crashes: what crmeval writes.
#   - no output replaces a file the run reads: the workspace database (and
#     its -wal/-shm, made yet or not), the evaluation, a vendor profile;
#   - temporaries are made exclusively beside the target: a symbolic link
#     planted at the old name (PATH.tmp.PID) is not followed, and leftovers
#     of a killed run are not reused;
#   - over the file size limit (ulimit -f): "file too large", exit 1, and
#     no temporary left;
#   - a replaced report keeps its permission bits.
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
refused "the JSON report would replace the vendor profile '$src/vendors/zoho_crm.yaml'" \
    simulate --trials 100 --json "$src/vendors/zoho_crm.yaml" "$ws/evaluation.yaml"
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
fi

echo "ok: outputs"

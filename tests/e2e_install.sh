#!/bin/sh
# An installed crmeval stands on its own: a fresh build that may not fall
# back to its source tree (-DCRMEVAL_SOURCE_DATA=OFF) is installed to a
# temporary prefix, the build tree is deleted, the prefix is moved
# elsewhere, and then
#   - the installed program evaluates a copy of an example whose criteria
#     are named by id (`criteria: core`), and `init` + `evaluate` work in a
#     new workspace, both from a directory far from the source tree;
#   - the man page, the completions, the bundled data, the headers, the
#     pkg-config file and the CMake package are where docs/install.md says;
#   - a small program compiles and runs against the library found with
#     pkg-config (the shared library, through its SONAME) and with
#     find_package (the static one, its dependencies found again).
set -u
src=$1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
jobs=$(nproc 2>/dev/null || echo 2)

cmake -S "$src" -B "$tmp/build" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
    -DCRMEVAL_SOURCE_DATA=OFF -DCMAKE_INSTALL_PREFIX="$tmp/prefix" \
    >"$tmp/log" 2>&1 || { cat "$tmp/log"; fail "configure"; }
cmake --build "$tmp/build" -j"$jobs" >"$tmp/log" 2>&1 || { cat "$tmp/log"; fail "build"; }
cmake --install "$tmp/build" >"$tmp/log" 2>&1 || { cat "$tmp/log"; fail "install"; }
rm -rf "$tmp/build"
# a prefix that is moved still finds its data beside the program
mv "$tmp/prefix" "$tmp/moved"
p=$tmp/moved
lib=$(cd "$p" && ls -d lib* | head -n 1)
for f in bin/crmeval share/crmeval/criteria/core.yaml share/crmeval/vendors/zoho_crm.yaml \
         share/crmeval/templates/default.yaml share/man/man1/crmeval.1 \
         share/bash-completion/completions/crmeval share/zsh/site-functions/_crmeval \
         include/crmeval/crmeval.h include/crmeval/version.h; do
    [ -f "$p/$f" ] || fail "not installed: $f"
done
pc=$(find "$p" -name crmeval.pc | head -n 1)
[ -n "$pc" ] || fail "no crmeval.pc installed"
cfg=$(find "$p" -name crmevalConfig.cmake | head -n 1)
[ -n "$cfg" ] || fail "no crmevalConfig.cmake installed"
so=$(find "$p" -name 'libcrmeval.so.*' | head -n 1)
[ -n "$so" ] || fail "no shared library with a SONAME installed"

# 1. the example, with its criteria named by id, run far from the source tree
mkdir "$tmp/work" && cd "$tmp/work" || exit 1
cp -r "$src/examples/vendors" vendors
sed -e 's|^criteria: .*|criteria: core|' -e 's|^vendor_dir: .*|vendor_dir: vendors|' \
    -e 's|^template: .*|template: default|' "$src/examples/seed-npv.yaml" >seed.yaml
grep -q '^criteria: core' seed.yaml || fail "the example names no criteria set"
env -u CRMEVAL_DATA "$p/bin/crmeval" evaluate --quiet --json out.json --pdf out.pdf seed.yaml \
    >"$tmp/out" 2>&1 || { cat "$tmp/out"; fail "installed crmeval on the example"; }
[ -s out.json ] && [ -s out.pdf ] || fail "no reports from the installed crmeval"
grep -q "$src" out.json && fail "the report names the source tree"
env -u CRMEVAL_DATA "$p/bin/crmeval" init ws >/dev/null 2>&1 || fail "init"
grep -q "$src" ws/evaluation.yaml && fail "init wrote a path into the source tree"
env -u CRMEVAL_DATA "$p/bin/crmeval" evaluate --quiet ws/evaluation.yaml \
    >"$tmp/out" 2>&1 || { cat "$tmp/out"; fail "evaluate in a new workspace"; }
[ -s ws/out/report.pdf ] || fail "the workspace's PDF report"
# with the data moved away, the error says where it looked (exit 2)
mv "$p/share/crmeval" "$tmp/data"
env -u CRMEVAL_DATA "$p/bin/crmeval" validate ws/evaluation.yaml >"$tmp/out" 2>&1
[ $? -eq 2 ] || fail "no bundled data: expected exit 2"
grep -q "criteria/core.yaml" "$tmp/out" || fail "no bundled data: $(cat "$tmp/out")"
# ...and --data-dir or CRMEVAL_DATA points at it
"$p/bin/crmeval" --data-dir "$tmp/data" validate ws/evaluation.yaml >/dev/null 2>&1 ||
    fail "--data-dir"
CRMEVAL_DATA=$tmp/data "$p/bin/crmeval" validate ws/evaluation.yaml >/dev/null 2>&1 ||
    fail "CRMEVAL_DATA"
mv "$tmp/data" "$p/share/crmeval"

# 2. a program that links the library: it loads and ranks the example
cat >"$tmp/use.c" <<'EOF'
#include <crmeval/crmeval.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    crm_evaluation *ev = NULL;
    crm_diags *diags = crm_diags_new(100);
    char line[1024];
    size_t i;

    if (argc < 3 || diags == NULL || crm_set_data_dir(argv[2]) != CRM_OK) {
        return 2;
    }
    if (crm_evaluation_load(&ev, argv[1], diags) != CRM_OK) {
        for (i = 0; i < crm_diags_count(diags); i++) {
            crm_diag_format(crm_diags_get(diags, i), line, sizeof(line));
            fprintf(stderr, "%s\n", line);
        }
        crm_diags_free(diags);
        return 1;
    }
    printf("%s %s\n", CRMEVAL_VERSION, crm_evaluation_title(ev));
    crm_evaluation_free(ev);
    crm_diags_free(diags);
    return 0;
}
EOF
PKG_CONFIG_PATH=$(dirname "$pc") pkg-config --cflags --libs crmeval >"$tmp/flags" ||
    fail "pkg-config crmeval"
# shellcheck disable=SC2046
cc -std=c11 -o "$tmp/use-shared" "$tmp/use.c" $(cat "$tmp/flags") >"$tmp/out" 2>&1 ||
    { cat "$tmp/out"; fail "compile with pkg-config"; }
LD_LIBRARY_PATH=$(dirname "$so") "$tmp/use-shared" seed.yaml "$p/share/crmeval" >"$tmp/out" 2>&1 ||
    { cat "$tmp/out"; fail "the pkg-config program"; }
LD_LIBRARY_PATH=$(dirname "$so") ldd "$tmp/use-shared" | grep -q 'libcrmeval\.so\.' ||
    fail "the pkg-config program does not use the shared library"

mkdir "$tmp/proj"
cat >"$tmp/proj/CMakeLists.txt" <<'EOF'
cmake_minimum_required(VERSION 3.16)
project(use_crmeval C)
find_package(crmeval REQUIRED)
add_executable(use ../use.c)
target_link_libraries(use PRIVATE crmeval::crmeval)
EOF
cmake -S "$tmp/proj" -B "$tmp/proj/build" -DCMAKE_PREFIX_PATH="$p" >"$tmp/out" 2>&1 ||
    { cat "$tmp/out"; fail "find_package(crmeval)"; }
cmake --build "$tmp/proj/build" >"$tmp/out" 2>&1 || { cat "$tmp/out"; fail "build with find_package"; }
"$tmp/proj/build/use" seed.yaml "$p/share/crmeval" >"$tmp/out" 2>&1 || { cat "$tmp/out"; fail "the find_package program"; }
ldd "$tmp/proj/build/use" | grep -q 'libcrmeval' && fail "the find_package program is not linked statically"
echo "ok: installed to a prefix, moved, used by a program (pkg-config and find_package)"

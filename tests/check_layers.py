#!/usr/bin/env python3
"""The include rule of docs/architecture.md, checked on every file in src/.

1. Modules depend one way: a file in src/M/ includes headers of M, of the
   public API (include/crmeval/) and of the modules below M, nothing else.
2. Each third-party library lives in one module: only that module includes
   its headers.
3. No hand-written `extern crm__...` in a .c file: a function is declared
   once, in its owner's header.
Prints every breach as FILE:LINE and exits 1 if there is one."""
import os
import re
import sys

ORDER = ["util", "model", "load", "finance", "score", "analysis"]
# Each module and the modules it may include besides itself; report and
# store are siblings above analysis, the CLI sits on top of everything.
ALLOWED = {m: ORDER[:i] for i, m in enumerate(ORDER)}
ALLOWED["report"] = ORDER
ALLOWED["store"] = ORDER
ALLOWED["cli"] = ORDER + ["report", "store"]

# The third-party header (a prefix of the include) and the one module that owns it.
OWNER = {
    "yaml.h": "load",
    "png.h": "load",
    "cjson/": "report",
    "hpdf": "report",
    "xlsxwriter": "report",
    "sqlite3": "store",
}
LOCAL = re.compile(r'^\s*#\s*include\s+"([a-z_]+)/[^"]+"')
SYSTEM = re.compile(r'^\s*#\s*include\s+<([^>]+)>')
EXTERN = re.compile(r"^extern\s.*\bcrm__\w+")


def check_file(path, rel, module):
    """The breaches of one source file."""
    problems = []
    with open(path, encoding="utf-8") as f:
        for no, line in enumerate(f, 1):
            where = f"{rel}:{no}"
            m = LOCAL.match(line)
            if m and m.group(1) not in ("crmeval", module) and m.group(1) not in ALLOWED[module]:
                header = line.split('"')[1]
                problems.append(f"{where}: {module} includes {header} ({m.group(1)} is not below {module})")
            m = SYSTEM.match(line)
            if m:
                for prefix, owner in OWNER.items():
                    if m.group(1).startswith(prefix) and module != owner:
                        problems.append(f"{where}: <{m.group(1)}> belongs to {owner}, not {module}")
            if rel.endswith(".c") and EXTERN.match(line):
                problems.append(f"{where}: an extern declaration in a .c file; include the owner's header")
    return problems


def main():
    root = sys.argv[1]
    src = os.path.join(root, "src")
    problems = []
    for module in sorted(os.listdir(src)):
        if module not in ALLOWED:
            problems.append(f"src/{module}: a module docs/architecture.md does not place")
            continue
        for top, _, files in os.walk(os.path.join(src, module)):
            for name in sorted(files):
                if name.endswith((".c", ".h")):
                    path = os.path.join(top, name)
                    problems += check_file(path, os.path.relpath(path, root), module)
    for p in problems:
        print("FAIL:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

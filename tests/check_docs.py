#!/usr/bin/env python3
"""The command line and its documentation agree: every command, and every
long option that `crmeval <command> --help` lists, is in the man page
(docs/crmeval.1), in the bash and zsh completion, and in docs/cli.md."""
import re
import subprocess
import sys


def section(name, doc, cmd):
    """The part of @doc about @cmd: its man page section, its completion
    case, or its docs/cli.md section; None when there is none."""
    if name.endswith(".1"):
        m = re.search(rf'^\.SS "crmeval {cmd}\b.*?(?=^\.SS |^\.SH )', doc, re.S | re.M)
    elif name.startswith("completions/"):
        m = re.search(rf"^\s+(?:[a-z|]*\|)?{cmd}(?:\|[a-z|]*)?\) opts=.*$", doc, re.M)
    else:
        m = re.search(rf"^## crmeval {cmd}\b.*?(?=^## (?!crmeval {cmd}\b))", doc, re.S | re.M)
        if m is None:
            return None
        # the options every command takes, and the workspace's, are told once
        common = re.search(r"^## Options of every command.*?(?=^## )", doc, re.S | re.M)
        workspace = re.search(r"^## Finding the workspace.*?(?=^## )", doc, re.S | re.M)
        extra = common.group(0) if common else ""
        if "#finding-the-workspace" in m.group(0) and workspace:
            extra += workspace.group(0)
        return m.group(0) + extra
    return m.group(0) if m else None


def main():
    crmeval, src = sys.argv[1], sys.argv[2]
    top = subprocess.run([crmeval, "--help"], capture_output=True, text=True).stdout
    commands = re.findall(r"^  ([a-z]+)\s{2,}", top, re.M)
    docs = {
        "docs/crmeval.1": re.sub(r"\\f[BRI]", "", open(f"{src}/docs/crmeval.1", encoding="utf-8")
                                .read().replace("\\-", "-")),
        "completions/crmeval.bash": open(f"{src}/completions/crmeval.bash", encoding="utf-8").read(),
        "completions/_crmeval": open(f"{src}/completions/_crmeval", encoding="utf-8").read(),
        "docs/cli.md": open(f"{src}/docs/cli.md", encoding="utf-8").read(),
    }
    problems = []
    if len(commands) < 10:
        problems.append(f"found only {commands} in `crmeval --help`")
    for cmd in commands:
        text = subprocess.run([crmeval, cmd, "--help"], capture_output=True, text=True).stdout
        options = set(re.findall(r"(?<![\w-])(--[a-z][\w-]*)", text))
        for name, doc in docs.items():
            part = section(name, doc, cmd)
            if part is None:
                problems.append(f"{name}: no command '{cmd}'")
                continue
            for opt in sorted(options):
                if not re.search(rf"(?<![\w-]){re.escape(opt)}(?![\w-])", part):
                    problems.append(f"{name}: '{cmd} {opt}' is not documented")
    for p in problems:
        print("FAIL:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

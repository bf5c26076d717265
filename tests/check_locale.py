#!/usr/bin/env python3
"""Every number the library writes must not depend on the program's
locale (a program that links the library may set de_DE, whose decimal
point is a comma). So the library formats floating-point numbers only
through its C-locale functions (crm__snprintf, crm__fprintf,
crm__buf_printf, the diagnostics) and parses them with crm__strtod /
crm__parse_decimal: this lists every call of a libc printf-family function
(or crm__arena_printf, which does not switch locale) whose format has a
floating-point conversion, and every strtod/atof, in src/ outside the CLI
(which sets no locale) and util (which implements the C-locale versions).

    check_locale.py SRC_DIR          exit 1 and list the calls, if any
"""
import glob
import os
import re
import sys

FLOAT = re.compile(r'%[-+ #0]*(\d+|\*)?(\.(\d+|\*))?[lL]?[fFgGeEaA]')
RAW = re.compile(r'(?<![\w])(snprintf|fprintf|printf|sprintf|vsnprintf|vfprintf|'
                 r'crm__arena_printf)\s*\(')
PARSE = re.compile(r'(?<![\w])(strtod|strtof|strtold|atof|sscanf)\s*\(')


def calls(text):
    """(match, has a float conversion) for each printf-family call."""
    for m in RAW.finditer(text):
        i = j = m.end()
        depth, in_string = 1, False
        while j < len(text) and depth:
            c = text[j]
            if in_string:
                if c == '\\':
                    j += 1
                elif c == '"':
                    in_string = False
            elif c == '"':
                in_string = True
            elif c == '(':
                depth += 1
            elif c == ')':
                depth -= 1
            j += 1
        literals = ''.join(re.findall(r'"((?:[^"\\]|\\.)*)"', text[i:j]))
        yield m, FLOAT.search(literals.replace('%%', '')) is not None


def main():
    src = sys.argv[1]
    bad = []
    for path in sorted(glob.glob(os.path.join(src, 'src', '*', '*.c'))):
        rel = os.path.relpath(path, src)
        if rel.startswith(('src/cli/', 'src/util/')):
            continue
        text = open(path, encoding='utf-8').read()
        for m, has_float in calls(text):
            if has_float:
                bad.append(f"{rel}:{text.count(chr(10), 0, m.start()) + 1}: "
                           f"{m.group(1)} formats a floating-point number in the "
                           f"program's locale; use crm__snprintf / crm__fprintf")
        for m in PARSE.finditer(text):
            if m.group(1) == 'sscanf' and '%d' in text[m.end():m.end() + 60]:
                continue  # dates: integers only
            bad.append(f"{rel}:{text.count(chr(10), 0, m.start()) + 1}: {m.group(1)} "
                       f"parses in the program's locale; use crm__strtod")
    for line in bad:
        print(line)
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())

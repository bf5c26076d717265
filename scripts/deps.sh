#!/bin/sh
# Install the Debian packages crmeval needs that are not installed yet.
# Run by scripts/setup and scripts/test; safe to run again. With --test it
# also installs what only the tests need: LibreOffice Calc (headless), which
# recalculates the finance workbook (tests/check_xlsx.py), and NumPy, the
# peer the quick benchmarks compare with (bench/). LibreOffice is large, so
# scripts/setup, which only builds and runs crmeval, leaves it out.
# CRMEVAL_EXTRA_PACKAGES adds more (scripts/fuzz: clang and libFuzzer).
set -eu

CRMEVAL_PACKAGES="build-essential cmake pkg-config libyaml-dev libcjson-dev \
libcmocka-dev libhpdf-dev libpng-dev libsqlite3-dev libxlsxwriter-dev libminizip-dev libexpat1-dev fonts-dejavu-core \
fonts-wqy-zenhei poppler-utils python3 python3-jsonschema valgrind ${CRMEVAL_EXTRA_PACKAGES:-}"
# qpdf, python3-yaml: the PDF layout checks (tests/e2e_pdf_layout.py);
# fonts-noto-core and fonts-nanum: the stress evaluation's Arabic, Hebrew,
# Devanagari, Thai and Korean (crmeval uses them when installed:
# docs/report-pdf.md).
CRMEVAL_TEST_PACKAGES="libreoffice-calc-nogui python3-numpy qpdf python3-yaml fonts-noto-core fonts-nanum"
if [ "${1:-}" = "--test" ]; then
    CRMEVAL_PACKAGES="$CRMEVAL_PACKAGES $CRMEVAL_TEST_PACKAGES"
fi

missing=""
for pkg in $CRMEVAL_PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $pkg"
    fi
done

if [ -n "$missing" ]; then
    echo "crmeval: installing:$missing"
    if [ "$(id -u)" = 0 ]; then
        SUDO=""
    elif command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        echo "crmeval: need root (or sudo) to install:$missing" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    # shellcheck disable=SC2086
    $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

#!/usr/bin/env bash
# Installs pyarrow, polars, pandas and duckdb from PyPI into a venv, then runs the export
# round-trip test with the Python read-back enabled (crates/cli/tests/export.rs).
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${ATALAYA_PY_VENV:-${TMPDIR:-/tmp}/atalaya-py}"
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import pyarrow, polars' 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check pyarrow polars pandas duckdb
fi
ATALAYA_PYTHON="$VENV/bin/python" cargo test -p atalaya --test export -- --nocapture

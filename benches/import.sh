#!/usr/bin/env bash
# Measures the import figures in the README: a generated GBK customer CSV imported by
# kehu against sqlite3's raw .import of the same file (apt-get install sqlite3), then
# the memory of a dry run over a 1,000,000-row file.
# Usage: benches/import.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --release -- bench-import --rows "${1:-100000}"
cargo run --release -- bench-import --rows 1000000 --dry-run

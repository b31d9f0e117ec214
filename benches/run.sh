#!/usr/bin/env bash
# Measures the figures in the README: 100,000 generated customers, release build.
# Usage: benches/run.sh [CUSTOMERS]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --release -- bench --customers "${1:-100000}"

#!/usr/bin/env bash
# The main job: install Casebook, import the shipped sample corpus, build the index, serve on :5000.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install -q -e .
exec casebook serve "$@"

#!/usr/bin/env bash
# The test command: install the project with its test extras, then run the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install -q -e '.[test]'
python3 -m pytest "$@"

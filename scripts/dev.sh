#!/usr/bin/env bash
# Set everything up (system packages, virtualenv, the package) and run the app or the tests.
#   bash scripts/dev.sh app [ARGS...]   open the app on the bundled reports
#   bash scripts/dev.sh test [ARGS...]  run the whole test suite
#   bash scripts/dev.sh setup           only set up
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${UNIDOREADER_VENV:-.venv}

system_packages() {
  # pdftotext/pdffonts/pdftoppm check printed PDFs; the Qt xcb/EGL libraries let Qt start.
  local wanted=(poppler-utils libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0)
  local missing=()
  for pkg in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ] && command -v apt-get >/dev/null; then
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

python_env() {
  local stamp="$VENV/.installed"
  if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
  fi
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e ".[test,build]"
    touch "$stamp"
  fi
}

cmd=${1:-test}
shift || true
case "$cmd" in
  setup) system_packages; python_env ;;
  app) system_packages; python_env; exec "$VENV/bin/unidoreader" "$@" ;;
  test) system_packages; python_env; exec "$VENV/bin/python" -m pytest "$@" ;;
  *) echo "usage: bash scripts/dev.sh app|test|setup" >&2; exit 2 ;;
esac

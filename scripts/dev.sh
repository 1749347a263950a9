#!/usr/bin/env bash
# Set everything up (system packages, virtualenv, the package) and run the app or the tests.
#   bash scripts/dev.sh app [ARGS...]   open the app on the bundled reports
#   bash scripts/dev.sh test [ARGS...]  run the whole test suite
#   bash scripts/dev.sh setup           only set up
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${UNIDOREADER_VENV:-.venv}

LIBRARIES=resources/linux/system-libraries.txt

have() {
  # A shared library the dynamic loader finds, or a command on PATH.
  case "$1" in
    cmd:*) command -v "${1#cmd:}" >/dev/null 2>&1 ;;
    *) grep -q "^[[:space:]]*$1 " <<<"$LOADER_CACHE" ;;
  esac
}

apt_package() {
  # The first of "a|b" that apt knows (package names differ across Debian/Ubuntu releases).
  local candidate
  for candidate in ${1//|/ }; do
    if apt-cache show "$candidate" >/dev/null 2>&1; then echo "$candidate"; return; fi
  done
  echo "${1%%|*}"
}

system_packages() {
  # Everything in $LIBRARIES (what Qt's platform plugins link, and the tests' commands)
  # that this system lacks; installed with apt, or named in one paragraph elsewhere.
  [ "$(uname -s)" = Linux ] || return 0
  local missing=() packages=() name package
  LOADER_CACHE=$(ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null || true)
  while read -r name package _; do
    case "$name" in ''|'#'*) continue ;; esac
    have "$name" || { missing+=("${name#cmd:}"); packages+=("$package"); }
  done < "$LIBRARIES"
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! command -v apt-get >/dev/null; then
    echo "unidoreader needs these system libraries and commands, which this system lacks and which" \
      "this script can install only with apt: ${missing[*]}. Install them with your system's package" \
      "manager (Fedora: dnf, Arch: pacman, openSUSE: zypper; the X11 ones are Qt's xcb platform" \
      "dependencies, often packaged as xcb-util-*), then run this command again." >&2
    return 0
  fi
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "installing system packages for: ${missing[*]}" >&2
  $sudo apt-get update -qq
  local wanted=()
  for package in "${packages[@]}"; do wanted+=("$(apt_package "$package")"); done
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    $(printf '%s\n' "${wanted[@]}" | sort -u) >/dev/null
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

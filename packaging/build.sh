#!/usr/bin/env bash
# Build the offline bundle: dist/unidoreader/ (one folder; run dist/unidoreader/unidoreader).
#   bash packaging/build.sh            build, or say "up to date" when nothing that goes
#                                      into the bundle changed since the last build
#   bash packaging/build.sh --force    rebuild even if up to date
#   bash packaging/build.sh --clean    also drop PyInstaller's cache (build/pyinstaller)
# Python: $PYTHON if set, else the active virtualenv, else .venv, else a python3 that has
# the app, else a new .venv made by scripts/dev.sh setup. PyInstaller is installed into
# that environment if missing (the `build` extra of pyproject.toml).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)

force=0
clean=()
for arg in "$@"; do
  case "$arg" in
    --force) force=1 ;;
    --clean) force=1; clean=(--clean) ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "build.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

if [ -n "${PYTHON:-}" ]; then
  PY=$PYTHON
elif [ -n "${VIRTUAL_ENV:-}" ] && [ -x "$VIRTUAL_ENV/bin/python" ]; then
  PY=$VIRTUAL_ENV/bin/python
elif [ -x .venv/bin/python ]; then
  PY=.venv/bin/python
elif [ -x .venv/Scripts/python.exe ]; then
  PY=.venv/Scripts/python.exe
elif command -v python3 >/dev/null && python3 -c "import unidoreader, PySide6, whoosh, jieba" 2>/dev/null; then
  PY=python3
else
  # A clean clone with no environment: make the project's one (.venv) as the README does.
  echo "build.sh: no Python environment with the app; setting up .venv (scripts/dev.sh setup)" >&2
  bash scripts/dev.sh setup
  PY=.venv/bin/python
fi

if ! "$PY" -c "import unidoreader" 2>/dev/null; then
  echo "build.sh: installing the app into $PY's environment" >&2
  "$PY" -m pip install -q --disable-pip-version-check -e .
fi
if ! "$PY" -m PyInstaller --version >/dev/null 2>&1; then
  echo "build.sh: installing PyInstaller into $PY's environment" >&2
  "$PY" -m pip install -q --disable-pip-version-check "pyinstaller>=6.0"
fi

# One build at a time in this checkout (two test runs at once would share build/ and dist/):
# a second build.sh waits, then usually finds the bundle up to date.
mkdir -p build
if command -v flock >/dev/null; then
  exec 9>build/.build.lock
  flock 9
fi

DIST=dist/unidoreader
WORK=build/pyinstaller
STAMP=build/bundle.fingerprint

# Everything that goes into the bundle: the sources, data and packaging files (tracked or
# not, since a build from a working tree ships the working tree), and the environment.
fingerprint() {
  "$PY" - <<'EOF'
import hashlib, platform, subprocess, sys
from pathlib import Path

digest = hashlib.sha256()
digest.update(sys.version.encode())
digest.update(platform.platform().encode())
freeze = subprocess.run([sys.executable, "-m", "pip", "freeze", "--all"], capture_output=True, text=True).stdout
digest.update(freeze.encode())
roots = [Path("src"), Path("resources"), Path("seeds"), Path("packaging"), Path("pyproject.toml")]
for root in roots:
    files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
    for path in files:
        if "__pycache__" in path.parts or path.suffix == ".pyc":
            continue
        digest.update(str(path.as_posix()).encode() + b"\0" + path.read_bytes() + b"\0")
print(digest.hexdigest())
EOF
}

exe=$DIST/unidoreader
[ -x "$exe" ] || exe=$DIST/unidoreader.exe
current=$(fingerprint)
if [ "$force" = 0 ] && [ -x "$exe" ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$current" ]; then
  echo "build.sh: $DIST is up to date ($(du -sh "$DIST" | cut -f1)); --force rebuilds" >&2
  exit 0
fi

rm -f "$STAMP"
started=$(date +%s)
"$PY" -m PyInstaller --noconfirm --log-level WARN "${clean[@]}" \
  --distpath dist --workpath "$WORK" packaging/unidoreader.spec
# The Python library of some builds (pyenv, this one) carries 18 MB of debug information;
# drop it (debug sections only: symbols and the code stay). Qt's libraries come stripped,
# and stripping patchelf-edited wheel libraries is risky, so nothing else is touched.
if [ "$(uname -s)" = Linux ] && command -v strip >/dev/null; then
  for lib in "$DIST"/_internal/libpython*.so*; do
    if [ -f "$lib" ] && [ ! -L "$lib" ]; then strip --strip-debug "$lib"; fi
  done
fi
echo "$current" > "$STAMP"
echo "build.sh: built $REPO/$DIST in $(( $(date +%s) - started )) s; size $(du -sh "$DIST" | cut -f1)" >&2

"""Build the search index of the bundled reports, to ship it inside the offline bundle.

Why: on a new machine the library is seeded from the bundle; shipping the index of those
very reports lets the first search answer at once instead of indexing first.
The index is built by the same code the bundle ships (this environment's unidoreader),
from a throw-away library seeded exactly as a user's library is (Library.open on
seeds/), so its document ids are the ones the user's library will have.

Usage: python packaging/prebuild_index.py OUT_DIR   (OUT_DIR is replaced)
Exit status 0 with a warning and no OUT_DIR when the package has no search index yet.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path


def build(out_dir: Path) -> bool:
    """Write the seeds' index to `out_dir`; False when this build of the app has no index."""
    from unidoreader.core.library import Library

    try:
        from unidoreader.core.index import ensure_index
    except ImportError as error:
        print(f"prebuild_index: no search index in this build ({error}); shipping none", file=sys.stderr)
        shutil.rmtree(out_dir, ignore_errors=True)
        return False
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="unidoreader-seed-library-") as tmp:
        library = Library.open(Path(tmp) / "library")
        ensure_index(library)
        if not library.index_dir.is_dir():
            raise SystemExit(f"prebuild_index: ensure_index wrote nothing to {library.index_dir}")
        if out_dir.exists():
            shutil.rmtree(out_dir)
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        # Lock files belong to a running writer, never to a shipped index.
        shutil.copytree(library.index_dir, out_dir, ignore=shutil.ignore_patterns("*.lock", "*LOCK*"))
    size = sum(p.stat().st_size for p in out_dir.rglob("*") if p.is_file())
    print(
        f"prebuild_index: {len(library.entries())} reports indexed into {out_dir} "
        f"({size / 1e6:.1f} MB, {time.perf_counter() - started:.1f} s)",
        file=sys.stderr,
    )
    return True


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: python packaging/prebuild_index.py OUT_DIR")
    build(Path(sys.argv[1]))

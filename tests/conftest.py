import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"

# Tests never touch the user's cache directory; each test session gets its own.
if "SITELINT_CACHE_DIR" not in __import__("os").environ:
    import os
    import tempfile

    os.environ["SITELINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="sitelint-test-cache-")

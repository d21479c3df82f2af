"""Measure the explainer pages' reading level and store it for the Sources page.

    python scripts/reading_level.py     write content/explainer_reading_levels.json and print it

Run it after changing any prose under content/prose/*/{start,als,il2_tregs,trial,sources}/; the test
tests/test_explainer_reading_level.py fails while the stored numbers are stale.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from content.explainer_readability import LEVELS_FILE, write_levels  # noqa: E402

if __name__ == "__main__":
    levels = write_levels()
    print(json.dumps(levels, indent=2, ensure_ascii=False))
    print(f"written to {LEVELS_FILE}")

"""Test isolation: the suite never writes to the user's home or caches.

Hugging Face libraries read their cache locations from the environment when first
imported, so the temporary locations are set here, before any test module imports them.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

#: Where the user's real Hugging Face cache would be, recorded before it is redirected.
REAL_HF_HOME = Path(os.environ.get("HF_HOME", Path.home() / ".cache" / "huggingface"))

_SANDBOX = Path(tempfile.mkdtemp(prefix="sgpos-tests-hf-"))
os.environ["HF_HOME"] = str(_SANDBOX / "hf")
os.environ["HF_DATASETS_CACHE"] = str(_SANDBOX / "hf" / "datasets")
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["HF_DATASETS_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ["MPLCONFIGDIR"] = str(_SANDBOX / "matplotlib")

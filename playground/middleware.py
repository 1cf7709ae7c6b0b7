"""WhiteNoise without the warning about a missing ``STATIC_ROOT``.

``make run`` serves static files straight from the finders (``WHITENOISE_USE_FINDERS``), so the
``collectstatic`` directory normally does not exist; a deployment that runs ``collectstatic``
gets it served as usual.
"""

from __future__ import annotations

import os
from typing import Any

from whitenoise.middleware import WhiteNoiseMiddleware


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    def add_files(self, root: Any, prefix: str | None = None) -> None:
        if root and os.path.isdir(root):
            super().add_files(root, prefix)

"""A Streamlit server a test started (tests/test_e2e_browser.py, tests/test_stopping.py)."""
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest


def wait_healthy(url: str, proc: subprocess.Popen, log: Path, timeout: float = 120) -> None:
    """Return once `url`/_stcore/health answers 200; fail with the server's log if `proc`
    ends first or `timeout` seconds pass."""
    deadline = time.time() + timeout
    while True:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        if proc.poll() is not None or time.time() > deadline:
            pytest.fail("streamlit did not start: " + log.read_text(errors="replace"))
        time.sleep(0.5)

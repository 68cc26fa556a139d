"""What can go wrong with the store, as one line a user can act on.

Every failure to reach or use the store reaches the CLI as a `StoreError` whose message
is that line (`vbgraph ingest: <message>`, non-zero exit); nothing else about the store
is raised as a traceback to the user.
"""
from __future__ import annotations


class StoreError(RuntimeError):
    """The store cannot be used; `str(exc)` is one line naming the store and the cause."""


class StoreBusy(StoreError):
    """Another process owns the embedded store folder."""


class StoreUnavailable(StoreError):
    """The server cannot be reached (down, wrong address, refused login)."""


class StoreTimeout(StoreError):
    """The server did not answer within the deadline."""

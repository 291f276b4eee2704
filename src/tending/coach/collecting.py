"""The cyclic garbage collector held off while planning builds many objects at once.

Planning every pattern (`PatternIndex.plan_all`) makes about 300,000 objects that live as long
as the coach: tuples, sets, records, alternatives. Each batch of them counts towards the
collector's next full collection, which walks every object of the process (about 55 ms with the
coach loaded): four ran during `plan_all`, with the younger ones about 0.3 s of its 0.65 s of
CPU, and found nothing to free (the objects made are all kept). Held off, the new objects are
walked once when it next runs (about 0.1 s, in `prepare_all` after `plan_all`): `prepare_all`
0.58 -> 0.45 s of CPU.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_held() -> Iterator[None]:
    """Hold off the cyclic collector for the block (as it was after: a caller that turned it
    off keeps it off)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()

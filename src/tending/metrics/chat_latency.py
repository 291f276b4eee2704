"""Reply latency in constant memory: a sparse histogram of bounded buckets and its median.

Keeping every latency of a million-message history would grow without bound, so latencies are
counted in buckets whose width grows with the value: 1 second under a minute, 1 minute under an
hour, 5 minutes under a day and 1 hour beyond. A bucket is keyed by its lower edge, and the median
reported is the lower edge of the bucket that holds the middle value, so it is exact to that
resolution. At most a few hundred buckets exist whatever the number of messages.
"""

from __future__ import annotations

MINUTE = 60
HOUR = 3600
DAY = 86400


def bucket_of(seconds: int) -> int:
    """The lower edge of the bucket that holds `seconds` (negative values count as 0)."""
    if seconds < MINUTE:
        return max(seconds, 0)
    if seconds < HOUR:
        return seconds - seconds % MINUTE
    if seconds < DAY:
        return seconds - seconds % (5 * MINUTE)
    return seconds - seconds % HOUR


class LatencyHistogram:
    """Counts of latencies by bucket; `median()` gives the lower median to bucket resolution."""

    __slots__ = ("_counts", "count")

    def __init__(self) -> None:
        self._counts: dict[int, int] = {}
        self.count = 0

    def add(self, seconds: int) -> None:
        """Count one latency (in the bucket `bucket_of` gives; inline, as replies are many)."""
        if seconds < MINUTE:
            key = seconds if seconds > 0 else 0
        elif seconds < HOUR:
            key = seconds - seconds % MINUTE
        elif seconds < DAY:
            key = seconds - seconds % (5 * MINUTE)
        else:
            key = seconds - seconds % HOUR
        self._counts[key] = self._counts.get(key, 0) + 1
        self.count += 1

    def median(self) -> int | None:
        """The lower edge of the bucket holding the lower median; None when nothing was counted."""
        if not self.count:
            return None
        middle = (self.count + 1) // 2
        seen = 0
        for key in sorted(self._counts):
            seen += self._counts[key]
            if seen >= middle:
                return key
        raise AssertionError("unreachable: the counts sum to self.count")

    @property
    def buckets(self) -> int:
        """How many buckets are in use (bounded whatever the number of latencies)."""
        return len(self._counts)

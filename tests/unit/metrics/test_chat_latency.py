"""The bounded latency histogram: bucket edges, the lower median, constant size."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tending.metrics.chat_latency import LatencyHistogram, bucket_of


def test_bucket_edges() -> None:
    assert [bucket_of(s) for s in (-5, 0, 59, 60, 119, 3599, 3600, 3899, 86399, 90001)] == [
        0,
        0,
        59,
        60,
        60,
        3540,
        3600,
        3600,
        86100,
        90000,
    ]


def test_median_is_the_lower_median() -> None:
    histogram = LatencyHistogram()
    assert histogram.median() is None
    for seconds in (10, 30, 20, 40):
        histogram.add(seconds)
    assert histogram.median() == 20


@settings(max_examples=100)
@given(st.lists(st.integers(min_value=0, max_value=30 * 86400), min_size=1, max_size=300))
def test_median_matches_the_bucket_of_the_exact_median(values: list[int]) -> None:
    histogram = LatencyHistogram()
    for value in values:
        histogram.add(value)
    exact = sorted(values)[(len(values) + 1) // 2 - 1]
    assert histogram.median() == bucket_of(exact)
    assert histogram.buckets <= 60 + 59 + 276 + 30 * 24


@given(st.integers(min_value=-86400, max_value=400 * 86400))
def test_add_counts_a_latency_in_the_bucket_of_it(seconds: int) -> None:
    histogram = LatencyHistogram()  # add works the bucket out inline, as bucket_of does
    histogram.add(seconds)
    assert histogram.median() == bucket_of(seconds)

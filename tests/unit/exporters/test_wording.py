from tending.exporters.wording import counted, duration, percent


def test_counted_uses_the_singular_for_one_only() -> None:
    assert counted(1, "recurring event") == "1 recurring event"
    assert counted(0, "recurring event") == "0 recurring events"
    assert counted(2, "person", "people") == "2 people"
    assert counted(1, "person", "people") == "1 person"


def test_percent_rounds_and_says_when_there_is_nothing() -> None:
    assert percent(0.256) == "26%"
    assert percent(0.0) == "0%"
    assert percent(None) == "–"


def test_duration_takes_the_largest_unit_that_fits() -> None:
    assert duration(45) == "45 s"
    assert duration(60) == "1 min"
    assert duration(3599) == "59 min"
    assert duration(5400) == "1.5 h"
    assert duration(None) == "–"

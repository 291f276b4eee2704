from tending.cli.output import counted


def test_counted_uses_the_singular_for_one_only() -> None:
    assert counted(1, "recurring event") == "1 recurring event"
    assert counted(0, "recurring event") == "0 recurring events"
    assert counted(2, "person", "people") == "2 people"
    assert counted(1, "person", "people") == "1 person"

"""Logging every kind of moment, on every configured database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from tending.domain.clock import FixedClock
from tending.domain.errors import InvalidInput, NotFound
from tending.domain.moments import (
    BidAnswer,
    Discloser,
    HonestKind,
    MomentKind,
    SurvivalStrategy,
    Valence,
    count_words,
)
from tending.services import moments as log
from tending.services.people import add_person
from tending.services.workspace import Workspace

FIFTEEN = "thank you for listening to me tonight without trying to fix one single thing today"
SIXTEEN = FIFTEEN + " really"


@pytest.fixture
def sam(workspace: Workspace) -> int:
    person_id = add_person(workspace, "Sam").id
    assert person_id is not None
    return person_id


def test_every_kind_is_stored_with_its_fields(workspace: Workspace, sam: int) -> None:
    earlier = workspace.now() - timedelta(days=2)
    log.log_disclosure(workspace, "Sam", Discloser.BOTH, at=earlier, note=" fears ")
    log.log_appreciation(workspace, "Sam", "you made dinner", closing=False)
    log.log_bid(workspace, "Sam", BidAnswer.AWAY)
    log.log_chat(workspace, "Sam", 40)
    log.log_interaction(workspace, "Sam", Valence.POSITIVE)
    log.log_honest(workspace, HonestKind.WORRY, "money")
    log.log_strategy(workspace, SurvivalStrategy.CONTROL)
    everything = log.list_moments(workspace)
    assert [m.kind for m in everything] == [
        MomentKind.DISCLOSURE,
        MomentKind.APPRECIATION,
        MomentKind.BID,
        MomentKind.CHAT,
        MomentKind.INTERACTION,
        MomentKind.HONEST,
        MomentKind.STRATEGY,
    ]
    first = everything[0]
    assert (first.discloser, first.note, first.at, first.person_id) == (
        Discloser.BOTH,
        "fears",
        earlier,
        sam,
    )
    assert everything[2].bid_answer is BidAnswer.AWAY and everything[3].minutes == 40
    assert everything[-1].private and everything[-1].person_id is None
    assert len(log.list_moments(workspace, person="Sam")) == 5
    assert len(log.list_moments(workspace, kinds=[MomentKind.CHAT])) == 1


def test_closing_appreciation_word_limit(workspace: Workspace, sam: int) -> None:
    assert count_words(FIFTEEN) == 15
    stored = log.log_appreciation(workspace, "Sam", FIFTEEN, closing=True)
    assert stored.closing
    with pytest.raises(InvalidInput, match="at most 15 words; this one has 16"):
        log.log_appreciation(workspace, "Sam", SIXTEEN, closing=True)
    assert log.log_appreciation(workspace, "Sam", SIXTEEN).closing is False
    assert len(log.list_moments(workspace)) == 2


def test_word_count_ignores_lone_punctuation() -> None:
    assert count_words("thank you — truly , deeply!") == 4
    assert count_words("") == 0


def test_bad_values_are_refused_and_nothing_is_written(workspace: Workspace, sam: int) -> None:
    with pytest.raises(InvalidInput, match="1 to 1440 minutes, not 0"):
        log.log_chat(workspace, "Sam", 0)
    future = workspace.now() + timedelta(days=1)
    with pytest.raises(InvalidInput, match="in the future"):
        log.log_bid(workspace, "Sam", BidAnswer.TOWARD, at=future)
    with pytest.raises(NotFound, match="no person called 'Zoe'"):
        log.log_bid(workspace, "Zoe", BidAnswer.TOWARD)
    with pytest.raises(InvalidInput, match="at least one feeling or need"):
        log.log_journal(workspace, [" "], [])
    assert log.list_moments(workspace) == []


def test_a_naive_time_takes_the_clock_zone(workspace: Workspace, sam: int) -> None:
    assert isinstance(workspace.clock, FixedClock)
    workspace.clock.current = datetime(2026, 1, 15, 9, 0, tzinfo=timezone(timedelta(hours=1)))
    stored = log.log_chat(workspace, "Sam", 30, at=datetime(2026, 1, 14, 20, 0))
    assert stored.at == datetime(2026, 1, 14, 19, 0, tzinfo=UTC)


def test_journal_keeps_every_word_and_suggests_for_unknown_ones(
    workspace: Workspace, sam: int
) -> None:
    entry = log.log_journal(
        workspace, ["Grateful", "grateful", "zorbly"], ["rest", "quuxness"], person="Sam"
    )
    assert entry.moment.feelings == ("grateful", "zorbly")
    assert entry.moment.needs == ("rest", "quuxness")
    assert entry.moment.private and entry.moment.person_id == sam
    assert list(entry.unknown_feelings) == ["zorbly"]
    assert list(entry.unknown_needs) == ["quuxness"]


def test_near_misses_get_suggestions(workspace: Workspace, sam: int) -> None:
    entry = log.log_journal(workspace, ["gratefull"], ["restt"])
    assert "grateful" in entry.unknown_feelings["gratefull"]
    assert "rest" in entry.unknown_needs["restt"]


def test_a_personal_override_changes_the_limit(workspace: Workspace, sam: int) -> None:
    assert workspace.home is not None
    workspace.home.mkdir(parents=True, exist_ok=True)
    (workspace.home / "practice-overrides.toml").write_text(
        "[closing-appreciation]\nmax_words = 5\n", encoding="utf-8"
    )
    with pytest.raises(InvalidInput, match="at most 5 words; this one has 6"):
        log.log_appreciation(workspace, "Sam", "you were so kind to me", closing=True)

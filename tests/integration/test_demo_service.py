"""The demo fills an empty home with something for every command, the same for the same seed."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from tending.domain.errors import InvalidInput
from tending.domain.moments import MomentKind, count_words
from tending.domain.people import Tie
from tending.services.archive import load_archive
from tending.services.demo import fill_demo
from tending.services.demo_data import load_demo_data
from tending.services.stats import practice_view
from tending.services.today import today_view
from tending.services.workspace import Workspace, open_workspace


def test_demo_has_every_kind_of_thing(workspace: Workspace) -> None:
    summary = fill_demo(workspace, random.Random(11), weeks=12)
    with workspace.unit_of_work() as uow:
        archive = load_archive(uow)
    assert {p.tie for p in archive.people} == {Tie.PARTNER, Tie.FRIEND, Tie.FAMILY}
    kinds = Counter(m.kind for m in archive.moments)
    assert set(kinds) == set(MomentKind)
    assert all(m.at <= workspace.now() for m in archive.moments)
    closing = [m for m in archive.moments if m.kind is MomentKind.APPRECIATION and m.closing]
    assert closing and all(count_words(m.note or "") <= 15 for m in closing)
    today = workspace.today()
    done = [c for c in archive.commitments if c.done_at is not None]
    overdue = [c for c in archive.commitments if c.is_overdue(today)]
    still_open = [c for c in archive.commitments if c.done_at is None and not c.is_overdue(today)]
    assert done and overdue and still_open
    assert any(len(a.versions) > 1 for a in archive.agreements)
    assert any(u.said_at is None for u in archive.unsaid)
    assert any(u.said_at is not None for u in archive.unsaid)
    assert len(archive.reassessments) == 2
    assert summary.moments == len(archive.moments)


def test_stats_and_today_have_content_after_the_demo(workspace: Workspace) -> None:
    fill_demo(workspace, random.Random(2))
    view = practice_view(workspace)
    assert view.overall is not None and view.overall.ratio.positive > 0
    assert sum(point.chats for point in view.trends) > 20
    assert view.change is not None
    today = today_view(workspace)
    assert today.overdue and today.unsaid is not None and today.honest_prompt is not None


def test_same_seed_same_demo(
    workspace: Workspace, tmp_path_factory: pytest.TempPathFactory
) -> None:
    first = fill_demo(workspace, random.Random(4), weeks=6)
    with open_workspace(tmp_path_factory.mktemp("again"), None, workspace.clock) as other:
        second = fill_demo(other, random.Random(4), weeks=6)
        with other.unit_of_work() as uow:
            notes = [m.note for m in uow.moments.list()]
    with workspace.unit_of_work() as uow:
        assert [m.note for m in uow.moments.list()] == notes
    assert first == second


def test_demo_refuses_a_used_home(workspace: Workspace) -> None:
    fill_demo(workspace, random.Random(1), weeks=2)
    with pytest.raises(InvalidInput, match="only an empty home"):
        fill_demo(workspace, random.Random(1), weeks=2)


def test_demo_words_are_valid_data() -> None:
    data = load_demo_data()
    assert len(data.people) == 3
    assert all(count_words(line) <= 15 for line in data.notes.appreciation)

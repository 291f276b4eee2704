"""What `today` gathers, on real storage."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from tending.catalogue import load_catalogue
from tending.domain.clock import FixedClock
from tending.domain.commitments import Commitment
from tending.domain.moments import Moment, MomentKind
from tending.domain.people import Person, Tie
from tending.domain.unsaid import Unsaid
from tending.services.today import honest_prompt, today_view
from tending.services.workspace import Workspace

NOW = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)  # the fixture clock


def test_due_things_of_today(workspace: Workspace) -> None:
    with workspace.unit_of_work() as uow:
        ana = uow.people.add(Person("Ana", Tie.PARTNER, NOW - timedelta(days=60))).id
        bo = uow.people.add(Person("Bo", Tie.FRIEND, NOW - timedelta(days=60))).id
        gone = uow.people.add(Person("Cy", Tie.OTHER, NOW, archived=True)).id
        assert ana and bo and gone
        uow.moments.add(Moment(MomentKind.CHAT, NOW - timedelta(days=2), ana, minutes=30))
        uow.commitments.add(Commitment(bo, "send the link", NOW - timedelta(days=9),
                                       date(2026, 1, 12)))
        uow.commitments.add(Commitment(ana, "book", NOW, date(2026, 1, 20)))
        uow.commitments.add(Commitment(gone, "old", NOW, date(2026, 1, 1)))
        uow.unsaid.add(Unsaid(ana, "light but old", 1, NOW - timedelta(days=25)))
        uow.unsaid.add(Unsaid(bo, "heavy and new", 5, NOW - timedelta(days=1)))
        uow.unsaid.add(Unsaid(bo, "said already", 5, NOW - timedelta(days=90), NOW))
        uow.commit()
    view = today_view(workspace)
    assert view.day == date(2026, 1, 15)
    assert [(o.commitment.text, o.person.name, o.days_overdue) for o in view.overdue] == [
        ("send the link", "Bo", 3)
    ]
    assert [due.person.name for due in view.checks_due] == ["Bo"]  # Ana had one two days ago
    assert view.unsaid is not None
    # weight 5 for a day (5 x 8/7 = 5.7) presses more than weight 1 for 25 days (1 x 32/7 = 4.6)
    assert view.unsaid.unsaid.item.text == "heavy and new" and view.unsaid.person.name == "Bo"
    assert view.reassessment.due  # never reassessed
    assert view.honest_prompt is not None and view.honest_prompt.text


def test_honest_prompt_rotates_by_date(workspace: Workspace, clock: FixedClock) -> None:
    catalogue = load_catalogue()
    days = [date(2026, 1, 1) + timedelta(days=n) for n in range(12)]
    prompts = [honest_prompt(catalogue, day) for day in days]
    assert len({p.text for p in prompts if p}) == 12
    assert honest_prompt(catalogue, days[3]) == prompts[3]
    assert {p.kind for p in prompts if p} == {"worry", "regret", "appreciation"}
    first = today_view(workspace).honest_prompt
    clock.advance(86400)
    assert today_view(workspace).honest_prompt != first


def test_empty_home_has_nothing_overdue(workspace: Workspace) -> None:
    view = today_view(workspace)
    assert view.overdue == () and view.checks_due == () and view.unsaid is None

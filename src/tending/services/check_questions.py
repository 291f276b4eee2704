"""A person's own Connection Check questions: add, list, remove."""

from __future__ import annotations

from dataclasses import dataclass

from tending.domain.errors import InvalidInput
from tending.services.people import resolve_person
from tending.services.workspace import Workspace
from tending.storage.session_repository import QuestionRepository

MAX_QUESTION_CHARS = 300


@dataclass(frozen=True)
class OwnQuestion:
    id: int
    text: str


def add_question(workspace: Workspace, name: str, text: str) -> OwnQuestion:
    """Keep a question of one's own for checks with `name`."""
    clean = " ".join(text.split())
    if not clean:
        raise InvalidInput("a question needs some words")
    if len(clean) > MAX_QUESTION_CHARS:
        raise InvalidInput(
            f"a question is at most {MAX_QUESTION_CHARS} characters (got {len(clean)})"
        )
    with workspace.unit_of_work() as uow:
        person = resolve_person(uow, name)
        assert person.id is not None
        new_id = QuestionRepository(uow.connection).add(person.id, clean, workspace.now())
        uow.commit()
    return OwnQuestion(new_id, clean)


def list_questions(workspace: Workspace, name: str) -> list[OwnQuestion]:
    """The questions kept for `name`, oldest first."""
    with workspace.unit_of_work() as uow:
        person = resolve_person(uow, name)
        assert person.id is not None
        rows = QuestionRepository(uow.connection).list(person.id)
    return [OwnQuestion(question_id, text) for question_id, text in rows]


def remove_question(workspace: Workspace, name: str, question_id: int) -> None:
    """Forget one of the questions kept for `name`."""
    with workspace.unit_of_work() as uow:
        person = resolve_person(uow, name)
        assert person.id is not None
        QuestionRepository(uow.connection).remove(person.id, question_id)
        uow.commit()

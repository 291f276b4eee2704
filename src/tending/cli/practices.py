"""`tend practices`, `tend practice show/set/reset`, `tend words ...`: catalogue and vocabulary.

Both are data of the catalogue layer, which these commands call directly: nothing here touches
the database. A person's own parameter values live in the override file in their data directory
(`tend practice set` writes it atomically, after checking it as it will be read).
"""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from tending.catalogue import (
    OVERRIDES_FILENAME,
    Catalogue,
    IntimacyKind,
    Parameter,
    Practice,
    load_catalogue,
)
from tending.catalogue.override_file import reset_override, set_override
from tending.catalogue.vocabulary import Vocabulary, load_vocabulary
from tending.cli.output import console, print_json
from tending.cli.state import get_state
from tending.domain.errors import InvalidInput

practice_app = typer.Typer(
    no_args_is_help=True, help="Explain one practice, or set your own values for its numbers."
)
words_app = typer.Typer(
    no_args_is_help=True, help="The emotional vocabulary: feeling words, needs, suggestions."
)

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
KindOpt = Annotated[
    str | None,
    typer.Option(
        "--kind",
        help="Only practices serving this kind of intimacy: "
        + ", ".join(kind.value for kind in IntimacyKind)
        + ".",
    ),
]
FamilyOpt = Annotated[str | None, typer.Option("--family", help="Only words of this family.")]


def _catalogue(ctx: typer.Context) -> Catalogue:
    overrides = get_state(ctx).resolved_home() / OVERRIDES_FILENAME
    return load_catalogue(overrides if overrides.is_file() else None)


def _kind(value: str) -> IntimacyKind:
    try:
        return IntimacyKind(value.strip().lower())
    except ValueError:
        known = ", ".join(kind.value for kind in IntimacyKind)
        raise InvalidInput(f"--kind: no kind of intimacy '{value}' (kinds: {known})") from None


def list_practices(ctx: typer.Context, kind: KindOpt = None, as_json: JsonOpt = False) -> None:
    """List every practice: name, title, the kinds of intimacy it serves, and what it is."""
    catalogue = _catalogue(ctx)
    practices = catalogue.with_kind(_kind(kind)) if kind else catalogue.all()
    if as_json:
        print_json([_summary_record(practice) for practice in practices])
        return
    table = Table(title="Practices")
    table.add_column("name", no_wrap=True)  # the name is what people type: never cut it
    table.add_column("title")
    table.add_column("kinds")
    table.add_column("summary", ratio=1)
    for practice in practices:
        kinds = ", ".join(k.value for k in practice.kinds)
        table.add_row(practice.name, escape(practice.title), kinds, escape(practice.summary))
    console.print(table)


@practice_app.command("show")
def show_practice(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The practice's name, as `tend practices` lists it.")],
    as_json: JsonOpt = False,
) -> None:
    """Explain one practice: what it is, its parameters with units, its steps and prompts."""
    catalogue = _catalogue(ctx)
    practice = catalogue.get(name)
    if as_json:
        print_json(practice_record(practice, dict(catalogue.essays)))
        return
    _render_practice(practice, dict(catalogue.essays))


@practice_app.command("set")
def set_parameter(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The practice, e.g. time-out.")],
    key: Annotated[str, typer.Argument(help="The parameter, e.g. duration.")],
    value: Annotated[str, typer.Argument(help="Your value, in the parameter's unit.")],
    as_json: JsonOpt = False,
) -> None:
    """Use your own value for one parameter (stored in your data directory)."""
    path = get_state(ctx).resolved_home() / OVERRIDES_FILENAME
    practice = set_override(path, name, key, value).get(name)
    _render_parameter(practice.parameter(key), as_json)


@practice_app.command("reset")
def reset_parameter(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The practice, e.g. time-out.")],
    key: Annotated[str | None, typer.Argument(help="One parameter (default: all of them).")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Go back to Tending's value for one parameter of a practice, or for all of them."""
    path = get_state(ctx).resolved_home() / OVERRIDES_FILENAME
    practice = reset_override(path, name, key).get(name)
    parameters = [practice.parameter(key)] if key else list(practice.parameters)
    if as_json:
        print_json([_parameter_record(p) for p in parameters])
        return
    for parameter in parameters:
        _render_parameter(parameter, as_json=False)


def _render_parameter(parameter: Parameter, as_json: bool) -> None:
    if as_json:
        print_json(_parameter_record(parameter))
        return
    note = f" (yours; default {parameter.default})" if parameter.overridden else " (default)"
    console.print(f"{parameter.practice}.{parameter.key} = {escape(parameter.shown())}{note}")


def _parameter_record(p: Parameter) -> dict[str, Any]:
    return {
        "practice": p.practice,
        "key": p.key,
        "value": p.value,
        "unit": p.unit.value,
        "about": p.about,
        "default": p.default,
    }


def _summary_record(practice: Practice) -> dict[str, Any]:
    return {
        "name": practice.name,
        "title": practice.title,
        "kinds": [kind.value for kind in practice.kinds],
        "summary": practice.summary,
    }


def practice_record(practice: Practice, essays: dict[str, str]) -> dict[str, Any]:
    """The JSON shape of one practice."""
    return {
        **_summary_record(practice),
        "essays": [{"id": essay, "about": essays[essay]} for essay in practice.essays],
        "parameters": [
            {k: v for k, v in _parameter_record(p).items() if k != "practice"}
            for p in practice.parameters
        ],
        "steps": list(practice.steps),
        "prompts": {
            name: [p.text for p in practice.prompts_in(name)] for name in practice.prompt_sets()
        },
    }


def _render_practice(practice: Practice, essays: dict[str, str]) -> None:
    console.print(f"[bold]{escape(practice.title)}[/] ({practice.name})")
    console.print(escape(practice.summary))
    console.print("kinds: " + ", ".join(kind.value for kind in practice.kinds))
    console.print("from: " + "; ".join(f"essay {e} ({essays[e]})" for e in practice.essays))
    if practice.parameters:
        table = Table("parameter", "value", "about", title="Parameters")
        for p in practice.parameters:
            note = "" if not p.overridden else f" (yours; default {p.default})"
            table.add_row(p.key, escape(p.shown()) + note, escape(p.about))
        console.print(table)
    console.print("[bold]Steps[/]")
    for number, step in enumerate(practice.steps, start=1):
        console.print(f"  {number}. {escape(step)}")
    console.print("[bold]Prompts[/]")
    for name in practice.prompt_sets():
        console.print(f"  [italic]{name}[/]")
        for prompt in practice.prompts_in(name):
            console.print(f"    - {escape(prompt.text)}")


@words_app.command("feelings")
def feelings(ctx: typer.Context, family: FamilyOpt = None, as_json: JsonOpt = False) -> None:
    """List the feeling words, by family, with pleasantness and intensity (1 mild - 3 strong)."""
    vocabulary = load_vocabulary()
    items = vocabulary.feelings_in(family) if family else vocabulary.feelings
    if as_json:
        print_json(
            [
                {
                    "word": f.word,
                    "family": f.family,
                    "valence": f.valence.value,
                    "intensity": f.intensity,
                }
                for f in items
            ]
        )
        return
    table = Table("word", "family", "valence", "intensity", title="Feelings")
    for f in items:
        table.add_row(f.word, f.family, f.valence.value, str(f.intensity))
    console.print(table)


@words_app.command("needs")
def needs(ctx: typer.Context, family: FamilyOpt = None, as_json: JsonOpt = False) -> None:
    """List the needs, by family."""
    vocabulary = load_vocabulary()
    items = vocabulary.needs_in(family) if family else vocabulary.needs
    if as_json:
        print_json([{"need": n.word, "family": n.family} for n in items])
        return
    table = Table("need", "family", title="Needs")
    for n in items:
        table.add_row(n.word, n.family)
    console.print(table)


@words_app.command("faux")
def faux_feelings(ctx: typer.Context, as_json: JsonOpt = False) -> None:
    """List words that judge what someone else did ('ignored', 'used'), with the feelings
    that usually lie under them and the needs they point to."""
    items = load_vocabulary().faux_feelings
    if as_json:
        print_json(
            [{"word": f.word, "feelings": list(f.feelings), "needs": list(f.needs)} for f in items]
        )
        return
    table = Table("word", "feelings underneath", "needs", title="Faux feelings")
    for f in items:
        table.add_row(f.word, ", ".join(f.feelings), ", ".join(f.needs))
    console.print(table)


@words_app.command("suggest")
def suggest(
    ctx: typer.Context,
    word: Annotated[str, typer.Argument(help="Any word: a feeling, a need, or a judging word.")],
    limit: Annotated[int, typer.Option("--limit", min=1, max=20, help="Words per list.")] = 5,
    as_json: JsonOpt = False,
) -> None:
    """Suggest feeling words and needs near WORD (its family, close spellings, or what lies
    under a judging word such as 'ignored')."""
    record = suggestion_record(load_vocabulary(), word, limit)
    if as_json:
        print_json(record)
        return
    known = record["known_as"] or "not in the vocabulary (you can still use it)"
    console.print(f"[bold]{escape(word)}[/]: {escape(known)}")
    if record["faux"]:
        console.print("this word judges what someone else did; underneath it there may be:")
    console.print("feelings: " + (", ".join(record["feelings"]) or "none close"))
    console.print("needs: " + (", ".join(record["needs"]) or "none close"))


def suggestion_record(vocabulary: Vocabulary, word: str, limit: int) -> dict[str, Any]:
    """The JSON shape of `tend words suggest`."""
    faux = vocabulary.faux(word)
    known_as = None
    if vocabulary.is_feeling(word):
        known_as = "feeling"
    elif vocabulary.is_need(word):
        known_as = "need"
    elif faux is not None:
        known_as = "faux feeling"
    return {
        "word": word,
        "known_as": known_as,
        "family": vocabulary.family_of(word),
        "faux": faux is not None,
        "feelings": list(vocabulary.suggest_feelings(word, limit)),
        "needs": list(vocabulary.suggest_needs(word, limit)),
    }


def register(app: typer.Typer) -> None:
    """Add `practices`, `practice show` and `words` to the `tend` app."""
    app.command("practices")(list_practices)
    app.add_typer(practice_app, name="practice")
    app.add_typer(words_app, name="words")

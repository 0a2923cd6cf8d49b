"""What can be imported: each kind of list is one declaration (`Kind`) that the pipeline runs.

The pipeline (`services`) reads the file row by row, hands each row to the kind's cleaner, writes the
cleaned rows into the kind's staging table in batches, lets the kind check them against each other and
against the database set-based, shows the counts, and on confirmation lets the kind write them in one
transaction. A new kind (households, enrolments from older software, staff) is a new module declaring a
`Kind` and registering it here; nothing of the pipeline is copied.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ansinh.core.exceptions import DomainError
from ansinh.core.files import Column

from .models import StagedRow


@dataclass(frozen=True)
class Kind:
    """A kind of list.

    - `columns`: the file's columns, found by header in any order, case or diacritics;
    - `staging`: its staging model; `fields`: the staged columns the cleaner fills, in order;
    - `cleaner(job)`: a function of one row's {column key: cell} giving (the values of `fields`, its
      problems as [(column label, message)]);
    - `check(cursor, job)`: set-based checks of the staged rows (repeated rows, records already there);
    - `commit(cursor, job, user)`: writes the good rows where they belong, returns the counts;
    - `conflicts`: what the checks' codes (`StagedRow.conflict`) tell the user: code → (column, message, where
      `{other}` is the earlier row it repeats);
    - `instructions`, `example` and `choices` (column key → allowed values) make the template;
    - `beside`: the list its rows go to (the `what` of that list's export), where its template and import
      are offered.
    """

    name: str
    label: str
    columns: Sequence[Column]
    staging: type[StagedRow]
    fields: Sequence[str]
    cleaner: Callable[..., Callable[[dict[str, Any]], tuple[tuple, list[tuple[str, str]]]]]
    check: Callable[..., None]
    commit: Callable[..., dict[str, Any]]
    instructions: Sequence[str] = ()
    example: Sequence[Sequence[Any]] = ()
    choices: dict[str, Sequence[str]] = field(default_factory=dict)
    conflicts: dict[str, tuple[str, str]] = field(default_factory=dict)
    capability: str = ""  # what the user needs in the app the rows go to
    beside: str = ""
    order: int = 100  # where it is offered among the kinds: in the order a province imports them


KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    KINDS[kind.name] = kind
    for name in sorted(KINDS, key=lambda n: KINDS[n].order):  # re-inserted in order
        KINDS[name] = KINDS.pop(name)
    return kind


def kind_of(name: str) -> Kind:
    try:
        return KINDS[name]
    except KeyError:
        raise DomainError(f"Không có loại danh sách “{name}” (có: {', '.join(KINDS)}).", field="kind") from None

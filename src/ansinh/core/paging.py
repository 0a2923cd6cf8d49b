"""Paging a list that is the union of several index-ordered querysets, with a capped count.

A name search is "full name starts with X" OR "given name first starts with X", shown in one order
(`sort_name`, `id`). Asked as one query with OR, the database must collect every match and sort it:
at a million people "nguyen" matches a third of them. Asked as one query per condition, each is a
walk along an index in that order that stops at the end of the page; merging the two short lists
gives the page. Counting is capped for the same reason: nobody pages through 380,000 Nguyễn.
"""

import heapq
from collections.abc import Sequence

from django.db.models import QuerySet

COUNT_CAP = 1000


class OrderedUnion:
    """`rows` in `ordering` order, each page read as the merge of `branches`.

    `rows` is the whole list as one queryset (scoped, with its `select_related`); it is counted, and
    pages are loaded from it. `branches` are querysets whose union is `rows`, each already ordered
    the same way as `ordering` (by those columns, or an expression of equal order that leads the
    database to another plan); with none, pages are plain slices of `rows`. `ordering` must end with the primary key so that it is total. Django's
    `Paginator` and REST framework's pagination take this like a queryset: `count()`, slicing.
    """

    def __init__(
        self, rows: QuerySet, *, ordering: Sequence[str], branches: Sequence[QuerySet] = (), cap: int | None = None
    ):
        self.rows = rows
        self.branches = list(branches)
        self.ordering = list(ordering)
        self.cap = COUNT_CAP if cap is None else cap
        self._count: int | None = None

    def count(self) -> int:
        """The number of rows, or `cap + 1` when there are more than `cap`."""
        if self._count is None:
            self._count = self.rows.order_by().values("pk")[: self.cap + 1].count()
        return self._count

    @property
    def capped(self) -> bool:
        return self.count() > self.cap

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key):
        if not isinstance(key, slice) or key.step not in (None, 1):
            raise TypeError("OrderedUnion supports only slices without a step.")
        start, stop = key.start or 0, key.stop
        if stop is None or start < 0 or stop < start:
            raise ValueError("OrderedUnion needs a bounded, non-negative slice.")
        if len(self.branches) < 2:
            return list(self.rows.order_by(*self.ordering)[start:stop])
        heads = [list(b.values_list(*self.ordering)[:stop]) for b in self.branches]
        keys: list[tuple] = []
        for key_ in heapq.merge(*heads):
            if not keys or keys[-1] != key_:
                keys.append(key_)
            if len(keys) == stop:
                break
        ids = [k[-1] for k in keys[start:stop]]
        loaded = self.rows.in_bulk(ids)
        return [loaded[pk] for pk in ids if pk in loaded]

"""Older / newer paging by position in the journal (keyset paging), not by page number.

A page number means counting every moment and skipping the ones before it, which grows with a person's history;
here each page starts from the moment at its edge, using the (user, occurred_at) index, so the hundredth page
costs what the first does. Links carry only a moment's id, which is checked against the person's own moments.
"""

from typing import NamedTuple

from django.db.models import Q

from journal.params import whole_number


class KeysetPage(NamedTuple):
    object_list: list
    newer: int | None  # the id to page back from (?after=), when there are newer moments
    older: int | None  # the id to page on from (?before=), when there are older moments

    @property
    def has_other_pages(self):
        return bool(self.newer or self.older)


# Each condition repeats its bound on occurred_at alone: the OR by itself makes PostgreSQL gather every row on one
# side of the edge before sorting, where one range of the (user, occurred_at) index lets it stop after a page.
def older_than(log):
    return Q(occurred_at__lte=log.occurred_at) & (
        Q(occurred_at__lt=log.occurred_at) | Q(occurred_at=log.occurred_at, pk__lt=log.pk)
    )


def newer_than(log):
    return Q(occurred_at__gte=log.occurred_at) & (
        Q(occurred_at__gt=log.occurred_at) | Q(occurred_at=log.occurred_at, pk__gt=log.pk)
    )


def keyset_page(logs, query, size):
    """The page of `logs` (newest first) that `query` asks for: `?before=<id>`, `?after=<id>`, else the newest.
    An id that isn't one of `logs`, or an edge with nothing beyond it, gives the newest page."""
    before, after = whole_number(query.get("before")), whole_number(query.get("after"))
    edge = (
        logs.prefetch_related(None).filter(pk=before if before is not None else after).first()
        if (before or after)
        else None
    )
    if edge and before is None:
        rows = list(logs.filter(newer_than(edge)).order_by("occurred_at", "pk")[: size + 1])
        items = rows[:size][::-1]
        if items:
            return KeysetPage(items, newer=items[0].pk if len(rows) > size else None, older=items[-1].pk)
    elif edge:
        rows = list(logs.filter(older_than(edge))[: size + 1])
        items = rows[:size]
        if items:
            return KeysetPage(items, newer=items[0].pk, older=items[-1].pk if len(rows) > size else None)
    rows = list(logs[: size + 1])
    items = rows[:size]
    return KeysetPage(items, newer=None, older=items[-1].pk if len(rows) > size else None)

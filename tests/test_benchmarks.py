"""The benchmark commands fill a database with hundreds of thousands of rows: each refuses one whose name does not
say it is a throwaway benchmark database, before touching anything."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from journal.factories import TriggerLogFactory
from journal.models import TriggerLog

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("command", ["bench_review", "bench_pages", "bench_portability"])
def test_a_benchmark_refuses_a_database_not_named_for_it(owner, command):
    TriggerLogFactory(user=owner)
    with pytest.raises(CommandError, match="throwaway database whose name contains 'bench'"):
        call_command(command)
    assert TriggerLog.objects.count() == 1, "nothing was added or taken away"

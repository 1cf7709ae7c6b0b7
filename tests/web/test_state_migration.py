"""Migration 0002 splits clusters saved whole before it (and joins them again when reversed)."""

from __future__ import annotations

import importlib
import json

import pytest
from django.apps import apps

from cluster_core import Playground
from playground.models import Cluster
from playground.services import store

pytestmark = pytest.mark.django_db
migration = importlib.import_module("playground.migrations.0002_split_cluster_state")


def test_a_cluster_saved_whole_is_split_and_loads_the_same():
    pg = Playground.new(seed=3)
    pg.execute("kubectl run web --image=nginx")
    whole = store.dumps(pg.to_state())
    row = Cluster.objects.create(owner="s:old", lesson="sandbox", seed=3, state=whole)  # as 0001 saved it
    migration.split_states(apps, None)
    row.refresh_from_db()
    assert set(json.loads(row.core.state)) == set(store.CORE_KEYS)
    assert not set(json.loads(row.state)) & set(store.CORE_KEYS)
    assert store.saved_row(row.pk) == json.loads(whole)
    store.forget(row.pk)
    assert store.read(row.pk, lambda loaded: loaded.pg.cluster.get("Pod", "default", "web")) is not None

    migration.join_states(apps, None)
    row.refresh_from_db()
    assert json.loads(row.state) == json.loads(whole)

"""Node affinity and taint matching shared by the scheduler and the DaemonSet controller."""

from __future__ import annotations

from cluster_core.sim.placement import node_affinity_matches, tolerates, untolerated_taint

NODE = {"metadata": {"name": "n1", "labels": {"cores": "8"}}}


def _required(terms: object) -> dict:
    return {"affinity": {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": terms}}}


def test_empty_terms_match_no_node() -> None:
    """An empty term, an empty list of terms or an empty NodeSelector matches nothing (nodeaffinity)."""
    assert node_affinity_matches({}, NODE)
    assert not node_affinity_matches(_required({}), NODE)
    assert not node_affinity_matches(_required({"nodeSelectorTerms": []}), NODE)
    assert not node_affinity_matches(_required({"nodeSelectorTerms": [{}]}), NODE)


def test_gt_needs_exactly_one_value_and_match_fields_only_know_the_name() -> None:
    """Gt/Lt with several values is not a requirement; matchFields only supports metadata.name."""
    gt = {"matchExpressions": [{"key": "cores", "operator": "Gt", "values": ["4"]}]}
    assert node_affinity_matches(_required({"nodeSelectorTerms": [gt]}), NODE)
    gt["matchExpressions"][0]["values"] = ["4", "5"]
    assert not node_affinity_matches(_required({"nodeSelectorTerms": [gt]}), NODE)
    field = {"matchFields": [{"key": "metadata.name", "operator": "In", "values": ["n1"]}]}
    assert node_affinity_matches(_required({"nodeSelectorTerms": [field]}), NODE)
    field["matchFields"][0]["key"] = "metadata.namespace"
    assert not node_affinity_matches(_required({"nodeSelectorTerms": [field]}), NODE)


def test_an_unknown_operator_tolerates_nothing() -> None:
    """ToleratesTaint: only "", Equal and Exists are operators."""
    taint = {"key": "k", "value": "v", "effect": "NoSchedule"}
    assert not tolerates({"key": "k", "operator": "Like", "value": "v"}, taint)
    assert untolerated_taint([taint], [{"key": "k", "operator": "Like", "value": "v"}], ("NoSchedule",)) == taint
    assert untolerated_taint([taint], [{"key": "k", "value": "v"}], ("NoSchedule",)) is None

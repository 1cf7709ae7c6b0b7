"""Each check type against a crafted cluster: passing and failing, with the student's messages."""

from __future__ import annotations

import json

import pytest

from playground.lessons.checks import CheckError, Env
from tests.lessons.helpers import check, verdict

HISTORY = ["kubectl explain pods", "kubectl get pods", "kubectl get pods"]

PASSING = [
    "kubectl: get pod nginx-manual -o jsonpath={.status.phase}\nequals: Running",
    "kubectl: kubectl get pods -o name\ncontains: pod/nginx-manual",
    "kubectl: get pods -A -o name\nmatches: '^pod/nginx-v\\d$'",
    "kubectl: get node kubesphere01 -o jsonpath={.status.capacity.pods}\ngte: 110",
    "exists: pod/nginx-manual",
    "exists: pod/nginx-v2\nnamespace: shop",
    "exists: node/kubesphere03",
    "absent: pod/nginx-v2",
    "count: pods\nselector: creation_method=manual\nnamespace: '*'\nequals: 2",
    "count: pods\nphase: Running\nnode: kubesphere02\nlte: 1",
    "count: nodes\nselector: gpu=true\nequals: 1",
    "count: events\nfield_selector: involvedObject.name=nginx-stuck,reason=FailedScheduling\ngte: 1",
    "labels: pod/nginx-manual\ninclude: {creation_method: manual, rel: null}",
    "labels: pod/nginx-manual\nequals: {creation_method: manual}",
    "labels: node/kubesphere02\ninclude: {gpu: 'true'}",
    "ran: '\\bexplain\\s+pods?\\b'",
    "ran: get\\s+pods\ntimes: 2",
    "file: nginx-manual.yaml",
    "file: nginx-manual.yaml\nmanifest: {kind: Pod, name: nginx-manual}",
    "file: nginx-manual.yaml\nmatches: 'name:\\s+nginx-\\w+'",
]


@pytest.mark.parametrize("text", PASSING)
def test_check_passes(text, crafted):
    """A check the crafted cluster satisfies passes with empty messages."""
    assert verdict(text, crafted, HISTORY) == (True, "", "")


FAILING = [
    ("kubectl: get pod nginx-stuck -o jsonpath={.status.phase}\nequals: Running",
     "`kubectl get pod nginx-stuck -o jsonpath={.status.phase}` prints `Pending`; expected `Running`.",
     "`kubectl get pod nginx-stuck -o jsonpath={.status.phase}` 的输出是 `Pending`,应为 `Running`。"),
    ("kubectl: get pod nope -o jsonpath={.status.phase}\nequals: Running",
     '`kubectl get pod nope -o jsonpath={.status.phase}` fails: Error from server (NotFound): pods "nope" not found',
     '`kubectl get pod nope -o jsonpath={.status.phase}` 执行失败:Error from server (NotFound): pods "nope" not found'),
    ("kubectl: get pods -o name\ncontains: pod/nginx-v2",
     "`kubectl get pods -o name` prints `pod/nginx-manual pod/nginx-stuck`; expected output containing `pod/nginx-v2`.",
     "`kubectl get pods -o name` 的输出是 `pod/nginx-manual pod/nginx-stuck`,应为包含 `pod/nginx-v2` 的内容。"),
    ("kubectl: get pods -o name\nmatches: '^pod/nginx-v\\d$'",
     "`kubectl get pods -o name` prints `pod/nginx-manual pod/nginx-stuck`; expected output matching `^pod/nginx-v\\d$`.",
     "`kubectl get pods -o name` 的输出是 `pod/nginx-manual pod/nginx-stuck`,应为匹配 `^pod/nginx-v\\d$` 的内容。"),
    ("kubectl: get node kubesphere01 -o jsonpath={.status.capacity.pods}\nlt: 100",
     "`kubectl get node kubesphere01 -o jsonpath={.status.capacity.pods}` prints `110`; expected a number less than 100.",
     "`kubectl get node kubesphere01 -o jsonpath={.status.capacity.pods}` 的输出是 `110`,应为小于 100 的数。"),
    ("kubectl: get pod nginx-manual -o jsonpath={.metadata.name}\ngt: 1",
     "`kubectl get pod nginx-manual -o jsonpath={.metadata.name}` prints `nginx-manual`; expected a number greater than 1.",
     "`kubectl get pod nginx-manual -o jsonpath={.metadata.name}` 的输出是 `nginx-manual`,应为大于 1 的数。"),
    ("exists: pod/nginx-v2",
     "There is no Pod named nginx-v2 in namespace default yet.",
     "还没有名为 nginx-v2 的 Pod(命名空间 default)。"),
    ("exists: node/kubesphere04",
     "There is no Node named kubesphere04 yet.",
     "还没有名为 kubesphere04 的 Node。"),
    ("absent: po/nginx-v2\nnamespace: shop",
     "Pod nginx-v2 in namespace shop still exists.",
     "Pod nginx-v2(命名空间 shop)仍然存在。"),
    ("absent: namespace/shop",
     "Namespace shop still exists.",
     "Namespace shop 仍然存在。"),
    ("count: pods\nselector: creation_method=manual\nequals: 2",
     "Expected exactly 2 pods labelled creation_method=manual in namespace default; found 1.",
     "标签匹配 creation_method=manual 的 Pod(命名空间 default)应有恰好 2 个,目前有 1 个。"),
    ("count: pods\nphase: Pending\nnode: kubesphere02\nequals: 1",
     "Expected exactly 1 Pod in phase Pending on node kubesphere02 in namespace default; found 0.",
     "处于 Pending 状态、运行在节点 kubesphere02 上的 Pod(命名空间 default)应有恰好 1 个,目前有 0 个。"),
    ("count: nodes\nselector: gpu=true\ngt: 1",
     "Expected more than 1 nodes labelled gpu=true; found 1.",
     "标签匹配 gpu=true 的 Node 应有多于 1 个,目前有 1 个。"),
    ("labels: pod/nginx-v2\nnamespace: shop\ninclude: {rel: stable}",
     "Pod nginx-v2 should have the label rel=stable (it has rel=beta).",
     "Pod nginx-v2 应带有标签 rel=stable(当前为 rel=beta)。"),
    ("labels: pod/nginx-manual\ninclude: {rel: stable}",
     "Pod nginx-manual should have the label rel=stable (it has no label rel).",
     "Pod nginx-manual 应带有标签 rel=stable(当前没有标签 rel)。"),
    ("labels: pod/nginx-v2\nnamespace: shop\ninclude: {rel: null}",
     "Pod nginx-v2 should not have the label rel (it has rel=beta).",
     "Pod nginx-v2 不应带有标签 rel(当前为 rel=beta)。"),
    ("labels: pod/nginx-v2\nnamespace: shop\nequals: {creation_method: manual}",
     "Pod nginx-v2 should have exactly the labels creation_method=manual (it has creation_method=manual,rel=beta).",
     "Pod nginx-v2 的标签应恰好为 creation_method=manual(当前为 creation_method=manual,rel=beta)。"),
    ("labels: pod/ghost\ninclude: {a: b}",
     "There is no Pod named ghost in namespace default yet.",
     "还没有名为 ghost 的 Pod(命名空间 default)。"),
    ("ran: '\\bexplain\\s+pods?\\.spec'\nexample: kubectl explain pod.spec",
     "You have not run `kubectl explain pod.spec` yet.",
     "你还没有运行 `kubectl explain pod.spec`。"),
    ("ran: '\\bexplain\\s+pods?\\.spec'",
     "You have not run a command matching `\\bexplain\\s+pods?\\.spec` yet.",
     "你还没有运行匹配 `\\bexplain\\s+pods?\\.spec` 的命令。"),
    ("ran: get\\s+pods\ntimes: 3\nexample: kubectl get pods",
     "Run `kubectl get pods` at least 3 times (so far 2).",
     "请运行 `kubectl get pods` 至少 3 次(目前 2 次)。"),
    ("file: nginx-manual.yaml\nmanifest: {kind: Pod, name: other}",
     "nginx-manual.yaml should describe a Pod named other.",
     "nginx-manual.yaml 应描述一个名为 other 的 Pod。"),
    ("file: nginx-manual.yaml\ncontains: 'nginx:1.9.1'",
     "nginx-manual.yaml does not contain `nginx:1.9.1` yet.",
     "nginx-manual.yaml 中还没有 `nginx:1.9.1`。"),
    ("file: nginx-manual.yaml\nmatches: 'image:'",
     "nginx-manual.yaml does not contain text matching `image:` yet.",
     "nginx-manual.yaml 中还没有匹配 `image:` 的内容。"),
    ("file: missing.yaml",
     "There is no file missing.yaml in your home directory yet.",
     "主目录中还没有文件 missing.yaml。"),
    ("file: broken.yaml\nmanifest: {kind: Pod}",
     "broken.yaml is not valid YAML (line 2).",
     "broken.yaml 不是有效的 YAML(第 2 行)。"),
    ("absent: pod/nginx-manual\nmessage: {en: Delete it., zh-Hans: 删除它。}",
     "Delete it.", "删除它。"),
    ("exists: pod/nginx-v2\nmessage: Create nginx-v2 first.",
     "Create nginx-v2 first.", "Create nginx-v2 first."),
]


@pytest.mark.parametrize(("text", "en", "zh"), FAILING)
def test_check_fails_with_message(text, en, zh, crafted):
    """A check the crafted cluster does not satisfy says what is missing, in both languages."""
    assert verdict(text, crafted, HISTORY) == (False, en, zh)


def test_terminating_objects_count_as_gone(crafted):
    """A pod being deleted is absent for exists/absent/count, though kubectl still lists it."""
    from cluster_core import Playground

    pg = Playground.from_state(crafted.to_state())
    pg.cluster.delete("Pod", "default", "nginx-manual")
    assert pg.cluster.get("Pod", "default", "nginx-manual")["metadata"]["deletionTimestamp"]
    assert verdict("absent: pod/nginx-manual", pg)[0] is True
    assert verdict("exists: pod/nginx-manual", pg)[0] is False
    assert verdict("count: pods\nselector: creation_method=manual\nequals: 0", pg)[0] is True


def test_kubectl_checks_ignore_the_students_namespace(crafted):
    """A student's kubeconfig namespace does not move a check: queries default to namespace default."""
    from cluster_core import Playground

    pg = Playground.from_state(crafted.to_state())
    assert pg.execute("kubectl config set-context --current --namespace=shop").exit_code == 0
    assert pg.execute("kubectl get pod nginx-manual").exit_code == 1
    assert verdict("kubectl: get pod nginx-manual -o name\nequals: pod/nginx-manual", pg)[0] is True


def test_evaluating_checks_leaves_the_cluster_unchanged(crafted):
    """Every check type reads only: the playground's saved state is identical before and after."""
    before = json.dumps(crafted.to_state(), sort_keys=True)
    env = Env(crafted, HISTORY)
    for text in PASSING + [f[0] for f in FAILING]:
        check(text).evaluate(env)
    assert json.dumps(crafted.to_state(), sort_keys=True) == before


BAD = [
    ("exist: pod/x", 1, "a check needs one of: kubectl, exists, absent, count, labels, ran, file "
     "(unknown key 'exist')"),
    ("exists: pod/x\nabsent: pod/x", 1, "a check has exactly one of: kubectl, exists, absent, count, labels, ran, file"),
    ("exists: pod/x\nequals: 3", 2, "unknown key 'equals' (a 'exists' check allows: message, namespace)"),
    ("exists: pods", 1, "expected KIND/NAME such as pod/nginx-manual, got 'pods'"),
    ("exists: statefulset/x", 1, "unknown kind 'statefulset' (known: namespaces, nodes, pods, events, "
     "services, deployments, replicasets, daemonsets, jobs)"),
    ("exists: node/x\nnamespace: shop", 2, "Node objects have no namespace"),
    ("kubectl: delete pod x\nequals: ''", 1, "a kubectl check must start with a read-only verb (api-resources, "
     "api-versions, cluster-info, describe, events, explain, get, logs, version), got 'delete pod x'"),
    ("kubectl: get pods -w\ncontains: x", 1, "-w is not allowed in a check (it would watch, follow or read the "
     "student's files)"),
    ("kubectl: get pods | grep x\ncontains: x", 1, "a kubectl check is one kubectl command: no pipes or redirections"),
    ("kubectl: get pods", 1, "a kubectl check needs an expected result: one of equals, contains, matches, gt, gte, "
     "lt, lte"),
    ("kubectl: get pods\nmatches: '('", 2, "bad regular expression '(': missing ), unterminated subpattern at "
     "position 0"),
    ("count: pods\nequals: three", 2, "'equals' takes a number, got 'three'"),
    ("kubectl: get pods\nequals: true", 2, "'equals' takes a value such as Running or 3 (quote \"true\"), got True"),
    ("count: pods\nselector: 'a b'\nequals: 1", 2, "bad label selector: unable to parse requirement: found 'b', "
     "expected: in, notin, =, ==, !=, gt, lt"),
    ("count: nodes\nphase: Running\nequals: 1", 1, "'phase' and 'node' apply to pods only"),
    ("labels: node/kubesphere02\ninclude: {gpu: true}", 2, "label 'gpu': values are strings; quote values such as "
     "\"true\" (null means: must not have it)"),
    ("labels: pod/x", 1, "a labels check needs 'include' (labels it must have) or 'equals'"),
    ("ran: x\ntimes: 0", 2, "'times' takes a whole number of at least 1"),
    ("ran: explain\nexample: kubectl get pods", 2, "the example 'kubectl get pods' does not match 'explain'"),
    ("file: x.yaml\nmanifest: {kind: Pod, image: nginx}", 2, "'manifest' takes kind, name and/or namespace, e.g. "
     "{kind: Pod, name: nginx-manual}"),
    ("exists: pod/x\nmessage: {en: only english}", 2, "'message' takes a string or {en: ..., zh-Hans: ...}"),
]


@pytest.mark.parametrize(("text", "line", "message"), BAD)
def test_malformed_checks_are_refused_with_their_line(text, line, message):
    """A malformed check raises CheckError naming the line and what is wrong."""
    with pytest.raises(CheckError) as e:
        check(text)
    assert (e.value.line, e.value.message) == (line, message)

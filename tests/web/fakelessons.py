"""A tiny stand-in for the lesson engine (``playground.lessons``' interface), so page tests do not
depend on the real lessons' wording."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from cluster_core import Playground

STEP1_TEXT = """Save the manifest:

```yaml
# file: web.yaml
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: nginx
    image: nginx
```

Then create it <script>alert("x")</script>:

```sh
kubectl create -f web.yaml
```
"""


def _step(id_: str, en: str, zh: str, text: str, hints: list[str]) -> SimpleNamespace:
    return SimpleNamespace(id=id_, title={"en": en, "zh-Hans": zh}, text={"en": text, "zh-Hans": text},
                           commands=[], hints={"en": hints, "zh-Hans": ["提示"]}, solution=[])


LESSON = SimpleNamespace(
    slug="first", order=1, title={"en": "First steps", "zh-Hans": "第一步"},
    summary={"en": "Make a pod.", "zh-Hans": "创建一个 Pod。"},
    steps=[_step("make-pod", "Make a pod", "创建 Pod", STEP1_TEXT, ["Use kubectl create.", "Use -f web.yaml."]),
           _step("look", "Look at it", "查看", "```sh\nkubectl get pods\n```\n", [])],
    exercise=_step("exercise", "Exercise: two pods", "练习", "Run two pods.", ["Think."]),
)
SECOND = SimpleNamespace(slug="second", order=2, title={"en": "Second", "zh-Hans": "第二"}, summary={"en": ""},
                         steps=[], exercise=None)


def load_lessons() -> list[Any]:
    return [LESSON, SECOND]


def get_lesson(slug: str) -> Any:
    return {"first": LESSON, "second": SECOND}.get(slug)


def new_playground(lesson: Any, seed: int = 0, now: Any = None) -> Playground:
    return Playground.new(seed=seed, now=now)


def evaluate(lesson: Any, pg: Playground, history: list[str]) -> list[Any]:
    if lesson is not LESSON:
        return []
    has_pod = pg.cluster.get("Pod", "default", "web") is not None
    looked = any(line.startswith("kubectl get") for line in history)
    return [
        SimpleNamespace(step_id="make-pod", passed=has_pod,
                        message={"en": "" if has_pod else "no pod web yet", "zh-Hans": "还没有 web"}),
        SimpleNamespace(step_id="look", passed=looked, message={"en": "", "zh-Hans": ""}),
        SimpleNamespace(step_id="exercise", passed=False, message={"en": "two pods needed", "zh-Hans": "需要两个"}),
    ]

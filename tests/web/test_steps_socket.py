"""Step results pushed on the terminal socket as checks pass (with a stand-in lesson engine)."""

from __future__ import annotations

import pytest
from asgiref.sync import sync_to_async

from playground.models import StepProgress
from tests.web.wsclient import is_type

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True)]


def by_id(message: dict) -> dict[str, tuple[bool, str]]:
    return {r["id"]: (r["passed"], r["message"]) for r in message["results"]}


async def test_steps_are_sent_on_connect_and_when_they_pass(socket, fake_lessons):
    """Connect: every step with its verdict; a command that satisfies a check pushes the new results."""
    s = socket("/ws/terminal/first/")
    assert (await s.connect())[0]
    got = await s.until(is_type("steps"))
    assert by_id(got[-1]) == {"make-pod": (False, "no pod web yet"), "look": (False, ""),
                              "exercise": (False, "two pods needed")}
    await s.run("kubectl run web --image=nginx")
    steps = (await s.until(is_type("steps")))[-1]
    assert by_id(steps)["make-pod"] == (True, "")
    await s.run("kubectl get pods")
    assert by_id((await s.until(is_type("steps")))[-1])["look"] == (True, "")
    passed = await sync_to_async(lambda: sorted(StepProgress.objects.values_list("step_id", flat=True)))()
    assert passed == ["look", "make-pod"]
    await s.close()


async def test_a_passed_step_stays_passed(socket, fake_lessons):
    """Deleting the pod afterwards does not take the check mark away (the live message says why)."""
    s = socket("/ws/terminal/first/")
    assert (await s.connect())[0]
    await s.until(is_type("steps"))
    await s.run("kubectl run web --image=nginx")
    await s.until(is_type("steps"))
    output, _ = await s.run("kubectl delete pod web --grace-period=0 --force")
    assert output.endswith('pod "web" force deleted\n')
    steps = (await s.until(is_type("steps")))[-1]
    assert by_id(steps)["make-pod"] == (True, "no pod web yet")
    await s.close()


async def test_step_messages_follow_the_language_cookie(socket, fake_lessons):
    """The language cookie set by the language switch picks the messages' language."""
    s = socket("/ws/terminal/first/", cookies="django_language=zh-hans")
    assert (await s.connect())[0]
    steps = (await s.until(is_type("steps")))[-1]
    assert by_id(steps)["make-pod"] == (False, "还没有 web")
    await s.close()


async def test_sandbox_sends_no_steps(socket):
    """The sandbox has no lesson: ready, and no steps message."""
    s = socket("/ws/terminal/sandbox/")
    assert (await s.connect())[0]
    await s.until(is_type("ready"))
    _, done = await s.run("true")
    assert not any(is_type("steps")(m) for m in s.seen)
    await s.close()

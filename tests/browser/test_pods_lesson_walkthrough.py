"""The whole `pods` lesson in a real browser, from the first step to the exercise's check mark.

A student's path through ``lessons/pods.yaml``: the page's own buttons (Save for the manifest, Run
for each command block, + for a second terminal tab, +30 s while the image is pulled), the terminal
where the lesson asks for typing, and the editor pane for the exercise's own manifest. Each step's
``#steps li[data-step-id]`` must turn ``data-passed="true"`` as the server pushes its result; every
wait is on what the page publishes (Playwright's ``expect`` and ``wait_for_*``), never a sleep. The
``page`` fixture fails the test on any uncaught page error.
"""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

from tests.browser.screen import focus_terminal, type_line, wait_for_prompt, wait_for_screen

PROMPT = "student@playground:~$ "
STEP_IDS = ["write-manifest", "explain", "create", "full-definition", "logs", "port-forward", "exercise"]
HELLO_YAML = """apiVersion: v1
kind: Pod
metadata:
  name: hello
spec:
  containers:
    - name: web
      image: nginx:1.27
"""


def step(page: Page, step_id: str) -> Locator:
    return page.locator(f'#steps li[data-step-id="{step_id}"]')


def run_button(page: Page, step_id: str, command: str, output: str, tab: int = 0) -> None:
    """Click the Run button of ``command`` in the step's text; wait for ``output`` and the prompt."""
    page.locator(f'#step-{step_id} button[data-command="{command}"]').click()
    wait_for_screen(page, PROMPT + command + "\n" + output, tab=tab)
    wait_for_prompt(page, tab=tab)


def expect_passed(page: Page, step_id: str) -> None:
    """The step's check mark is on and its message (what was still missing) is gone."""
    li = step(page, step_id)
    expect(li).to_have_attribute("data-passed", "true")
    expect(li.locator(".step-message")).to_have_text("")


def test_pods_lesson_from_the_first_step_to_the_exercise(page, server):
    """Every step of `pods` and its exercise, done through the page, turns passed in order."""
    page.goto(f"{server.url}/lessons/pods/")
    expect(page.locator("#terminal")).to_have_attribute("data-connection", "open")
    wait_for_prompt(page)
    expect(page.locator("#steps li[data-step-id]")).to_have_count(len(STEP_IDS))
    for step_id in STEP_IDS:
        expect(step(page, step_id)).to_have_attribute("data-passed", "false")
    expect(step(page, "exercise")).to_have_attribute("data-exercise", "true")

    # 1. write-manifest: the Save button writes nginx-manual.yaml; cat shows what was saved.
    save = page.locator('#step-write-manifest [data-save-file][data-filename="nginx-manual.yaml"]')
    save.click()
    expect(save).to_have_attribute("data-saved", "true")
    run_button(page, "write-manifest", "cat nginx-manual.yaml",
               "apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx-manual\n")
    wait_for_screen(page, "    - image: nginx:1.9.1\n      name: nginx\n")
    expect_passed(page, "write-manifest")

    # 2. explain: both Run buttons.
    run_button(page, "explain", "kubectl explain pods", "KIND:       Pod\nVERSION:    v1\n")
    expect(step(page, "explain")).to_have_attribute("data-passed", "false")  # pod.spec still to read
    run_button(page, "explain", "kubectl explain pod.spec", "KIND:       Pod\nVERSION:    v1\n\nFIELD: spec <PodSpec>")
    expect_passed(page, "explain")

    # 3. create: the pod is created, but only Running after the image is pulled: fast-forward.
    run_button(page, "create", "kubectl create -f nginx-manual.yaml", "pod/nginx-manual created\n")
    run_button(page, "create", "kubectl get pods", "NAME           READY   STATUS")
    create = step(page, "create")
    expect(create).to_have_attribute("data-passed", "false")
    expect(create.locator(".step-message")).to_contain_text("expected `Running`")
    card = page.locator('#cluster-view li.pod[data-pod="nginx-manual"]')
    expect(card).to_have_count(1)
    page.get_by_role("button", name="+30 s").click()
    expect(page.locator("#clock-status")).to_have_text("30 seconds passed.")
    expect(card).to_have_attribute("data-phase", "Running")
    expect_passed(page, "create")

    # 4. full-definition: -o yaml, then -o json.
    run_button(page, "full-definition", "kubectl get pod nginx-manual -o yaml", "apiVersion: v1\nkind: Pod\n")
    wait_for_screen(page, "  phase: Running\n")
    run_button(page, "full-definition", "kubectl get pod nginx-manual -o json",
               '{\n    "apiVersion": "v1",\n    "kind": "Pod",\n')
    wait_for_screen(page, '"phase": "Running"')
    expect_passed(page, "full-definition")

    # 5. logs: by pod name, then naming the container with -c.
    run_button(page, "logs", "kubectl logs nginx-manual", "")
    run_button(page, "logs", "kubectl logs nginx-manual -c nginx", "")
    expect_passed(page, "logs")

    # 6. port-forward: it keeps tab 1 busy; the + button opens tab 2, where curl's Run button types.
    page.locator('#step-port-forward button[data-command="kubectl port-forward nginx-manual 8080:80"]').click()
    wait_for_screen(page, "Forwarding from 127.0.0.1:8080 -> 80\n")
    tab1 = page.locator("#terminal-panel-0")
    expect(tab1).to_have_attribute("data-busy", "true")
    page.get_by_role("button", name="New terminal tab").click()
    expect(page.locator("#terminal-panel-1")).to_be_visible()
    wait_for_prompt(page, tab=1)
    run_button(page, "port-forward", "curl http://127.0.0.1:8080", "<!DOCTYPE html>", tab=1)
    wait_for_screen(page, "<title>Welcome to nginx!</title>", tab=1)
    wait_for_screen(page, "Forwarding from [::1]:8080 -> 80\nHandling connection for 8080")  # the forward saw the request
    expect(tab1).to_have_attribute("data-busy", "true")
    expect_passed(page, "port-forward")
    page.get_by_role("tab", name="Terminal 1").click()
    focus_terminal(page)
    page.keyboard.press("Control+C")
    wait_for_screen(page, "^C\n" + PROMPT)
    wait_for_prompt(page)

    # Exercise: hello.yaml written in the editor pane, the pod created, Running, its logs read.
    exercise = step(page, "exercise")
    type_line(page, "nano hello.yaml")
    editor = page.locator("#editor")
    expect(editor).to_be_visible()
    expect(editor.locator("#editor-path")).to_have_text("/home/student/hello.yaml")
    editor.locator("textarea").fill(HELLO_YAML)
    editor.get_by_role("button", name="Save").click()
    expect(editor).to_be_hidden()
    wait_for_prompt(page)
    type_line(page, "kubectl create -f hello.yaml")
    wait_for_screen(page, PROMPT + "kubectl create -f hello.yaml\npod/hello created\n" + PROMPT)
    wait_for_prompt(page)
    expect(exercise).to_have_attribute("data-passed", "false")
    expect(exercise.locator(".step-message")).to_contain_text("expected `Running`")  # still pulling nginx:1.27
    page.get_by_role("button", name="+30 s").click()
    expect(page.locator('#cluster-view li.pod[data-pod="hello"]')).to_have_attribute("data-phase", "Running")
    expect(exercise.locator(".step-message")).to_have_text("You have not run `kubectl logs hello` yet.")
    type_line(page, "kubectl logs hello")
    wait_for_screen(page, PROMPT + "kubectl logs hello\n")
    wait_for_prompt(page)
    expect_passed(page, "exercise")

    # The last check mark is on and none went off on the way.
    expect(page.locator('#steps li[data-step-id][data-passed="true"]')).to_have_count(len(STEP_IDS))

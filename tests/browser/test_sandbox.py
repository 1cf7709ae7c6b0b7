"""The sandbox in a real browser against the real back end (Daphne, Channels, the simulated cluster).

Each test has its own browser context, so its own session and cluster. Waits are on what the page
publishes (the terminal's buffer, data-ready/data-busy, the cluster view's data-phase), never sleeps.
"""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.screen import (
    focus_terminal,
    screen,
    type_line,
    wait_for_last_line,
    wait_for_prompt,
    wait_for_screen,
    wait_for_whole_screen,
)

PROMPT = "student@playground:~$ "
NGINX_MANUAL = """cat > nginx-manual.yaml <<'EOF'
apiVersion: v1
kind: Pod
metadata:
  name: nginx-manual
spec:
  containers:
  - image: nginx
    name: nginx
    ports:
    - containerPort: 80
      protocol: TCP
EOF"""


def open_sandbox(page, server):
    page.goto(f"{server.url}/sandbox/")
    expect(page.locator("#terminal")).to_have_attribute("data-connection", "open")
    wait_for_prompt(page)


def test_kubectl_get_nodes_lists_the_three_nodes(page, server):
    """`kubectl get nodes` typed in the terminal prints the three nodes, then a new prompt."""
    open_sandbox(page, server)
    expect(page.locator("#cluster-view")).to_have_attribute("data-connection", "open")
    type_line(page, "kubectl get nodes")
    wait_for_screen(page, "kubesphere03   Ready    <none>          ")
    wait_for_prompt(page)
    rows = screen(page).split("\n")
    assert rows[0] == PROMPT + "kubectl get nodes"
    assert rows[1] == "NAME           STATUS   ROLES           AGE   VERSION"
    assert [r.split()[0] for r in rows[2:5]] == ["kubesphere01", "kubesphere02", "kubesphere03"]
    assert rows[5] == PROMPT
    type_line(page, "clear")
    wait_for_whole_screen(page, PROMPT)


def test_heredoc_pod_runs_and_the_cluster_survives_a_reload(page, server):
    """A here-document and `kubectl create -f` make a pod whose card turns Running; a reload finds it."""
    open_sandbox(page, server)
    type_line(page, NGINX_MANUAL)
    wait_for_prompt(page)
    assert screen(page).split("\n")[:3] == [PROMPT + "cat > nginx-manual.yaml <<'EOF'", "> apiVersion: v1",
                                            "> kind: Pod"]
    type_line(page, "kubectl create -f nginx-manual.yaml")
    wait_for_screen(page, "pod/nginx-manual created\n" + PROMPT)
    card = page.locator('#cluster-view li.pod[data-pod="nginx-manual"]')
    expect(card).to_have_count(1)  # pushed by the cluster socket, no reload
    page.get_by_role("button", name="+30 s").click()  # pulling nginx takes simulated seconds
    expect(card).to_have_attribute("data-phase", "Running")
    expect(card).to_have_attribute("data-status", "Running")

    page.reload()
    expect(page.locator("#terminal")).to_have_attribute("data-connection", "open")
    wait_for_prompt(page)
    expect(page.locator('#cluster-view li.pod[data-pod="nginx-manual"]')).to_have_attribute("data-phase", "Running")
    focus_terminal(page)
    page.keyboard.press("ArrowUp")  # the shell's history came back with the page
    wait_for_last_line(page, PROMPT + "kubectl create -f nginx-manual.yaml")
    page.keyboard.press("Control+U")
    type_line(page, "kubectl get pods")
    wait_for_screen(page, "nginx-manual   1/1     Running   0          ")


def test_tab_completion_of_resource_types(page, server):
    """`kubectl get po<Tab>` lists the candidates under the line; `pods<Tab>` completes with a space."""
    open_sandbox(page, server)
    type_line(page, "kubectl get po", enter=False)
    page.keyboard.press("Tab")
    wait_for_screen(page, PROMPT + "kubectl get po\npo    pod   pods\n" + PROMPT + "kubectl get po")
    page.keyboard.type("d")
    page.keyboard.press("Tab")  # "pod" and "pods": nothing longer in common, list again
    wait_for_screen(page, "pod   pods\n" + PROMPT + "kubectl get pod")
    page.keyboard.type("s")
    page.keyboard.press("Tab")
    wait_for_last_line(page, PROMPT + "kubectl get pods ")
    page.keyboard.type("-A")
    page.keyboard.press("Enter")
    wait_for_screen(page, PROMPT + "kubectl get pods -A\nNAMESPACE     NAME")


def test_ctrl_c_interrupts_a_watch(page, server):
    """Ctrl-C stops `kubectl get pods -w`: ^C, then the prompt, and the terminal takes commands again."""
    open_sandbox(page, server)
    type_line(page, "kubectl run web --image=nginx")
    wait_for_screen(page, "pod/web created\n" + PROMPT)
    type_line(page, "kubectl get pods -w")
    wait_for_screen(page, "NAME   READY   STATUS")
    panel = page.locator("#terminal-panel-0")
    expect(panel).to_have_attribute("data-busy", "true")
    page.get_by_role("button", name="+30 s").click()  # the watch streams the pod's progress
    wait_for_screen(page, "web    1/1     Running")
    expect(panel).to_have_attribute("data-busy", "true")
    focus_terminal(page)
    page.keyboard.press("Control+C")
    wait_for_screen(page, "^C\n" + PROMPT)
    wait_for_prompt(page)
    type_line(page, "kubectl get pods")
    wait_for_screen(page, "^C\n" + PROMPT + "kubectl get pods\nNAME   READY   STATUS    RESTARTS   AGE\n")


def test_second_tab_curls_while_port_forward_runs(page, server):
    """The tutorial's two tabs: port-forward keeps running in tab 1 while tab 2 curls through it."""
    open_sandbox(page, server)
    type_line(page, "kubectl run web --image=nginx")
    wait_for_screen(page, "pod/web created\n" + PROMPT)
    page.get_by_role("button", name="+30 s").click()
    expect(page.locator('#cluster-view li.pod[data-pod="web"]')).to_have_attribute("data-phase", "Running")
    type_line(page, "kubectl port-forward pod/web 8080:80")
    wait_for_screen(page, "Forwarding from 127.0.0.1:8080 -> 80")
    page.get_by_role("button", name="New terminal tab").click()
    expect(page.locator("#terminal-panel-1")).to_be_visible()
    wait_for_prompt(page, tab=1)
    type_line(page, "curl -s localhost:8080 | grep title", tab=1)
    wait_for_screen(page, "<title>Welcome to nginx!</title>\n" + PROMPT, tab=1)
    expect(page.locator("#terminal-panel-0")).to_have_attribute("data-busy", "true")
    page.get_by_role("tab", name="Terminal 1").click()
    focus_terminal(page)
    page.keyboard.press("Control+C")
    wait_for_prompt(page)

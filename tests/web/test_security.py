"""Security: a session reaches only its own clusters, sockets check Origin and session, CSRF on
POST, lesson Markdown sanitized, and what the cluster or the terminal prints is text, never HTML."""

from __future__ import annotations

import html as htmlmod
import re

import pytest
from asgiref.sync import sync_to_async
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from playground import lesson_text
from playground.models import Cluster
from playground.routing import websocket_urlpatterns
from tests.web.wsclient import anew_session, is_type

EVENT = """apiVersion: v1
kind: Event
metadata:
  name: sneaky
involvedObject: {kind: Pod, name: "<i>pod</i>", namespace: default}
reason: "<u>Odd</u>"
message: "<b>bold</b> & <script>alert(1)</script>"
type: Warning
"""
BAD_IMAGE_POD = """apiVersion: v1
kind: Pod
metadata:
  name: badimage
spec:
  containers:
  - name: c
    image: "nginx<b>x</b>"
"""


# ----------------------------------------------------------------------------- no raw cluster ids
def _routes(patterns, prefix: str = "") -> list[tuple[str, dict[str, str]]]:
    """Every URL pattern as (route, {kwarg: converter class name}), admin excluded."""
    out = []
    for p in patterns:
        route = prefix + str(p.pattern)
        if isinstance(p, URLResolver):
            if getattr(p, "app_name", None) == "admin":
                continue
            out += _routes(p.url_patterns, route)
        elif isinstance(p, URLPattern):
            convs = getattr(p.pattern, "converters", {})
            out.append((route, {k: type(v).__name__ for k, v in convs.items()}))
    return out


def test_no_page_or_socket_url_takes_an_id():
    """Outside the staff-only admin, URLs name lessons and steps by slug, never a cluster (or any) id."""
    routes = _routes(get_resolver().url_patterns) + _routes(websocket_urlpatterns)
    assert "ws/terminal/<slug:slug>/" in dict(routes)
    parameters = {(name, conv) for _route, convs in routes for name, conv in convs.items()}
    assert parameters == {("slug", "SlugConverter"), ("step_id", "StringConverter")}


@pytest.mark.django_db
def test_admin_pages_of_clusters_need_a_staff_login(fake_lessons):
    """A student guessing /admin/playground/cluster/1/ is sent to the login page."""
    client = Client()
    client.get("/sandbox/")
    pk = Cluster.objects.get().pk
    response = client.get(f"/admin/playground/cluster/{pk}/change/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.django_db
def test_query_parameters_cannot_pick_another_cluster(fake_lessons):
    """`?cluster=<id>` or `?owner=` on a page is ignored: the page shows the visitor's own cluster."""
    from playground.services import terminal

    alice, bob = Client(), Client()
    alice.get("/sandbox/")
    a = Cluster.objects.get(owner="s:" + alice.cookies["sessionid"].value)
    terminal.run(a.pk, 0, "kubectl run alices-pod --image=nginx")
    page = bob.get(f"/sandbox/?cluster={a.pk}&cluster_id={a.pk}&owner={a.owner}").content.decode()
    assert 'data-pod="alices-pod"' not in page
    assert Cluster.objects.filter(owner="s:" + bob.cookies["sessionid"].value).count() == 1


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("kind", ["terminal", "cluster"])
async def test_socket_with_a_guessed_session_or_cluster_id_is_refused(socket, kind):
    """A cookie holding another cluster's id, its owner string or a made-up key gets nothing (4401)."""
    term = socket("/ws/terminal/sandbox/")
    assert (await term.connect())[0]
    await term.until(is_type("ready"))
    cluster = await sync_to_async(Cluster.objects.get)()
    for guess in (str(cluster.pk), cluster.owner, cluster.owner[2:] + "x", "0" * 32):
        s = socket(f"/ws/{kind}/sandbox/", key=guess)
        assert await s.connect() == (False, 4401), guess
    await term.close()


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_socket_query_string_cannot_pick_another_cluster(socket):
    """`?cluster=<id>` on the socket URL is ignored: a second session still sees its own empty cluster."""
    a = socket("/ws/terminal/sandbox/")
    assert (await a.connect())[0]
    await a.until(is_type("ready"))
    await a.run("kubectl run alices-pod --image=nginx")
    pk = (await sync_to_async(Cluster.objects.get)()).pk
    b = socket(f"/ws/terminal/sandbox/?cluster={pk}&cluster_id={pk}", key=await anew_session())
    assert (await b.connect())[0]
    await b.until(is_type("ready"))
    output, _ = await b.run("kubectl get pods")
    assert output == "No resources found in default namespace.\n"
    await a.close()
    await b.close()


# ----------------------------------------------------------------------------- Origin
@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("kind", ["terminal", "cluster"])
@pytest.mark.parametrize("origin", [b"http://evil.example", b"http://127.0.0.1.evil.example", b"null",
                                    b"https://localhost.evil.example:8000"])
async def test_foreign_origin_is_refused_even_with_a_valid_session(socket, kind, origin):
    """A page on another site cannot open the student's sockets, even though the browser sends the cookie."""
    s = socket(f"/ws/{kind}/sandbox/", origin=origin)
    connected, _ = await s.connect()
    assert not connected


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_missing_origin_is_refused(socket):
    """A handshake without any Origin header (not a browser page of ours) is refused."""
    from channels.testing import WebsocketCommunicator

    from playground.asgi import application

    comm = WebsocketCommunicator(application, "/ws/terminal/sandbox/", headers=[
        (b"host", b"127.0.0.1:8000"), (b"cookie", f"sessionid={await anew_session()}".encode())])
    connected, _ = await comm.connect()
    assert not connected


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_own_origin_is_accepted(socket):
    """The check refuses only foreign pages: localhost (an ALLOWED_HOSTS entry) is fine."""
    s = socket("/ws/terminal/sandbox/", origin=b"http://localhost:8000")
    assert (await s.connect())[0]
    await s.until(is_type("ready"))
    await s.close()


# ----------------------------------------------------------------------------- CSRF
@pytest.mark.django_db
def test_post_without_csrf_token_is_refused(fake_lessons):
    """A cross-site form post (the cookie but no token) to the language switch or the account forms is refused with 403."""
    client = Client(enforce_csrf_checks=True)
    client.get("/")
    response = client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    assert response.status_code == 403
    for url in ("/accounts/login/", "/accounts/signup/", "/accounts/logout/"):
        assert client.post(url, {"username": "x", "password": "y"}).status_code == 403, url
    assert client.get("/").content.decode().count('<html lang="en">') == 1


@pytest.mark.django_db
def test_every_form_carries_a_csrf_token_and_it_works(fake_lessons):
    """Each POST form on home, a lesson and the sandbox has the token, and posting it is accepted."""
    client = Client(enforce_csrf_checks=True)
    for url in ("/", "/lessons/first/", "/sandbox/", "/accounts/login/", "/accounts/signup/"):
        page = client.get(url).content.decode()
        forms = re.findall(r"<form\b[^>]*>.*?</form>", page, re.S)
        posts = [f for f in forms if re.search(r'method="post"', f, re.I)]
        assert posts, url
        for form in posts:
            assert 'name="csrfmiddlewaretoken"' in form, (url, form[:200])
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/", "csrfmiddlewaretoken": token})
    assert response.status_code == 302


@pytest.mark.django_db
def test_htmx_requests_carry_the_csrf_header(fake_lessons):
    """htmx sends X-CSRFToken from the body's hx-headers; a POST with that header is accepted."""
    client = Client(enforce_csrf_checks=True)
    page = client.get("/sandbox/").content.decode()
    header = re.search(r"<body hx-headers='\{\"X-CSRFToken\": \"([^\"]+)\"\}'>", page)
    assert header is not None
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, HTTP_X_CSRFTOKEN=header.group(1))
    assert response.status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/sandbox/", "/lessons/first/", "/lessons/first/hints/make-pod/"])
def test_pages_change_nothing_on_post(fake_lessons, url):
    """The pages are GET only: a POST (even with a valid token) is 405, so no state changes without CSRF."""
    client = Client()
    client.get("/")
    assert client.post(url).status_code == 405


# ----------------------------------------------------------------------------- lesson Markdown
@pytest.mark.parametrize("markdown", [
    "Hello <script>alert('x')</script> there",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    "[click](javascript:alert(1))",
    '[click](JaVaScRiPt:alert(1) "title")',
    "<svg onload=alert(1)><circle/></svg>",
    '<iframe src="https://evil.example"></iframe>',
    '<p style="background:url(javascript:alert(1))" onclick="x()">text</p>',
    "<details open ontoggle=alert(1)>x</details>",
    '<button data-command="rm -rf ~">Run</button>',
])
def test_lesson_markdown_is_sanitized(markdown):
    """Scripts, event handlers, javascript: links, frames and fake Run buttons never reach the page."""
    out = lesson_text.render(markdown).lower()
    for bad in ("<script", "onerror", "onload", "onclick", "ontoggle", "javascript:", "<iframe", "<svg",
                "style=", "data-command"):
        assert bad not in out, (bad, out)


def test_sanitized_text_keeps_the_words_and_safe_links():
    """Sanitizing removes the dangerous parts only: text stays, an https link keeps its href."""
    out = lesson_text.render("Read [the docs](https://kubernetes.io/docs/) <b>now</b> <script>x()</script>")
    assert '<a href="https://kubernetes.io/docs/" rel="noopener noreferrer">the docs</a>' in out
    assert "<b>now</b>" in out


def test_code_blocks_are_text_and_their_buttons_escape_the_command():
    """HTML in a command or a manifest is shown as text; the Run button's attribute is escaped."""
    out = lesson_text.render('```sh\necho "<script>alert(1)</script>" && echo \'"><img src=x onerror=y>\'\n```\n')
    assert "<script" not in out and "<img" not in out
    command = re.search(r'data-command="([^"]*)"', out).group(1)
    assert htmlmod.unescape(command) == 'echo "<script>alert(1)</script>" && echo \'"><img src=x onerror=y>\''


def test_a_manifest_with_a_hostile_file_name_gets_no_save_button():
    """`# file: "><script>` is not a file name: the block is shown as plain code."""
    out = lesson_text.render('```yaml\n# file: "><script>alert(1)</script>\nkind: Pod\n```\n')
    assert "data-save-file" not in out and "<script" not in out


# ----------------------------------------------------------------------------- text, never HTML
@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_cluster_view_escapes_event_messages_names_and_image_names(socket):
    """An Event whose message, reason and object name hold HTML, and a pod whose image name does,
    appear escaped in the pushed view (never as live tags or attributes)."""
    term = socket("/ws/terminal/sandbox/")
    assert (await term.connect())[0]
    await term.until(is_type("ready"))
    await term.send(type="write_file", tab=0, path="event.yaml", content=EVENT)
    await term.until(is_type("file_saved"))
    await term.send(type="write_file", tab=0, path="pod.yaml", content=BAD_IMAGE_POD)
    await term.until(is_type("file_saved"))
    output, _ = await term.run("kubectl apply -f event.yaml -f pod.yaml")
    assert output == "event/sneaky created\npod/badimage created\n"
    await term.send(type="advance", seconds=10)
    await term.until(is_type("clock"))
    view = socket("/ws/cluster/sandbox/")
    assert (await view.connect())[0]
    html = await view.receive()
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'data-reason="&lt;u&gt;Odd&lt;/u&gt;"' in html
    assert "pod/&lt;i&gt;pod&lt;/i&gt;" in html
    assert "Failed to apply default image tag &quot;nginx&lt;b&gt;x&lt;/b&gt;&quot;" in html
    for tag in ("<b>", "<script", "<i>", "<u>"):
        assert tag not in html
    await term.close()
    await view.close()


@pytest.mark.django_db
def test_page_render_escapes_the_same_text(fake_lessons):
    """The first render of the page (not a push) escapes event text too."""
    from playground.services import terminal

    client = Client()
    client.get("/sandbox/")
    pk = Cluster.objects.get().pk
    terminal.write_file(pk, "event.yaml", EVENT)
    assert terminal.run(pk, 0, "kubectl apply -f event.yaml").output == "event/sneaky created\n"
    page = client.get("/sandbox/").content.decode()
    assert "&lt;b&gt;bold&lt;/b&gt;" in page and "<b>bold</b>" not in page


def test_label_values_cannot_carry_html():
    """Labels are shown in the view; kubectl and the API refuse label values that could hold HTML."""
    from cluster_core import Playground

    pg = Playground.new(seed=1)
    pg.execute("kubectl run web --image=nginx")
    result = pg.execute("kubectl label pod web 'note=<b>hi</b>'")
    assert (result.exit_code, result.output[:44]) == (1, 'error: invalid label value: "note=<b>hi</b>"')
    pg.write_file("p.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {note: '<b>'}\n"
                  "spec:\n  containers: [{name: c, image: nginx}]\n")
    result = pg.execute("kubectl apply -f p.yaml")
    assert result.exit_code == 1 and 'metadata.labels: Invalid value: "<b>"' in result.output
    assert pg.cluster.get("Pod", "default", "web")["metadata"]["labels"] == {"run": "web"}


def test_view_template_escapes_labels_and_names_whatever_the_engine_holds():
    """Even if a label value or a name held markup, the view's template prints it escaped."""
    from django.template.loader import render_to_string

    from cluster_core import Playground
    from playground import clusterview

    pg = Playground.new(seed=1)
    pg.execute("kubectl run web --image=nginx")
    pod = pg.server.ref("Pod", "default", "web")
    pod["metadata"]["labels"]["note"] = '"><b>hi</b>'
    pod["metadata"]["name"] = "<i>web</i>"
    html = render_to_string("_cluster_view.html", clusterview.build(pg))
    assert 'title="note=&quot;&gt;&lt;b&gt;hi&lt;/b&gt;, run=web"' in html
    assert 'data-pod="&lt;i&gt;web&lt;/i&gt;"' in html
    assert "<b>" not in html and "<i>" not in html


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_terminal_output_is_json_text(socket):
    """What a command prints travels as a JSON string (`output.data`), exactly as printed, tags and all:
    the terminal writes it as text, so markup is just characters."""
    s = socket("/ws/terminal/sandbox/")
    assert (await s.connect())[0]
    await s.until(is_type("ready"))
    await s.send_text('{"type": "run", "tab": 0, "line": "echo \'<b>x</b> <img src=x onerror=alert(1)>\'"}')
    got = await s.until(is_type("done"))
    assert all(isinstance(m, dict) for m in got)
    outputs = [m for m in got if is_type("output")(m)]
    assert outputs == [{"type": "output", "tab": 0, "data": "<b>x</b> <img src=x onerror=alert(1)>\n"}]
    await s.close()

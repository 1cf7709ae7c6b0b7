"""curl 7.88.1 (Debian 12) in the student's terminal, which runs on a cluster node.

Expected texts were captured from the real curl 7.88.1 against a local server answering exactly as
the simulated nginx 1.9.1 does (same headers and body), in a pipe and in a pseudo-terminal.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from cluster_core.playground import Playground
from cluster_core.sim.images import NGINX_INDEX_OLD

NGINX_MANUAL = """apiVersion: v1
kind: Pod
metadata:
  name: nginx-manual
spec:
  containers:
    - image: nginx:1.9.1
      name: nginx
      ports:
        - containerPort: 80
          protocol: TCP
"""
HEAD = ("  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n"
        "                                 Dload  Upload   Total   Spent    Left  Speed\n")
ZERO = "\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0"
HEADERS = ["HTTP/1.1 200 OK", "Server: nginx/1.9.1", "Date: Thu, 01 Jan 2026 00:00:30 GMT", "Content-Type: text/html",
           "Content-Length: 612", "Last-Modified: Tue, 26 May 2015 15:02:09 GMT", "Connection: keep-alive",
           'ETag: "55648af1-264"', "Accept-Ranges: bytes"]
TRY = "curl: try 'curl --help' or 'curl --manual' for more information\n"


@pytest.fixture
def pg() -> Playground:
    pg = Playground.new(seed=0, now=datetime(2026, 1, 1, tzinfo=UTC))
    pg.write_file("nginx-manual.yaml", NGINX_MANUAL)
    assert pg.execute("kubectl create -f nginx-manual.yaml").exit_code == 0
    pg.advance(30)
    return pg


@pytest.fixture
def ip(pg: Playground) -> str:
    return pg.cluster.get("Pod", "default", "nginx-manual")["status"]["podIP"]


def test_body_to_the_terminal(pg: Playground, ip: str) -> None:
    """The page on stdout; no progress meter when the body goes to the terminal."""
    r = pg.execute(f"curl http://{ip}")
    assert (r.exit_code, r.stdout, r.stderr) == (0, NGINX_INDEX_OLD, "")


def test_progress_meter_when_piped(pg: Playground, ip: str) -> None:
    """Piped, curl draws its meter on stderr: a zero line, then the finished transfer."""
    r = pg.execute(f"curl {ip} | head -2")
    assert r.stdout == "<!DOCTYPE html>\n<html>\n"
    speed = r"(?: {0,4}\d{1,5}| {0,3}\d{1,4}k)"
    assert re.fullmatch(re.escape(HEAD + ZERO) + r"\r100   612  100   612    0     0 " + speed
                        + r"      0 --:--:-- --:--:-- --:--:-- " + speed + r"\n", r.stderr), r.stderr
    assert pg.execute(f"curl -s {ip} | head -1").stderr == ""
    assert pg.execute(f"curl --no-progress-meter {ip} | head -1").stderr == ""


def test_verbose(pg: Playground, ip: str) -> None:
    """-v: connection lines, the request and response headers with CRLF, the data trace."""
    r = pg.execute(f"curl -sv {ip}/x -o /dev/null")
    assert r.stderr == (f"*   Trying {ip}:80...\n* Connected to {ip} ({ip}) port 80 (#0)\n"
                        f"> GET /x HTTP/1.1\r\n> Host: {ip}\r\n> User-Agent: curl/7.88.1\r\n> Accept: */*\r\n> \r\n"
                        "< HTTP/1.1 404 Not Found\r\n< Server: nginx/1.9.1\r\n< Date: Thu, 01 Jan 2026 00:00:30 GMT\r\n"
                        "< Content-Type: text/html\r\n< Content-Length: 168\r\n< Connection: keep-alive\r\n< \r\n"
                        f"{{ [168 bytes data]\n* Connection #0 to host {ip} left intact\n")


def test_head_and_include(pg: Playground, ip: str) -> None:
    """-I: headers only, CRLF, names bold on a terminal; -i: headers then the body."""
    r = pg.execute(f"curl -sI {ip} | cat")
    assert r.stdout == "".join(h + "\r\n" for h in HEADERS) + "\r\n"
    r = pg.execute(f"curl -I {ip}")
    assert r.stdout == (HEADERS[0] + "\r\n" + "".join(f"\x1b[1m{h.split(':')[0]}\x1b[0m:{h.split(':', 1)[1]}\r\n"
                                                      for h in HEADERS[1:]) + "\r\n")
    assert r.stderr == ""
    r = pg.execute(f"curl -si {ip} | cat")
    assert r.stdout == "".join(h + "\r\n" for h in HEADERS) + "\r\n" + NGINX_INDEX_OLD
    assert pg.execute("kubectl logs nginx-manual").stdout.splitlines()[0] == (
        '10.244.0.0 - - [01/Jan/2026:00:00:30 +0000] "HEAD / HTTP/1.1" 200 0 "-" "curl/7.88.1" "-"')


def test_output_file_and_write_out(pg: Playground, ip: str) -> None:
    """-o writes the body to a file (meter on stderr); -w prints variables after the transfer."""
    r = pg.execute(f"curl -s -o page.html -w '%{{http_code}} %{{size_download}} %{{content_type}}\\n' {ip}")
    assert (r.exit_code, r.stdout) == (0, "200 612 text/html\n")
    assert pg.read_file("page.html") == NGINX_INDEX_OLD
    assert pg.execute(f"curl -s -o /dev/null -w '%{{http_code}}' {ip}/nope").stdout == "404"
    r = pg.execute(f"curl -o page2.html {ip}")
    assert r.stdout == "" and r.stderr.startswith(HEAD + ZERO + "\r100   612  100   612")
    r = pg.execute("curl -s -w '%{http_code}\\n' localhost:8080")
    assert (r.exit_code, r.stdout) == (7, "000\n")
    r = pg.execute(f"curl -s -o /dev/null -w 'x%{{nope}}y\\n' {ip}")
    assert (r.stdout, r.stderr) == ("xy\n", "curl: unknown --write-out variable: 'nope'\n")


def test_fail_on_http_errors(pg: Playground, ip: str) -> None:
    """-f: no body on 404, exit 22; -s hides the message unless -S."""
    r = pg.execute(f"curl -sSf {ip}/x")
    assert (r.exit_code, r.stdout, r.stderr) == (22, "", "curl: (22) The requested URL returned error: 404\n")
    assert (pg.execute(f"curl -sf {ip}/x").stderr, pg.execute(f"curl -sf {ip}/x").exit_code) == ("", 22)


@pytest.mark.parametrize(("line", "code", "stderr"), [
    ("curl http://127.0.0.1:8080", 7, "curl: (7) Failed to connect to 127.0.0.1 port 8080 after 0 ms: Couldn't "
                                      "connect to server\n"),
    ("curl -s http://127.0.0.1:8080", 7, ""),
    ("curl -sS localhost:8080", 7, "curl: (7) Failed to connect to localhost port 8080 after 0 ms: Couldn't connect "
                                   "to server\n"),
    ("curl http://foo", 6, "curl: (6) Could not resolve host: foo\n"),
    ("curl ftp2://x", 1, 'curl: (1) Protocol "ftp2" not supported or disabled in libcurl\n'),
    ("curl http://127.0.0.1:99999", 3, "curl: (3) URL using bad/illegal format or missing URL\n"),
    ("curl http://", 3, "curl: (3) URL using bad/illegal format or missing URL\n"),
    ("curl", 2, TRY),
    ("curl -s", 2, "curl: no URL specified!\n" + TRY),
    ("curl --bogus x", 2, "curl: option --bogus: is unknown\n" + TRY),
    ("curl --max-time=5 x", 2, "curl: option --max-time=5: is unknown\n" + TRY),
    ("curl -o", 2, "curl: option -o: requires parameter\n" + TRY),
    ("curl -sSo", 2, "curl: option -sSo: requires parameter\n" + TRY),
    ("curl -m abc http://x", 2, "curl: option -m: expected a proper numerical parameter\n" + TRY),
    ("curl -O http://127.0.0.1/", 23, "curl: Remote file name has no length!\ncurl: (23) Failed writing received "
                                      "data to disk/application\n"),
])
def test_errors(pg: Playground, line: str, code: int, stderr: str) -> None:
    """Failures with curl's messages and exit codes (stdout is the terminal: no meter)."""
    r = pg.execute(line)
    assert (r.exit_code, r.stdout, r.stderr) == (code, "", stderr)


def test_refused_with_meter_and_verbose(pg: Playground) -> None:
    """Piped: the meter's two zero lines; -v shows both localhost addresses tried."""
    r = pg.execute("curl localhost:8080 | cat")
    assert r.stderr == (HEAD + ZERO + ZERO + "\ncurl: (7) Failed to connect to localhost port 8080 after 0 ms: "
                        "Couldn't connect to server\n")
    r = pg.execute("curl -v localhost:8080")
    assert r.stderr == ("*   Trying 127.0.0.1:8080...\n* connect to 127.0.0.1 port 8080 failed: Connection refused\n"
                        "*   Trying [::1]:8080...\n* connect to ::1 port 8080 failed: Connection refused\n"
                        "* Failed to connect to localhost port 8080 after 0 ms: Couldn't connect to server\n"
                        "* Closing connection 0\ncurl: (7) Failed to connect to localhost port 8080 after 0 ms: "
                        "Couldn't connect to server\n")
    assert pg.execute("curl http://127.0.0.1:99999 | cat").stderr == ("curl: (3) URL using bad/illegal format or "
                                                                     "missing URL\n")
    r = pg.execute("curl -v http://foo | cat")
    assert r.stderr == HEAD + ZERO + ("* Could not resolve host: foo\n* Closing connection 0\ncurl: (6) Could not "
                                      "resolve host: foo\n")


def test_unused_pod_address_and_timeout(pg: Playground) -> None:
    """An address in a pod network that no pod holds: no route after 3 s, or -m's timeout first."""
    r = pg.execute("curl -sS 10.244.1.99")
    assert (r.exit_code, r.stderr) == (7, "curl: (7) Failed to connect to 10.244.1.99 port 80 after 3061 ms: "
                                          "Couldn't connect to server\n")
    r = pg.execute("curl -sS -m 1 10.244.1.99")
    assert (r.exit_code, r.stderr) == (28, "curl: (28) Failed to connect to 10.244.1.99 port 80 after 1001 ms: "
                                           "Timeout was reached\n")


def test_https_to_a_plain_http_port(pg: Playground, ip: str) -> None:
    """TLS to nginx's port 80: OpenSSL's wrong version number, exit 35."""
    r = pg.execute(f"curl https://{ip}:80")
    assert (r.exit_code, r.stderr) == (35, "curl: (35) OpenSSL/3.0.19: error:0A00010B:SSL routines::wrong version "
                                           "number\n")


def test_post_data_is_traced(pg: Playground, ip: str) -> None:
    """-d sends a POST with its form headers; -v traces the uploaded bytes; nginx refuses POST to a file."""
    r = pg.execute(f"curl -sv -d a=b {ip} -o /dev/null")
    assert (f"> POST / HTTP/1.1\r\n> Host: {ip}\r\n> User-Agent: curl/7.88.1\r\n> Accept: */*\r\n"
            "> Content-Length: 3\r\n> Content-Type: application/x-www-form-urlencoded\r\n> \r\n} [3 bytes data]\n"
            "< HTTP/1.1 405 Not Allowed\r\n") in r.stderr


def test_help_and_version(pg: Playground) -> None:
    """--help is curl's short menu; -V names 7.88.1."""
    assert pg.execute("curl --help").stdout.startswith("Usage: curl [options...] <url>\n -d, --data <data>  ")
    assert pg.execute("curl -V").stdout.startswith("curl 7.88.1 (x86_64-pc-linux-gnu) libcurl/7.88.1 ")

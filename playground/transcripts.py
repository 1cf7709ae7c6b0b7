"""A student's session as a transcript the grader replays: what they typed, with the seed they had.

The text is the grader's transcript format (``playground/grading/transcript.py``,
``docs/grading.md``): one terminal input per line, a here-document spanning the lines up to its
delimiter, after a header of comment lines::

    # lesson: pods
    # seed: 123456789
    # Kubernetes playground transcript: the inputs typed in this lesson, oldest first.
    # Grade it with: python manage.py grade pods transcript.txt

``# lesson:`` and ``# seed:`` are read by the grader: it refuses the transcript for another
lesson and replays it on the cluster's seed (unless told another), so the pod names the student
saw and typed are the names the replay creates.

The inputs are the cluster's command history as the lesson checks read it (``Command`` rows, not
undone, in the order they started; a reset clears them). Each is written as typed, so the
grader's splitter cuts the text back into the same inputs; the two kinds that would not cut back
are changed, both as the page's shell ran them:

- an input ended by Ctrl-D inside a here-document (bash: "delimited by end-of-file") gets its
  delimiter line, so the document ends where it ended on the page instead of swallowing the next
  inputs;
- an input ended by Ctrl-D inside a quote or after a trailing ``|`` was a syntax error that ran
  nothing: it is kept as comment lines.

What the history does not hold cannot be replayed: a file written with the lesson's "Save as
file" button or saved from the editor pane is not a command line (the services record neither),
so a session that relies on one grades lower than the page showed. Typing the file with
``cat <<'EOF' > name`` (what the reference solutions do) is replayed exactly.

``/lessons/<slug>/transcript.txt`` (:func:`download`) is the current owner's (the signed-in user,
else this browser's session); staff download anyone's from the dashboard.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from cluster_core.shell.lexer import ShellSyntaxError
from cluster_core.shell.parser import Parser

from . import lessonapi
from .models import Cluster, Command
from .services.owners import request_owner, seed_for

_WANTED = re.compile(r"delimited by end-of-file \(wanted `(.*)'\)$")
_FILENAME_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


def inputs_of(cluster_pk: int) -> list[str]:
    """The inputs the lesson checks read: the cluster's command lines not undone, oldest first."""
    return list(Command.objects.filter(cluster_id=cluster_pk, undone=False)
                .order_by("id").values_list("line", flat=True))


def render(lesson: str, seed: int, inputs: Iterable[str]) -> str:
    """The transcript text: the header, then each input as the grader will split it back."""
    out = [f"# lesson: {lesson}", f"# seed: {seed}",
           "# Kubernetes playground transcript: the inputs typed in this lesson, oldest first.",
           f"# Grade it with: python manage.py grade {lesson} transcript.txt"]
    for text in inputs:
        out.extend(_as_typed(text))
    return "\n".join(out) + "\n"


def for_cluster(cluster_pk: int) -> str:
    """The transcript of one saved cluster (its lesson, seed and command history)."""
    lesson, seed = Cluster.objects.values_list("lesson", "seed").get(pk=cluster_pk)
    return render(lesson, seed, inputs_of(cluster_pk))


def for_owner(owner: str, lesson: str) -> str:
    """The owner's transcript for a lesson; with no cluster yet, the header of the one they would get."""
    found = Cluster.objects.filter(owner=owner, lesson=lesson).values_list("pk", flat=True).first()
    return for_cluster(found) if found is not None else render(lesson, seed_for(owner, lesson), [])


def filename(lesson: str, who: str = "") -> str:
    """``pods-transcript.txt`` (or ``alice-pods-transcript.txt``): letters, digits, ``_`` and ``-`` (a safe header)."""
    stem = "-".join(p for p in (who, lesson, "transcript") if p)
    return _FILENAME_UNSAFE.sub("_", stem).strip("_-") + ".txt"


@require_GET
@never_cache
def download(request: HttpRequest, slug: str) -> HttpResponse:
    """``/lessons/<slug>/transcript.txt``: the signed-in student's (or this browser's) transcript."""
    if lessonapi.get_lesson(slug) is None:
        raise Http404("no such lesson")
    return attachment(for_owner(request_owner(request), slug), filename(slug))


def attachment(text: str, name: str) -> HttpResponse:
    """A plain-text download (``name`` must be :func:`filename`-safe)."""
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _as_typed(text: str) -> list[str]:
    """The transcript lines for one recorded input (see the module docstring)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    if not text.strip():
        return []
    open_documents = _open_here_documents(text)
    if open_documents is None:  # unfinished quote or pipe: a syntax error that ran nothing
        return ["# not run on the page (an unfinished input, ended with Ctrl-D):"] + [
            f"#   {line}" for line in text.split("\n")]
    return text.split("\n") + open_documents


def _open_here_documents(text: str) -> list[str] | None:
    """The delimiters of the here-documents ``text`` leaves open ([] if none), None if it is unfinished
    otherwise (the shell's ``needs_more`` for a reason a delimiter line cannot end)."""
    wanted: list[str] = []
    try:
        parser = Parser(text)
        while (unit := parser.parse_unit()) is not None:
            for warning in unit.warnings:
                m = _WANTED.search(warning)
                if m:
                    wanted.append(m.group(1))
    except ShellSyntaxError as err:
        return None if err.incomplete else []
    return wanted

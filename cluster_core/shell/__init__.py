"""The student's bash, simulated: no process is ever started and no real file is touched.

Design
======

**Files** (:mod:`.vfs`). :class:`VirtualFS` holds the student's home ``/home/student`` (``~``) and
``/tmp`` as text files and directories; system directories exist read-only and ``/dev/null``
works. Limits: 1 MiB per file (``File too large``), 500 files and directories in all
(``No space left on device``). ``write_file``/``read_file``/``list_files`` take home-relative
paths for the Playground. ``to_state()``/``from_state()`` are JSON-safe.

**Tabs** (:mod:`.session`). A :class:`Shell` has one :class:`Session` per terminal tab, sharing the
file system as separate bash windows do: working directory, variables (``HOME``, ``PATH``,
``USER=student``, ``PWD``; exported or not), aliases, history (Debian's ``ignoreboth``), ``$?``,
the job table and a foreground command that is still running. All JSON-safe.

**Language** (:mod:`.lexer`, :mod:`.parser`, :mod:`.expand`). A hand-written parser (grammar in
its docstring): quotes, backslashes, ``$VAR``, ``${VAR}`` (``:-``, ``:+``, ``:=``, ``#``), ``$?``,
``~``, ``$(...)`` and backquotes (run in a copy of the session; a command that keeps running
cannot be waited for there and is stopped), ``A=b cmd``, ``;``, ``&&``, ``||``, ``|``, ``|&``,
redirections ``> >> < 2> 2>&1 &> <<<`` and here-documents (``<<EOF``, ``<<'EOF'``, ``<<-EOF``)
whose bodies are the following lines of the same input, a trailing ``&``, ``#`` comments, and
globs over the virtual files. Input is read a line at a time as bash does, so aliases apply from
the next line; only an unquoted first word is alias-expanded (``/usr/bin/kubectl`` and
``\\kubectl`` bypass an alias). ``$((...))``, ``if``/``for``/``while``, functions and subshells are
refused with a clear message. History expansion (``!!``, ``!$``, ``!kub``; :mod:`.history`) is
done as an interactive bash does, so an unquoted ``-l !rel`` fails as it does there. Errors are bash's
(``bash: syntax error near unexpected token `|'``, ``bash: foo: command not found``, 127) and
carry the offset (``ExecResult.error_at``); ``Shell.needs_more(text)`` tells when bash would
show its ``> `` continuation prompt instead.

**Commands**. bash builtins in :mod:`.builtins` and :mod:`.jobcontrol` (cd, pwd, echo, printf,
export, unset, alias, unalias, history, help, true, false, :, exit, type, test/[, jobs, fg, kill);
programs in :mod:`.fileutils`, :mod:`.textutils`, :mod:`.sed` and :mod:`.awk` (ls, cat, rm, cp,
mv, mkdir, touch, grep, head, tail, wc, sort, uniq, cut, tr, sed, awk, tee, base64, env, which,
sleep, clear) with GNU's messages in the C locale. ``ls`` prints columns on the terminal and one
name per line into a pipe or a file, as GNU ls does (columns padded with spaces, times in UTC).
A program found on ``$PATH`` is hashed (``type ls`` then says ``ls is hashed (/usr/bin/ls)``).
``exit`` ends nothing: it sets ``$?`` and skips the rest of the input.

The Playground adds programs with ``shell.register(name, handler)``, where ``handler(ctx:
CommandContext) -> int | LongRunning``. ``CommandContext`` carries ``argv``, ``stdin`` (a string),
``write``/``write_err``, ``env``, ``fs``, ``cwd``, ``session`` and ``host``, the Playground's
opaque object (cluster, clock) which the shell only passes on. Registered programs live in
``/usr/local/bin``, ``/usr/bin`` and ``/bin``, so ``kubectl``, ``/usr/bin/kubectl`` and
``/usr/local/bin/kubectl`` all run them. ``shell.register_completer(name, fn)`` adds tab
completion for a program (:mod:`.complete`). The default ``sleep`` calls ``host.sleep(seconds)``
when the host has it (a manual clock advances; it may also return a LongRunning), else waits for
``host.now()`` to pass the deadline, else ends at once.

**Time** (:mod:`.jobs`, :mod:`.executor`). A handler may return a :class:`LongRunning` (``kubectl
get -w``, ``logs -f``, ``port-forward``, ``sleep``): see that module for the protocol
(``to_state``, a registry to rebuild it, ``poll``, ``interrupt``, ``terminate``,
``background_ok``, ``wake_at``). A foreground one keeps its tab ``running`` until
``shell.poll``/``shell.interrupt`` end it, and text typed meanwhile waits behind it (typeahead,
discarded by Ctrl-C). On Ctrl-C the terminal's ``^C`` echo is in ``output`` only; bash's newline
after a command killed by SIGINT is its stdout. ``cmd &`` puts the line in the job table
(``[1] 12345`` on stderr, ``jobs``, ``fg``, ``kill %1``, ``kill PID`` from any tab); a job's end is
reported (``[1]+  Done   ...``) before the prompt *after* the one where it ended, as bash
usually shows it. Background output goes to the same tab when polled. Commands after a running
one in a pipeline get its lines as they come when they are line filters (grep, cut, tr, sed,
awk without NR/END, cat), and everything at the end otherwise (sort, wc).

**Output**. :class:`ExecResult` has ``output`` (the ordered stream a terminal shows), ``stdout``,
``stderr``, ``exit_code`` (``$?``), ``running`` and ``error_at``. Bad input never raises. Limits:
64 KiB of input per call, 1 MiB of output per command (then a note), 32 commands per pipeline,
16 jobs per tab, 200 alias expansions per line, 32 levels of nested expansions, 8 of ``$(...)``.

Usage::

    shell = Shell()
    shell.register("kubectl", kubectl_handler)
    result = shell.execute(0, "kubectl get pods | grep nginx", host)
    while result.running:
        result = shell.poll(0, host)
"""

from __future__ import annotations

from .complete import CompletionRequest
from .jobs import LongRunning, host_now, register_long_running
from .shell import Shell
from .streams import CommandContext, ExecResult
from .vfs import HOME, VfsError, VirtualFS

__all__ = ["HOME", "CommandContext", "CompletionRequest", "ExecResult", "LongRunning", "Shell", "VfsError",
           "VirtualFS", "host_now", "register_long_running"]

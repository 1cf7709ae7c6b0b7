"""A student's first session, step by step as in the tutorial: files, pipes, lists, history, aliases."""

from __future__ import annotations

import json

from cluster_core.shell import Shell

MANIFEST = """\
apiVersion: v1
kind: Pod
metadata:
  name: nginx-manual
spec:
  containers:
  - image: nginx:1.24
    name: nginx
    ports:
    - containerPort: 80
      protocol: TCP
"""


def test_heredoc_writes_a_manifest_then_cat_shows_it(term):
    """`cat <<EOF > file` takes the following lines of the same input as the body."""
    res = term("cat <<EOF > nginx-manual.yaml\n" + MANIFEST + "EOF")
    assert (res.output, res.exit_code) == ("", 0)
    assert term.out("cat nginx-manual.yaml") == MANIFEST
    assert term.shell.fs.read_file("nginx-manual.yaml") == MANIFEST


def test_heredoc_expands_variables_unless_the_delimiter_is_quoted(term):
    """<<EOF expands $USER; <<'EOF' keeps it; <<-EOF strips leading tabs."""
    assert term.out("cat <<EOF\nname: $USER\nEOF") == "name: student\n"
    assert term.out("cat <<'EOF'\nname: $USER\nEOF") == "name: $USER\n"
    assert term.out("cat <<-END\n\tindented\n\tEND") == "indented\n"


def test_heredoc_without_its_delimiter_warns_like_bash(term):
    """At the end of input bash warns and uses what it read."""
    res = term("cat <<EOF\nkind: Pod")
    assert res.stdout == "kind: Pod\n"
    assert res.stderr == "bash: warning: here-document at line 1 delimited by end-of-file (wanted `EOF')\n"


def test_ls_prints_one_line_on_the_terminal_and_one_name_per_line_into_a_pipe(term):
    """GNU ls writes columns to a terminal but one name per line when piped, so `ls | wc -l` counts."""
    term("touch a.yaml b.yaml notes.txt")
    assert term.out("ls") == "a.yaml  b.yaml  notes.txt\n"
    assert term.out("ls | wc -l") == "3\n"
    assert term.out("ls | grep yaml") == "a.yaml\nb.yaml\n"
    assert term.out("ls -1") == "a.yaml\nb.yaml\nnotes.txt\n"


def test_pipes_into_grep_wc_and_awk(term):
    """Text flows through a pipeline the way kubectl output is usually filtered."""
    term("cat <<EOF > pods.txt\nNAME READY STATUS\nnginx-manual 1/1 Running\nnginx-v2 0/1 Pending\nEOF")
    assert term.out("cat pods.txt | grep nginx") == "nginx-manual 1/1 Running\nnginx-v2 0/1 Pending\n"
    assert term.out("grep -c nginx pods.txt") == "2\n"
    assert term.out("cat pods.txt | awk '{print $1}'") == "NAME\nnginx-manual\nnginx-v2\n"
    assert term.out("awk 'NR>1 {print $1, $3}' pods.txt") == "nginx-manual Running\nnginx-v2 Pending\n"
    assert term.out("grep -v NAME pods.txt | wc -l") == "2\n"


def test_and_or_lists_follow_exit_codes(term):
    """&& runs on success, || on failure, and $? holds the last status."""
    assert term.out("true && echo yes || echo no") == "yes\n"
    assert term.out("false && echo yes || echo no") == "no\n"
    assert term.out("cat missing.yaml && echo ok; echo $?") == \
        "cat: missing.yaml: No such file or directory\n1\n"
    assert term("false").exit_code == 1
    assert term.out("echo $?") == "1\n"


def test_command_not_found_is_127(term):
    """bash's message and status for an unknown command."""
    res = term("kubeclt get pods")
    assert (res.stdout, res.stderr, res.exit_code) == ("", "bash: kubeclt: command not found\n", 127)


def test_alias_adds_a_namespace_and_usr_bin_kubectl_bypasses_it(term):
    """The tutorial's alias: the bare word expands, a path or a backslash does not."""
    term("alias kubectl='kubectl --namespace=user-test'")
    assert term.out("kubectl get pods") == "kubectl --namespace=user-test get pods\n"
    assert term.out("/usr/bin/kubectl get pod -n kube-system") == "kubectl get pod -n kube-system\n"
    assert term.out("/usr/local/bin/kubectl get ns") == "kubectl get ns\n"
    assert term.out("\\kubectl get ns") == "kubectl get ns\n"
    assert term.out("alias") == "alias kubectl='kubectl --namespace=user-test'\n"
    assert term.out("type kubectl") == "kubectl is aliased to `kubectl --namespace=user-test'\n"
    term("unalias kubectl")
    assert term.out("kubectl get pods") == "kubectl get pods\n"


def test_alias_applies_from_the_next_line_like_bash(term):
    """bash reads a whole line before running it, so an alias defined on it applies after it."""
    res = term("alias k=kubectl; k get pods")
    assert res.stderr == "bash: k: command not found\n"
    assert term.out("alias k=kubectl\nk get pods") == "kubectl get pods\n"


def test_alias_recursion_stops(term):
    """An alias never expands itself again; a cycle ends at a command."""
    term("alias ls='ls -1'\nalias a=b\nalias b=a")
    term("touch f g")
    assert term.out("ls") == "f\ng\n"
    assert term("a").stderr == "bash: a: command not found\n"


def test_history_numbers_lines_and_skips_duplicates_and_leading_spaces(term):
    """Debian's HISTCONTROL=ignoreboth."""
    term("echo one")
    term("echo one")
    term(" echo secret")
    term("ls")
    assert term.out("history") == "    1  echo one\n    2  ls\n    3  history\n"
    assert term.out("history 2") == "    3  history\n    4  history 2\n"


def test_syntax_errors_say_bash_words_and_where(term):
    """Nothing on a bad line runs; the error offset is reported for underlining."""
    res = term("echo hi | | wc -l")
    assert res.stderr == "bash: syntax error near unexpected token `|'\n"
    assert (res.stdout, res.exit_code, res.error_at) == ("", 2, 10)
    assert term("ls >").stderr == "bash: syntax error near unexpected token `newline'\n"
    assert term("echo 'open").stderr == "bash: unexpected EOF while looking for matching `''\n"
    assert term("cat foo |").stderr == "bash: syntax error: unexpected end of file\n"


def test_a_bad_line_does_not_stop_the_next_ones(term):
    """Input is read a line at a time: the lines after a syntax error still run."""
    res = term("echo a\n;;\necho b")
    assert res.output == "a\nbash: syntax error near unexpected token `;;'\nb\n"


def test_unsupported_syntax_is_refused_clearly(term):
    """Arithmetic and compound commands are not simulated: the message says so."""
    assert term("echo $((1 + 2))").stderr == \
        "bash: arithmetic expansion $((...)) is not supported in this playground shell\n"
    assert term("for i in 1 2; do echo $i; done").stderr == \
        "bash: `for' is not supported in this playground shell\n"
    assert term("(cd /tmp)").stderr == "bash: subshell ( ... ) is not supported in this playground shell\n"


def test_cd_pwd_and_the_prompt(term):
    """cd changes the tab's directory, PWD and OLDPWD; the prompt shows ~."""
    term("mkdir -p work/yaml")
    assert term.shell.prompt(0) == "student@playground:~$ "
    assert term.out("cd work/yaml && pwd") == "/home/student/work/yaml\n"
    assert term.shell.prompt(0) == "student@playground:~/work/yaml$ "
    assert term.out("cd - ") == "/home/student\n"
    assert term.out("cd ~/work; echo $OLDPWD; cd; pwd") == "/home/student\n/home/student\n"
    assert term("cd nope").stderr == "bash: cd: nope: No such file or directory\n"
    term("touch f")
    assert term("cd f").stderr == "bash: cd: f: Not a directory\n"
    assert term("cd a b").stderr == "bash: cd: too many arguments\n"


def test_variables_export_and_prefix_assignments(term):
    """A=b alone is a shell variable; export passes it on; A=b cmd only for that command."""
    term("NS=user-test")
    assert term.out("echo $NS ${NS} \"${NS}-x\" '${NS}'") == "user-test user-test user-test-x ${NS}\n"
    assert term.out("env | grep NS=") == ""
    term("export NS")
    assert term.out("env | grep NS=") == "NS=user-test\n"
    assert term.out("FOO=bar env | grep FOO") == "FOO=bar\n"
    assert term.out("echo x${FOO}x") == "xx\n"
    assert term.out("export -p | grep ' NS='") == 'declare -x NS="user-test"\n'
    term("unset NS")
    assert term.out("echo [$NS] ${NS:-default}") == "[] default\n"


def test_default_environment(term):
    """The student's environment is Debian's for user student."""
    out = term.out("env")
    assert "HOME=/home/student\n" in out
    assert "USER=student\n" in out
    assert "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n" in out
    assert term.out("echo $HOSTNAME $SHELL ~") == "playground /bin/bash /home/student\n"


def test_word_splitting_and_quotes(term):
    """Unquoted expansions split into words; quotes keep them whole."""
    term('A="a   b"')
    assert term.out('echo $A "$A"') == "a b a   b\n"
    assert term.out("echo \"it's\" 'say \"hi\"' a\\ b") == "it's say \"hi\" a b\n"
    assert term.out("echo $'tab\\there'") == "tab\there\n"


def test_globs_expand_against_the_virtual_files(term):
    """*.yaml matches in the current directory; no match leaves the pattern as typed."""
    term("touch b.yaml a.yaml .hidden.yaml c.txt")
    assert term.out("echo *.yaml") == "a.yaml b.yaml\n"
    assert term.out("echo '*.yaml' nothing*") == "*.yaml nothing*\n"
    assert term.out("ls ?.txt") == "c.txt\n"


def test_redirections(term):
    """>, >>, 2>, 2>&1 and &> as bash orders them."""
    term("echo one > out.txt")
    term("echo two >> out.txt")
    assert term.out("cat out.txt") == "one\ntwo\n"
    res = term("cat nope 2> err.txt")
    assert (res.output, res.exit_code) == ("", 1)
    assert term.out("cat err.txt") == "cat: nope: No such file or directory\n"
    assert term.out("cat nope out.txt > all.txt 2>&1; cat all.txt") == \
        "cat: nope: No such file or directory\none\ntwo\n"
    res = term("cat nope 2>&1 > only-out.txt")
    assert res.stdout == "cat: nope: No such file or directory\n"
    assert term.out("kubectl fail &> both.txt; cat both.txt") == 'Error from server (NotFound): pods "x" not found\n'
    assert term.out("kubectl fail 2>&1 | wc -l") == "1\n"
    assert term.out("wc -l < out.txt") == "2\n"
    assert term("cat < nope").stderr == "bash: nope: No such file or directory\n"
    assert term("echo x > /etc/passwd").stderr == "bash: /etc/passwd: Permission denied\n"
    assert term("echo x > missing/dir.txt").stderr == "bash: missing/dir.txt: No such file or directory\n"
    assert term.out("cat nope 2>/dev/null; echo $?") == "1\n"


def test_stdout_and_stderr_are_kept_apart_and_in_order(term):
    """The combined output keeps the order a terminal shows; stderr is also on its own."""
    res = term("echo first; kubectl fail; echo last")
    assert res.output == 'first\nError from server (NotFound): pods "x" not found\nlast\n'
    assert res.stdout == "first\nlast\n"
    assert res.stderr == 'Error from server (NotFound): pods "x" not found\n'


def test_tabs_share_files_but_not_directories_variables_or_history(shell, host):
    """Two tabs are two bash windows on the same home."""
    shell.execute(0, "mkdir d; cd d; X=1; echo hi > /home/student/shared.txt", host)
    assert shell.execute(1, "cat shared.txt; pwd; echo [$X]", host).output == "hi\n/home/student\n[]\n"
    assert shell.execute(1, "history", host).output == "    1  cat shared.txt; pwd; echo [$X]\n    2  history\n"
    assert shell.execute(0, "pwd", host).output == "/home/student/d\n"


def test_state_round_trips_through_json(shell, host):
    """Everything a session keeps is data; a rebuilt shell goes on where it was."""
    shell.execute(0, "mkdir d && cd d && echo x > f && alias k=kubectl && export A=1", host)
    state = json.loads(json.dumps(shell.to_state()))
    again = Shell.from_state(state)
    again.register("kubectl", shell.commands["kubectl"].handler)
    assert again.to_state() == state
    assert again.execute(0, "pwd; cat f; echo $A; k get ns", host).output == \
        "/home/student/d\nx\n1\nkubectl get ns\n"


def test_exit_sets_the_status_and_skips_the_rest_of_the_input(term):
    """exit ends nothing here: the tab keeps working, with $? as given."""
    res = term("exit 3\necho never")
    assert (res.output, res.exit_code) == ("", 3)
    assert term.out("echo $?") == "3\n"


def test_clear_sends_the_terminal_escape(term):
    """clear writes what /usr/bin/clear writes for xterm-256color."""
    assert term.out("clear") == "\x1b[H\x1b[2J\x1b[3J"


def test_input_too_long_is_refused(term):
    """64 KiB per call."""
    res = term("echo " + "x" * 70_000)
    assert res.stderr == "bash: input too long (70005 characters; at most 65536)\n"
    assert res.exit_code == 2


def test_command_substitution_feeds_one_command_into_another(term):
    """$(...) and backquotes run in a copy of the shell; trailing newlines go; splitting applies."""
    assert term.out("POD=$(kubectl get pods -o name); echo $POD") == "kubectl get pods -o name\n"
    assert term.out("echo \"$(printf 'a\\nb\\n\\n')\"") == "a\nb\n"
    assert term.out("echo $(printf 'a\\nb\\n')") == "a b\n"
    assert term.out("echo `echo back`quoted") == "backquoted\n"
    assert term.out("X=$(false); echo $?") == "1\n"
    assert term.out("echo $(cd /tmp; pwd); pwd") == "/tmp\n/home/student\n"
    assert term.out("echo $(echo $(echo nested))") == "nested\n"
    assert term.out("cat <<EOF\nuser: $(echo $USER)\nEOF") == "user: student\n"
    history = term.out("history")
    assert history.endswith("    9  history\n")  # only what was typed, not what $(...) ran


def test_command_substitution_errors_go_to_the_terminal(term):
    """The inner command's stderr is not captured."""
    res = term("echo [$(nope)]")
    assert (res.stdout, res.stderr) == ("[]\n", "bash: nope: command not found\n")


def test_command_substitution_cannot_wait_for_a_running_command(term):
    """A watch inside $(...) is stopped at once, with a message; what it printed is used."""
    res = term("X=$(kubectl get pods -w); echo \"$X\" | wc -l")
    assert res.stderr == ("bash: $(kubectl get pods -w): cannot wait here for a command that keeps running; "
                          "it was stopped\n")
    assert (res.stdout, res.running) == ("2\n", False)


def test_history_expansion_repeats_and_reuses_commands(term):
    """!!, !$ and !prefix are replaced, the new line is shown on stderr, then run."""
    term("kubectl get pods nginx-manual")
    res = term("!!")
    assert (res.stderr, res.stdout) == ("kubectl get pods nginx-manual\n", "kubectl get pods nginx-manual\n")
    assert term.out("echo !$") == "echo nginx-manual\nnginx-manual\n"
    assert term("!kub -o wide").stdout == "kubectl get pods nginx-manual -o wide\n"
    assert term.out("history 2") == "    3  kubectl get pods nginx-manual -o wide\n    4  history 2\n"


def test_an_unquoted_bang_is_an_event_bash_cannot_find(term):
    """The tutorial quotes '!rel' because bash would otherwise look it up in the history."""
    res = term("kubectl get pod -l !rel")
    assert (res.stdout, res.stderr) == ("", "bash: !rel: event not found\n")
    assert term.out("kubectl get pod -l '!rel'") == "kubectl get pod -l !rel\n"
    assert term.out('echo "done!" rel!=x \\!a $!') == "done! rel!=x !a\n"
    assert term.out("history") == "    1  kubectl get pod -l '!rel'\n    2  echo \"done!\" rel!=x \\!a $!\n    3  history\n"

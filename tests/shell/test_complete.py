"""Tab completion: commands first, files after, and per-command completers."""

from __future__ import annotations


def test_command_names_complete_at_the_start(term):
    """Builtins, programs (registered ones too) and aliases."""
    term("alias kgp='kubectl get pods'")
    assert term.shell.complete(0, "ku") == ["kubectl"]
    assert term.shell.complete(0, "kg") == ["kgp"]
    assert term.shell.complete(0, "ls -l | gr") == ["grep"]
    assert term.shell.complete(0, "true && ec") == ["echo"]
    assert "export" in term.shell.complete(0, "ex")


def test_file_names_complete_elsewhere(term):
    """Names in the directory typed so far; directories end with a slash; dot files need a dot."""
    term("mkdir -p manifests/pods && touch nginx-manual.yaml nginx-rs.yaml .hidden manifests/pods/a.yaml")
    assert term.shell.complete(0, "cat ng") == ["nginx-manual.yaml", "nginx-rs.yaml"]
    assert term.shell.complete(0, "ls ma") == ["manifests/"]
    assert term.shell.complete(0, "ls manifests/pods/") == ["manifests/pods/a.yaml"]
    assert term.shell.complete(0, "cat ~/man") == ["~/manifests/"]
    assert term.shell.complete(0, "cat .h") == [".hidden"]
    assert term.shell.complete(0, "cat < ng") == ["nginx-manual.yaml", "nginx-rs.yaml"]
    assert term.shell.complete(0, "./mani") == ["./manifests/"]


def test_the_cursor_can_be_inside_the_line(term):
    """Only the text before the cursor counts."""
    term("touch alpha beta")
    assert term.shell.complete(0, "cat al | wc -l", cursor=6) == ["alpha"]


def test_a_registered_completer_sees_the_words_and_falls_back_to_files(term, host):
    """kubectl's completer gets the command's words (alias expanded) and the partial word."""
    seen = []

    def kubectl_completer(req):
        seen.append((req.words, req.current, req.host is host))
        if req.words[1:] == []:
            return ["get", "describe", "delete"]
        if req.words[-1] == "-f":
            return None
        return ["pods", "pod/nginx-manual"]

    term.shell.register_completer("kubectl", kubectl_completer)
    term("alias k='kubectl --namespace=user-test'; touch pod.yaml")
    assert term.shell.complete(0, "kubectl de", host=host) == ["delete", "describe"]
    assert term.shell.complete(0, "/usr/bin/kubectl get po", host=host) == ["pod/nginx-manual", "pods"]
    assert term.shell.complete(0, "kubectl create -f po", host=host) == ["pod.yaml"]
    term("alias k='kubectl --namespace=user-test'")
    assert term.shell.complete(0, "k get p", host=host) == ["pod/nginx-manual", "pods"]
    assert seen[-1] == (["kubectl", "--namespace=user-test", "get"], "p", True)


def test_a_failing_completer_offers_nothing(term):
    """Completion never breaks the terminal."""
    term.shell.register_completer("kubectl", lambda req: 1 / 0)
    assert term.shell.complete(0, "kubectl g") == []

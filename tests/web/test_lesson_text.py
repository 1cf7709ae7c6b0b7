"""Lesson Markdown: sanitized, with Run buttons on commands and Save buttons on manifests."""

from __future__ import annotations

from playground.lesson_text import console_commands, render


def test_raw_html_and_scripts_are_removed():
    """Authors' raw HTML cannot inject scripts or event handlers."""
    html = render('Hi <script>alert(1)</script><img src=x onerror="alert(2)"> <a href="javascript:x()">l</a>')
    assert "<script" not in html and "onerror" not in html and "javascript:" not in html


def test_each_sh_command_line_gets_a_run_button():
    """One button per command line; comments get none."""
    html = render("```sh\n# look\nkubectl get pods\nkubectl get nodes\n```\n")
    assert html == (
        '<div class="codeblock codeblock-command"><pre><code class="language-sh"># look\n'
        'kubectl get pods <button type="button" class="run-button" data-command="kubectl get pods"'
        ' title="Type this into the terminal" aria-label="Run: kubectl get pods">Run</button>\n'
        'kubectl get nodes <button type="button" class="run-button" data-command="kubectl get nodes"'
        ' title="Type this into the terminal" aria-label="Run: kubectl get nodes">Run</button></code></pre></div>')


def test_a_here_document_is_one_command():
    """A block with a here-document or line continuations types as a whole."""
    html = render("```bash\ncat <<EOF > a.txt\nhello\nEOF\n```\n")
    assert html.count("data-command=") == 1
    assert 'data-command="cat &lt;&lt;EOF &gt; a.txt\nhello\nEOF"' in html


def test_command_text_is_escaped_in_the_attribute():
    """Quotes and angle brackets survive into data-command, escaped."""
    html = render('```sh\necho "<b>" && ls\n```\n')
    assert 'data-command="echo &quot;&lt;b&gt;&quot; &amp;&amp; ls"' in html


def test_console_blocks_run_only_prompted_lines():
    """A console transcript's commands are its `$ ` lines; output lines are shown, not run."""
    assert console_commands("$ kubectl get pods\nNAME   READY\n$ kubectl run x \\\n  --image=nginx\n") == [
        "kubectl get pods", "kubectl run x \\\n  --image=nginx"]
    html = render("```console\n$ kubectl get pods\nNo resources found\n```\n")
    assert '<div class="codeblock-buttons"><button type="button" class="run-button" data-command="kubectl get pods"' in html


def test_manifest_with_a_file_line_gets_a_save_button_and_loses_the_marker():
    """`# file: NAME` names the file; the code shown is exactly what is saved."""
    html = render("```yaml\n# file: nginx-manual.yaml\napiVersion: v1\nkind: Pod\n```\n")
    assert html == (
        '<div class="codeblock codeblock-manifest"><div class="codeblock-file">nginx-manual.yaml</div>'
        '<pre><code class="language-yaml">apiVersion: v1\nkind: Pod\n</code></pre>'
        '<button type="button" class="save-button" data-save-file data-filename="nginx-manual.yaml"'
        ' title="Save this manifest in your home directory">Save as nginx-manual.yaml</button></div>')


def test_yaml_without_a_file_line_is_only_shown():
    """A YAML snippet without `# file:` (or with an unsafe name) has no button."""
    assert "data-save-file" not in render("```yaml\nspec:\n  replicas: 3\n```\n")
    assert "data-save-file" not in render("```yaml\n# file: ../../etc/passwd\nx: 1\n```\n")

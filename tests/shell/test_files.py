"""The virtual home directory: the file system's rules and limits, and the file commands over it."""

from __future__ import annotations

import pytest

from cluster_core.shell import VfsError, VirtualFS
from cluster_core.shell.fileutils import columns
from cluster_core.shell.vfs import MAX_ENTRIES, normalize


def test_paths_normalize_like_the_kernel():
    """., .. and repeated slashes; .. at the root stays there."""
    assert normalize("a/./b/../c", "/home/student") == "/home/student/a/c"
    assert normalize("../../../..", "/home/student") == "/"
    assert normalize("//tmp//x/", "/") == "/tmp/x"


def test_vfs_errors_carry_errno_names():
    """Writing where it cannot fails the way the kernel does."""
    fs = VirtualFS()
    fs.write("/home/student/f", "x")
    cases = [
        (lambda: fs.read("/home/student/nope"), "ENOENT"),
        (lambda: fs.read("/home/student"), "EISDIR"),
        (lambda: fs.write("/home/student/f/g", "x"), "ENOTDIR"),
        (lambda: fs.write("/home/student/no/g", "x"), "ENOENT"),
        (lambda: fs.write("/etc/passwd", "x"), "EACCES"),
        (lambda: fs.mkdir("/home/student/f"), "EEXIST"),
        (lambda: fs.rmdir("/home/student"), "EACCES"),
    ]
    for action, code in cases:
        with pytest.raises(VfsError) as err:
            action()
        assert err.value.code == code


def test_file_size_limit_is_one_mebibyte(term):
    """A bigger file is refused with the kernel's words, by the writing command."""
    fs = term.shell.fs
    fs.write_file("big.txt", "x" * (1024 * 1024))
    with pytest.raises(VfsError) as err:
        fs.write("/home/student/big.txt", "y", append=True)
    assert err.value.strerror == "File too large"
    res = term("cat big.txt >> big.txt")
    assert res.stderr == "cat: write error: File too large\n"
    assert res.exit_code == 1  # a write error is a failure, as in coreutils
    res = term("echo more >> big.txt")
    assert (res.stderr, res.exit_code) == ("bash: echo: write error: File too large\n", 1)
    assert term("echo fits > small.txt").exit_code == 0


def test_entry_limit_is_500(term):
    """Files and directories together; the 501st is `No space left on device`."""
    fs = term.shell.fs
    for i in range(MAX_ENTRIES - 1):
        fs.write(f"/home/student/f{i}", "")
    res = term("touch one-more another")
    assert res.stderr == "touch: cannot touch 'another': No space left on device\n"
    assert term("mkdir d").stderr == "mkdir: cannot create directory 'd': No space left on device\n"


def test_state_round_trip_and_home_helpers():
    """write_file makes directories; list_files walks; the state is plain data."""
    fs = VirtualFS()
    fs.write_file("lesson/pod.yaml", "kind: Pod\n", now=5.0)
    fs.write_file("notes.txt", "hi\n")
    assert fs.list_files() == ["lesson/pod.yaml", "notes.txt"]
    assert fs.list_files("lesson") == ["lesson/pod.yaml"]
    assert fs.read_file("lesson/pod.yaml") == "kind: Pod\n"
    again = VirtualFS.from_state(fs.to_state())
    assert again.to_state() == fs.to_state()
    assert again.stat("/home/student/lesson/pod.yaml").mtime == 5.0


def test_ls_long_format_with_host_time(term, host):
    """ls -l: mode, links, owner, size, GNU's date (year for old files) and the total in 1K blocks."""
    fs = term.shell.fs
    fs.write_file("pod.yaml", "x" * 5000, now=host.t - 3600)
    fs.write_file("old.txt", "old\n", now=host.t - 400 * 86400)
    term("mkdir conf")
    assert term.out("ls -l") == (
        "total 16\n"
        "drwxr-xr-x 2 student student 4096 Nov 27 12:00 conf\n"
        "-rw-r--r-- 1 student student    4 Oct 23  2024 old.txt\n"
        "-rw-r--r-- 1 student student 5000 Nov 27 11:00 pod.yaml\n")
    assert term.out("ls -lh pod.yaml") == "-rw-r--r-- 1 student student 4.9K Nov 27 11:00 pod.yaml\n"
    assert term.out("ls -la conf") == (
        "total 8\n"
        "drwxr-xr-x 2 student student 4096 Nov 27 12:00 .\n"
        "drwxr-xr-x 3 student student 4096 Nov 27 12:00 ..\n")


def test_ls_columns_fill_down_then_across():
    """GNU ls -C: the widest layout that keeps lines under the terminal width."""
    names = ["alpha", "beta", "chi", "d", "delta-long-name", "epsilon", "eta", "f.txt", "gamma", "iota",
             "kappa", "lambda", "mu", "nu", "omega", "omicron", "phi", "pi", "psi", "rho", "sigma", "tau",
             "theta", "upsilon", "xi", "zeta"]
    assert columns(names, 80) == (
        "alpha  d                eta    iota    mu     omicron  psi    tau      xi\n"
        "beta   delta-long-name  f.txt  kappa   nu     phi      rho    theta    zeta\n"
        "chi    epsilon          gamma  lambda  omega  pi       sigma  upsilon\n")
    assert columns(names, 40).splitlines()[0] == "alpha            iota     psi"


def test_ls_on_a_terminal_quotes_odd_names_and_aligns_the_rest(term):
    """A name with a space is shown quoted; the others shift by one to line up."""
    term("touch 'my file' plain")
    assert term.out("ls") == "'my file'   plain\n"
    assert term.out("ls | cat") == "my file\nplain\n"


def test_ls_several_operands_and_recursion(term):
    """Files first, then each directory under a header; -R walks down."""
    term("mkdir -p a/b && touch a/f a/b/g top")
    assert term.out("ls top a") == "top\n\na:\nb  f\n"
    assert term.out("ls -R a") == "a:\nb  f\n\na/b:\ng\n"
    res = term("ls nope top")
    assert (res.stdout, res.stderr, res.exit_code) == (
        "top\n", "ls: cannot access 'nope': No such file or directory\n", 2)


def test_system_directories_exist_and_are_read_only(term):
    """cd / and ls work; writing outside home and /tmp does not."""
    assert term.out("cd / && ls") == "bin  dev  etc  home  opt  root  sbin  tmp  usr  var\n"
    assert term.out("ls /home") == "student\n"
    assert term("mkdir /usr/x").stderr == "mkdir: cannot create directory '/usr/x': Permission denied\n"
    assert term("rm -r /").stderr == (
        "rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n")
    assert term.out("echo tmp > /tmp/t && cat /tmp/t") == "tmp\n"


def test_rm_r_cp_r_and_mv_of_directories(term):
    """Whole trees are copied, moved and removed."""
    term("mkdir -p src/sub && echo x > src/sub/f")
    assert term.out("cp -r src copy && cat copy/sub/f") == "x\n"
    assert term.out("mv copy moved && ls") == "moved  src\n"
    assert term.out("rm -rv moved") == "removed 'moved/sub/f'\nremoved directory 'moved/sub'\nremoved directory 'moved'\n"
    assert term("cp -r src src/sub").stderr == "cp: cannot copy a directory, 'src', into itself, 'src/sub'\n"
    assert term("mv src src/sub").stderr == "mv: cannot move 'src' to a subdirectory of itself, 'src/sub'\n"
    assert term("rm -r .").stderr == "rm: refusing to remove '.' or '..' directory: skipping '.'\n"


def test_cp_and_mv_into_a_directory(term):
    """The last operand may be a directory that receives the others."""
    term("mkdir dest && touch a b")
    assert term.out("cp a b dest && ls dest") == "a  b\n"
    assert term.out("mv a b dest/ && ls") == "dest\n"
    assert term("cp dest/a dest/b nope").stderr == "cp: target 'nope': No such file or directory\n"


def test_tee_writes_files_and_passes_the_text_on(term):
    """tee and tee -a."""
    assert term.out("echo one | tee out.txt") == "one\n"
    term("echo two | tee -a out.txt > /dev/null")
    assert term.out("cat out.txt") == "one\ntwo\n"
    assert term("echo x | tee no/where").stderr == "tee: no/where: No such file or directory\n"


def test_sed_in_place(term):
    """sed -i rewrites the file."""
    term("echo 'image: nginx:1.24' > pod.yaml")
    term("sed -i 's/1.24/1.25/' pod.yaml")
    assert term.out("cat pod.yaml") == "image: nginx:1.25\n"


def test_which_and_type_know_where_programs_are(term):
    """Registered programs live in /usr/local/bin and /usr/bin; coreutils in /usr/bin."""
    assert term.out("which kubectl ls") == "/usr/local/bin/kubectl\n/usr/bin/ls\n"
    assert term.out("which -a kubectl") == "/usr/local/bin/kubectl\n/usr/bin/kubectl\n/bin/kubectl\n"
    assert term("which cd nope").exit_code == 1
    assert term.out("type ls") == "ls is /usr/bin/ls\n"
    term("ls")
    assert term.out("type ls") == "ls is hashed (/usr/bin/ls)\n"
    res = term("PATH=/nowhere; ls")
    assert res.stderr == "bash: ls: command not found\n"
    assert term.out("/bin/ls -d /tmp") == "/tmp\n"


def test_running_a_file_or_a_directory(term):
    """There are no scripts to run: bash's messages for a path that is not a program."""
    term("touch script.sh && mkdir dir")
    assert (term("./script.sh").stderr, term("./script.sh").exit_code) == (
        "bash: ./script.sh: Permission denied\n", 126)
    assert term("./dir").stderr == "bash: ./dir: Is a directory\n"
    assert term("./nope").stderr == "bash: ./nope: No such file or directory\n"

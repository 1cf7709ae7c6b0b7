"""A small awk for one-liners: ``{print $1}``, ``{print $1, $3}``, ``-F:``, ``NR>1``, ``/re/``,
``$3 > 100 {print $1}``, ``{n += $2} END {print n}``, ``if``/``else``, ``printf``, ``length``,
``toupper``, ``tolower``, ``substr``. No loops, functions, arrays or getline.

Errors read like mawk's, Debian's awk (``awk: line 1: syntax error at or near }``).
"""

from __future__ import annotations

import math
import re
from typing import Any

from .cmdutil import UsageError, getopt, lines_of, quote_if_needed, usage_error
from .regex import RegexError, guarded_compile, translate
from .streams import CommandContext
from .vfs import VfsError

TOKEN = re.compile(r"""
    (?P<ws>[ \t]+|\\\n) | (?P<nl>[\n;]) | (?P<num>\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+) |
    (?P<str>"(?:[^"\\\n]|\\.)*") | (?P<name>[A-Za-z_]\w*) |
    (?P<op>\+\+|--|\+=|-=|\*=|/=|%=|==|!=|<=|>=|&&|\|\||!~|[-+*/%<>=!~$(){},?:])""", re.X)
FUNCS = {"length", "toupper", "tolower", "substr", "index", "int"}
NUMBER = re.compile(r"\s*([+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+))\s*")


class AwkError(Exception):
    pass


class StrNum(str):
    """Input text (a field, ``-v``): compares as a number when it looks like one."""


def tokenize(src: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(src):
        if src[i] == "#":
            j = src.find("\n", i)
            i = len(src) if j < 0 else j
            continue
        if src[i] == "/" and (not out or out[-1][0] in ("nl", "op") and out[-1][1] not in (")", "$")):
            j = i + 1
            while j < len(src) and src[j] != "/":
                j += 2 if src[j] == "\\" else 1
            if j >= len(src):
                raise AwkError("runaway regular expression /" + src[i + 1:i + 10] + " ...")
            out.append(("re", src[i + 1:j]))
            i = j + 1
            continue
        m = TOKEN.match(src, i)
        if not m:
            raise AwkError(f"syntax error at or near {src[i]}")
        kind = m.lastgroup or ""
        if kind != "ws":
            out.append((kind, m.group()))
        i = m.end()
    return out


class Parser:
    """Recursive descent over the tokens; the tree is nested tuples."""

    MAX_DEPTH = 40

    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.t = tokens
        self.i = 0
        self.depth = 0

    def nested(self, parse: Any, *args: Any) -> Any:
        """Call a recursive rule, refusing programs nested deeper than any one-liner needs."""
        self.depth += 1
        if self.depth > self.MAX_DEPTH:
            raise AwkError("program nested too deeply")
        try:
            return parse(*args)
        finally:
            self.depth -= 1

    def peek(self, k: int = 0) -> tuple[str, str]:
        return self.t[self.i + k] if self.i + k < len(self.t) else ("eof", "end of file")

    def take(self, text: str | None = None) -> tuple[str, str]:
        tok = self.peek()
        if text is not None and tok[1] != text:
            raise AwkError(f"syntax error at or near {tok[1]}")
        self.i += 1
        return tok

    def skip_nl(self) -> None:
        while self.peek()[0] == "nl":
            self.i += 1

    def program(self) -> list[tuple[str, Any, Any]]:
        items: list[tuple[str, Any, Any]] = []
        self.skip_nl()
        while self.peek()[0] != "eof":
            kind = self.peek()[1]
            if kind in ("BEGIN", "END"):
                self.take()
                items.append((kind, None, self.block()))
            elif kind == "{":
                items.append(("main", None, self.block()))
            else:
                pattern = self.expr()
                items.append(("main", pattern, self.block() if self.peek()[1] == "{" else None))
            self.skip_nl()
        return items

    def block(self) -> list[Any]:
        self.take("{")
        stmts = []
        self.skip_nl()
        while self.peek()[1] != "}":
            if self.peek()[0] == "eof":
                raise AwkError("syntax error at or near end of file")
            stmts.append(self.statement())
            self.skip_nl()
        self.take("}")
        return stmts

    def statement(self) -> Any:
        word = self.peek()[1]
        if word == "{":
            return ("block", self.nested(self.block))
        if word in ("print", "printf"):
            self.take()
            args = []
            if self.peek()[0] not in ("nl", "eof") and self.peek()[1] != "}":
                args.append(self.expr(no_gt=True))
                while self.peek()[1] == ",":
                    self.take()
                    args.append(self.expr(no_gt=True))
            if self.peek()[1] == ">":
                raise AwkError("output redirection is not supported in this playground shell")
            return (word, args)
        if word == "if":
            self.take()
            self.take("(")
            cond = self.expr()
            self.take(")")
            self.skip_nl()
            then = self.nested(self.statement)
            save = self.i
            self.skip_nl()
            if self.peek()[1] == "else":
                self.take()
                self.skip_nl()
                return ("if", cond, then, self.nested(self.statement))
            self.i = save
            return ("if", cond, then, None)
        if word == "next":
            self.take()
            return ("next",)
        if word in ("while", "for", "do", "function", "getline", "delete", "exit", "return"):
            raise AwkError(f"{word} is not supported in this playground shell")
        return ("expr", self.expr())

    # expressions, lowest precedence first
    def expr(self, no_gt: bool = False) -> Any:
        left = self.ternary(no_gt)
        if self.peek()[1] in ("=", "+=", "-=", "*=", "/=", "%=") and left[0] in ("var", "field"):
            op = self.take()[1]
            return ("assign", op, left, self.nested(self.expr, no_gt))
        return left

    def ternary(self, no_gt: bool) -> Any:
        cond = self.binary(0, no_gt)
        if self.peek()[1] == "?":
            self.take()
            a = self.nested(self.ternary, no_gt)
            self.take(":")
            return ("?", cond, a, self.nested(self.ternary, no_gt))
        return cond

    LEVELS: tuple[tuple[str, ...], ...] = (("||",), ("&&",), ("~", "!~"), ("<", "<=", ">", ">=", "==", "!="))

    def binary(self, level: int, no_gt: bool) -> Any:
        if level == len(self.LEVELS):
            return self.concat()
        left = self.binary(level + 1, no_gt)
        while self.peek()[1] in self.LEVELS[level] and not (no_gt and self.peek()[1] == ">"):
            op = self.take()[1]
            if op in ("&&", "||"):
                self.skip_nl()
            left = (op, left, self.binary(level + 1, no_gt))
        return left

    def concat(self) -> Any:
        left = self.additive()
        while self.peek()[0] in ("num", "str", "name", "re") or self.peek()[1] in ("$", "(", "!", "++", "--"):
            if self.peek()[0] == "name" and self.peek()[1] in ("in", "getline"):
                break
            left = ("concat", left, self.additive())
        return left

    def additive(self) -> Any:
        left = self.term()
        while self.peek()[1] in ("+", "-"):
            op = self.take()[1]
            left = (op, left, self.term())
        return left

    def term(self) -> Any:
        left = self.unary()
        while self.peek()[1] in ("*", "/", "%"):
            op = self.take()[1]
            left = (op, left, self.unary())
        return left

    def unary(self) -> Any:
        op = self.peek()[1]
        if op in ("!", "-", "+"):
            self.take()
            return ("neg" if op == "-" else "not" if op == "!" else "num", self.nested(self.unary))
        if op in ("++", "--"):
            self.take()
            target = self.primary()
            return ("assign", "+=" if op == "++" else "-=", target, ("const", 1.0))
        node = self.primary()
        if self.peek()[1] in ("++", "--") and node[0] in ("var", "field"):
            op = self.take()[1]
            return ("post", op, node)
        return node

    def primary(self) -> Any:
        kind, text = self.take()
        if kind == "num":
            return ("const", float(text))
        if kind == "str":
            return ("const", _unescape(text[1:-1]))
        if kind == "re":
            return ("match0", _regex(text))
        if text == "$":
            return ("field", self.nested(self.primary) if self.peek()[1] != "(" else self.paren())
        if text == "(":
            self.i -= 1
            return self.paren()
        if kind == "name" and text in FUNCS:
            args = []
            if self.peek()[1] == "(":
                self.take()
                while self.peek()[1] != ")":
                    args.append(self.expr())
                    if self.peek()[1] == ",":
                        self.take()
                self.take(")")
            return ("call", text, args)
        if kind == "name" and text not in ("BEGIN", "END", "print", "printf", "if", "else"):
            return ("var", text)
        raise AwkError(f"syntax error at or near {text}")

    def paren(self) -> Any:
        self.take("(")
        node = self.nested(self.expr)
        self.take(")")
        return node


def _unescape(s: str) -> str:
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t", "\\": "\\", '"': '"', "/": "/"}.get(m.group(1),
                                                                                           "\\" + m.group(1)), s)


def _regex(text: str) -> re.Pattern[str]:
    try:
        return guarded_compile(translate(text, extended=True))
    except (RegexError, re.error) as err:
        raise AwkError(f"regular expression compile failed ({err})") from None


class _Next(Exception):
    pass


class Machine:
    """Runs a parsed program over lines, with awk's loose numbers and strings."""

    def __init__(self, fs: str, variables: dict[str, Any]) -> None:
        self.vars: dict[str, Any] = {"FS": fs, "OFS": " ", "ORS": "\n", "NR": 0.0, "FNR": 0.0, "FILENAME": "",
                                     **variables}
        self.fields: list[str] = [""]
        self.out: list[str] = []

    def set_record(self, line: str) -> None:
        fs = self.vars["FS"]
        if fs == " ":
            parts = line.split()
        elif len(fs) == 1 and fs != "\\":
            parts = line.split(fs) if line else []
        else:
            parts = guarded_compile(translate(fs, extended=True)).split(line) if line else []
        self.fields = [line, *parts]

    def value(self, node: Any) -> Any:  # noqa: C901 - one dispatch over node kinds reads best here
        kind = node[0]
        if kind == "const":
            return node[1]
        if kind == "var":
            if node[1] == "NF":
                return float(len(self.fields) - 1)
            return self.vars.get(node[1], "")
        if kind == "field":
            i = int(num(self.value(node[1])))
            if i < 0:
                raise AwkError(f"negative field index ${i}")
            return StrNum(self.fields[i]) if i < len(self.fields) else StrNum("")
        if kind == "match0":
            return 1.0 if node[1].search(self.fields[0]) else 0.0
        if kind in ("~", "!~"):
            rx = node[2][1] if node[2][0] == "match0" else _regex(text(self.value(node[2])))
            hit = bool(rx.search(text(self.value(node[1]))))
            return 1.0 if hit == (kind == "~") else 0.0
        if kind == "&&":
            return 1.0 if truth(self.value(node[1])) and truth(self.value(node[2])) else 0.0
        if kind == "||":
            return 1.0 if truth(self.value(node[1])) or truth(self.value(node[2])) else 0.0
        if kind == "not":
            return 0.0 if truth(self.value(node[1])) else 1.0
        if kind == "neg":
            return -num(self.value(node[1]))
        if kind == "num":
            return num(self.value(node[1]))
        if kind == "concat":
            return text(self.value(node[1])) + text(self.value(node[2]))
        if kind == "?":
            return self.value(node[2]) if truth(self.value(node[1])) else self.value(node[3])
        if kind in ("<", "<=", ">", ">=", "==", "!="):
            return 1.0 if compare(kind, self.value(node[1]), self.value(node[2])) else 0.0
        if kind in ("+", "-", "*", "/", "%"):
            return arith(kind, num(self.value(node[1])), num(self.value(node[2])))
        if kind == "assign":
            return self.assign(node)
        if kind == "post":
            old = num(self.value(node[2]))
            self.assign(("assign", "+=" if node[1] == "++" else "-=", node[2], ("const", 1.0)))
            return old
        if kind == "call":
            return self.call(node[1], [self.value(a) for a in node[2]])
        raise AwkError(f"cannot evaluate {kind}")

    def assign(self, node: Any) -> Any:
        _, op, target, expr = node
        new = self.value(expr)
        if op != "=":
            new = arith(op[0], num(self.value(target)), num(new))
        if target[0] == "field":
            raise AwkError("assigning to fields is not supported in this playground shell")
        if target[1] in ("NR", "NF", "FNR"):
            raise AwkError(f"assigning to {target[1]} is not supported in this playground shell")
        self.vars[target[1]] = new
        return new

    def call(self, name: str, args: list[Any]) -> Any:
        if name == "length":
            return float(len(text(args[0] if args else self.fields[0])))
        if not args:
            raise AwkError(f"syntax error at or near {name}")
        if name == "toupper":
            return text(args[0]).upper()
        if name == "tolower":
            return text(args[0]).lower()
        if name == "int":
            return float(int(num(args[0])))
        if name == "index":
            return float(text(args[0]).find(text(args[1] if len(args) > 1 else "")) + 1)
        s = text(args[0])
        start = int(num(args[1])) if len(args) > 1 else 1
        length = int(num(args[2])) if len(args) > 2 else len(s)
        lo = max(start, 1)
        hi = start + length
        return s[lo - 1:max(lo - 1, hi - 1)]

    def run(self, stmts: list[Any]) -> None:
        for stmt in stmts:
            kind = stmt[0]
            if kind == "print":
                values = [self.value(a) for a in stmt[1]] or [self.fields[0]]
                self.out.append(text(self.vars["OFS"]).join(text(v, output=True) for v in values)
                                + text(self.vars["ORS"]))
            elif kind == "printf":
                if not stmt[1]:
                    raise AwkError("syntax error at or near printf")
                values = [self.value(a) for a in stmt[1]]
                self.out.append(printf(text(values[0]), values[1:]))
            elif kind == "if":
                branch = stmt[2] if truth(self.value(stmt[1])) else stmt[3]
                if branch is not None:
                    self.run([branch])
            elif kind == "block":
                self.run(stmt[1])
            elif kind == "next":
                raise _Next
            else:
                self.value(stmt[1])


def num(v: Any) -> float:
    if isinstance(v, float):
        return v
    m = NUMBER.match(v)
    return float(m.group(1)) if m else 0.0


def text(v: Any, output: bool = False) -> str:
    if isinstance(v, float):
        if math.isnan(v):
            return "-nan" if math.copysign(1, v) < 0 else "nan"
        if math.isfinite(v) and v == int(v) and abs(v) < 1e16:
            return str(int(v))
        return f"{v:.6g}"
    return str(v)


def truth(v: Any) -> bool:
    if isinstance(v, float):
        return v != 0
    if isinstance(v, StrNum) and NUMBER.fullmatch(v):
        return num(v) != 0
    return v != ""


def _numeric(v: Any) -> bool:
    return isinstance(v, float) or (isinstance(v, StrNum) and bool(NUMBER.fullmatch(v)))


def compare(op: str, a: Any, b: Any) -> bool:
    x: Any
    y: Any
    x, y = (num(a), num(b)) if _numeric(a) and _numeric(b) else (text(a), text(b))
    return {"<": x < y, "<=": x <= y, ">": x > y, ">=": x >= y, "==": x == y, "!=": x != y}[op]


def arith(op: str, a: float, b: float) -> float:
    """mawk's arithmetic: dividing by zero gives inf or nan, not an error."""
    if op in "/%" and b == 0:
        if op == "%" or a == 0:
            return -math.nan
        return math.copysign(math.inf, a)
    if op == "%":
        return math.fmod(a, b)
    if op == "/":
        return a / b
    return a + b if op == "+" else a - b if op == "-" else a * b


def printf(fmt: str, values: list[Any]) -> str:
    out: list[str] = []
    pos = 0
    it = iter(values)
    for m in re.finditer(r"%([-+ #0]*\d*(?:\.\d+)?)([diouxXeEfgGcs%])", fmt):
        out.append(fmt[pos:m.start()])
        pos = m.end()
        flags, conv = m.groups()
        if conv == "%":
            out.append("%")
            continue
        v = next(it, "")
        if conv in "diouxX":
            out.append(f"%{flags}{'d' if conv in 'iu' else conv}" % int(num(v)))
        elif conv in "eEfgG":
            out.append(f"%{flags}{conv}" % num(v))
        elif conv == "c":
            out.append(chr(int(v)) if isinstance(v, float) else text(v)[:1])
        else:
            out.append(f"%{flags}s" % text(v))
    out.append(fmt[pos:])
    return "".join(out)


def awk(ctx: CommandContext) -> int:
    try:
        opts, args = getopt("awk", ctx.argv[1:], "", "Fv", permute=False)
    except UsageError as err:
        err.code = 2
        return usage_error(ctx, err)
    if not args:
        ctx.write_err("usage: awk [-F value] [-v var=value] [--] 'program text' [file ...]\n")
        return 2
    variables: dict[str, Any] = {}
    for assignment in opts.get("v", "").split("\n") if "v" in opts else []:
        name, _, value = assignment.partition("=")
        variables[name] = StrNum(_unescape(value))
    fs = opts.get("F", " ")
    fs = "\t" if fs in ("t", "\\t") else fs
    try:
        program = Parser(tokenize(args[0])).program()
    except AwkError as err:
        ctx.write_err(f"awk: line 1: {err}\n")
        return 2
    except RecursionError:
        ctx.write_err("awk: line 1: program too complex\n")
        return 2
    machine = Machine(fs, variables)
    status = 0
    try:
        for stmts in (s for k, _, s in program if k == "BEGIN"):
            machine.run(stmts)
        mains = [(p, s) for k, p, s in program if k == "main"]
        for name in (args[1:] or ["-"]) if mains or any(k == "END" for k, _, _ in program) else []:
            try:
                data = ctx.stdin if name == "-" else ctx.fs.read(ctx.resolve(name))
            except VfsError as err:
                ctx.write_err(f"awk: cannot open {quote_if_needed(name)} ({err.strerror})\n")
                status = 2
                continue
            machine.vars["FILENAME"], machine.vars["FNR"] = ("" if name == "-" else name), 0.0
            for line in lines_of(data):
                machine.vars["NR"] = num(machine.vars["NR"]) + 1
                machine.vars["FNR"] = num(machine.vars["FNR"]) + 1
                machine.set_record(line)
                try:
                    for pattern, stmts in mains:
                        if pattern is None or truth(machine.value(pattern)):
                            machine.run(stmts if stmts is not None else [("print", [])])
                except _Next:
                    pass
        for stmts in (s for k, _, s in program if k == "END"):
            machine.run(stmts)
    except RecursionError:
        ctx.write_err("awk: run time error: expression too complex\n")
        return 2
    except AwkError as err:
        ctx.write("".join(machine.out))
        v = machine.vars
        ctx.write_err(f"awk: run time error: {err}\n\tFILENAME=\"{v['FILENAME'] or '-'}\" FNR={text(v['FNR'])} "
                      f"NR={text(v['NR'])}\n")
        return 2
    ctx.write("".join(machine.out))
    return status


def streams(argv: list[str]) -> bool:
    try:
        opts, args = getopt("awk", argv[1:], "", "Fv", permute=False)
    except UsageError:
        return False
    return len(args) == 1 and not re.search(r"\b(NR|FNR|END)\b|\+=|-=|\+\+|--", args[0])

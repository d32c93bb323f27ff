"""``rkeras port``: an R Keras script becomes a Python script on rkeras's R-style API.

:func:`translate` reads the R text with R's own parser (:mod:`.rparse`) and writes Python that
computes the same thing: rkeras's R-style names as they are, R's base functions from
:mod:`rkeras.rbase` (1-based indices, column-major arrays, R's rounding and recycling), ``%>%`` and
``|>`` into rkeras layers and verbs as ``|`` pipes. What it cannot translate faithfully stays in the
output as a commented block under a ``# rkeras port: not translated: <why>`` line and is counted
in :attr:`Result.untranslated_blocks`: the translator never writes code that computes something
else.
"""

from __future__ import annotations

import keyword
import re
from dataclasses import dataclass, field

from .rparse import Node, Parsed, parse_r

__all__ = ["Result", "Untranslatable", "translate"]

MARK = "# rkeras port: not translated: "


@dataclass
class Result:
    code: str
    untranslated_blocks: int = 0
    reasons: list[str] = field(default_factory=list)


class Untranslatable(Exception):  # noqa: N818 - a signal inside the translator, never raised out
    """This construct has no faithful translation."""


# R packages whose library() lines become the rkeras import
KERAS_PACKAGES = {"keras", "keras3", "kerasR", "rkeras", "magrittr", "zeallot", "reticulate", "tensorflow"}
# the packages whose `pkg::name` is the plain name here
KNOWN_NAMESPACES = KERAS_PACKAGES | {"base", "stats", "utils", "graphics"}

# R operators -> (python operator, precedence of the result); higher binds tighter
BINARY = {
    "+": ("+", 11),
    "-": ("-", 11),
    "*": ("*", 12),
    "/": ("/", 12),
    "%%": ("%", 12),
    "%/%": ("//", 12),
    "^": ("**", 14),
    "==": ("==", 6),
    "!=": ("!=", 6),
    "<": ("<", 6),
    ">": (">", 6),
    "<=": ("<=", 6),
    ">=": (">=", 6),
    "&": ("&", 9),
    "|": ("|", 7),
    "&&": ("and", 4),
    "||": ("or", 3),
}
PIPE_PREC = 7  # python's `|`
ATOM = 20
# top-level R base calls R prints nothing for (their value is invisible or they print themselves);
# for rkeras's functions the rows say it (`invisible`), and r_show() prints nothing for None and
# for figures (summary() prints and returns None, plot() returns a figure R draws)
SILENT = {
    "library",
    "require",
    "print",
    "cat",
    "message",
    "warning",
    "invisible",
    "set.seed",
    "setwd",
    "suppressWarnings",
    "suppressMessages",
    "stop",
    "source",
    "rm",
    "options",
    "writeLines",
    "str",
    "dir.create",
    "unlink",
    "Sys.setenv",
}
SYMBOLS = {
    "T": "True",
    "F": "False",
    "TRUE": "True",
    "FALSE": "False",
    "Inf": "Inf",
    "NaN": "NaN",
    "NA": "NA",
    "NA_integer_": "NA",
    "NA_real_": "NA",
    "NA_character_": "NA",
    "pi": "pi",
    "letters": "letters",
    "LETTERS": "LETTERS",
}
NOT_OK = {
    "is.null",
    "identical",
    "isTRUE",
    "isFALSE",
    "missing",
    "exists",
    "&&",
    "||",
    "!",
    "all",
    "any",
    "is.na",
    "is.function",
    "is.numeric",
    "is.character",
    "is.list",
}


def _rkeras_names() -> dict[str, tuple[str, bool]]:
    from ...spec import rows_by_name

    return {name: (row.compose, row.invisible) for name, row in rows_by_name().items()}


def _rbase_names() -> dict[str, str]:
    from ... import rbase

    return dict(rbase.R_NAMES)


def pyname(name: str) -> str:
    """An R name as a Python identifier: dots become underscores, keywords get a trailing ``_``."""
    out = re.sub(r"[^0-9A-Za-z_]", "_", name)
    if out[:1].isdigit() or out.startswith("_") and name.startswith("."):
        out = "r" + out
    if keyword.iskeyword(out) or out in ("print", "len", "list", "dict", "type", "id", "input", "sum"):
        out += "_"
    return out


class Translator:
    def __init__(self, text: str) -> None:
        self.src = text.splitlines()
        self.rk = _rkeras_names()
        self.rb = _rbase_names()
        self.defined: set[str] = set()
        self.pending: list[str] = []
        self.indent = "    "
        self.nfun = 0
        self.blocks = 0
        self.reasons: list[str] = []
        self.libraries: list[str] = []

    # ----------------------------------------------------------------------- expressions
    def expr(self, n: Node) -> str:
        return self.ex(n)[0]

    def ex(self, n: Node) -> tuple[str, int]:
        k = n.kind
        if k == "const":
            return self.const(n), ATOM
        if k == "null":
            return "None", ATOM
        if k == "sym":
            return self.symbol(n.name), ATOM
        if k == "missing":
            return "MISSING", ATOM
        if k == "function":
            return self.function_value(n), 1
        if k == "other":
            raise Untranslatable(f"an R value with no Python form: {n.text}")
        return self.call(n)

    def const(self, n: Node) -> str:
        t, v = n.type, n.value
        if v == "NA" and t != "character":
            return "NA"
        if t == "logical":
            return "True" if v == "TRUE" else "False"
        if t == "character":
            return repr(v)
        if t == "integer":
            return v
        if t == "double":
            if v in ("Inf", "-Inf", "NaN"):
                return {"Inf": "Inf", "-Inf": "-Inf", "NaN": "NaN"}[v]
            f = float(v)
            if f.is_integer() and abs(f) < 1e15:
                return str(int(f))
            return repr(f)
        if t == "complex":
            raise Untranslatable("complex numbers")
        raise Untranslatable(f"a constant of type {t}")

    def symbol(self, name: str) -> str:
        if name in SYMBOLS:
            return SYMBOLS[name]
        if name == "...":
            raise Untranslatable("`...` outside a call")
        return pyname(name)

    def fun_name(self, name: str, n: Node) -> str:
        if name in self.defined:
            return pyname(name)
        if name in self.rb:
            return self.rb[name]
        if name in self.rk:
            return name
        raise Untranslatable(f"`{name}()` is neither an rkeras function nor in rkeras.rbase")

    def args(self, args: list[Node], names: list[str]) -> list[str]:
        out = []
        for a, nm in zip(args, names, strict=True):
            if a.kind == "sym" and a.name == "...":
                out += ["*args", "**kwargs"]
                continue
            v = self.expr(a)
            if nm:
                if not re.fullmatch(r"[A-Za-z.][A-Za-z0-9._]*", nm):
                    raise Untranslatable(f"argument name {nm!r}")
                out.append(f"{pyname(nm)}={v}")
            else:
                if any(o for o in out if "=" in o.split("(")[0] and not o.startswith("*")):
                    raise Untranslatable("an unnamed argument after a named one (R matches them by position)")
                out.append(v)
        return out

    def call(self, n: Node) -> tuple[str, int]:
        fn = n.fname
        a, nm = n.args, n.names
        if fn is None:
            f = n.fn
            assert f is not None
            if f.kind == "call" and f.fname == "$" and f.args[1].kind == "sym":  # obj$method(...)
                obj, pr = self.ex(f.args[0])
                obj = obj if pr >= ATOM else f"({obj})"
                return f"{obj}.{pyname(f.args[1].name)}({', '.join(self.args(a, nm))})", ATOM
            if f.kind == "call" and f.fname == "::":
                return self.call_named(self.ns_name(f), n)
            callee, pr = self.ex(f)
            callee = callee if pr >= ATOM else f"({callee})"
            return f"{callee}({', '.join(self.args(a, nm))})", ATOM
        if fn in BINARY and len(a) == 2:
            op, prec = BINARY[fn]
            left, lp = self.ex(a[0])
            right, rp = self.ex(a[1])
            if fn == "^":  # right-associative
                left = left if lp > prec else f"({left})"
                right = right if rp >= prec else f"({right})"
            else:
                left = left if lp >= prec and not (prec == 6 and lp == 6) else f"({left})"
                right = right if rp > prec else f"({right})"
            return f"{left} {op} {right}", prec
        if fn in ("-", "+") and len(a) == 1:
            v, p = self.ex(a[0])
            return f"{fn}{v if p >= 13 else f'({v})'}", 13
        if fn == "!":
            v, p = self.ex(a[0])
            if a[0].fname in NOT_OK:
                return f"not {v if p > 5 else f'({v})'}", 5
            return f"r_not({v})", ATOM
        if fn == "(":
            return f"({self.expr(a[0])})", ATOM
        if fn == ":":
            return f"colon({self.expr(a[0])}, {self.expr(a[1])})", ATOM
        if fn == "%in%":
            return f"r_in({self.expr(a[0])}, {self.expr(a[1])})", ATOM
        if fn == "$" or fn == "@":
            obj, pr = self.ex(a[0])
            field_name = a[1].name if a[1].kind == "sym" else a[1].value
            return f"r_dollar({obj}, {field_name!r})", ATOM
        if fn == "[":
            return f"r_index({', '.join(self.args(a, nm))})", ATOM
        if fn == "[[":
            return f"r_item({', '.join(self.args(a, nm))})", ATOM
        if fn in ("%>%", "|>"):
            return self.pipe(a[0], a[1])
        if fn == "::" or fn == ":::":
            return self.ns_name(n), ATOM
        if fn == "list":
            return self.r_list(a, nm), ATOM
        if fn == "c" and any(nm):
            if not all(nm):
                raise Untranslatable("c() with some elements named")
            return "c(" + ", ".join(self.args(a, nm)) + ")", ATOM
        if fn == "function":
            return self.function_value(n), 1
        if fn in ("if",) and len(a) == 3:
            return (f"{self.expr(a[1])} if {self.expr(a[0])} else {self.expr(a[2])}", 1)
        if fn in ("<-", "=", "<<-", "for", "while", "repeat", "{", "if", "break", "next", "%<-%"):
            raise Untranslatable(f"`{fn}` used as a value inside an expression")
        if fn == "invisible":
            return self.ex(a[0]) if a else ("None", ATOM)
        if fn in (
            "quote",
            "bquote",
            "substitute",
            "eval",
            "parse",
            "deparse",
            "environment",
            "sys.call",
            "match.arg",
            "on.exit",
            "local",
            "assign",
            "get",
            "do.call",
            "Recall",
            "tryCatch",
            "withCallingHandlers",
            "new.env",
            "UseMethod",
            "NextMethod",
            "setattr",
            "attr",
            "structure",
        ):
            raise Untranslatable(f"`{fn}()` works on R's language or environments")
        return self.call_named(fn, n)

    def ns_name(self, n: Node) -> str:
        pkg, name = n.args[0], n.args[1]
        pkg_name = pkg.name if pkg.kind == "sym" else pkg.value
        nm = name.name if name.kind == "sym" else name.value
        if pkg_name not in KNOWN_NAMESPACES:
            raise Untranslatable(
                f"`{pkg_name}::{nm}`: the R package {pkg_name} has no Python counterpart here"
            )
        return nm

    def call_named(self, fn: str, n: Node) -> tuple[str, int]:
        name = self.fun_name(fn, n)
        a, nm = n.args, n.names
        kind = self.rk.get(fn, ("", False))[0] if fn not in self.defined and fn not in self.rb else ""
        if (
            kind in ("layer", "verb")
            and fn not in ("summary", "plot")  # R generics: plain calls read better
            and a
            and not nm[0]
            and not (a[0].kind == "sym" and a[0].name == "...")
        ):
            first, p = self.ex(a[0])
            first = first if p >= PIPE_PREC else f"({first})"
            return f"{first} | {name}({', '.join(self.args(a[1:], nm[1:]))})", PIPE_PREC
        return f"{name}({', '.join(self.args(a, nm))})", ATOM

    def pipe(self, lhs: Node, rhs: Node) -> tuple[str, int]:
        if rhs.kind == "sym":
            call = Node("call", fn=rhs, args=[lhs], names=[""])
        elif rhs.kind == "call":
            if any(x.kind == "sym" and x.name == "." for x in rhs.args):
                raise Untranslatable("a `.` placeholder in a %>% pipe")
            if rhs.fname in ("{", "("):
                raise Untranslatable("a braced expression piped into")
            call = Node("call", fn=rhs.fn, args=[lhs, *rhs.args], names=["", *rhs.names])
        else:
            raise Untranslatable("a pipe into something that is not a call")
        return self.ex(call)

    def r_list(self, a: list[Node], nm: list[str]) -> str:
        if not a:
            return "[]"
        if all(nm):
            return "{" + ", ".join(f"{k!r}: {self.expr(v)}" for k, v in zip(nm, a, strict=True)) + "}"
        if any(nm):
            raise Untranslatable("list() with some elements named")
        return "[" + ", ".join(self.expr(v) for v in a) + "]"

    def formals(self, n: Node) -> str:
        parts = []
        for name, d in zip(n.formals, n.defaults, strict=True):
            if name == "...":
                parts += ["*args", "**kwargs"]
            elif d.kind == "missing":
                parts.append(pyname(name))
            else:
                parts.append(f"{pyname(name)}={self.expr(d)}")
        return ", ".join(parts)

    def function_value(self, n: Node) -> str:
        if n.kind == "call":  # `\(x)` is `function` too
            raise Untranslatable("an unusual function definition")
        body = n.body
        assert body is not None
        saved = set(self.defined)
        self.defined |= set(n.formals)
        try:
            if (
                body.fname != "{"
                and body.kind != "call"
                or body.fname not in ("{", "<-", "=", "if", "for", "while", "repeat", "return")
            ):
                return f"lambda {self.formals(n)}: {self.expr(body)}".replace("lambda :", "lambda:")
            self.nfun += 1
            name = f"_fn{self.nfun}"
            self.pending += self.def_lines(name, n)
            return name
        finally:
            self.defined = saved

    def def_lines(self, name: str, n: Node) -> list[str]:
        saved = set(self.defined)
        self.defined |= set(n.formals) | {name}
        try:
            assert n.body is not None
            lines = [f"def {pyname(name)}({self.formals(n)}):"]
            body = self.block(n.body, returning=True)
            return lines + [self.indent + b for b in body]
        finally:
            self.defined = saved | {name}

    # ----------------------------------------------------------------------- statements
    def block(self, n: Node, returning: bool = False, loop: bool = False) -> list[str]:
        stmts = n.args if n.fname == "{" else [n]
        out: list[str] = []
        for i, s in enumerate(stmts):
            last = returning and i == len(stmts) - 1
            lines = self.stmt(s, top=False, returning=last)
            out += lines
        if not out:
            out = ["return None" if returning else "pass"]
        return out

    def stmt(self, n: Node, top: bool, returning: bool = False) -> list[str]:
        """One statement as Python lines (with any hoisted defs before it)."""
        saved_pending, self.pending = self.pending, []
        try:
            body = self.stmt_lines(n, top, returning)
            return self.pending + body
        finally:
            self.pending = saved_pending

    def stmt_lines(self, n: Node, top: bool, returning: bool) -> list[str]:
        fn = n.fname
        a = n.args
        if fn in ("<-", "=", "<<-"):
            if fn == "<<-":
                raise Untranslatable("`<<-` assigns in an enclosing environment")
            lines = self.assign(a[0], a[1])
            if returning:
                target = a[0]
                while target.kind == "call" and target.args:
                    target = target.args[0]
                lines.append(f"return {self.expr(target)}")
            return lines
        if fn == "%<-%":
            return self.destructure(a[0], a[1]) + (["return None"] if returning else [])
        if fn == "{":
            return self.block(n, returning)
        if fn == "if":
            lines = [f"if {self.cond(a[0])}:"] + self.indented(self.block(a[1], returning))
            rest = a[2] if len(a) > 2 else None
            while rest is not None and rest.fname == "if":
                lines += [f"elif {self.cond(rest.args[0])}:"] + self.indented(
                    self.block(rest.args[1], returning)
                )
                rest = rest.args[2] if len(rest.args) > 2 else None
            if rest is not None:
                lines += ["else:"] + self.indented(self.block(rest, returning))
            elif returning:
                lines += ["return None"]
            return lines
        if fn == "for":
            var = a[0].name
            self.defined.add(var)
            lines = [f"for {pyname(var)} in r_iter({self.expr(a[1])}):"] + self.indented(self.block(a[2]))
            return lines + (["return None"] if returning else [])
        if fn == "while":
            lines = [f"while {self.cond(a[0])}:"] + self.indented(self.block(a[1]))
            return lines + (["return None"] if returning else [])
        if fn == "repeat":
            return ["while True:"] + self.indented(self.block(a[0])) + (["return None"] if returning else [])
        if fn == "break":
            return ["break"]
        if fn == "next":
            return ["continue"]
        if fn == "return":
            return [f"return {self.expr(a[0])}" if a else "return None"]
        if fn in ("library", "require", "requireNamespace", "suppressPackageStartupMessages"):
            pkg_node = a[0]
            if fn == "suppressPackageStartupMessages":
                return self.stmt_lines(pkg_node, top, returning)
            pkg = pkg_node.name if pkg_node.kind == "sym" else pkg_node.value
            if pkg not in KERAS_PACKAGES:
                raise Untranslatable(f"library({pkg}): the R package {pkg} has no Python counterpart here")
            self.libraries.append(pkg)
            return []
        if fn == "invisible" and a:
            return [self.expr(a[0])] if not returning else [f"return {self.expr(a[0])}"]
        if fn == "function" or n.kind == "function":
            value = self.expr(n)
            return [f"return {value}"] if returning else [value]
        value, _ = self.ex(n)
        if returning:
            return [f"return {value}"]
        if top and self.visible(n):
            return [f"r_show({value})"]
        return self.long_pipe(value)

    def long_pipe(self, value: str) -> list[str]:
        """A long `a | f() | g()` chain, one stage a line (the R script's layout)."""
        if len(value) <= 100 or " | " not in value:
            return [value]
        parts = _split_top(value, " | ")
        if len(parts) < 3:
            return [value]
        return ["(", self.indent + parts[0]] + [self.indent + "| " + p for p in parts[1:]] + [")"]

    def visible(self, n: Node) -> bool:
        """Whether R would print this top-level value (Rscript prints visible values)."""
        fn = n.fname
        if fn in ("%>%", "|>"):
            rhs = n.args[1]
            fn = rhs.name if rhs.kind == "sym" else rhs.fname
        if fn is None:
            return not (n.kind == "call" and n.fn is not None and n.fn.fname == "$")  # obj$method()
        if fn in SILENT or fn in self.defined:
            return fn in self.defined
        kind, invisible = self.rk.get(fn, ("", False))
        if invisible:
            return False
        if kind == "layer" and (n.fname in ("%>%", "|>") or (n.args and not n.names[0])):
            return False  # the model comes back (came in): invisible, as the host does
        return True

    def cond(self, n: Node) -> str:
        return self.expr(n)

    def indented(self, lines: list[str]) -> list[str]:
        return [self.indent + line for line in lines]

    def assign(self, target: Node, value: Node) -> list[str]:
        if target.kind == "const" and target.type == "character":
            target = Node("sym", name=target.value)
        if target.kind == "sym":
            name = target.name
            if value.kind == "function":
                return self.def_lines(name, value)
            self.defined.discard(name) if name not in self.defined else None
            v = self.expr(value)
            if name in self.defined or value.kind != "function":
                self.defined.add(name) if value.kind == "function" else None
            lines = self.long_pipe(v)
            if len(lines) > 1:
                return [f"{pyname(name)} = ("] + lines[1:]
            return [f"{pyname(name)} = {v}"]
        if target.kind == "call":
            fn = target.fname
            obj = target.args[0]
            if obj.kind != "sym":
                raise Untranslatable(f"a nested replacement `{fn}(...) <-`")
            o = pyname(obj.name)
            v = self.expr(value)
            if fn == "[":
                rest = self.args(target.args[1:], target.names[1:])
                return [f"{o} = r_index_assign({', '.join([o, *rest])}, value={v})"]
            if fn == "[[":
                return [f"{o} = r_item_assign({o}, {self.expr(target.args[1])}, value={v})"]
            if fn == "$":
                key = target.args[1].name if target.args[1].kind == "sym" else target.args[1].value
                return [f"{o} = r_dollar_assign({o}, {key!r}, value={v})"]
            if fn == "dim":
                return [f"{o} = r_dim_assign({o}, {v})"]
            raise Untranslatable(f"the replacement function `{fn}<-`")
        raise Untranslatable("an assignment to something that is not a name")

    def destructure(self, target: Node, value: Node) -> list[str]:
        if target.fname not in ("c", "list") or not all(t.kind == "sym" for t in target.args):
            raise Untranslatable("%<-% with a pattern other than c(a, b, ...)")
        names = [pyname(t.name) for t in target.args]
        for t in target.args:
            self.defined.discard(t.name)
        return [f"{', '.join(names)}, = r_destructure({self.expr(value)}, {len(names)})"]

    # ----------------------------------------------------------------------- the script
    def comment_block(self, first: int, last: int, why: str) -> list[str]:
        self.blocks += 1
        self.reasons.append(f"line {first}: {why}")
        return [MARK + why] + ["# " + line for line in self.src[first - 1 : last]]

    def run(self, parsed: Parsed) -> str:
        body: list[str] = []
        comments = list(parsed.comments)
        prev_end = 0
        for e, first, last in zip(parsed.exprs, parsed.lines, parsed.ends, strict=True):
            lead = [c for c in comments if prev_end < c[0] < first or (c[0] == first and False)]
            inner = [c for c in comments if first <= c[0] <= last]
            trailing = [c for c in inner if c[0] == last and c[1] > 1]
            within = [c for c in inner if c not in trailing]
            if lead and prev_end and lead[0][0] > prev_end + 1:
                body.append("")
            elif not lead and prev_end and first > prev_end + 1:
                body.append("")
            for c in lead + within:
                body.append(c[2])
            try:
                lines = self.stmt(e, top=True)
            except Untranslatable as why:
                lines = self.comment_block(first, last, str(why))
                trailing = []
            if trailing and lines:
                lines[-1] += "  " + "  ".join(c[2] for c in trailing)
            body += lines
            prev_end = last
        for c in comments:
            if c[0] > prev_end:
                body.append(c[2])
        head = ["# ruff: noqa: F403, F405", "from rkeras import *", "from rkeras.rbase import *", ""]
        while body and body[0] == "":
            body.pop(0)
        return "\n".join(head + body) + "\n"


def _split_top(text: str, sep: str) -> list[str]:
    """text split at sep where sep is outside brackets and strings."""
    parts, depth, start, i, quote = [], 0, 0, 0, ""
    while i < len(text):
        ch = text[i]
        if quote:
            if ch == "\\":
                i += 1
            elif ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif depth == 0 and text.startswith(sep, i):
            parts.append(text[start:i])
            start = i + len(sep)
            i = start
            continue
        i += 1
    parts.append(text[start:])
    return parts


def translate(text: str) -> Result:
    """Translate R Keras code to Python on rkeras's R-style API (see the module docstring)."""
    parsed = parse_r(text)
    t = Translator(text)
    code = t.run(parsed)
    return Result(code=code, untranslated_blocks=t.blocks, reasons=t.reasons)

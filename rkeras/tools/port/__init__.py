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
KERAS_PACKAGES = {"keras", "keras3", "kerasR", "rkeras", "magrittr", "zeallot", "reticulate", "tensorflow",
                  "tfdatasets"}
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
# R base functions whose value always has length one (for the operators' rule below)
SCALAR_FUNCTIONS = {
    "length", "nrow", "ncol", "NROW", "NCOL", "sum", "mean", "max", "min", "prod", "sd", "var",
    "which.max", "which.min", "is.null", "identical", "isTRUE", "isFALSE", "median",
}
# elementwise R functions: a length-one argument gives a length-one value
ELEMENTWISE = {
    "sqrt", "exp", "log", "abs", "floor", "ceiling", "round", "as.integer", "as.numeric", "as.double",
    "trunc", "sign", "nchar",
}
# With a length-one number on one side, numpy's (and Keras's) broadcasting is R's recycling for
# these operators, and a Python list or string on the other side raises rather than differs
# (`[1] * 2` repeats and `[1] == 1` is False: `*`, `==`, `!=`, `&`, `|` are not in here).
LITERAL_SAFE = {"+", "-", "/", "^", "%%", "%/%", "<", ">", "<=", ">="}
ELEMENTWISE_OPS = set(BINARY) - {"&&", "||"}
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
        self.variables: set[str] = set()  # every name the script binds (assigned, a formal, a loop's)
        self.scalars: set[str] = set()  # names every binding of which is a length-one value

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
        if name == "..":  # keras3's all_dims() in a tensor's `[`
            return "Ellipsis"
        return pyname(name)

    def fun_name(self, name: str, n: Node) -> str:
        if name in self.defined:
            return pyname(name)
        if name in self.variables:
            if name in self.rb or name in self.rk:
                raise Untranslatable(
                    f"`{name}()`: {name} is a variable of this script and an R function; R calls "
                    "the variable only when its value is a function"
                )
            return pyname(name)  # a layer, a model or a function held in a variable: called
        if name in self.rb:
            return self.rb[name]
        if name in self.rk:
            if keyword.iskeyword(name):  # reticulate's import(): no Python call can be spelled so
                raise Untranslatable(f"`{name}()` is a Python keyword (Python's own import "
                                     "statement or importlib does this)")
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
            if fn in ELEMENTWISE_OPS and not self.broadcast_is_recycling(fn, a[0], a[1]):
                x, y = (
                    self.expr(v.args[0]) if v.fname == "(" else s
                    for v, s in zip(a, (left, right), strict=True)
                )
                return f"r_op({x}, {fn!r}, {y})", ATOM
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

    def broadcast_is_recycling(self, fn: str, x: Node, y: Node) -> bool:
        """Whether Python's operator computes R's result here: both sides of length one, or a
        length-one number on one side of an operator in LITERAL_SAFE. Otherwise the translation is
        ``r_op()`` (R's column-major recycling; Keras's operator for tensors)."""
        if any(v.kind == "const" and v.type == "character" for v in (x, y)):
            return False  # R's comparisons of strings, R's error for arithmetic on them
        sx, sy = _is_scalar(x, self.scalars), _is_scalar(y, self.scalars)
        if sx and sy:
            return True
        return fn in LITERAL_SAFE and (_is_number_literal(x) or _is_number_literal(y))

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
            and self.stage_keeps_arguments(kind, a[1:], nm[1:])
        ):
            first, p = self.ex(a[0])
            first = first if p >= PIPE_PREC else f"({first})"
            return f"{first} | {name}({', '.join(self.args(a[1:], nm[1:]))})", PIPE_PREC
        return f"{name}({', '.join(self.args(a, nm))})", ATOM

    def stage_keeps_arguments(self, kind: str, rest: list[Node], names: list[str]) -> bool:
        """Whether ``obj | f(rest)`` is R's ``f(obj, rest)``: a layer function takes a tensor, an
        array or None as its first positional argument for the object (``layer_reshape(c(4, 4,
        1))`` alone would call the layer on c(4, 4, 1)), so the stage form is written only when
        that argument is a length-one value (a number, a string) or named."""
        if kind != "layer" or not rest or names[0]:
            return True
        first = rest[0]
        return _is_scalar(first, self.scalars) or first.kind == "function" or (
            first.kind == "const" and first.type == "character"
        )

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
        if fn == "rm" and a and all(x.kind == "sym" and not k for x, k in zip(a, n.names, strict=True)):
            return [f"del {', '.join(pyname(x.name) for x in a)}"] + (["return None"] if returning else [])
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
            if fn == "[" and obj.kind == "sym" and obj.name == ".":
                return self.dot_assign(target, value)
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
        """zeallot's ``%<-%``: the pattern (nested ``c()``, ``.``, ``...rest``) as a Python target and
        the same pattern, as strings, for :func:`rkeras.rbase.r_destructure` (zeallot's rules)."""
        if target.kind == "sym":  # `a %<-% value` is a plain assignment
            return self.assign(target, value)
        py_target, pattern = self.zeallot_pattern(target)
        return [f"{py_target[1:-1]} = r_destructure({self.expr(value)}, {pattern})"]

    def zeallot_pattern(self, n: Node) -> tuple[str, str]:
        if n.kind == "sym":
            name = n.name
            if name in (".", "..."):
                return "_", repr(name)
            if name.startswith("..."):
                self.defined.discard(name[3:])
                return pyname(name[3:]), repr(name)
            self.defined.discard(name)
            return pyname(name), repr(name)
        if n.kind == "call" and n.fname == "c" and n.args:
            if any(n.names):
                raise Untranslatable("%<-% with default values in its pattern (`c(a, b = 1)`)")
            parts = [self.zeallot_pattern(a) for a in n.args]
            comma = "," if len(parts) == 1 else ""
            return (
                "(" + ", ".join(p[0] for p in parts) + comma + ")",
                "(" + ", ".join(p[1] for p in parts) + comma + ")",
            )
        if n.kind == "call" and n.fname in ("[", "[[", "$"):
            raise Untranslatable("%<-% into an element (`x[i]`, `x$name`) in its pattern")
        if n.kind == "call" and n.fname is not None:
            raise Untranslatable(
                f"%<-% with `{n.fname}(...)` in its pattern: zeallot accepts only c() there "
                f"(R stops: invalid `%<-%` left-hand side, unexpected call `{n.fname}`)"
            )
        raise Untranslatable("%<-% with a pattern zeallot does not accept")

    def dot_assign(self, target: Node, value: Node) -> list[str]:
        """dotty's ``.[a, , b] <- value`` (keras3's ``.``): by position, empty slots and ``..`` skip."""
        names, py = [], []
        for a, nm in zip(target.args[1:], target.names[1:], strict=True):
            if nm:
                raise Untranslatable("a named slot in `.[...] <- value`")
            if a.kind == "missing":
                names.append("")
                py.append("_")
            elif a.kind == "sym" and a.name == "..":
                names.append("..")
                py.append("_")
            elif a.kind == "sym":
                names.append(a.name)
                py.append(pyname(a.name))
                self.defined.discard(a.name)
            else:
                raise Untranslatable("`.[...] <- value` with a slot that is not a name")
        comma = "," if len(py) == 1 else ""
        return [f"{', '.join(py)}{comma} = r_dot_assign({self.expr(value)}, {tuple(names)!r})"]

    # ----------------------------------------------------------------------- the script
    def comment_block(self, first: int, last: int, why: str) -> list[str]:
        self.blocks += 1
        self.reasons.append(f"line {first}: {why}")
        return [MARK + why] + ["# " + line for line in self.src[first - 1 : last]]

    def run(self, parsed: Parsed) -> str:
        for e in parsed.exprs:
            _bound_names(e, self.variables)
        self.scalars = _scalar_names(parsed.exprs)
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


def _bound_names(n: Node, out: set[str]) -> None:
    """The names n binds anywhere inside it (a variable called as a function is then that value)."""
    if n.kind == "function":
        out.update(f for f in n.formals if f != "...")
        for d in n.defaults:
            _bound_names(d, out)
        if n.body is not None:
            _bound_names(n.body, out)
        return
    if n.kind != "call":
        return
    fn = n.fname
    if fn in ("<-", "=", "<<-") and n.args:
        t = n.args[0]
        if t.kind == "sym":
            out.add(t.name)
        elif t.kind == "const" and t.type == "character":
            out.add(t.value)
    elif fn == "%<-%" and n.args:
        _pattern_names(n.args[0], out)
    elif fn == "for" and n.args and n.args[0].kind == "sym":
        out.add(n.args[0].name)
    if fn in ("<-", "=") and n.args and n.args[0].kind == "call" and n.args[0].fname == "[":
        t = n.args[0]
        if t.args and t.args[0].kind == "sym" and t.args[0].name == ".":
            out.update(a.name for a in t.args[1:] if a.kind == "sym" and a.name != "..")
    if n.fn is not None:
        _bound_names(n.fn, out)
    for a in n.args:
        _bound_names(a, out)


def _is_number_literal(n: Node) -> bool:
    """A length-one number written as such (``2``, ``-1L``, ``TRUE``, ``(0.5)``)."""
    if n.kind == "const":
        return n.type in ("double", "integer", "logical")
    if n.kind == "sym":
        return n.name in ("TRUE", "FALSE", "T", "F", "Inf", "NaN", "pi")
    if n.kind == "call" and n.fname in ("-", "+", "(") and len(n.args) == 1:
        return _is_number_literal(n.args[0])
    return False


def _is_scalar(n: Node, scalars: set[str]) -> bool:
    """Whether n's value is one number or logical whatever the data (the static part of the
    operators' rule; a string is not one: Python's ``"a" * 2`` repeats where R stops)."""
    if n.kind == "const":
        return n.type != "character"
    if n.kind == "sym":
        return n.name in scalars or n.name in ("TRUE", "FALSE", "T", "F", "Inf", "NaN", "NA", "pi")
    if n.kind != "call":
        return False
    fn, a = n.fname, n.args
    if fn in ("(", "-", "+", "!") and len(a) == 1:
        return _is_scalar(a[0], scalars)
    if fn in BINARY and len(a) == 2:
        return fn in ("&&", "||") or (_is_scalar(a[0], scalars) and _is_scalar(a[1], scalars))
    if fn in SCALAR_FUNCTIONS:
        return True
    if fn in ELEMENTWISE and a:
        return _is_scalar(a[0], scalars)
    if fn == "if" and len(a) == 3:
        return _is_scalar(a[1], scalars) and _is_scalar(a[2], scalars)
    return False


_SEQUENCES = {":", "seq_len", "seq_along", "seq", "rev", "c"}


def _bindings(n: Node, out: dict[str, list[Node | None]]) -> None:
    """Every binding of every name in n: the value assigned (None: not a value one can judge)."""
    if n.kind == "function":
        for f in n.formals:
            out.setdefault(f, []).append(None)
        if n.body is not None:
            _bindings(n.body, out)
        return
    if n.kind != "call":
        return
    fn, a = n.fname, n.args
    if fn in ("<-", "=") and len(a) == 2:
        t = a[0]
        if t.kind == "sym":
            out.setdefault(t.name, []).append(a[1])
        elif t.kind == "const" and t.type == "character":
            out.setdefault(t.value, []).append(a[1])
        else:  # x[i] <- v, dim(x) <- d, .[a, b] <- v: x (a, b) may be anything now
            for nm in _replaced_names(t):
                out.setdefault(nm, []).append(None)
    elif fn in ("<<-", "%<-%") and a:
        names = set()
        _pattern_names(a[0], names)
        for nm in names:
            out.setdefault(nm, []).append(None)
    elif fn == "for" and len(a) == 3 and a[0].kind == "sym":
        seq = a[1]
        elementwise = seq.kind == "call" and seq.fname in _SEQUENCES and (
            seq.fname != "c" or all(x.kind == "const" for x in seq.args)
        )
        # for over a numeric sequence: each value has length one
        out.setdefault(a[0].name, []).append(Node("const", type="double", value="0") if elementwise else None)
    if n.fn is not None:
        _bindings(n.fn, out)
    for x in a:
        _bindings(x, out)


def _replaced_names(t: Node) -> list[str]:
    """The names a replacement assignment `f(x, ...) <- v` rebinds: x (dotty's `.[a, b]`: a, b)."""
    if t.kind == "call" and t.fname == "[" and t.args and t.args[0].kind == "sym" and t.args[0].name == ".":
        return [a.name for a in t.args[1:] if a.kind == "sym"]
    while t.kind == "call" and t.args:
        t = t.args[0]
    return [t.name] if t.kind == "sym" else []


def _scalar_names(exprs: list[Node]) -> set[str]:
    """The names whose every binding in the script is a length-one value (a fixpoint: a name
    assigned from another such name stays one)."""
    binds: dict[str, list[Node | None]] = {}
    for e in exprs:
        _bindings(e, binds)
    scalars = {k for k, vs in binds.items() if all(v is not None for v in vs)}
    changed = True
    while changed:
        changed = False
        for k in sorted(scalars):
            if not all(v is not None and _is_scalar(v, scalars) for v in binds[k]):
                scalars.discard(k)
                changed = True
    return scalars


def _pattern_names(n: Node, out: set[str]) -> None:
    if n.kind == "sym" and n.name not in (".", "..."):
        out.add(n.name[3:] if n.name.startswith("...") else n.name)
    elif n.kind == "call":
        for a in n.args:
            _pattern_names(a, out)


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

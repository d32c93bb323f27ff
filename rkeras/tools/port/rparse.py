"""R's own parser, through the embedded R (rpy2): R text -> a plain Python tree.

``parse(text = ..., keep.source = TRUE)`` reads the script (anything R accepts is read); each
expression is walked as a language object in R and returned as nested R lists, which become
:class:`Node` trees here. Comments come from ``utils::getParseData()`` (the COMMENT tokens with
their lines); statements carry their first and last lines (their srcrefs) so the comments can be
put back next to them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...errors import RKerasError

# The R side: .rk_port_tree(e) walks one expression. Kinds: "call" (fn, args, names), "sym",
# "missing", "null", "const" (type, value as text), "function" (formal names, defaults, body),
# "other" (deparsed text, e.g. a formula constant). `{` blocks carry their statements' lines.
_R_CODE = r"""
local({
  tree <- function(e) {
    if (is.symbol(e)) {
      if (identical(e, quote(expr = ))) return(list(kind = "missing"))
      return(list(kind = "sym", name = as.character(e)))
    }
    if (is.null(e)) return(list(kind = "null"))
    if (is.call(e)) {
      f <- e[[1L]]
      if (identical(f, as.name("function"))) {
        fm <- e[[2L]]
        nms <- if (is.null(fm)) character() else names(fm)
        defs <- lapply(seq_along(nms), function(i) {
          if (identical(fm[[i]], quote(expr = ))) list(kind = "missing") else tree(fm[[i]])
        })
        return(list(kind = "function", formals = nms, defaults = defs, body = tree(e[[3L]])))
      }
      n <- length(e) - 1L
      args <- vector("list", n)
      for (i in seq_len(n)) {
        args[[i]] <- if (identical(e[[i + 1L]], quote(expr = ))) list(kind = "missing") else tree(e[[i + 1L]])
      }
      nms <- names(e)
      nms <- if (is.null(nms)) rep("", n) else nms[-1L]
      out <- list(kind = "call", fn = tree(f), args = args, names = nms)
      sr <- attr(e, "srcref")
      if (identical(f, as.name("{")) && !is.null(sr)) {
        out$lines <- vapply(sr, function(s) as.integer(s)[1L], 1L)[-1L]
        out$ends <- vapply(sr, function(s) as.integer(s)[3L], 1L)[-1L]
      }
      return(out)
    }
    if (is.atomic(e) && length(e) == 1L) {
      v <- if (is.na(e)) "NA" else if (is.double(e)) sprintf("%.17g", e) else as.character(e)
      return(list(kind = "const", type = typeof(e), value = v))
    }
    list(kind = "other", text = paste(deparse(e), collapse = " "))
  }
  function(text) {
    p <- parse(text = text, keep.source = TRUE)
    sr <- attr(p, "srcref")
    pd <- utils::getParseData(p)
    com <- pd[pd$token == "COMMENT", c("line1", "col1", "text")]
    list(exprs = lapply(p, tree),
         lines = vapply(sr, function(s) as.integer(s)[1L], 1L),
         ends = vapply(sr, function(s) as.integer(s)[3L], 1L),
         comment_lines = as.integer(com$line1), comment_cols = as.integer(com$col1),
         comments = as.character(com$text))
  }
})
"""


@dataclass
class Node:
    kind: str
    name: str = ""  # sym
    fn: Node | None = None  # call
    args: list[Node] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    type: str = ""  # const
    value: str = ""  # const (as text)
    formals: list[str] = field(default_factory=list)  # function
    defaults: list[Node] = field(default_factory=list)
    body: Node | None = None
    text: str = ""  # other
    lines: list[int] = field(default_factory=list)  # `{`: each statement's first and last line
    ends: list[int] = field(default_factory=list)

    @property
    def fname(self) -> str | None:
        """For a call whose function is a plain name: that name."""
        if self.kind == "call" and self.fn is not None and self.fn.kind == "sym":
            return self.fn.name
        return None


@dataclass
class Parsed:
    exprs: list[Node]
    lines: list[int]
    ends: list[int]
    comments: list[tuple[int, int, str]]  # (line, column, text)


_parser: Any = None


def _r_parser() -> Any:
    global _parser
    if _parser is None:
        from ...rbase import ensure_r

        ri = ensure_r()
        _parser = ri.baseenv["eval"](ri.parse(_R_CODE), ri.globalenv)
    return _parser


def _py(v: Any) -> Any:
    import rpy2.rinterface as ri

    if isinstance(v, ri.ListSexpVector):
        names = list(v.names) if v.names is not ri.NULL else []
        if names and names[0] == "kind":
            return {n: _py(x) for n, x in zip(names, v, strict=False)}
        return [_py(x) for x in v]
    if v is ri.NULL:
        return []
    if isinstance(v, (ri.StrSexpVector, ri.IntSexpVector)):
        return list(v)
    return v


def _node(d: dict[str, Any]) -> Node:
    kind = d["kind"][0]
    n = Node(kind)
    if kind == "sym":
        n.name = d["name"][0]
    elif kind == "call":
        n.fn = _node(d["fn"])
        n.args = [_node(a) for a in d["args"]]
        n.names = list(d["names"])
        n.lines = list(d.get("lines", []))
        n.ends = list(d.get("ends", []))
    elif kind == "const":
        n.type, n.value = d["type"][0], d["value"][0]
    elif kind == "function":
        n.formals = list(d["formals"])
        n.defaults = [_node(a) for a in d["defaults"]]
        n.body = _node(d["body"])
    elif kind == "other":
        n.text = d["text"][0]
    return n


class RParseError(RKerasError):
    """R's parser rejected the text."""


def parse_r(text: str) -> Parsed:
    """Parse R text with R's parser; raise :class:`RParseError` with R's message when it fails."""
    import rpy2.rinterface as ri
    from rpy2.rinterface_lib.embedded import RRuntimeError

    fn = _r_parser()
    try:
        res = fn(ri.StrSexpVector([text]))
    except RRuntimeError as err:
        raise RParseError(f"rkeras port: R cannot parse the script: {str(err).strip()}") from None
    d = {n: _py(x) for n, x in zip(res.names, res, strict=False)}
    return Parsed(
        exprs=[_node(e) for e in d["exprs"]],
        lines=list(d["lines"]),
        ends=list(d["ends"]),
        comments=list(zip(d["comment_lines"], d["comment_cols"], d["comments"], strict=False)),
    )

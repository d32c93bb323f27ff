"""keras3's re-exports of tfruns and tensorflow: training flags, the run directory, TensorBoard.

* ``flags(...)`` with ``flag_numeric()``, ``flag_integer()``, ``flag_boolean()``,
  ``flag_string()``: the named flag values of a training script, their defaults overridden by a
  ``flags.yml`` file (top-level ``name: value`` lines, or sections chosen by
  ``R_CONFIG_ACTIVE`` over a ``default`` section) and then by the script's command line
  (``--name=value`` or ``--name value``; dashes in names are underscores). Values are converted
  to the flag's type; one that does not convert, a flag nobody declared and a name declared twice
  are errors. ``rkeras run train.R --learning-rate=0.01`` passes the arguments after the script to
  ``commandArgs(trailingOnly = TRUE)``, which is ``flags()``'s default ``arguments``.
* ``run_dir()``: the directory of the current training run; no run is ever active in rkeras
  (tfruns's ``training_run()`` is not provided), so it is the working directory, as tfruns says.
* ``tensorboard()``: rkeras starts no server and opens no browser (there is no network to serve
  to): it prints the command that starts TensorBoard on the logs and returns it.

The values in flags files and on the command line are YAML scalars (``0.01``, ``1e-3``, ``true``,
``no``, ``"text"``); a small reader of the YAML that flags files use lives here, so no YAML
package is needed. Importing this module imports neither TensorFlow nor Keras.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import RKerasError, arg_error, describe
from .args import as_whole

FLAG_TYPES = ("numeric", "integer", "boolean", "string")


@dataclass(frozen=True)
class FlagDefinition:
    """One declared flag: what ``flag_numeric()`` and friends return and ``flags()`` takes."""

    name: str
    type: str
    default: Any
    description: str | None = None

    def __repr__(self) -> str:
        text = f"<flag {self.name} ({self.type}) = {self.default!r}"
        return text + (f": {self.description}>" if self.description else ">")


class Flags(dict):  # type: ignore[type-arg]
    """The flag values by name (an R named list), with each flag's type, default and description."""

    types: dict[str, str]
    defaults: dict[str, Any]
    descriptions: dict[str, str | None]

    def table(self) -> str:
        """The flags as tfruns prints them: name, type, value, description."""
        rows = [(name, self.types[name], _r_text(value), self.descriptions[name] or "")
                for name, value in self.items()]
        head = ("name", "type", "value", "description")
        widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(4)]
        return "\n".join("  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
                         for r in [head, *rows])


def _r_text(value: Any) -> str:
    """A value as R's as.character() writes it (TRUE, 0.01, 5)."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


# --------------------------------------------------------------------------- converting values


def _convert(kind: str, value: Any, *, fn: str, name: str, where: str) -> Any:
    """``value`` as a flag of type ``kind``; an error naming the flag when it does not convert."""
    if isinstance(value, (list, tuple, dict)):
        raise RKerasError(f"flag '{name}' has {len(value)} values{where} (only single values are supported)",
                          fn=fn, arg=name)

    def fail() -> RKerasError:
        return RKerasError(f"cannot convert flag '{name}' with value {describe(value)}{where} to "
                           f"type {kind}", fn=fn, arg=name)

    if value is None:
        raise fail()
    if kind == "numeric":
        if isinstance(value, str):
            try:
                return float(value)
            except ValueError:
                raise fail() from None
        if isinstance(value, (int, float)):
            return float(value)
        raise fail()
    if kind == "integer":
        if isinstance(value, str):
            try:
                value = float(value)
            except ValueError:
                raise fail() from None
        try:
            return as_whole(value, fn=fn, arg=name)
        except RKerasError:
            raise fail() from None
    if kind == "boolean":
        if isinstance(value, bool):
            return value
        if isinstance(value, str):
            words = {"true": True, "t": True, "false": False, "f": False}
            if value.strip().lower() in words:
                return words[value.strip().lower()]
            raise fail()
        if isinstance(value, (int, float)) and value == value:
            return bool(value)
        raise fail()
    if isinstance(value, str):
        return value
    return _r_text(value)


def _definition(fn: str, kind: str, name: Any, default: Any, description: Any) -> FlagDefinition:
    if not isinstance(name, str) or not name:
        raise arg_error(fn, "name", "the flag's name (a character string)", name)
    if description is not None and not isinstance(description, str):
        raise arg_error(fn, "description", "NULL or a character string", description)
    return FlagDefinition(name, kind, _convert(kind, default, fn=fn, name=name, where=" (the default)"),
                          description)


def flag_numeric(name: str, default: Any, description: str | None = None) -> FlagDefinition:
    """Declare a numeric (double) flag for :func:`flags`.

    Args:
        name: The flag's name (``--name`` on the command line; dashes there read as ``_``).
        default: Its value when neither ``flags.yml`` nor the command line gives one.
        description: What it is (shown by ``--help``).
    """
    return _definition("flag_numeric", "numeric", name, default, description)


def flag_integer(name: str, default: Any, description: str | None = None) -> FlagDefinition:
    """Declare an integer flag for :func:`flags` (a value with a fraction is an error).

    Args:
        name: The flag's name (``--name`` on the command line; dashes there read as ``_``).
        default: Its value when neither ``flags.yml`` nor the command line gives one.
        description: What it is (shown by ``--help``).
    """
    return _definition("flag_integer", "integer", name, default, description)


def flag_boolean(name: str, default: Any, description: str | None = None) -> FlagDefinition:
    """Declare a logical flag for :func:`flags` (``true``/``false``, ``yes``/``no``, ``TRUE``/``FALSE``).

    Args:
        name: The flag's name (``--name`` on the command line; dashes there read as ``_``).
        default: Its value when neither ``flags.yml`` nor the command line gives one.
        description: What it is (shown by ``--help``).
    """
    return _definition("flag_boolean", "boolean", name, default, description)


def flag_string(name: str, default: Any, description: str | None = None) -> FlagDefinition:
    """Declare a character-string flag for :func:`flags`.

    Args:
        name: The flag's name (``--name`` on the command line; dashes there read as ``_``).
        default: Its value when neither ``flags.yml`` nor the command line gives one.
        description: What it is (shown by ``--help``).
    """
    return _definition("flag_string", "string", name, default, description)


# --------------------------------------------------------------------------- flags()


def flags(*definitions: Any, config: Any = None, file: Any = "flags.yml", arguments: Any = None) -> Flags:
    """The flags of a training script: a named list of values, defaults overridden by a flags file
    and then by the command line.

    ``flags(flag_numeric("learning_rate", 0.01), flag_integer("epochs", 10))`` gives
    ``list(learning_rate = 0.01, epochs = 10L)``; run as ``rkeras run train.R --epochs=20`` (or
    ``--epochs 20``) it gives ``epochs = 20L``. A ``flags.yml`` in the working directory is read
    first: ``name: value`` lines, or sections (``default:``, and the one named by
    ``R_CONFIG_ACTIVE``, which overrides ``default``). Values are YAML scalars converted to the
    flag's type; a value that does not convert, or a flag that was not declared, is an error.
    ``--help`` on the command line prints the flags and stops.

    Args:
        ...: The flag definitions (``flag_numeric()``, ``flag_integer()``, ``flag_boolean()``,
            ``flag_string()``), or one list of them.
        config: The section of a sectioned flags file to use (default: the environment variable
            ``R_CONFIG_ACTIVE``, else ``"default"``).
        file: The flags file (read when it exists; a file given explicitly that does not exist is
            a warning).
        arguments: The command-line arguments to read ``--name=value`` / ``--name value`` from
            (default in R: ``commandArgs(trailingOnly = TRUE)``; in Python: ``sys.argv[1:]``).
    """
    fn = "flags"
    if len(definitions) == 1 and isinstance(definitions[0], (list, tuple)):
        definitions = tuple(definitions[0])
    out = Flags()
    out.types, out.defaults, out.descriptions = {}, {}, {}
    for i, flag in enumerate(definitions, start=1):
        if not isinstance(flag, FlagDefinition):
            raise arg_error(fn, "...", f"flag definitions (flag_numeric(), ...); argument {i} is not", flag)
        if flag.name in out:
            raise RKerasError(f"a flag named '{flag.name}' is declared twice", fn=fn, arg="...")
        out[flag.name] = flag.default
        out.types[flag.name] = flag.type
        out.defaults[flag.name] = flag.default
        out.descriptions[flag.name] = flag.description
    if config is None:
        config = os.environ.get("R_CONFIG_ACTIVE", "default")
    if not isinstance(config, str):
        raise arg_error(fn, "config", "a character string (a section of the flags file)", config)
    arguments = _arguments(fn, sys.argv[1:] if arguments is None else arguments)
    if "--help" in arguments:
        print("\nOptions:\n" + "\n".join(
            f"  --{name.replace('_', '-')}    "
            + (f"{out.descriptions[name]} " if out.descriptions[name] else "")
            + f"({_r_text(value)})" for name, value in out.items()) + "\n")
        raise RKerasError("--help: the flags are listed above; the script stops here", fn=fn)
    if not out:
        return out
    given: dict[str, tuple[Any, str]] = {}
    path = _flags_file(fn, file)
    if path is not None:
        for name, value in _file_values(fn, path, config).items():
            given[name] = (value, f" (from {path})")
    for name, (value, raw) in _command_line(fn, arguments).items():
        given[name] = (raw if out.types.get(name) == "string" else value, " (from the command line)")
    undeclared = [name for name in given if name not in out]
    if undeclared:
        raise RKerasError(f"flags given but not declared: {', '.join(undeclared)} (declared: "
                          f"{', '.join(out) or 'none'})", fn=fn, arg="...")
    for name, (value, where) in given.items():
        out[name] = _convert(out.types[name], value, fn=fn, name=name, where=where)
    return out


def _arguments(fn: str, arguments: Any) -> list[str]:
    if isinstance(arguments, str):
        arguments = [arguments]
    if not isinstance(arguments, (list, tuple)) or not all(isinstance(a, str) for a in arguments):
        raise arg_error(fn, "arguments", "a character vector of command-line arguments", arguments)
    return list(arguments)


def _command_line(fn: str, arguments: list[str]) -> dict[str, tuple[Any, str]]:
    """``--key=value`` and ``--key value`` pairs (other arguments are skipped), as tfruns reads them:
    dashes in keys become underscores, values are YAML scalars (also kept as written)."""
    out: dict[str, tuple[Any, str]] = {}
    i = 0
    while i < len(arguments):
        argument = arguments[i]
        i += 1
        if not argument.startswith("--"):
            continue
        key, eq, raw = argument[2:].partition("=")
        if not eq:
            if i >= len(arguments):
                raise RKerasError(f"command-line flag {argument} has no value (use {argument}=VALUE)",
                                  fn=fn, arg="arguments")
            raw = arguments[i]
            i += 1
        out[key.replace("-", "_")] = (yaml_scalar(raw), raw)
    return out


def _flags_file(fn: str, file: Any) -> Path | None:
    if file is None:
        return None
    if not isinstance(file, (str, os.PathLike)):
        raise arg_error(fn, "file", "NULL or the path of a flags file", file)
    path = Path(file).expanduser()
    if path.is_file():
        return path
    if os.fspath(file) != "flags.yml":
        warnings.warn(f"flags(): the flags file '{os.fspath(file)}' does not exist", UserWarning,
                      stacklevel=3)
    return None


def _file_values(fn: str, path: Path, config: str) -> dict[str, Any]:
    try:
        data = read_yaml(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RKerasError(f"cannot read the flags file {str(path)!r}: {exc}", fn=fn, arg="file") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise RKerasError(f"the flags file {str(path)!r} must hold `name: value` lines", fn=fn, arg="file")
    if data and all(isinstance(v, dict) for v in data.values()):  # sections, as the config package reads
        values = dict(data.get("default") or {})
        if config != "default":
            values.update(data.get(config) or {})
        return values
    return data


# --------------------------------------------------------------------------- YAML, the part flags use

_INT = re.compile(r"[-+]?(0|[1-9][0-9_]*)$")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_BOOL = {"true": True, "yes": True, "on": True, "y": True,
         "false": False, "no": False, "off": False, "n": False}


def yaml_scalar(text: str) -> Any:
    """A YAML 1.1 plain or quoted scalar, as R's yaml package reads it: ``null``/``~`` -> None,
    ``true``/``yes``/``on`` (any case) -> True, numbers -> int/float (``1e-3`` too), ``.inf``,
    ``.nan``; a flow sequence ``[a, b]`` -> a list; anything else the string itself."""
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        body = text[1:-1]
        return body.replace("''", "'") if text[0] == "'" else bytes(body, "utf-8").decode("unicode_escape")
    low = text.lower()
    if low in ("", "~", "null"):
        return None
    if low in _BOOL:
        return _BOOL[low]
    if _INT.match(text):
        return int(text.replace("_", ""))
    if _FLOAT.match(text) and any(c.isdigit() for c in text):
        return float(text.replace("_", ""))
    if low in (".inf", "+.inf", "-.inf"):
        return float("-inf") if low.startswith("-") else float("inf")
    if low == ".nan":
        return float("nan")
    if text.startswith("[") and text.endswith("]"):
        inner = text[1:-1].strip()
        return [yaml_scalar(part) for part in inner.split(",")] if inner else []
    return text


def _strip_comment(line: str) -> str:
    quote = None
    for i, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
        elif ch == "#" and (i == 0 or line[i - 1].isspace()):
            return line[:i]
    return line


def read_yaml(text: str) -> Any:
    """The YAML of flags files: nested ``key: value`` mappings (by indentation), ``- item``
    sequences, scalars (:func:`yaml_scalar`) and comments. Anything else is a ValueError."""
    lines = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = _strip_comment(raw).rstrip()
        if line.strip() in ("", "---", "..."):
            continue
        if "\t" in line[: len(line) - len(line.lstrip())]:
            raise ValueError(f"line {number}: tabs cannot indent YAML")
        lines.append((len(line) - len(line.lstrip()), line.strip(), number))
    if not lines:
        return None
    value, end = _block(lines, 0, lines[0][0])
    if end != len(lines):
        raise ValueError(f"line {lines[end][2]}: unexpected indentation")
    return value


def _block(lines: list[tuple[int, str, int]], start: int, indent: int) -> tuple[Any, int]:
    if lines[start][1].split(" ", 1)[0] == "-":
        items: list[Any] = []
        i = start
        while i < len(lines) and lines[i][0] == indent and lines[i][1].split(" ", 1)[0] == "-":
            rest = lines[i][1][1:].strip()
            i += 1
            if rest:
                items.append(yaml_scalar(rest))
            elif i < len(lines) and lines[i][0] > indent:
                value, i = _block(lines, i, lines[i][0])
                items.append(value)
            else:
                items.append(None)
        return items, i
    mapping: dict[str, Any] = {}
    i = start
    while i < len(lines) and lines[i][0] == indent:
        _, content, number = lines[i]
        match = re.match(r"""^("[^"]*"|'[^']*'|[^:]+?)\s*:(?:\s+(.*))?$""", content)
        if not match:
            raise ValueError(f"line {number}: expected `name: value`, got {content!r}")
        key = str(yaml_scalar(match.group(1)))
        rest = match.group(2)
        i += 1
        if rest is not None and rest.strip():
            mapping[key] = yaml_scalar(rest)
        elif i < len(lines) and lines[i][0] > indent:
            mapping[key], i = _block(lines, i, lines[i][0])
        else:
            mapping[key] = None
    return mapping, i


# --------------------------------------------------------------------------- run_dir(), tensorboard()


def run_dir() -> str:
    """The directory of the current training run, else the working directory.

    tfruns's ``training_run()`` makes a run directory active while a script runs; rkeras has no
    ``training_run()``, so no run is ever active and this is the working directory, as tfruns
    falls back to.
    """
    return os.getcwd()


def tensorboard(
    log_dir: Any,
    action: Any = "start",
    host: str = "127.0.0.1",
    port: Any = "auto",
    launch_browser: bool = False,
    reload_interval: Any = 5,
    purge_orphaned_data: bool = True,
) -> str:
    """The command that starts TensorBoard on training logs (printed and returned, invisibly in R).

    rkeras neither starts a TensorBoard server nor opens a browser: run the printed command in a
    shell, then open ``http://<host>:<port>``. Logs come from ``callback_tensorboard()``.

    Args:
        log_dir: The log directory, or several (a character vector; named to label the runs).
        action: ``"start"`` (print the command) or ``"stop"`` (say that there is nothing to stop).
        host: The address TensorBoard listens on.
        port: Its port (``"auto"``: 6006).
        launch_browser: Ignored (no browser is opened); when TRUE the message says where to point one.
        reload_interval: Seconds between TensorBoard's reloads of the logs.
        purge_orphaned_data: Whether TensorBoard discards data of restarted runs.
    """
    fn = "tensorboard"
    if isinstance(action, (list, tuple)):
        action = action[0] if list(action) == ["start", "stop"] else action
    if action not in ("start", "stop"):
        raise arg_error(fn, "action", '"start" or "stop"', action)
    if action == "stop":
        print("rkeras starts no TensorBoard server, so there is none to stop: stop the one you started "
              "yourself (Ctrl-C in its shell).")
        return ""
    dirs = log_dir if isinstance(log_dir, (list, tuple, dict)) else [log_dir]
    names = list(dirs.keys()) if isinstance(dirs, dict) else None
    dirs = list(dirs.values()) if isinstance(dirs, dict) else list(dirs)
    if not dirs or not all(isinstance(d, (str, os.PathLike)) for d in dirs):
        raise arg_error(fn, "log_dir", "a log directory (or a character vector of them)", log_dir)
    paths = [Path(d).expanduser().resolve() for d in dirs]
    for given, path in zip(dirs, paths, strict=True):
        if not path.is_dir():
            raise RKerasError(f"the log directory {os.fspath(given)!r} does not exist ({path})", fn=fn,
                              arg="log_dir")
    if port == "auto":
        port = 6006
    port = as_whole(port, fn=fn, arg="port")
    if isinstance(host, str) and not host:
        raise arg_error(fn, "host", "an address such as \"127.0.0.1\"", host)
    exe = shutil.which("tensorboard") or shutil.which("tensorboard", path=str(Path(sys.executable).parent))
    if len(paths) == 1 and not names:
        logdir = ["--logdir", _quote(str(paths[0]))]
    else:
        labels = names or [p.name for p in paths]
        logdir = ["--logdir_spec", _quote(",".join(f"{n}:{p}" for n, p in zip(labels, paths, strict=True)))]
    command = " ".join([exe or "tensorboard", *logdir, "--host", str(host), "--port", str(port),
                        "--reload_interval", _r_text(reload_interval), "--purge_orphaned_data",
                        "true" if purge_orphaned_data else "false"])
    lines = ["rkeras does not start TensorBoard itself; to see the logs, run:", f"  {command}",
             f"then open http://{host}:{port}"
             + (" in a browser (rkeras opens none)" if launch_browser else "")]
    if exe is None:
        lines.insert(0, "TensorBoard is not installed in rkeras's Python environment "
                        "(pip install tensorboard).")
    print("\n".join(lines))
    return command


def _quote(text: str) -> str:
    import shlex

    return shlex.quote(text)

"""reticulate's names (dict, py_run_string, py_eval, py_func, py_capture_output, py_available,
py_module_available) and the tensorflow R package's basics (tf_version, tf_function) from Python,
and the bridge rules behind them (0-d tensors while a GradientTape records, handle classes).
The R side is tests/testthat/test-reticulate.R."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import rkeras
from rkeras.api import reticulate
from rkeras.errors import RKerasError
from rkeras.spec import rows_by_name


def test_dict_takes_named_arguments_or_one_mapping() -> None:
    assert rkeras.dict(a=1, b="x") == {"a": 1, "b": "x"}
    assert rkeras.dict({"k": True, "1": "one", "12a": 2}) == {"k": True, 1: "one", "12a": 2}
    assert rkeras.dict([("a", 1), (2, "b")]) == {"a": 1, 2: "b"}
    assert rkeras.dict() == {}
    with pytest.raises(RKerasError, match=r"^dict\(\): `...` must be named arguments or a single named list"):
        rkeras.dict([1, 2])
    with pytest.raises(RKerasError, match=r"^dict\(\): `...`"):
        rkeras.dict({"a": 1}, {"b": 2})


def test_dict_does_not_shadow_the_builtin_under_star_import() -> None:
    ns: dict[str, Any] = {}
    exec("from rkeras import *", ns)  # noqa: S102
    assert "dict" not in ns and "py_eval" in ns and "tf_version" in ns
    assert rows_by_name()["dict"].unstarred
    stub = (Path(rkeras.__file__).parent / "__init__.pyi").read_text(encoding="utf-8")
    assert "    'dict',\n" not in stub and "def dict(" in stub


def test_py_run_string_and_py_eval_use_main() -> None:
    main = sys.modules["__main__"].__dict__
    try:
        out = rkeras.py_run_string("rk_py_a = 20\nrk_py_b = rk_py_a + 2")
        assert out is main and main["rk_py_b"] == 22
        assert rkeras.py_eval("rk_py_a * rk_py_b") == 440
        local = rkeras.py_run_string("rk_py_a = 1\nrk_py_c = rk_py_a + rk_py_b", local=True)
        assert local == {"rk_py_a": 1, "rk_py_c": 23} and main["rk_py_a"] == 20
        assert rkeras.py_run_string(["rk_py_d = 1", "rk_py_d += 1"])["rk_py_d"] == 2  # one line each
    finally:
        for name in ("rk_py_a", "rk_py_b", "rk_py_d"):
            main.pop(name, None)
    with pytest.raises(SyntaxError):
        rkeras.py_eval("1 +")
    with pytest.raises(RKerasError, match=r"^py_eval\(\): `code` must be Python code as a character string"):
        rkeras.py_eval(3)
    assert rows_by_name()["py_eval"].handle == "convert"
    assert rows_by_name()["py_run_string"].handle is True and rows_by_name()["py_run_string"].invisible


def test_py_capture_output_captures_and_restores() -> None:
    before = sys.stdout, sys.stderr

    def noisy() -> None:
        print("out")
        print("err", file=sys.stderr)

    assert rkeras.py_capture_output(noisy) == "out\nerr\n"
    assert rkeras.py_capture_output(noisy, type="stdout") == "out\n"  # stderr goes on to pytest's capture
    token = reticulate.capture_begin(["stdout"])
    inner = reticulate.capture_begin("stdout")
    print("a")
    assert reticulate.console_stream(sys.stdout) is before[0]
    assert reticulate.capture_end(inner) == "a\n"
    print("b")
    assert reticulate.capture_end(token) == "b\n"
    with pytest.raises(ZeroDivisionError):
        rkeras.py_capture_output(lambda: 1 / 0)
    assert (sys.stdout, sys.stderr) == before
    # an outer capture ended first closes the inner one too
    outer = reticulate.capture_begin("stdout")
    reticulate.capture_begin("stderr")
    assert reticulate.capture_end(outer) == ""
    assert (sys.stdout, sys.stderr) == before
    with pytest.raises(RKerasError, match=r"py_capture_output\(\): `type` must be"):
        reticulate.capture_begin("both")
    with pytest.raises(RKerasError, match="no capture 7 is open"):
        reticulate.capture_end(7)


def test_py_func_available_and_module_available() -> None:
    def f(x: int) -> int:
        return x + 1

    assert rkeras.py_func(f) is f
    with pytest.raises(RKerasError, match=r"^py_func\(\): `f` must be an R function"):
        rkeras.py_func(3)
    assert rkeras.py_available() is True
    assert rkeras.py_module_available("json") is True
    assert rkeras.py_module_available("rkeras_no_such_module_xyz") is False
    assert rkeras.py_module_available("rkeras_no_such_package.sub") is False
    with pytest.raises(RKerasError, match="py_module_available"):
        rkeras.py_module_available("")


def test_package_version_compares_as_a_version() -> None:
    from rkeras.api.tensorflow import PackageVersion

    v = PackageVersion("2.10")
    assert v > "2.9" and v >= "2.10" and v < "2.100" and v == "2.10" and v != "2.1"
    assert v < "2.10.0"  # as R: numeric_version("2.10") < "2.10.0"
    assert sorted([PackageVersion("2.10"), PackageVersion("2.9")]) == ["2.9", "2.10"]
    with pytest.raises(RKerasError, match="tf_version"):
        _ = v < "two"


tf = pytest.importorskip("tensorflow")


def test_tf_version_is_major_minor_of_tensorflow() -> None:
    major, minor = tf.__version__.split(".")[:2]
    v = rkeras.tf_version()
    assert v == f"{major}.{minor}" and v.parts() == (int(major), int(minor))
    assert v >= "2.10"


def test_tf_function_traces_once() -> None:
    calls = []

    def f(x: Any) -> Any:
        calls.append(1)
        return tf.reduce_sum(x) * 2

    g = rkeras.tf_function(f)
    assert float(g(tf.constant([1.0, 2.0]))) == 6.0
    assert float(g(tf.constant([3.0, 4.0]))) == 14.0
    assert len(calls) == 1
    spec = tf.TensorSpec(shape=[None], dtype=tf.float32)
    h = rkeras.tf_function(lambda x: x + 1, input_signature=spec)  # one spec: a list of one
    assert np.allclose(h(tf.constant([1.0, 2.0, 3.0])).numpy(), [2.0, 3.0, 4.0])

    class Callable:  # not a Python function: AutoGraph (which reads source) is not applied
        def __call__(self, x: Any) -> Any:
            return x * 3

    assert float(rkeras.tf_function(Callable(), autograph=True)(tf.constant(2.0))) == 6.0
    with pytest.raises(RKerasError, match=r"^tf_function\(\): `f` must be a function"):
        rkeras.tf_function(1)
    with pytest.raises(RKerasError, match=r"^tf_function\(\): `autograph` must be TRUE or FALSE"):
        rkeras.tf_function(f, autograph="yes")


def test_missing_tensorflow_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from rkeras.api import tensorflow as tfmod

    monkeypatch.setattr(tfmod.importlib.util, "find_spec", lambda name: None)
    monkeypatch.delitem(sys.modules, "tensorflow")
    try:
        assert tfmod.tf_version() is None
        with pytest.raises(RKerasError, match=r"^tf_function\(\): TensorFlow is not installed in rkeras's"):
            tfmod.tf_function(lambda x: x)
        with pytest.raises(RKerasError, match=r"^tf\$constant: TensorFlow is not installed"):
            tfmod.tensorflow("tf$constant")
        from rkeras.host import dispatch

        with pytest.raises(RKerasError, match=r"^tf\$GradientTape: TensorFlow is not installed"):
            dispatch.INTERNAL[".module_attr"]("tensorflow", "GradientTape")
    finally:
        monkeypatch.undo()
    assert "tensorflow" in sys.modules


def test_zero_d_tensors_stay_tensors_while_a_tape_records() -> None:
    """The bridge's rule (rkeras.host.convert): an eager 0-d tensor reaches R as a number, except
    while a GradientTape records, so that `tape$gradient(loss, w)` gets the tensor."""
    convert = pytest.importorskip("rkeras.host.convert")
    x = tf.constant(2.0)
    assert convert._is_scalar_tensor(x)
    with tf.GradientTape():
        assert not convert._is_scalar_tensor(x)
        with tf.GradientTape():
            assert not convert._is_scalar_tensor(x)
    assert convert._is_scalar_tensor(x)
    tape = tf.GradientTape()
    tape.__enter__()
    assert not convert._is_scalar_tensor(x)
    tape.__exit__(None, None, None)
    assert convert._is_scalar_tensor(x)
    assert not convert._is_scalar_tensor(tf.constant([1.0]))  # not 0-d: a handle always


def test_handle_classes_of_dicts_and_graph_functions() -> None:
    convert = pytest.importorskip("rkeras.host.convert")
    assert convert.handle_classes({"a": 1}) == ["rkeras_dict", "rkeras_object"]
    g = tf.function(lambda x: x)
    assert convert.handle_classes(g) == ["rkeras_python_function", "rkeras_object"]
    assert "rkeras_python_function" in convert.CALLABLE_CLASSES


def test_tensorflow_alias_defines_tf_and_the_others_do_not() -> None:
    from rkeras.host import rpackage

    assert "tensorflow" in rpackage.ALIAS_PACKAGES
    exports = rpackage.namespace_exports((rpackage.repo_root() / "NAMESPACE").read_text(encoding="utf-8"))
    assert "tf" not in exports
    assert {"tf_version", "tf_function", "py_run_string", "dict", "py"} <= set(exports)
    files = rpackage.alias_package("tensorflow", "0.1.0", exports)
    assert rpackage.namespace_exports(files["NAMESPACE"]) == [*exports, "tf"]
    assert 'tf <- structure(list(module = "tensorflow"), class = "rkeras_module")' in files["R/objects.R"]
    keras3 = rpackage.alias_package("keras3", "0.1.0", exports)
    assert "R/objects.R" not in keras3 and "tf" not in rpackage.namespace_exports(keras3["NAMESPACE"])


def test_installing_the_tensorflow_alias_starts_no_python(tmp_path: Path) -> None:
    """The alias has R code (`tf`), so R CMD INSTALL loads rkeras's namespace to prepare lazy
    loading; rkeras's .onLoad must not start Python then (it took ~10 s, and fails without one):
    with a Python that does not exist the install still succeeds."""
    import os
    import subprocess

    from rkeras.host import rpackage

    r_version = subprocess.run(["Rscript", "-e", "cat(R.version.string)"], capture_output=True, text=True,
                               check=True).stdout
    lib = rpackage.ensure_library(r_version)
    exports = rpackage.namespace_exports((rpackage.repo_root() / "NAMESPACE").read_text(encoding="utf-8"))
    for rel, text in rpackage.alias_package("tensorflow", "0.1.0", exports).items():
        path = tmp_path / "src" / "tensorflow" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (tmp_path / "lib").mkdir()
    env = dict(os.environ, R_LIBS=f"{tmp_path / 'lib'}:{lib}", RKERAS_PYTHON=str(tmp_path / "no-python"))
    cmd = ["R", "CMD", "INSTALL", "--no-test-load", "--no-html", f"--library={tmp_path / 'lib'}",
           str(tmp_path / "src" / "tensorflow")]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (tmp_path / "lib" / "tensorflow" / "R").is_dir()

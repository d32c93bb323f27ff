"""GPU benchmark: the seed MLP and the kerasR CNN through rkeras's Python API and through pure
Keras, in the same run, on JAX.

``python bench/gpu.py`` runs, when ``jax.devices("gpu")`` finds a GPU (``KERAS_BACKEND=jax``):

* the seed MLP (seed 000, keras3's MNIST example: 784-256-128-10 with dropout, RMSprop),
  30 epochs, batch 128, validation_split 0.2;
* the kerasR CNN (seed 002 part 3: two 3x3 convolutions, max pooling, dense 128), 5 epochs,
  batch 32, validation_split 0.1;

each once through rkeras (``keras_model_sequential() | layer_dense(...)``, ``Sequential()`` /
``keras_fit()``) and once through ``keras`` directly, and writes the epoch times (the first epoch,
which compiles, apart), throughputs, their ratio and the test accuracies into the ``gpu``
section of bench/RESULTS.md (``--results``) and as JSON (``--json``).

Without a GPU it writes one line saying so and exits 0. ``--cpu`` runs on the CPU anyway and
``--quick`` shrinks the data and epochs (a smoke test of the code path: tests/python/test_bench_gpu.py).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
BEGIN, END = "<!-- gpu:begin -->", "<!-- gpu:end -->"


def _data_path(arg: str | None) -> Path:
    candidates = (
        [arg]
        if arg
        else [
            os.environ.get("RKERAS_MNIST_NPZ", ""),
            str(BENCH.parent / "shared" / "data" / "mnist.npz"),
            "/work/shared/data/mnist.npz",
        ]
    )
    for c in candidates:
        if c and Path(c).is_file():
            return Path(c)
    raise SystemExit(
        f"bench/gpu.py: no mnist.npz (tried {', '.join(c for c in candidates if c)}); give --data"
    )


def write_section(results: Path, text: str) -> None:
    """Replace (or append) the gpu section of RESULTS.md."""
    block = f"{BEGIN}\n{text.rstrip()}\n{END}\n"
    old = results.read_text() if results.exists() else "# rkeras benchmarks\n"
    if BEGIN in old and END in old:
        new = re.sub(re.escape(BEGIN) + ".*?" + re.escape(END) + "\n?", lambda _m: block, old, flags=re.S)
    else:
        new = old.rstrip("\n") + "\n\n" + block
    results.write_text(new)


class _EpochTimer:
    """A Keras callback recording each epoch's wall time."""

    def __init__(self, keras: Any) -> None:
        outer = self

        class Timer(keras.callbacks.Callback):
            def on_epoch_begin(self, epoch: int, logs: Any = None) -> None:
                outer._t0 = time.perf_counter()

            def on_epoch_end(self, epoch: int, logs: Any = None) -> None:
                outer.times.append(time.perf_counter() - outer._t0)

        self.times: list[float] = []
        self._t0 = 0.0
        self.callback = Timer()


def _mlp_rkeras(rk: Any, x: Any, y: Any, epochs: int, cb: Any) -> Any:
    model = rk.keras_model_sequential(input_shape=784)
    (
        model
        | rk.layer_dense(units=256, activation="relu")
        | rk.layer_dropout(rate=0.4)
        | rk.layer_dense(units=128, activation="relu")
        | rk.layer_dropout(rate=0.3)
        | rk.layer_dense(units=10, activation="softmax")
    )
    model | rk.compile(
        loss="categorical_crossentropy", optimizer=rk.optimizer_rmsprop(), metrics=["accuracy"]
    )
    model | rk.fit(x, y, epochs=epochs, batch_size=128, validation_split=0.2, verbose=0, callbacks=[cb])
    return model


def _mlp_keras(keras: Any, x: Any, y: Any, epochs: int, cb: Any) -> Any:
    L = keras.layers
    model = keras.Sequential(
        [
            keras.Input((784,)),
            L.Dense(256, activation="relu"),
            L.Dropout(0.4),
            L.Dense(128, activation="relu"),
            L.Dropout(0.3),
            L.Dense(10, activation="softmax"),
        ]
    )
    model.compile(loss="categorical_crossentropy", optimizer=keras.optimizers.RMSprop(), metrics=["accuracy"])
    model.fit(x, y, epochs=epochs, batch_size=128, validation_split=0.2, verbose=0, callbacks=[cb])
    return model


def _cnn_rkeras(rk: Any, x: Any, y: Any, epochs: int, cb: Any) -> Any:
    mod = rk.Sequential()
    mod.add(rk.Conv2D(filters=32, kernel_size=(3, 3), input_shape=(28, 28, 1)))
    mod.add(rk.Activation("relu"))
    mod.add(rk.Conv2D(filters=32, kernel_size=(3, 3), input_shape=(28, 28, 1)))
    mod.add(rk.Activation("relu"))
    mod.add(rk.MaxPooling2D(pool_size=(2, 2)))
    mod.add(rk.Dropout(0.25))
    mod.add(rk.Flatten())
    mod.add(rk.Dense(128))
    mod.add(rk.Activation("relu"))
    mod.add(rk.Dropout(0.25))
    mod.add(rk.Dense(10))
    mod.add(rk.Activation("softmax"))
    rk.keras_compile(mod, loss="categorical_crossentropy", optimizer=rk.RMSprop(), metrics=["accuracy"])
    rk.keras_fit(mod, x, y, batch_size=32, epochs=epochs, verbose=0, validation_split=0.1, callbacks=[cb])
    return mod


def _cnn_keras(keras: Any, x: Any, y: Any, epochs: int, cb: Any) -> Any:
    L = keras.layers
    model = keras.Sequential(
        [
            keras.Input((28, 28, 1)),
            L.Conv2D(32, (3, 3)),
            L.Activation("relu"),
            L.Conv2D(32, (3, 3)),
            L.Activation("relu"),
            L.MaxPooling2D((2, 2)),
            L.Dropout(0.25),
            L.Flatten(),
            L.Dense(128),
            L.Activation("relu"),
            L.Dropout(0.25),
            L.Dense(10),
            L.Activation("softmax"),
        ]
    )
    model.compile(loss="categorical_crossentropy", optimizer=keras.optimizers.RMSprop(), metrics=["accuracy"])
    model.fit(x, y, batch_size=32, epochs=epochs, verbose=0, validation_split=0.1, callbacks=[cb])
    return model


def _accuracy(model: Any, x: Any, labels: Any) -> float:
    import numpy as np

    probs = np.asarray(model.predict(x, verbose=0, batch_size=1024))
    return float(np.mean(probs.argmax(axis=1) == labels))


def run(args: argparse.Namespace) -> dict[str, Any]:
    import keras
    import numpy as np

    import rkeras as rk

    data = np.load(_data_path(args.data))
    x_train, y_train, x_test, y_test = (data[k] for k in ("x_train", "y_train", "x_test", "y_test"))
    if args.samples:
        n = args.samples
        x_train, y_train, x_test, y_test = (
            x_train[:n],
            y_train[:n],
            x_test[: n // 4 or 1],
            y_test[: n // 4 or 1],
        )
    y_cat = keras.utils.to_categorical(y_train, 10).astype("float32")
    flat = (x_train.reshape(len(x_train), 784) / 255).astype("float32")
    flat_test = (x_test.reshape(len(x_test), 784) / 255).astype("float32")
    img = (x_train[..., None] / 255).astype("float32")
    img_test = (x_test[..., None] / 255).astype("float32")
    plans = {
        "mlp": (args.mlp_epochs, 128, 0.2, flat, flat_test, _mlp_rkeras, _mlp_keras),
        "cnn": (args.cnn_epochs, 32, 0.1, img, img_test, _cnn_rkeras, _cnn_keras),
    }
    out: dict[str, Any] = {}
    for name, (epochs, batch, split, x, xt, via_rk, via_keras) in plans.items():
        out[name] = {"epochs": epochs, "batch_size": batch, "train_samples": int(len(x) * (1 - split))}
        # interleave: rkeras, Keras, rkeras, Keras ... (args.repeat times) so drift hits both
        for _ in range(args.repeat):
            for side, build in (
                ("rkeras", lambda cb, b=via_rk, x=x, e=epochs: b(rk, x, y_cat, e, cb)),
                ("keras", lambda cb, b=via_keras, x=x, e=epochs: b(keras, x, y_cat, e, cb)),
            ):
                keras.utils.clear_session()
                keras.utils.set_random_seed(1)
                timer = _EpochTimer(keras)
                model = build(timer.callback)
                steady = timer.times[1:] or timer.times
                entry = out[name].setdefault(side, {"epoch_seconds": [], "accuracy": []})
                entry["epoch_seconds"].append(timer.times)
                entry["accuracy"].append(_accuracy(model, xt, y_test))
                entry["samples_per_second"] = max(
                    entry.get("samples_per_second", 0.0),
                    out[name]["train_samples"] / (sum(steady) / len(steady)),
                )
        out[name]["throughput_ratio"] = (
            out[name]["rkeras"]["samples_per_second"] / out[name]["keras"]["samples_per_second"]
        )
    return out


def report(out: dict[str, Any], device: str, quick: bool) -> str:
    import keras

    versions = f"keras {keras.__version__}, backend {keras.backend.backend()}"
    try:
        import jax

        versions += f", jax {jax.__version__}"
    except ImportError:
        pass
    lines = [
        "## GPU (bench/gpu.py)" + (" — `--quick` smoke run, not a benchmark" if quick else ""),
        "",
        f"Written by bench/gpu.py on {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC on {device} "
        f"({platform.node() or 'host'}; {versions}). float32 input on both sides; epoch 1 (compilation) "
        "left out of the steady epoch time; the better of the repeats.",
        "",
        "| model | rkeras epoch (s) | Keras epoch (s) | rkeras / Keras throughput | target | "
        "rkeras test acc. | Keras test acc. |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, label in (
        ("mlp", "seed MLP, {e} epochs, batch 128"),
        ("cnn", "kerasR CNN, {e} epochs, batch 32"),
    ):
        r = out[name]
        n = r["train_samples"]
        rk_s, k_s = n / r["rkeras"]["samples_per_second"], n / r["keras"]["samples_per_second"]
        ratio = r["throughput_ratio"]
        lines.append(
            f"| {label.format(e=r['epochs'])} | {rk_s:.3f} | {k_s:.3f} | {ratio:.3f}× | ≥ 0.98× "
            f"{'met' if ratio >= 0.98 else 'MISSED'} | {max(r['rkeras']['accuracy']):.4f} | "
            f"{max(r['keras']['accuracy']):.4f} |"
        )
    lines += ["", "```json", json.dumps(out, indent=1), "```"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="tiny data and 1-2 epochs (a smoke test)")
    parser.add_argument("--cpu", action="store_true", help="run on the CPU when there is no GPU")
    parser.add_argument("--data", help="mnist.npz (default: shared/data/mnist.npz)")
    parser.add_argument("--results", default=str(BENCH / "RESULTS.md"))
    parser.add_argument("--json", help="also write the figures here")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--samples", type=int, help="use the first N training images (--quick: 256)")
    parser.add_argument("--mlp-epochs", type=int)
    parser.add_argument("--cnn-epochs", type=int)
    args = parser.parse_args(argv)
    if args.quick and args.samples is None:
        args.samples = 256
    if args.mlp_epochs is None:
        args.mlp_epochs = 2 if args.quick else 30
    if args.cnn_epochs is None:
        args.cnn_epochs = 2 if args.quick else 5
    os.environ.setdefault("KERAS_BACKEND", "jax")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    if args.cpu:
        os.environ["JAX_PLATFORMS"] = "cpu"
    import jax

    try:
        gpus = jax.devices("gpu")
    except RuntimeError:
        gpus = []
    results = Path(args.results)
    if not gpus and not args.cpu:
        line = (
            f"## GPU (bench/gpu.py)\n\nSkipped on {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC: "
            '`jax.devices("gpu")` found no GPU on this machine; run `python bench/gpu.py` where one is.'
        )
        write_section(results, line)
        print("bench/gpu.py: no GPU visible (jax.devices('gpu') is empty): skipped", file=sys.stderr)
        return 0
    device = str(gpus[0].device_kind if gpus else "CPU (--cpu)")
    out = run(args)
    text = report(out, device, args.quick)
    write_section(results, text)
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=1))
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

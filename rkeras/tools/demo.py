"""The seed MNIST example (keras3 vignette) in Python, on real MNIST.

``python -m rkeras.tools.demo [--epochs N] [--train-size N]`` prints the test accuracy.
"""

from __future__ import annotations

import argparse
from typing import Any


def run(
    epochs: int = 30,
    train_size: int | None = None,
    verbose: Any = 2,
    validation_split: float = 0.2,
    batch_size: int = 128,
) -> dict[str, Any]:
    """Train the seed MLP; the test set's ``loss`` and ``accuracy``, and ``history``: the training
    metrics by epoch (``{"loss": [...], "accuracy": [...]}``, as ``fit()``'s history has them)."""
    from rkeras import (
        array_reshape,
        compile,
        dataset_mnist,
        evaluate,
        fit,
        keras_model_sequential,
        layer_dense,
        layer_dropout,
        optimizer_rmsprop,
        summary,
        to_categorical,
    )

    mnist = dataset_mnist()
    x_train, y_train = mnist["train"]["x"], mnist["train"]["y"]
    x_test, y_test = mnist["test"]["x"], mnist["test"]["y"]
    if train_size:
        x_train, y_train = x_train[:train_size], y_train[:train_size]
    x_train = array_reshape(x_train, (len(x_train), 784)) / 255
    x_test = array_reshape(x_test, (len(x_test), 784)) / 255
    y_train = to_categorical(y_train, 10)
    y_test = to_categorical(y_test, 10)

    model = keras_model_sequential(input_shape=784)
    (
        model
        | layer_dense(units=256, activation="relu")
        | layer_dropout(rate=0.4)
        | layer_dense(units=128, activation="relu")
        | layer_dropout(rate=0.3)
        | layer_dense(units=10, activation="softmax")
    )
    if verbose:
        summary(model)
    model | compile(loss="categorical_crossentropy", optimizer=optimizer_rmsprop(), metrics=["accuracy"])
    history = model | fit(
        x_train,
        y_train,
        epochs=epochs,
        batch_size=batch_size,
        validation_split=validation_split,
        verbose=verbose,
    )
    result = model | evaluate(x_test, y_test, verbose=0)
    return {"loss": result["loss"], "accuracy": result["accuracy"], "history": dict(history.metrics)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--train-size", type=int, default=None)
    args = parser.parse_args(argv)
    result = run(args.epochs, args.train_size)
    print(f"test accuracy: {result['accuracy']:.4f}  (loss {result['loss']:.4f})")


if __name__ == "__main__":
    main()

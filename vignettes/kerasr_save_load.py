"""Seed 002 part 5, the kerasR vignette's saving and loading, in Python with rkeras's kerasR names.

Line for line the R code of kerasr_save_load.R, the seed's two slips included: the
`keras_load_weights(mod, tf)` line stops with NameError (`tf` is not defined, as R stops with
"object 'tf' not found"), and `keras_model_to_json("model_architecture.json")` would stop with
rkeras's clear error. The block marked [added] builds the model of the previous part (untrained)
and moves to a new temporary folder, so the files written touch nothing of yours.
Run it with:  python vignettes/kerasr_save_load.py
"""
# ruff: noqa: F403, F405
import atexit
import os
import shutil
import tempfile

from rkeras import *

# ---- [added] a fresh temporary folder, and the model of the previous part (untrained) ----------
work_dir = tempfile.mkdtemp(prefix="kerasr_save_load-")
atexit.register(shutil.rmtree, work_dir, True)  # removed at exit, as R removes its tempdir()
os.chdir(work_dir)
mod = Sequential()
mod.add(Embedding(500, 32, input_length=100, input_shape=100))
mod.add(Dropout(0.25))
mod.add(LSTM(32))
mod.add(Dense(256))
mod.add(Dropout(0.25))
mod.add(Activation("relu"))
mod.add(Dense(1))
mod.add(Activation("sigmoid"))
keras_compile(mod, loss="binary_crossentropy", optimizer=RMSprop(lr=0.00025))
# ---- [end added] -------------------------------------------------------------------------------

keras_save(mod, "full_model.h5")
keras_save_weights(mod, "weights_model.h5")
keras_model_to_json(mod, "model_architecture.json")

mod = keras_load("full_model.h5")
keras_load_weights(mod, tf)  # noqa: F821 - the seed's slip: `tf` is not defined
mod = keras_model_to_json("model_architecture.json")

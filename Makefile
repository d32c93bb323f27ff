# rkeras: `make demo` and `make test` on a fresh Debian 12 (as root) set everything up first.
ROOT := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
VENV := $(ROOT)/.venv
PY := $(VENV)/bin/python
SHELL := /bin/bash

# Offline data and reference lists live beside the checkout, in ../shared, when it is there.
SHARED := $(abspath $(ROOT)/../shared)
ifneq ($(wildcard $(SHARED)/data),)
RKERAS_DATA_DIR ?= $(SHARED)/data
export RKERAS_DATA_DIR
endif
ifneq ($(wildcard $(SHARED)/reference),)
RKERAS_SHARED_DIR ?= $(SHARED)
export RKERAS_SHARED_DIR
endif
export TF_CPP_MIN_LOG_LEVEL ?= 2
# The suite runs in 2 processes (pytest-xdist), whole files per process (tests in a file share
# state and order); the 25 slowest tests are listed at the end.
PYTEST_WORKERS ?= 2
PYTEST_ARGS ?= -n $(PYTEST_WORKERS) --dist loadfile --durations=25

.DEFAULT_GOAL := help
.PHONY: help setup demo test lint bench vignettes coverage soak clean

help:
	@echo "make setup      install R, rpy2, TensorFlow/Keras and rkeras into .venv (idempotent)"
	@echo "make demo       setup, then run the keras3 MNIST vignette in R through rkeras run"
	@echo "make test       setup, then run the test suite (pytest)"
	@echo "make lint       ruff check"
	@echo "make bench      benchmarks against plain Keras (bench/run.py, then bench/gpu.py)"
	@echo "make vignettes  run the vignettes in R and Python and compare"
	@echo "make coverage   how much of the R keras APIs the spec covers"
	@echo "make soak       long reliability runs (fuzzer, kill-during-save, Ctrl-C, handle soak; writes tests/RELIABILITY.md; every spec row on JAX)"

setup:
	@$(ROOT)/scripts/setup.sh

# The main job: the keras3 MNIST vignette (seed 000), unchanged, through the R host.
demo: setup
	cd $(ROOT) && $(VENV)/bin/rkeras run vignettes/mnist_keras3.R

test: setup
	cd $(ROOT) && $(PY) -m pytest $(PYTEST_ARGS)

lint: setup
	cd $(ROOT) && $(VENV)/bin/ruff check .

# bench/gpu.py needs a GPU (jax.devices("gpu")); without one it writes a line saying it skipped.
bench: setup
	cd $(ROOT) && $(PY) bench/run.py && $(PY) bench/gpu.py

# then every vignette's `rkeras port --check` round trip in short form (CI runs three of them:
# tests/python/test_port.py, CI_ROUND_TRIPS)
vignettes: setup
	cd $(ROOT) && $(PY) vignettes/run.py $(VIGNETTE_ARGS)
	cd $(ROOT) && RKERAS_PORT_ALL=1 $(PY) -m pytest -q tests/python/test_port.py -k "round_trip or save_load_vignette"

# Long runs kept out of CI: the kill-during-save trials 50 times per format, every spec row on JAX.
# The reliability soak (issue 13): 100,000 fuzzed calls from R and from Python, 50 kill-during-save
# trials per format, 50 Ctrl-C trials in a pty repl, a 100,000-handle soak and both bad-input
# tables, then every spec row on JAX; the counts go to tests/RELIABILITY.md (written even when a
# run fails, which then shows its failures or "not run"). Takes about an hour.
SOAK_OUT := $(ROOT)/build/reliability
soak: setup
	rm -rf $(SOAK_OUT)
	cd $(ROOT) && status=0; \
	RKERAS_RELIABILITY_OUT=$(SOAK_OUT) RKERAS_SOAK_TRIALS=50 RKERAS_FUZZ_CALLS=100000 $(PY) -m pytest -q \
		tests/python/test_reliability.py tests/python/test_fuzz.py tests/python/test_interrupts.py \
		tests/python/test_bad_inputs.py || status=1; \
	RKERAS_RELIABILITY_OUT=$(SOAK_OUT) RKERAS_SOAK_HANDLES=100000 $(VENV)/bin/rkeras test tests/testthat \
		--filter 'reliability|bad-inputs' --reporter summary || status=1; \
	$(PY) scripts/reliability_report.py $(SOAK_OUT) tests/RELIABILITY.md; \
	RKERAS_JAX_ROW_SAMPLE=1 $(PY) -m pytest -q tests/python/test_on_jax.py || status=1; \
	exit $$status

coverage:
	cd $(ROOT) && $(if $(wildcard $(PY)),$(PY),python3) -m rkeras.coverage

clean:
	rm -rf $(ROOT)/.pytest_cache $(ROOT)/.ruff_cache $(ROOT)/build $(ROOT)/*.egg-info
	find $(ROOT)/rkeras $(ROOT)/tests -name __pycache__ -type d -prune -exec rm -rf {} +

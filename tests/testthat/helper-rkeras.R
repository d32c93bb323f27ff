# Helpers for the rkeras tests. The tests need the rkeras host (`rkeras test tests/testthat`,
# or pytest tests/python/test_r_host.py); under plain R (R CMD check) every file skips.

skip_if_no_host <- function() {
  testthat::skip_if_not(rkeras:::.rk_in_host(), "not inside the rkeras host (run `rkeras test`)")
}

# What an R value became in Python: type, repr, and for arrays dtype/shape/flags.
py_describe <- function(x) rkeras:::.rk_call(".describe", x)

# The tests' Python expressions use numpy as np, pandas as pd and rkeras as rk: rkeras's
# py_eval() (reticulate's) evaluates in Python's __main__ module, so import them there once.
if (rkeras:::.rk_in_host()) py_run_string("import numpy as np, pandas as pd, rkeras as rk")

# A function telling whether the Python object behind a handle is still alive.
py_alive <- function(x) rkeras:::.rk_call(".weakref", x)

py_registry_size <- function() rkeras:::.rk_call(".registry_size")

load_mnist_or_skip <- function() {
  mnist <- tryCatch(dataset_mnist(), error = function(e) NULL)
  testthat::skip_if(is.null(mnist), "MNIST is not available (set RKERAS_DATA_DIR)")
  mnist
}

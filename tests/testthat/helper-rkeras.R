# Helpers for the rkeras tests. The tests need the rkeras host (`rkeras test tests/testthat`,
# or pytest tests/python/test_r_host.py); under plain R (R CMD check) every file skips.

skip_if_no_host <- function() {
  testthat::skip_if_not(rkeras:::.rk_in_host(), "not inside the rkeras host (run `rkeras test`)")
}

# What an R value became in Python: type, repr, and for arrays dtype/shape/flags.
py_describe <- function(x) rkeras:::.rk_call(".describe", x)

# A Python expression's value, converted to R (np, pd and rkeras as rk are in scope).
py_eval <- function(code) rkeras:::.rk_call(".py_eval", code)

# A function telling whether the Python object behind a handle is still alive.
py_alive <- function(x) rkeras:::.rk_call(".weakref", x)

py_registry_size <- function() rkeras:::.rk_call(".registry_size")

load_mnist_or_skip <- function() {
  mnist <- tryCatch(dataset_mnist(), error = function(e) NULL)
  testthat::skip_if(is.null(mnist), "MNIST is not available (set RKERAS_DATA_DIR)")
  mnist
}

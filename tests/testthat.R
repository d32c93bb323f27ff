# Runs the testthat tests under R CMD check. Outside the rkeras host (plain R) every
# test file skips itself; inside it (`rkeras test tests/testthat`) they all run.
library(testthat)
library(rkeras)

test_check("rkeras")

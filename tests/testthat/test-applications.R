skip_if_no_host()

test_that("application_*() builds a small model offline with weights = NULL", {
  model <- application_mobilenet(input_shape = c(32, 32, 3), alpha = 0.25, weights = NULL, classes = 4)
  x <- array(runif(2 * 32 * 32 * 3, 0, 255), c(2, 32, 32, 3))
  p <- predict(model, application_preprocess_inputs(model, x), verbose = 0)
  expect_identical(dim(p), c(2L, 4L))
  expect_equal(rowSums(p), c(1, 1), tolerance = 1e-4)
})

test_that("ImageNet files missing offline are named; a local class index decodes predictions", {
  # Python's environment (R's Sys.setenv does not reach os.environ); restored on exit
  set_env <- function(home, data) py_eval(sprintf(paste0(
    "[__import__('os').environ.pop(k, None) if not v else __import__('os').environ.__setitem__(k, v) ",
    "for k, v in (('KERAS_HOME', %s), ('RKERAS_DATA_DIR', %s))]"), deparse(home), deparse(data)))
  old <- py_eval("[__import__('os').environ.get(k, '') for k in ('KERAS_HOME', 'RKERAS_DATA_DIR')]")
  on.exit(set_env(old[[1]], old[[2]]))
  home <- tempfile("rk-home")
  data <- tempfile("rk-data")
  dir.create(data)
  set_env(home, data)
  # every download fails (offline), whatever the machine's network
  apps <- "__import__('rkeras.api.applications').api.applications"
  py_eval(sprintf("setattr(%s, '_rk_real_download', %s._download)", apps, apps))
  py_eval(sprintf("setattr(%s, '_download', lambda *a: 1 / 0)", apps))
  on.exit(py_eval(sprintf("setattr(%s, '_download', %s._rk_real_download)", apps, apps)), add = TRUE)
  expect_error(application_mobilenet(input_shape = c(128, 128, 3), alpha = 0.25, include_top = FALSE),
               "mobilenet_2_5_128_tf_no_top.h5 is not in the Keras cache")
  writeLines('{"0": ["n00", "cat"], "1": ["n01", "dog"], "2": ["n02", "owl"]}',
             file.path(data, "imagenet_class_index.json"))
  d <- imagenet_decode_predictions(matrix(c(0.1, 0.7, 0.2), 1, 3), top = 2)
  expect_identical(d[[1]]$class_description, c("dog", "owl"))
  expect_equal(d[[1]]$score, c(0.7, 0.2))
})

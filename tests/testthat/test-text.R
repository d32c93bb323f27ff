skip_if_no_host()

texts <- c("The cat sat on the mat.", "The dog ate my homework!", "the cat")

test_that("text_tokenizer() fields read as in keras 2.x: word_index by count, then first occurrence", {
  tok <- text_tokenizer(num_words = 4)
  res <- fit_text_tokenizer(tok, texts)
  expect_identical(tok$document_count, 3L)
  expect_identical(names(tok$word_index),
                   c("the", "cat", "sat", "on", "mat", "dog", "ate", "my", "homework"))
  expect_identical(tok$word_index$the, 1L)
  expect_identical(tok$word_index[["cat"]], 2L)
  expect_identical(tok$word_counts$the, 4L)
  expect_identical(tok$index_word[["3"]], "sat")
  expect_identical(tok$num_words, 4L)
  # num_words only limits the conversions: indices below 4
  seqs <- texts_to_sequences(tok, c("the cat sat on the mat", "the", "zebra"))
  expect_identical(seqs[[1]], c(1L, 2L, 3L, 1L))
  expect_identical(seqs[[2]], 1L)
  expect_length(seqs[[3]], 0)
  expect_identical(texts_to_sequences(tok, "cat on")[[1]], 2L)  # one string is one text
})

test_that("texts_to_matrix() modes by hand, tf-idf included", {
  tok <- fit_text_tokenizer(text_tokenizer(), texts)
  m <- texts_to_matrix(tok, "the the cat zebra")
  expect_true(is.matrix(m))
  expect_identical(dim(m), c(1L, 10L))
  expect_equal(m[1, 1:4], c(0, 1, 1, 0))   # column j + 1 is word index j
  expect_equal(texts_to_matrix(tok, "the the cat", mode = "count")[1, 1:3], c(0, 2, 1))
  expect_equal(texts_to_matrix(tok, "the the cat", mode = "freq")[1, 2], 2 / 3)
  tfidf <- texts_to_matrix(tok, "the the cat", mode = "tfidf")
  expect_equal(tfidf[1, 2], (1 + log(2)) * log(1 + 3 / 4))
  expect_equal(tfidf[1, 3], log(1 + 3 / 3))
  expect_error(texts_to_matrix(tok, "a", mode = "counts"), "texts_to_matrix\\(\\): `mode` must be one of")
  m <- sequences_to_matrix(text_tokenizer(num_words = 5), list(c(1, 2, 2), 4), mode = "count")
  expect_equal(m, rbind(c(0, 1, 2, 0, 0), c(0, 0, 0, 0, 1)))
})

test_that("oov_token, char_level and a generator of texts", {
  tok <- fit_text_tokenizer(text_tokenizer(oov_token = "<unk>"), texts)
  expect_identical(tok$word_index[["<unk>"]], 1L)
  expect_identical(texts_to_sequences(tok, "the zebra")[[1]], c(2L, 1L))
  chars <- fit_text_tokenizer(text_tokenizer(char_level = TRUE), c("abba", "c"))
  expect_identical(unlist(chars$word_index), c(a = 1L, b = 2L, c = 3L))
  i <- 0
  gen <- function() {
    i <<- i + 1
    if (i > 2) NULL else c("one two", "two")[i]
  }
  tok <- fit_text_tokenizer(text_tokenizer(), gen)
  expect_identical(unlist(tok$word_index), c(two = 1L, one = 2L))
  it <- texts_to_sequences_generator(tok, c("one two", "two"))
  expect_identical(generator_next(it), c(2L, 1L))
  expect_identical(generator_next(it), 1L)
  expect_null(generator_next(it))
  expect_identical(generator_next(it, completed = "done"), "done")
})

test_that("save_text_tokenizer() / load_text_tokenizer() round trip, never overwriting by default", {
  tok <- fit_text_tokenizer(text_tokenizer(num_words = 6), texts)
  path <- tempfile(fileext = ".pickle")
  expect_invisible(save_text_tokenizer(tok, path))
  back <- load_text_tokenizer(path)
  expect_identical(back$word_index, tok$word_index)
  expect_identical(texts_to_sequences(back, texts), texts_to_sequences(tok, texts))
  expect_error(save_text_tokenizer(tok, path), "already exists")
  expect_silent(save_text_tokenizer(tok, path, overwrite = TRUE))
  expect_identical(list.files(dirname(path), pattern = paste0("^\\.", basename(path))), character(0))
})

test_that("text helpers: word sequences, md5 hashing, skipgrams, sampling table", {
  expect_identical(text_to_word_sequence("Hello, World!  Again"), c("hello", "world", "again"))
  h <- text_hashing_trick("the cat the", 7, hash_function = "md5")
  expect_length(h, 3)
  expect_identical(h[1], h[3])
  expect_true(all(h >= 1 & h <= 6))
  expect_identical(h, py_eval(paste0("[int(__import__('hashlib').md5(w.encode()).hexdigest(), 16) % 6 + 1 ",
                                     "for w in ['the', 'cat', 'the']]")))
  expect_equal(text_hashing_trick("a b", 5, hash_function = function(w) utf8ToInt(w)),
                   c(utf8ToInt("a") %% 4 + 1, utf8ToInt("b") %% 4 + 1))
  expect_error(text_hashing_trick(c("a", "b"), 5), "`text` should be length 1")
  sg <- skipgrams(c(1, 2, 3), vocabulary_size = 4, window_size = 1, negative_samples = 0, shuffle = FALSE)
  expect_identical(names(sg), c("couples", "labels"))
  expect_identical(sg$couples, list(c(1L, 2L), c(2L, 1L), c(2L, 3L), c(3L, 2L)))
  expect_identical(sg$labels, c(1L, 1L, 1L, 1L))
  set_random_seed(3)
  a <- skipgrams(c(1, 2, 3, 4), vocabulary_size = 10, seed = 1)
  set_random_seed(3)
  b <- skipgrams(c(1, 2, 3, 4), vocabulary_size = 10, seed = 1)
  expect_identical(a, b)
  expect_identical(sum(a$labels), 12L)  # window 4: each word pairs with the 3 others; as many negatives
  expect_length(a$couples, 24)
  st <- make_sampling_table(3)
  expect_equal(st[3], sqrt(1e-5 * (2 * (log(2) + 0.577) + 0.5 - 1 / 24)))
})

test_that("fit_generator() trains on an R generator function on the main thread, like fit()", {
  set.seed(1)
  x <- matrix(runif(72), 24, 3)
  y <- x %*% c(1, -2, 0.5)
  batch <- 0
  gen <- function() {
    i <- batch %% 4
    batch <<- batch + 1
    rows <- (i * 6 + 1):(i * 6 + 6)
    list(x[rows, , drop = FALSE], y[rows, , drop = FALSE])
  }
  make <- function() {
    set_random_seed(1)
    m <- keras_model_sequential(input_shape = 3) |> layer_dense(units = 1)
    m |> compile(loss = "mse", optimizer = optimizer_sgd(learning_rate = 0.05))
    m
  }
  ours <- make()
  theirs <- make()
  history <- fit_generator(ours, gen, steps_per_epoch = 4, epochs = 2, verbose = 0)
  expect_identical(batch, 8)  # one call per step: no read-ahead
  fit(theirs, x, y, batch_size = 6, epochs = 2, shuffle = FALSE, verbose = 0)
  expect_equal(get_weights(ours), get_weights(theirs), tolerance = 1e-5)
  expect_length(history$metrics$loss, 2)
  ev <- evaluate_generator(ours, gen, steps = 4)
  expect_equal(ev$loss, evaluate(ours, x, y, batch_size = 6, verbose = 0)$loss, tolerance = 1e-5)
  expect_equal(predict_generator(ours, gen, steps = 4), predict(ours, x, verbose = 0), tolerance = 1e-5)
  h <- fit(ours, gen, steps_per_epoch = 2, epochs = 1, verbose = 0)  # keras3: an R function as data
  expect_length(h$metrics$loss, 1)
  expect_error(fit_generator(ours, gen), "`steps_per_epoch` is missing")
})

test_that("image data generators: flows from arrays and folders, an R preprocessing_function", {
  x <- array(runif(4 * 5 * 6 * 3, 0, 255), c(4, 5, 6, 3))
  gen <- image_data_generator(rescale = 1 / 255, preprocessing_function = function(img) img * 2)
  flow <- flow_images_from_data(x, y = c(0, 1, 2, 3), generator = gen, batch_size = 3, shuffle = FALSE)
  b <- generator_next(flow)
  expect_identical(dim(b[[1]]), c(3L, 5L, 6L, 3L))
  expect_equal(b[[1]], x[1:3, , , ] * 2 / 255, tolerance = 1e-5)
  expect_equal(b[[2]], c(0, 1, 2))
  stat <- image_data_generator(featurewise_center = TRUE)
  fit_image_data_generator(stat, x)
  centred <- generator_next(flow_images_from_data(x, generator = stat, batch_size = 4, shuffle = FALSE))
  expect_equal(apply(centred, 4, mean), c(0, 0, 0), tolerance = 1e-3)
  dir <- tempfile()
  for (cls in c("a", "b")) {
    dir.create(file.path(dir, cls), recursive = TRUE)
    for (i in 1:2) {
      img <- array(if (cls == "a") 0.9 else 0.1, c(6, 8, 3))
      png::writePNG(img, file.path(dir, cls, paste0(cls, i, ".png")))
    }
  }
  flow <- flow_images_from_directory(dir, target_size = c(4, 5), batch_size = 4, shuffle = FALSE,
                                     class_mode = "binary")
  b <- generator_next(flow)
  expect_identical(dim(b[[1]]), c(4L, 4L, 5L, 3L))
  expect_equal(b[[2]], c(0, 0, 1, 1))
  expect_equal(b[[1]][1, 1, 1, 1], round(0.9 * 255), tolerance = 1)
  expect_identical(unlist(flow$class_indices), c(a = 0L, b = 1L))
  model <- keras_model_sequential(input_shape = c(4, 5, 3)) |> layer_flatten() |>
    layer_dense(units = 1, activation = "sigmoid")
  model |> compile(loss = "binary_crossentropy", optimizer = "sgd")
  h <- fit_generator(model, flow, steps_per_epoch = 1, epochs = 2, verbose = 0)
  expect_length(h$metrics$loss, 2)
  expect_error(flow_images_from_directory(dir, class_mode = "labels"), "`class_mode` must be one of")
})

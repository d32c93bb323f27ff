# keras 2.x text classification with the tokenizer and a generator: texts -> text_tokenizer() ->
# texts_to_sequences() -> pad_sequences() -> an embedding model trained by fit_generator() on an R
# generator function, then a bag-of-words model on texts_to_matrix(). The workflow of keras 2.x's
# R text examples (the IMDB and newsgroup tokenizer tutorials), written for rkeras.
# Data: no raw review text is available offline, so the corpus is built from the IMDB word index
# (dataset_imdb_word_index(), in RKERAS_DATA_DIR): each "review" mixes frequent IMDB words with two
# sentiment words of its class. It is made by arithmetic, not random draws, so the R script and its
# Python port (text_tokenizer_keras2.py) tokenize the same texts.
# Run it with:  rkeras run vignettes/text_tokenizer_keras2.R

library(keras)

# ---- the corpus
word_index <- dataset_imdb_word_index()
by_rank <- names(word_index)[order(unlist(word_index))]
positive <- c("great", "excellent", "wonderful", "best", "loved", "beautiful", "perfect", "brilliant")
negative <- c("bad", "awful", "worst", "boring", "waste", "terrible", "poor", "stupid")
filler <- setdiff(by_rank[1:1500], c(positive, negative))

make_review <- function(i) {
  words <- filler[(i * 7 + (0:29) * 13) %% length(filler) + 1]
  sentiment <- if (i %% 2 == 1) positive else negative
  words[(i %% 5) * 3 + 2] <- sentiment[i %% 8 + 1]
  words[(i %% 7) * 3 + 5] <- sentiment[(i * 3) %% 8 + 1]
  paste(words, collapse = " ")
}
texts <- vapply(1:3000, make_review, character(1))
labels <- (1:3000) %% 2
train <- 1:2000
test <- 2001:3000

# ---- tokenize
max_words <- 1000
maxlen <- 30
tokenizer <- text_tokenizer(num_words = max_words) %>%
  fit_text_tokenizer(texts[train])
cat("Found", length(tokenizer$word_index), "unique tokens.\n")

sequences <- texts_to_sequences(tokenizer, texts)
x <- pad_sequences(sequences, maxlen = maxlen)
x_train <- x[train, ]
y_train <- labels[train]
x_test <- x[test, ]
y_test <- labels[test]
str(x_train)

# ---- a generator of random batches
sampling_generator <- function(x, y, batch_size = 32) {
  function() {
    rows <- sample(seq_len(nrow(x)), batch_size, replace = TRUE)
    list(x[rows, , drop = FALSE], y[rows])
  }
}

model <- keras_model_sequential() %>%
  layer_embedding(input_dim = max_words, output_dim = 16, input_length = maxlen) %>%
  layer_global_average_pooling_1d() %>%
  layer_dense(units = 16, activation = "relu") %>%
  layer_dense(units = 1, activation = "sigmoid")

model %>% compile(
  optimizer = "rmsprop",
  loss = "binary_crossentropy",
  metrics = c("accuracy")
)

history <- model %>% fit_generator(
  sampling_generator(x_train, y_train, batch_size = 32),
  steps_per_epoch = 60,
  epochs = 10,
  validation_data = list(x_test, y_test)
)
plot(history)

scores <- model %>% evaluate(x_test, y_test, verbose = 0)
cat("Test accuracy (embedding, fit_generator):", scores$accuracy, "\n")
predictions <- model %>% predict_generator(sampling_generator(x_test, y_test, batch_size = 50), steps = 2)
str(predictions)

# ---- bag of words: texts_to_matrix()
x_bow_train <- texts_to_matrix(tokenizer, texts[train], mode = "binary")
x_bow_test <- texts_to_matrix(tokenizer, texts[test], mode = "binary")
bow <- keras_model_sequential() %>%
  layer_dense(units = 16, activation = "relu", input_shape = max_words) %>%
  layer_dense(units = 1, activation = "sigmoid")
bow %>% compile(optimizer = "rmsprop", loss = "binary_crossentropy", metrics = c("accuracy"))
bow %>% fit(x_bow_train, y_train, epochs = 5, batch_size = 64, verbose = 2)
bow_scores <- bow %>% evaluate(x_bow_test, y_test, verbose = 0)
cat("Test accuracy (bag of words, texts_to_matrix):", bow_scores$accuracy, "\n")

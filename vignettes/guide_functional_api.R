# keras3's guide "The Functional API" (keras3 R package, vignettes/functional_api.Rmd, after
# fchollet's keras.io guide): its R code blocks in order, on rkeras. shape(), %<-%, random_*(),
# op_*() and tensor methods (inputs[, t, ], h + y) as the guide uses them.
# What differs, and why:
# - dataset_cifar10() is not available offline (no cifar-10 copy in RKERAS_DATA_DIR): the toy
#   ResNet is trained on the first 1000 fashion-MNIST images instead, made 32 x 32 x 3 with ops
#   (op_expand_dims(), op_image_resize(), op_repeat()) [changed].
# - application_vgg19() downloads its ImageNet weights: here weights = NULL (the same graph, random
#   weights; feature extraction reads the graph, not the weights) [changed].
# - array_reshape(x_train, c(60000, 784)) uses nrow() so that the short form (RKERAS_MAX_SAMPLES)
#   runs [changed].
# - Left out: the parts that define R classes with Layer() / Model() ("Extend the API using custom
#   layers": custom_dense and get_config()/from_config(); the subclassed MLP; layer_custom_rnn()),
#   which rkeras does not have yet. The custom RNN's call() body is kept, as an R function on eager
#   tensors and inside layer_lambda() [changed], since it is all shape(), op_*() and tensor
#   indexing; the Dense layers it uses are made outside it.
# Run it with:  rkeras run vignettes/guide_functional_api.R

library(keras3)

# ---- Introduction
inputs <- keras_input(shape = c(784))
# Just for demonstration purposes.
img_inputs <- keras_input(shape = c(32, 32, 3))
shape(inputs)
inputs$dtype
dense <- layer_dense(units = 64, activation="relu")
x <- dense(inputs)
outputs <- x |>
  layer_dense(units = 64, activation = "relu") |>
  layer_dense(units = 10)
model <- keras_model(inputs = inputs, outputs = outputs, name = "mnist_model")
summary(model)
plot(model)
plot(model, show_shapes = TRUE)

# ---- Training, evaluation, and inference
c(c(x_train, y_train), c(x_test, y_test)) %<-% dataset_mnist()

x_train <- array_reshape(x_train, c(nrow(x_train), 784)) / 255  # [changed: 60000]
x_test <- array_reshape(x_test, c(nrow(x_test), 784)) / 255  # [changed: 10000]

model |> compile(
  loss = loss_sparse_categorical_crossentropy(from_logits = TRUE),
  optimizer = optimizer_rmsprop(),
  metrics = "accuracy"
)

history <- model |> fit(
    x_train, y_train, batch_size = 64, epochs = 2, validation_split = 0.2
)

test_scores <- model |> evaluate(x_test, y_test, verbose=2)
cat("Test loss:", test_scores$loss, "\n")
cat("Test accuracy:", test_scores$accuracy, "\n")

# ---- Save and serialize
model |> save_model("my_model.keras")
rm(model)
# Recreate the exact same model purely from the file:
model <- load_model("my_model.keras")
unlink("my_model.keras")

# ---- Use the same graph of layers to define multiple models
encoder_input <- keras_input(shape = c(28, 28, 1), name="img")
encoder_output <- encoder_input |>
  layer_conv_2d(16, 3, activation = "relu") |>
  layer_conv_2d(32, 3, activation = "relu") |>
  layer_max_pooling_2d(3) |>
  layer_conv_2d(32, 3, activation = "relu") |>
  layer_conv_2d(16, 3, activation = "relu") |>
  layer_global_max_pooling_2d()

encoder <- keras_model(encoder_input, encoder_output, name="encoder")
summary(encoder)

decoder_output <- encoder_output |>
  layer_reshape(c(4, 4, 1)) |>
  layer_conv_2d_transpose(16, 3, activation = "relu") |>
  layer_conv_2d_transpose(32, 3, activation = "relu") |>
  layer_upsampling_2d(3) |>
  layer_conv_2d_transpose(16, 3, activation = "relu") |>
  layer_conv_2d_transpose(1, 3, activation = "relu")

autoencoder <- keras_model(encoder_input, decoder_output, name="autoencoder")
summary(autoencoder)

# ---- All models are callable, just like layers
encoder_input <- keras_input(shape = c(28, 28, 1), name="img")
encoder_output <- encoder_input |>
  layer_conv_2d(16, 3, activation = "relu") |>
  layer_conv_2d(32, 3, activation = "relu") |>
  layer_max_pooling_2d(3) |>
  layer_conv_2d(32, 3, activation = "relu") |>
  layer_conv_2d(16, 3, activation = "relu") |>
  layer_global_max_pooling_2d()

encoder <- keras_model(encoder_input, encoder_output, name="encoder")
summary(encoder)

decoder_input <- keras_input(shape = c(16), name = "encoded_img")
decoder_output <- decoder_input |>
  layer_reshape(c(4, 4, 1)) |>
  layer_conv_2d_transpose(16, 3, activation = "relu") |>
  layer_conv_2d_transpose(32, 3, activation = "relu") |>
  layer_upsampling_2d(3) |>
  layer_conv_2d_transpose(16, 3, activation = "relu") |>
  layer_conv_2d_transpose(1, 3, activation = "relu")

decoder <- keras_model(decoder_input, decoder_output, name = "decoder")
summary(decoder)

autoencoder_input <- keras_input(shape = c(28, 28, 1), name = "img")
encoded_img <- encoder(autoencoder_input)
decoded_img <- decoder(encoded_img)
autoencoder <- keras_model(autoencoder_input, decoded_img,
                           name = "autoencoder")
summary(autoencoder)

get_model <- function() {
  inputs <- keras_input(shape = 128)
  outputs <- inputs |> layer_dense(1)
  keras_model(inputs, outputs)
}

model1 <- get_model()
model2 <- get_model()
model3 <- get_model()

inputs <- keras_input(shape = 128)
y1 <- model1(inputs)
y2 <- model2(inputs)
y3 <- model3(inputs)
outputs <- layer_average(list(y1, y2, y3))
ensemble_model <- keras_model(inputs = inputs, outputs = outputs)

# ---- Models with multiple inputs and outputs
num_tags <- 12  # Number of unique issue tags
num_words <- 10000  # Size of vocabulary obtained when preprocessing text data
num_departments <- 4  # Number of departments for predictions

title_input <- # Variable-length sequence of ints
  keras_input(shape(NA), name = "title")
body_input <-  # Variable-length sequence of ints
  keras_input(shape(NA), name = "body")
tags_input <-  # Binary vectors of size `num_tags`
  keras_input(shape = num_tags, name = "tags")

# Embed each word in the title into a 64-dimensional vector
title_features <- layer_embedding(title_input, num_words, 64)
# Embed each word in the text into a 64-dimensional vector
body_features <- layer_embedding(body_input, num_words, 64)

# Reduce sequence of embedded words in the title
# into a single 128-dimensional vector
title_features <- layer_lstm(title_features, 128)
# Reduce sequence of embedded words in the body
# into a single 32-dimensional vector
body_features <- layer_lstm(body_features, 32)

# Merge all available features into a single large vector via concatenation
x <- layer_concatenate(title_features, body_features, tags_input)

# Stick a logistic regression for priority prediction on top of the features
priority_pred <- layer_dense(x, 1, name = "priority")

# Stick a department classifier on top of the features
department_pred <- layer_dense(x, num_departments, name = "department")

# Instantiate an end-to-end model predicting both priority and department
model <- keras_model(
  inputs = list(title_input, body_input, tags_input),
  outputs = list(priority = priority_pred, department = department_pred)
)
plot(model, show_shapes = TRUE)

model |> compile(
  optimizer = optimizer_rmsprop(1e-3),
  loss = list(
    loss_binary_crossentropy(from_logits = TRUE),
    loss_categorical_crossentropy(from_logits = TRUE)
  ),
  loss_weights = c(1.0, 0.2)
)

model |> compile(
  optimizer = optimizer_rmsprop(1e-3),
  loss = list(
    priority = loss_binary_crossentropy(from_logits = TRUE),
    department = loss_categorical_crossentropy(from_logits = TRUE)
  ),
  loss_weights = list(priority = 1.0, department = 0.2)
)

# Dummy input data
title_data <- random_integer(c(1280, 10), 0, num_words)
body_data <- random_integer(c(1280, 100), 0, num_words)
tags_data <- random_integer(c(1280, num_tags), 0, 2)

# Dummy target data
priority_targets <- random_normal(c(1280, 1))
dept_targets <- random_integer(c(1280, num_departments), 0, 2)

ticket_history <- model |> fit(  # [changed: the guide does not keep the history]
  list(title = title_data, body = body_data, tags = tags_data),
  list(priority = priority_targets, department = dept_targets),
  epochs = 2,
  batch_size = 32
)

# ---- A toy ResNet model
inputs <- keras_input(shape = c(32, 32, 3), name = "img")
block_1_output <- inputs |>
  layer_conv_2d(32, kernel_size = 3, activation = "relu") |>
  layer_conv_2d(64, kernel_size = 3, activation = "relu") |>
  layer_max_pooling_2d(pool_size = 3)

block_2_output <- block_1_output |>
  layer_conv_2d(32, kernel_size = 3, activation = "relu", padding = "same") |>
  layer_conv_2d(64, kernel_size = 3, activation = "relu", padding = "same") |>
  layer_add(block_1_output)

block_3_output <- block_2_output |>
  layer_conv_2d(64, kernel_size = 3, activation = "relu", padding = "same") |>
  layer_conv_2d(64, kernel_size = 3, activation = "relu", padding = "same") |>
  layer_add(block_2_output)

outputs <- block_3_output |>
  layer_conv_2d(64, 3, activation = "relu") |>
  layer_global_average_pooling_2d() |>
  layer_dense(256, activation = "relu") |>
  layer_dropout(0.5) |>
  layer_dense(10)

model <- keras_model(inputs, outputs, name = "toy_resnet")
summary(model)
plot(model, show_shapes = TRUE)

# [changed: dataset_cifar10() is not available offline; fashion-MNIST, made 32 x 32 x 3 with ops]
c(c(x_train, y_train), c(x_test, y_test)) %<-% dataset_fashion_mnist()
x_train <- x_train[1:1000, , ] |>
  op_expand_dims(-1) |>
  op_image_resize(c(32, 32)) |>
  op_repeat(3L, axis = 4)
y_train <- y_train[1:1000]
shape(x_train)

x_train <- x_train / 255.0

model |> compile(
  optimizer = optimizer_rmsprop(1e-3),
  loss = loss_sparse_categorical_crossentropy(from_logits = TRUE),
  metrics = "acc"
)
# We restrict the data to the first 1000 samples so as to limit the
# guide render time.
# Try to train on the entire dataset until convergence!
resnet_history <- model |> fit(  # [changed: x_train[1:1000, , , ], y_train[1:1000, ], done above]
  x_train,
  y_train,
  batch_size = 64,
  epochs = 1,
  validation_split = 0.2
)

# ---- Shared layers
# Embedding for 1000 unique words mapped to 128-dimensional vectors
shared_embedding <- layer_embedding(input_dim = 1000, output_dim = 128)

# Variable-length sequence of integers
text_input_a <- keras_input(shape = shape(NA), dtype="int32")

# Variable-length sequence of integers
text_input_b <- keras_input(shape = shape(NA), dtype="int32")

# Reuse the same layer to encode both inputs
encoded_input_a <- shared_embedding(text_input_a)
encoded_input_b <- shared_embedding(text_input_b)

# ---- Extract and reuse nodes in the graph of layers
vgg19 <- application_vgg19(weights = NULL)  # [changed: the ImageNet weights are a download]
features_list <- lapply(vgg19$layers, function(x) x$output)
feat_extraction_model <- keras_model(inputs = vgg19$input,
                                     outputs = features_list)

img <- random_normal(c(1, 224, 224, 3))
extracted_features <- feat_extraction_model(img)

# ---- When to use the functional API: less verbose
inputs <- keras_input(shape = shape(32))
outputs <- inputs |>
  layer_dense(64, activation = "relu") |>
  layer_dense(10)
mlp <- keras_model(inputs, outputs)

# ---- Mix-and-match API styles
units <- 32
timesteps <- 10
input_dim <- 5

# Define a Functional model
inputs <- keras_input(shape(NA, units))
outputs <- inputs |>
  layer_global_average_pooling_1d() |>
  layer_dense(units = 1)

model <- keras_model(inputs, outputs)

# [changed: layer_custom_rnn() is a Layer() class in the guide; here a function makes its two
# projections and returns its call() body]
make_custom_rnn <- function(classifier) {
  projection_1 <- layer_dense(units = units, activation = "tanh")
  projection_2 <- layer_dense(units = units, activation = "tanh")
  function(inputs) {
    outputs <- list()
    state <- op_zeros(c(shape(inputs)[[1]], units))
    for (t in 1:(shape(inputs)[[2]])) {
      x <- inputs[, t, ]
      h <- projection_1(x)
      y <- h + projection_2(state)
      state <- y
      outputs[[t]] <- y
    }
    features <- op_stack(outputs, axis = 2)
    classifier(features)
  }
}

rnn <- make_custom_rnn(model)
out <- rnn(op_zeros(c(1, timesteps, input_dim)))
shape(out)

units <- 32
timesteps <- 10
input_dim <- 5
batch_size <- 16

inputs <- keras_input(batch_shape = shape(batch_size, timesteps, input_dim))
outputs <- inputs |>
  layer_conv_1d(filters = 32, kernel_size = 3) |>
  layer_lambda(make_custom_rnn(layer_dense(units = 1)))  # [changed]

model <- keras_model(inputs, outputs)
out <- model(op_zeros(c(1, 10, 5)))
shape(out)

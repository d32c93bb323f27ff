# Seed 003: the README of the early (2017) keras R package, "30 seconds to Keras".
# Its R code verbatim, in order (model_sequential(), optimizer_sgd(lr = 0.02)); the installation
# line (devtools::install_github("rstudio/keras")) is left out.
# The seed leaves x_train, y_train, x_test and y_test undefined ("R matrices"): the block marked
# [added] makes them, 100 features per MNIST digit (the central 20x20 pixels averaged over 2x2
# squares, i.e. a 10x10 thumbnail scaled to [0, 1]) and one-hot labels for the 10 classes.
# Run it with:  rkeras run vignettes/readme_keras_early.R

library(keras)

model <- model_sequential() %>% 
  layer_dense(units = 64, input_shape = 100) %>% 
  layer_activation(activation = 'relu') %>% 
  layer_dense(units = 10) %>% 
  layer_activation(activation = 'softmax') %>% 
  compile(
    loss = 'categorical_crossentropy',
    optimizer = optimizer_sgd(lr = 0.02),
    metrics = c('accuracy')
  )

# ---- [added] the data the seed assumes: 100-feature matrices derived from MNIST --------------
thumbnails <- function(x) {
  x <- x[, 5:24, 5:24] / 255
  n <- dim(x)[1]
  out <- matrix(0, n, 100)
  for (i in 1:10) for (j in 1:10)
    out[, (i - 1) * 10 + j] <- rowMeans(matrix(x[, 2 * i - 1:0, 2 * j - 1:0], n))
  out
}
mnist <- dataset_mnist()
x_train <- thumbnails(mnist$train$x)
y_train <- to_categorical(mnist$train$y, 10)
x_test <- thumbnails(mnist$test$x)
y_test <- to_categorical(mnist$test$y, 10)
# ---- [end added] -----------------------------------------------------------------------------

fit(model, x_train, y_train, epochs = 5, batch_size = 32)

loss_and_metrics <- evaluate(model, x_test, y_test, batch_size = 128)

classes <- predict(model, x_test, batch_size = 128)

# Seed 004: a copy of the keras 2.x "MNIST Example" that reshapes with `dim<-` (R's column-major
# order) instead of array_reshape(). Its R code verbatim, in order. The page lost a few code
# lines in extraction; the lines marked "[restored]" put them back, nothing else is changed:
#   - library(keras): the seed's installation section, where it stood, lost its code;
#   - summary(model) and plot(history): the seed shows the summary table and announces the plot,
#     but their code lines are missing;
#   - the closing ")" of compile() and fit(): missing in the seed's text (it does not parse).
# Run it with:  rkeras run vignettes/mnist_dim_reshape.R

library(keras)  # [restored]

mnist <- dataset_mnist()
x_train <- mnist$train$x
y_train <- mnist$train$y
x_test <- mnist$test$x
y_test <- mnist$test$y

# reshape
dim(x_train) <- c(nrow(x_train), 784)
dim(x_test) <- c(nrow(x_test), 784)
# rescale
x_train <- x_train / 255
x_test <- x_test / 255

y_train <- to_categorical(y_train, 10)
y_test <- to_categorical(y_test, 10)

model <- keras_model_sequential() 
model %>% 
  layer_dense(units = 256, activation = 'relu', input_shape = c(784)) %>% 
  layer_dropout(rate = 0.4) %>% 
  layer_dense(units = 128, activation = 'relu') %>%
  layer_dropout(rate = 0.3) %>%
  layer_dense(units = 10, activation = 'softmax')

summary(model)  # [restored]

model %>% compile(
  loss = 'categorical_crossentropy',
  optimizer = optimizer_rmsprop(),
  metrics = c('accuracy')
)  # [restored: the closing parenthesis]

history <- model %>% fit(
  x_train, y_train, 
  epochs = 30, batch_size = 128, 
  validation_split = 0.2
)  # [restored: the closing parenthesis]

plot(history)  # [restored]

model %>% evaluate(x_test, y_test)

model %>% predict_classes(x_test)

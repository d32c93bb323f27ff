# Seed 002, part 4 of 6: the kerasR vignette, IMDB sentiment with an embedding + dense model,
# then with an LSTM. Its R code verbatim, in order.
# NOT RUN offline: load_imdb() needs imdb.npz (Keras's IMDB data set), which is not in
# RKERAS_DATA_DIR here and cannot be downloaded without a network; rkeras stops at the first line
# with a clear error naming the file. With imdb.npz in RKERAS_DATA_DIR or the Keras cache (or a
# network), it runs as it is.
# Run it with:  rkeras run vignettes/kerasr_imdb.R

library(kerasR)  # [added: the vignette attached kerasR in its first part]

imdb <- load_imdb(num_words = 500, maxlen = 100)
X_train <- pad_sequences(imdb$X_train[1:4000], maxlen = 100)
Y_train <- imdb$Y_train[1:4000]
X_test <- pad_sequences(imdb$X_train[4001:5736], maxlen = 100)
Y_test <- imdb$Y_train[4001:5736]

mod <- Sequential()
mod$add(Embedding(500, 32, input_length = 100, input_shape = c(100)))
mod$add(Dropout(0.25))
mod$add(Flatten())
mod$add(Dense(256))
mod$add(Dropout(0.25))
mod$add(Activation('relu'))
mod$add(Dense(1))
mod$add(Activation('sigmoid'))

keras_compile(mod, loss = 'binary_crossentropy', optimizer = RMSprop(lr = 0.00025))
keras_fit(mod, X_train, Y_train, batch_size = 32, epochs = 10, verbose = 1,
validation_split = 0.1)

Y_test_hat <- keras_predict(mod, X_test)
table(Y_test, round(Y_test_hat))
mean(Y_test == as.numeric(round(Y_test_hat)))

mod <- Sequential()
mod$add(Embedding(500, 32, input_length = 100, input_shape = c(100)))
mod$add(Dropout(0.25))
mod$add(LSTM(32))
mod$add(Dense(256))
mod$add(Dropout(0.25))
mod$add(Activation('relu'))
mod$add(Dense(1))
mod$add(Activation('sigmoid'))

keras_compile(mod, loss = 'binary_crossentropy', optimizer = RMSprop(lr = 0.00025))
keras_fit(mod, X_train, Y_train, batch_size = 32, epochs = 10, verbose = 1,
validation_split = 0.1)

Y_test_hat <- keras_predict(mod, X_test)
mean(Y_test == as.numeric(round(Y_test_hat)))

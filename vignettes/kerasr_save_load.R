# Seed 002, part 5 of 6: the kerasR vignette, saving and loading a model. Its R code verbatim,
# in order, slips included: the seed's second reading line, keras_load_weights(mod, tf), passes
# an undefined `tf` (R stops: object 'tf' not found), and its third,
# mod <- keras_model_to_json("model_architecture.json"), calls the *writer* with a file name
# where the model goes (rkeras stops with a clear error pointing at keras_model_from_json()).
# What the seed meant is keras_load_weights(mod, "weights_model.h5") and
# mod <- keras_model_from_json("model_architecture.json"); `make vignettes` runs those after
# the vignette and reports them.
# The seed saves "the model from the previous fits" (the IMDB LSTM model, which cannot be
# trained offline, see kerasr_imdb.R): the block marked [added] builds that model (untrained)
# and moves to a new temporary folder, so the files written here touch nothing of yours.
# Run it with:  rkeras run vignettes/kerasr_save_load.R

library(kerasR)  # [added: the vignette attached kerasR in its first part]

# ---- [added] a fresh temporary folder, and the model of the previous part (untrained) --------
work_dir <- tempfile("kerasr_save_load-")
dir.create(work_dir)
setwd(work_dir)
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
# ---- [end added] -----------------------------------------------------------------------------

keras_save(mod, "full_model.h5")
keras_save_weights(mod, "weights_model.h5")
keras_model_to_json(mod, "model_architecture.json")

mod <- keras_load("full_model.h5")
keras_load_weights(mod, tf)
mod <- keras_model_to_json("model_architecture.json")

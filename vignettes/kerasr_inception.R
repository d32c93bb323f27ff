# Seed 002, part 6 of 6: the kerasR vignette, classifying a photo of an elephant with the
# pretrained InceptionV3. Its R code verbatim, in order (the `> ` prompt in front of the last
# line is the seed's console prompt, not code).
# NOT RUN offline: InceptionV3(weights = 'imagenet') needs the ImageNet weights file
# inception_v3_weights_tf_dim_ordering_tf_kernels.h5 (Keras downloads it into ~/.keras/models),
# and load_img() needs the seed's photo elephant.jpg; neither is available here, and rkeras stops
# at the first line with a clear error naming the weights file. With both files, it runs as it is.
# Run it with:  rkeras run vignettes/kerasr_inception.R

library(kerasR)  # [added: the vignette attached kerasR in its first part]

inception <- InceptionV3(weights='imagenet')

img <- load_img("elephant.jpg", target_size = c(299, 299))
x <- img_to_array(img)
x <- expand_dims(x, axis = 0)

x <- x / 255

pred <- keras_predict(inception, x)

unlist(decode_predictions(pred, model = "InceptionV3", top = 3))

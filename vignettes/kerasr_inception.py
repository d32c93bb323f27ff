"""Seed 002 part 6, the kerasR vignette's InceptionV3 elephant, in Python with rkeras's kerasR names.

Line for line the R code of kerasr_inception.R. NOT RUN offline: InceptionV3(weights="imagenet")
needs the ImageNet weights file inception_v3_weights_tf_dim_ordering_tf_kernels.h5 and load_img()
the photo elephant.jpg; neither is available here, and rkeras raises a clear error naming the
weights file. Run it with:  python vignettes/kerasr_inception.py
"""
# ruff: noqa: F403, F405
from rkeras import *

inception = InceptionV3(weights="imagenet")

img = load_img("elephant.jpg", target_size=(299, 299))
x = img_to_array(img)
x = expand_dims(x, axis=0)

x = x / 255

pred = keras_predict(inception, x)

# R: unlist(...) flattens the (id, name, score) triples into one vector
print([str(v) for row in decode_predictions(pred, model="InceptionV3", top=3) for t in row for v in t])

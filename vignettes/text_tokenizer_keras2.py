"""keras 2.x text classification with the tokenizer and a generator, in Python with rkeras's
R-style names.

Line for line the R code of text_tokenizer_keras2.R: `%>%` becomes `|`, `$` becomes `[...]` or an
attribute, R's 1-based `1:2000` row ranges become 0-based slices; the generator function draws its
rows with numpy. The corpus is made by the same arithmetic, so both tokenize the same texts.
Run it with:  python vignettes/text_tokenizer_keras2.py
"""
# ruff: noqa: F403, F405
import numpy as np

from rkeras import *

# ---- the corpus
word_index = dataset_imdb_word_index()
by_rank = sorted(word_index, key=word_index.get)
positive = ["great", "excellent", "wonderful", "best", "loved", "beautiful", "perfect", "brilliant"]
negative = ["bad", "awful", "worst", "boring", "waste", "terrible", "poor", "stupid"]
filler = [w for w in by_rank[:1500] if w not in positive + negative]


def make_review(i):
    words = [filler[(i * 7 + j * 13) % len(filler)] for j in range(30)]
    sentiment = positive if i % 2 == 1 else negative
    words[(i % 5) * 3 + 1] = sentiment[i % 8]
    words[(i % 7) * 3 + 4] = sentiment[(i * 3) % 8]
    return " ".join(words)


texts = [make_review(i) for i in range(1, 3001)]
labels = np.array([i % 2 for i in range(1, 3001)])
train = slice(0, 2000)
test = slice(2000, 3000)

# ---- tokenize
max_words = 1000
maxlen = 30
tokenizer = text_tokenizer(num_words=max_words)
fit_text_tokenizer(tokenizer, texts[train])
print("Found", len(tokenizer.word_index), "unique tokens.")

sequences = texts_to_sequences(tokenizer, texts)
x = pad_sequences(sequences, maxlen=maxlen)
x_train = x[train]
y_train = labels[train]
x_test = x[test]
y_test = labels[test]
print(x_train.shape, x_train.dtype)

# ---- a generator of random batches
rng = np.random.default_rng()


def sampling_generator(x, y, batch_size=32):
    def generator():
        rows = rng.integers(0, len(x), batch_size)
        return [x[rows], y[rows]]

    return generator


model = (
    keras_model_sequential()
    | layer_embedding(input_dim=max_words, output_dim=16, input_length=maxlen)
    | layer_global_average_pooling_1d()
    | layer_dense(units=16, activation="relu")
    | layer_dense(units=1, activation="sigmoid")
)

model | compile(optimizer="rmsprop", loss="binary_crossentropy", metrics=["accuracy"])

history = model | fit_generator(
    sampling_generator(x_train, y_train, batch_size=32),
    steps_per_epoch=60,
    epochs=10,
    validation_data=[x_test, y_test],
)
plot(history)

scores = model | evaluate(x_test, y_test, verbose=0)
print("Test accuracy (embedding, fit_generator):", scores["accuracy"])
predictions = model | predict_generator(sampling_generator(x_test, y_test, batch_size=50), steps=2)
print(predictions.shape)

# ---- bag of words: texts_to_matrix()
x_bow_train = texts_to_matrix(tokenizer, texts[train], mode="binary")
x_bow_test = texts_to_matrix(tokenizer, texts[test], mode="binary")
bow = (
    keras_model_sequential()
    | layer_dense(units=16, activation="relu", input_shape=max_words)
    | layer_dense(units=1, activation="sigmoid")
)
bow | compile(optimizer="rmsprop", loss="binary_crossentropy", metrics=["accuracy"])
bow | fit(x_bow_train, y_train, epochs=5, batch_size=64, verbose=2)
bow_scores = bow | evaluate(x_bow_test, y_test, verbose=0)
print("Test accuracy (bag of words, texts_to_matrix):", bow_scores["accuracy"])

"""keras 2.x's text and sequence preprocessing (rkeras/api/text.py): values worked out by hand from
the documented algorithm, keras 2.x's documented examples, and Keras 3's legacy copy of
keras_preprocessing (keras.src.legacy.preprocessing) as a second oracle."""

from __future__ import annotations

import hashlib
import math
import pickle
import random
import sys
import types
from pathlib import Path

import numpy as np
import pytest

import rkeras
from rkeras.api.text import Tokenizer as TokenizerClass
from rkeras.errors import RKerasError

TEXTS = ["The cat sat on the mat.", "The dog ate my homework!", "the cat"]
# by hand: counts the 4, cat 2, then the rest once each in order of first occurrence
WORD_INDEX = {"the": 1, "cat": 2, "sat": 3, "on": 4, "mat": 5, "dog": 6, "ate": 7, "my": 8, "homework": 9}


def _fitted(**kwargs: object) -> TokenizerClass:
    tok = rkeras.text_tokenizer(**kwargs)
    assert rkeras.fit_text_tokenizer(tok, TEXTS) is tok  # changed in place and returned, as keras 2.x
    return tok


def test_word_index_by_count_then_first_occurrence_from_one() -> None:
    tok = _fitted()
    assert tok.word_index == WORD_INDEX
    assert list(tok.word_index) == list(WORD_INDEX)
    assert tok.index_word == {i: w for w, i in WORD_INDEX.items()}
    assert tok.document_count == 3
    assert dict(tok.word_counts) == {"the": 4, "cat": 2, "sat": 1, "on": 1, "mat": 1, "dog": 1, "ate": 1,
                                     "my": 1, "homework": 1}
    assert list(tok.word_counts) == ["the", "cat", "sat", "on", "mat", "dog", "ate", "my", "homework"]
    assert dict(tok.word_docs)["the"] == 3 and dict(tok.word_docs)["cat"] == 2
    # fitting again adds to the counts: "dog" (now 3) overtakes "cat" (2)
    rkeras.fit_text_tokenizer(tok, "dog dog")
    assert tok.document_count == 4 and tok.word_index["dog"] == 2 and tok.word_index["cat"] == 3


def test_num_words_limits_only_the_conversions() -> None:
    tok = _fitted(num_words=4.0)  # an R double
    assert tok.num_words == 4 and len(tok.word_index) == 9  # fitting ranks every word
    assert rkeras.texts_to_sequences(tok, ["the cat sat on the mat", "zebra"]) == [[1, 2, 3, 1], []]
    assert rkeras.texts_to_sequences(tok, "the mat") == [[1]]  # one string is one text
    assert list(rkeras.texts_to_sequences_generator(tok, ["cat on", "sat"])) == [[2], [3]]
    m = rkeras.texts_to_matrix(tok, ["the the cat mat"], mode="count")
    assert m.shape == (1, 4) and m.tolist() == [[0, 2, 1, 0]]
    oov = _fitted(num_words=4, oov_token="<unk>")
    assert oov.word_index["<unk>"] == 1 and oov.word_index["the"] == 2
    # words ranked at or above num_words, and unknown words, become the oov index
    assert rkeras.texts_to_sequences(oov, ["the zebra cat sat"]) == [[2, 1, 3, 1]]


def test_texts_to_matrix_modes_by_hand() -> None:
    tok = _fitted()
    text = ["the the cat zebra"]
    binary = rkeras.texts_to_matrix(tok, text)  # the default: mode = c("binary", ...) -> "binary"
    assert binary.shape == (1, 10) and binary[0].tolist() == [0, 1, 1, 0, 0, 0, 0, 0, 0, 0]
    assert rkeras.texts_to_matrix(tok, text, mode=["binary", "count", "tfidf", "freq"]).tolist() == \
        binary.tolist()
    count = rkeras.texts_to_matrix(tok, text, mode="count")[0]
    assert count[:3].tolist() == [0, 2, 1]
    freq = rkeras.texts_to_matrix(tok, text, mode="freq")[0]
    assert freq[1] == pytest.approx(2 / 3) and freq[2] == pytest.approx(1 / 3)  # length in kept words
    tfidf = rkeras.texts_to_matrix(tok, text, mode="tfidf")[0]
    # (1 + log(tf)) * log(1 + N / (1 + df)), N = 3 texts; "the" in 3 texts, "cat" in 2
    assert tfidf[1] == pytest.approx((1 + math.log(2)) * math.log(1 + 3 / 4))
    assert tfidf[2] == pytest.approx(1 * math.log(1 + 3 / 3))
    assert tfidf[3:].tolist() == [0] * 7
    assert rkeras.texts_to_matrix(tok, text, mode="co")[0].tolist() == count.tolist()  # match.arg prefix
    with pytest.raises(RKerasError, match=r'^texts_to_matrix\(\): `mode` must be one of "binary"'):
        rkeras.texts_to_matrix(tok, text, mode="counts")


def test_sequences_to_matrix_and_fit_on_sequences() -> None:
    tok = rkeras.text_tokenizer(num_words=5)
    # R sends list(c(1, 2, 2), 4) as [[1.0, 2.0, 2.0], 4.0]: a scalar is a sequence of one
    m = rkeras.sequences_to_matrix(tok, [[1.0, 2.0, 2.0], 4.0, [7]], mode="count")
    assert m.tolist() == [[0, 1, 2, 0, 0], [0, 0, 0, 0, 1], [0, 0, 0, 0, 0]]  # 7 >= num_words: dropped
    with pytest.raises(RKerasError, match='mode = "tfidf"'):
        rkeras.sequences_to_matrix(tok, [[1]], mode="tfidf")
    rkeras.fit_text_tokenizer(tok, [[1, 2], [2, 3, 3]])  # a list of sequences: document counts only
    assert tok.document_count == 2 and dict(tok.index_docs) == {1: 1, 2: 2, 3: 1}
    assert tok.word_index == {}
    tfidf = rkeras.sequences_to_matrix(tok, [[2, 3, 3]], mode="tfidf")[0]
    assert tfidf[2] == pytest.approx(math.log(1 + 2 / 3))
    assert tfidf[3] == pytest.approx((1 + math.log(2)) * math.log(1 + 2 / 2))
    with pytest.raises(RKerasError, match=r"^sequences_to_matrix\(\): give the tokenizer `num_words`"):
        rkeras.sequences_to_matrix(rkeras.text_tokenizer(), [[1]])


def test_char_level_lower_split_and_filters() -> None:
    tok = rkeras.text_tokenizer(char_level=True)
    rkeras.fit_text_tokenizer(tok, ["abba", "Ac"])
    assert tok.word_index == {"a": 1, "b": 2, "c": 3}  # a 3, b 2, c 1
    assert rkeras.texts_to_sequences(tok, "cab") == [[3, 1, 2]]
    tok = rkeras.text_tokenizer(lower=False, split=",", filters="")
    rkeras.fit_text_tokenizer(tok, ["A,b,A", "b,c"])
    assert tok.word_index == {"A": 1, "b": 2, "c": 3}


def test_fit_from_a_generator_function() -> None:
    texts = iter(["one two", "two", None])
    tok = rkeras.text_tokenizer()
    rkeras.fit_text_tokenizer(tok, lambda: next(texts))  # called until it returns NULL
    assert tok.word_index == {"two": 1, "one": 2} and tok.document_count == 2


def test_same_as_keras_legacy_tokenizer_on_a_random_corpus() -> None:
    from keras.src.legacy.preprocessing.text import Tokenizer as Legacy

    rng = random.Random(7)
    vocab = [f"w{i}" for i in range(40)] + ["Big", "big,", "x.y"]
    corpus = [" ".join(rng.choice(vocab) for _ in range(rng.randint(0, 12))) for _ in range(30)]
    for kwargs in ({}, {"num_words": 10}, {"num_words": 10, "oov_token": "<oov>"}, {"char_level": True}):
        ours, theirs = rkeras.text_tokenizer(**kwargs), Legacy(**kwargs)
        rkeras.fit_text_tokenizer(ours, corpus)
        theirs.fit_on_texts(corpus)
        assert ours.word_index == theirs.word_index and list(ours.word_index) == list(theirs.word_index)
        assert dict(ours.word_counts) == dict(theirs.word_counts)
        assert rkeras.texts_to_sequences(ours, corpus) == theirs.texts_to_sequences(corpus)
        for mode in ("binary", "count", "tfidf", "freq"):
            np.testing.assert_allclose(rkeras.texts_to_matrix(ours, corpus, mode=mode),
                                       theirs.texts_to_matrix(corpus, mode=mode))
        assert ours.sequences_to_texts([[1, 2, 3]]) == theirs.sequences_to_texts([[1, 2, 3]])


def test_text_to_word_sequence_and_hashing() -> None:
    assert rkeras.text_to_word_sequence("Hello, World!  Again\tand\nagain") == \
        ["hello", "world", "again", "and", "again"]
    assert rkeras.text_to_word_sequence("a-B", filters="", lower=False, split="-") == ["a", "B"]
    md5 = rkeras.text_hashing_trick("The cat. the DOG", 7, hash_function="md5")
    by_hand = [int(hashlib.md5(w.encode()).hexdigest(), 16) % 6 + 1 for w in ("the", "cat", "the", "dog")]
    assert md5 == by_hand and md5[0] == md5[2] and all(1 <= i <= 6 for i in md5)
    assert rkeras.text_hashing_trick("a b c", 5, hash_function=lambda w: ord(w)) == \
        [ord("a") % 4 + 1, ord("b") % 4 + 1, ord("c") % 4 + 1]
    assert rkeras.text_hashing_trick("a b a", 100) == [hash(w) % 99 + 1 for w in ("a", "b", "a")]
    assert math.isnan(rkeras.text_hashing_trick(None, 10))  # NA in, NA out
    with pytest.raises(RKerasError, match=r"^text_hashing_trick\(\): `text` should be length 1"):
        rkeras.text_hashing_trick(["a", "b"], 10)
    with pytest.raises(RKerasError, match=r"^text_hashing_trick\(\): `n` must be a whole number >= 2"):
        rkeras.text_hashing_trick("a", 1)
    with pytest.raises(RKerasError, match=r"`hash_function` must be NULL, \"md5\""):
        rkeras.text_hashing_trick("a", 10, hash_function="sha1")
    assert rkeras.text_one_hot("x y x", 50) == [hash("x") % 49 + 1, hash("y") % 49 + 1, hash("x") % 49 + 1]
    with pytest.warns(UserWarning, match="`text` is deprecated"):
        assert rkeras.text_one_hot(n=50, text="x") == [hash("x") % 49 + 1]
    with pytest.raises(RKerasError, match=r"^text_one_hot\(\): `input_text` and `text`"):
        rkeras.text_one_hot("a", 5, text="b")


def test_skipgrams_positive_pairs_by_hand() -> None:
    sg = rkeras.skipgrams([1.0, 2.0, 3.0], 4, window_size=1, negative_samples=0, shuffle=False)
    assert sg == {"couples": [[1, 2], [2, 1], [2, 3], [3, 2]], "labels": [1, 1, 1, 1]}
    sg = rkeras.skipgrams([0, 1, 0, 2], 3, window_size=2, negative_samples=0, shuffle=False, categorical=True)
    assert sg == {"couples": [[1, 2], [2, 1]], "labels": [[0, 1], [0, 1]]}  # index 0 is skipped


def test_skipgrams_negative_samples_and_seeded_shuffle() -> None:
    seq = [1, 2, 3, 4, 2]
    random.seed(3)
    got = rkeras.skipgrams(seq, 10, window_size=1, negative_samples=1.5, shuffle=True, seed=11)
    # the same algorithm by hand, from the same random state
    random.seed(3)
    pos = [[1, 2], [2, 1], [2, 3], [3, 2], [3, 4], [4, 3], [4, 2], [2, 4]]
    words = [c[0] for c in pos]
    random.shuffle(words)
    neg = [[words[i % len(words)], random.randint(1, 9)] for i in range(int(len(pos) * 1.5))]
    couples, labels = pos + neg, [1] * len(pos) + [0] * len(neg)
    random.seed(11)
    random.shuffle(couples)
    random.seed(11)
    random.shuffle(labels)
    assert got == {"couples": couples, "labels": labels}
    assert len(got["couples"]) == 8 + 12 and sum(got["labels"]) == 8
    assert all(1 <= c[1] <= 9 for c in got["couples"])
    # the shuffle alone is fixed by `seed`: without negatives no other randomness is used
    a = rkeras.skipgrams(seq, 10, window_size=1, negative_samples=0, seed=5)
    b = rkeras.skipgrams(seq, 10, window_size=1, negative_samples=0, seed=5)
    assert a == b and sorted(a["couples"]) == sorted(pos)


def test_skipgrams_with_sampling_table() -> None:
    table = [0.0, 1.0, 0.0, 1.0]  # keep words 1 and 3 only (as the first word of a pair)
    sg = rkeras.skipgrams([1, 2, 3], 4, window_size=1, negative_samples=0, shuffle=False,
                          sampling_table=table)
    assert sg["couples"] == [[1, 2], [3, 2]]
    with pytest.raises(RKerasError, match=r"^skipgrams\(\): `sampling_table` has 2 elements"):
        rkeras.skipgrams([1, 2, 3], 4, sampling_table=[1.0, 1.0])


def test_make_sampling_table_formula() -> None:
    table = rkeras.make_sampling_table(5.0, sampling_factor=1e-3)
    rank = np.array([1, 1, 2, 3, 4], dtype=float)
    inv_fq = rank * (np.log(rank) + 0.577) + 0.5 - 1 / (12 * rank)
    np.testing.assert_allclose(table, np.minimum(1, np.sqrt(1e-3 * inv_fq)))
    assert rkeras.make_sampling_table(3)[2] == pytest.approx(math.sqrt(1e-5 * (2 * (math.log(2) + 0.577)
                                                                              + 0.5 - 1 / 24)))
    from keras.src.legacy.preprocessing.sequence import make_sampling_table

    np.testing.assert_allclose(rkeras.make_sampling_table(100), make_sampling_table(100))


def test_save_and_load_tokenizer(tmp_path: Path) -> None:
    tok = _fitted(num_words=6, oov_token="<unk>")
    path = tmp_path / "tok.pickle"
    assert rkeras.save_text_tokenizer(tok, str(path)) is tok
    assert not [p for p in tmp_path.iterdir() if p.name != "tok.pickle"]  # no partial file left
    back = rkeras.load_text_tokenizer(str(path))
    assert back.word_index == tok.word_index and back.num_words == 6 and back.oov_token == "<unk>"
    assert rkeras.texts_to_sequences(back, TEXTS) == rkeras.texts_to_sequences(tok, TEXTS)
    with pytest.raises(RKerasError, match=r"^save_text_tokenizer\(\): `filename` .* already exists"):
        rkeras.save_text_tokenizer(tok, str(path))
    rkeras.fit_text_tokenizer(tok, "zebra zebra zebra zebra zebra")
    rkeras.save_text_tokenizer(tok, str(path), overwrite=True)
    assert rkeras.load_text_tokenizer(str(path)).word_index["zebra"] == 2
    evil = tmp_path / "evil.pickle"
    evil.write_bytes(pickle.dumps(types.SimpleNamespace(a=1)))
    with pytest.raises(RKerasError, match=r"^load_text_tokenizer\(\): .* is not a saved text tokenizer"):
        rkeras.load_text_tokenizer(str(evil))
    with pytest.raises(RKerasError, match="does not exist"):
        rkeras.load_text_tokenizer(str(tmp_path / "missing"))


def test_load_a_keras2_pickled_tokenizer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file keras 2.x's save_text_tokenizer() wrote: a pickled keras_preprocessing Tokenizer."""
    from keras.src.legacy.preprocessing.text import Tokenizer as Legacy

    module = types.ModuleType("keras_preprocessing.text")

    class Tokenizer(Legacy):  # the class keras 2.x pickled, under its module name
        pass

    Tokenizer.__module__ = "keras_preprocessing.text"
    Tokenizer.__qualname__ = "Tokenizer"
    module.Tokenizer = Tokenizer  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "keras_preprocessing", types.ModuleType("keras_preprocessing"))
    monkeypatch.setitem(sys.modules, "keras_preprocessing.text", module)
    old = Tokenizer(num_words=5)
    old.fit_on_texts(TEXTS)
    path = tmp_path / "keras2.pickle"
    path.write_bytes(pickle.dumps(old, protocol=pickle.HIGHEST_PROTOCOL))
    monkeypatch.delitem(sys.modules, "keras_preprocessing.text")
    back = rkeras.load_text_tokenizer(str(path))
    assert isinstance(back, TokenizerClass) and back.word_index == WORD_INDEX
    assert rkeras.texts_to_sequences(back, TEXTS) == old.texts_to_sequences(TEXTS)


def test_bad_input_errors_name_the_function() -> None:
    with pytest.raises(RKerasError, match=r"^text_tokenizer\(\): `num_words` must be a whole number >= 1"):
        rkeras.text_tokenizer(num_words=2.5)
    with pytest.raises(RKerasError, match=r"^texts_to_sequences\(\): `tokenizer` must be a tokenizer"):
        rkeras.texts_to_sequences("not a tokenizer", ["a"])
    with pytest.raises(RKerasError, match=r"^fit_text_tokenizer\(\): `object` must be a tokenizer"):
        rkeras.fit_text_tokenizer(None, ["a"])
    with pytest.raises(RKerasError, match=r"^text_to_word_sequence\(\): `text` must be a character string"):
        rkeras.text_to_word_sequence(3)

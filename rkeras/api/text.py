"""keras 2.x's text and sequence preprocessing, which Keras 3 removed, in plain Python.

The functions behind keras 2.x's ``text_tokenizer()`` family, ``text_one_hot()``,
``text_hashing_trick()``, ``text_to_word_sequence()``, ``skipgrams()`` and
``make_sampling_table()``, with keras 2.x's behaviour (``keras_preprocessing`` 1.1): a
tokenizer's ``word_index`` ranks words by count, ties in order of first occurrence, from 1
(index 0 is never a word); ``num_words`` limits the indices only when texts are converted;
``texts_to_matrix(mode = "tfidf")`` weighs a word ``(1 + log(count)) * log(1 + documents / (1 +
documents with the word))``. Sequences and indices are keras 2.x's (0 is padding), not 1-based R
positions.

The tokenizer is a Python object; from R it is a handle whose fields read as in keras 2.x:
``tokenizer$word_index``, ``tokenizer$word_counts``, ``tokenizer$index_word`` (named lists),
``tokenizer$document_count``. ``save_text_tokenizer()`` writes it atomically (a pickle, as keras
2.x); ``load_text_tokenizer()`` reads rkeras's files and keras 2.x's (the pickled
``keras_preprocessing`` tokenizer), unpickling nothing but a tokenizer.

Importing this module does not import Keras.
"""

from __future__ import annotations

import hashlib
import math
import numbers
import os
import pickle
import random
import warnings
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import RKerasError, arg_error, describe

# keras 2.x's default text filters: punctuation, tabs and line breaks.
FILTERS = '!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n'
MODES = ("binary", "count", "tfidf", "freq")


# =========================================================================== helpers


def match_arg(fn: str, arg: str, value: Any, choices: tuple[str, ...]) -> str:
    """R's ``match.arg()``: the whole choice vector (the R default) is its first element; a single
    string matches a choice exactly or as a unique prefix."""
    if isinstance(value, (list, tuple)) and list(value) == list(choices):
        return choices[0]
    if isinstance(value, (list, tuple)) and len(value) == 1:
        value = value[0]
    if isinstance(value, str):
        if value in choices:
            return value
        found = [c for c in choices if value and c.startswith(value)]
        if len(found) == 1:
            return found[0]
    raise arg_error(fn, arg, "one of " + ", ".join(f'"{c}"' for c in choices), value)


def _string(fn: str, arg: str, value: Any) -> str:
    """One character string (R's length-1 character vector)."""
    if isinstance(value, (list, tuple, np.ndarray)) and np.size(value) == 1:
        value = np.asarray(value, dtype=object).reshape(-1)[0]
    if isinstance(value, np.str_):
        value = str(value)
    if not isinstance(value, str):
        raise arg_error(fn, arg, "a character string", value)
    return value


def _split_arg(fn: str, split: Any) -> str:
    split = _string(fn, "split", split)
    if not split:
        raise arg_error(fn, "split", "a non-empty character string", split)
    return split


def _filters_arg(fn: str, filters: Any) -> str:
    return "" if filters is None else _string(fn, "filters", filters)


def _whole(fn: str, arg: str, value: Any, minimum: int, *, allow_none: bool = False) -> Any:
    if value is None and allow_none:
        return None
    if isinstance(value, (list, tuple, np.ndarray)) and np.size(value) == 1:
        value = np.asarray(value).reshape(-1)[0].item()
    ok = isinstance(value, numbers.Real) and not isinstance(value, bool) and not (
        isinstance(value, float) and (math.isnan(value) or not value.is_integer()))
    if not ok or int(value) < minimum:
        expected = f"a whole number >= {minimum}" + (" or NULL" if allow_none else "")
        raise arg_error(fn, arg, expected, value)
    return int(value)


def _words(text: str, filters: str, lower: bool, split: str) -> list[str]:
    """keras 2.x's text_to_word_sequence: lower-case, every filter character becomes ``split``,
    split on ``split``, drop empty strings."""
    if lower:
        text = text.lower()
    text = text.translate(str.maketrans({c: split for c in filters}))
    return [w for w in text.split(split) if w]


def words_of(fn: str, text: Any, filters: Any, lower: Any, split: Any, arg: str = "text") -> list[str]:
    """The words of one text argument, its errors naming ``fn``."""
    return _words(_string(fn, arg, text), _filters_arg(fn, filters), bool(lower), _split_arg(fn, split))


def _texts(fn: str, texts: Any) -> list[Any]:
    """A character vector (one string counts as one text) or a list of texts as a list."""
    if isinstance(texts, (str, np.str_)):
        return [str(texts)]
    if isinstance(texts, np.ndarray):
        return [str(t) if isinstance(t, np.str_) else t for t in texts.reshape(-1).tolist()]
    if isinstance(texts, (list, tuple)):
        return list(texts)
    raise arg_error(fn, "texts", "a character vector of texts", texts)


# =========================================================================== text functions


def text_to_word_sequence(
    text: Any, filters: Any = FILTERS, lower: bool = True, split: Any = " "
) -> list[str]:
    """Split a text into a sequence of words (keras 2.x).

    The text is lower-cased (when ``lower``), every character of ``filters`` is replaced by
    ``split``, and the text is split on ``split``; empty words are dropped.

    Args:
        text: A character string.
        filters: The characters to remove (punctuation, tabs and line breaks by default).
        lower: Whether to lower-case the text first.
        split: The word separator.

    Returns:
        A character vector of words.
    """
    return words_of("text_to_word_sequence", text, filters, lower, split)


def _hasher(fn: str, hash_function: Any) -> Callable[[str], int]:
    if hash_function is None:
        return hash
    if isinstance(hash_function, str):
        if hash_function == "md5":
            return lambda w: int(hashlib.md5(w.encode()).hexdigest(), 16)
        raise arg_error(fn, "hash_function", 'NULL, "md5" or a function of a word', hash_function)
    if callable(hash_function):
        def call(word: str) -> int:
            value = hash_function(word)
            if isinstance(value, (list, tuple, np.ndarray)) and np.size(value) == 1:
                value = np.asarray(value).reshape(-1)[0].item()
            if isinstance(value, bool) or not isinstance(value, numbers.Real) or \
                    (isinstance(value, float) and not value.is_integer()):
                raise RKerasError(f"`hash_function` must return a whole number for a word, got "
                                  f"{describe(value)} for {word!r}", fn=fn, arg="hash_function")
            return int(value)
        return call
    raise arg_error(fn, "hash_function", 'NULL, "md5" or a function of a word', hash_function)


def text_hashing_trick(
    text: Any,
    n: Any,
    hash_function: Any = None,
    filters: Any = FILTERS,
    lower: bool = True,
    split: Any = " ",
) -> Any:
    """Each word of a text as an index in ``1..(n - 1)`` by hashing (keras 2.x).

    The words of ``text_to_word_sequence(text, filters, lower, split)`` become
    ``hash(word) %% (n - 1) + 1``, so 0 is never an index. Different words may get the same index.

    Args:
        text: A character string (an ``NA`` string gives ``NA``).
        n: The size of the hashing space: indices are in ``1..(n - 1)``.
        hash_function: ``NULL`` for Python's ``hash`` (as keras 2.x; it changes from one session to
            the next unless ``PYTHONHASHSEED`` is set), ``"md5"`` for a hash that is the same in every
            session, or a function of a word returning a whole number.
        filters: The characters to remove.
        lower: Whether to lower-case the text first.
        split: The word separator.

    Returns:
        An integer vector of indices.
    """
    fn = "text_hashing_trick"
    if isinstance(text, (list, tuple, np.ndarray)) and np.size(text) != 1:
        raise RKerasError(f"`text` should be length 1, got {describe(text)}", fn=fn, arg="text")
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return math.nan
    n = _whole(fn, "n", n, 2)
    hasher = _hasher(fn, hash_function)
    words = words_of(fn, text, filters, lower, split)
    return [hasher(w) % (n - 1) + 1 for w in words]


def text_one_hot(
    input_text: Any = None,
    n: Any = None,
    filters: Any = FILTERS,
    lower: bool = True,
    split: Any = " ",
    text: Any = None,
) -> Any:
    """Each word of a text as an index in ``1..(n - 1)``, by Python's ``hash`` (keras 2.x).

    ``text_hashing_trick(input_text, n, hash_function = NULL, ...)``: indices differ between
    sessions unless ``PYTHONHASHSEED`` is set; ``text_hashing_trick(hash_function = "md5")`` gives
    the same indices in every session.

    Args:
        input_text: A character string.
        n: The size of the vocabulary: indices are in ``1..(n - 1)``.
        filters: The characters to remove.
        lower: Whether to lower-case the text first.
        split: The word separator.
        text: Deprecated name of ``input_text`` (a warning).

    Returns:
        An integer vector of indices.
    """
    fn = "text_one_hot"
    if text is not None:
        if input_text is not None:
            raise RKerasError("`input_text` and `text` must not both be given", fn=fn, arg="text")
        warnings.warn("text_one_hot(): `text` is deprecated; use `input_text` instead", stacklevel=2)
        input_text = text
    if input_text is None:
        raise RKerasError("`input_text` is missing: give the text to encode", fn=fn, arg="input_text")
    if n is None:
        raise RKerasError("`n` is missing: give the vocabulary size", fn=fn, arg="n")
    n = _whole(fn, "n", n, 2)
    words = words_of(fn, input_text, filters, lower, split, arg="input_text")
    return [hash(w) % (n - 1) + 1 for w in words]


# =========================================================================== the tokenizer


class Tokenizer:
    """keras 2.x's text tokenizer (``keras_preprocessing.text.Tokenizer``), which Keras 3 removed.

    ``fit_on_texts(texts)`` counts words and (re)builds ``word_index`` (word -> rank: 1 is the
    most frequent, ties in order of first occurrence; the ``oov_token``, if any, is 1);
    ``texts_to_sequences(texts)`` gives lists of those indices, keeping only indices below
    ``num_words``; ``texts_to_matrix(texts, mode)`` gives a ``(len(texts), num_words)`` matrix
    (``mode``: "binary", "count", "tfidf" or "freq"). A single string counts as one text.
    """

    def __init__(
        self,
        num_words: Any = None,
        filters: Any = FILTERS,
        lower: bool = True,
        split: Any = " ",
        char_level: bool = False,
        oov_token: Any = None,
        analyzer: Callable[[str], list[str]] | None = None,
        document_count: int = 0,
    ) -> None:
        fn = "text_tokenizer"
        self.num_words = _whole(fn, "num_words", num_words, 1, allow_none=True)
        self.filters = _filters_arg(fn, filters)
        self.split = _split_arg(fn, split)
        self.lower = bool(lower)
        self.char_level = bool(char_level)
        self.oov_token = None if oov_token is None else _string(fn, "oov_token", oov_token)
        self.analyzer = analyzer
        self.document_count = int(document_count)
        self.word_counts: OrderedDict[str, int] = OrderedDict()
        self.word_docs: defaultdict[str, int] = defaultdict(int)
        self.index_docs: defaultdict[int, int] = defaultdict(int)
        self.word_index: dict[str, int] = {}
        self.index_word: dict[int, str] = {}

    def __repr__(self) -> str:
        return (f"<Tokenizer: {len(self.word_index)} words from {self.document_count} texts, "
                f"num_words = {self.num_words}>")

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "analyzer": None}  # a custom analyzer (a function) is not saved

    def __setstate__(self, state: dict[str, Any]) -> None:  # older keras 2.x pickles lack these two
        self.__dict__.update({"analyzer": None, "index_word": {}, **state})
        if not self.index_word and self.word_index:
            self.index_word = {i: w for w, i in self.word_index.items()}

    def _sequence(self, text: Any) -> list[Any]:
        if self.char_level or isinstance(text, list):
            if self.lower:
                text = [t.lower() for t in text] if isinstance(text, list) else text.lower()
            return list(text)
        if self.analyzer is not None:
            return list(self.analyzer(text))
        if not isinstance(text, str):
            raise arg_error("fit_text_tokenizer", "x", "texts (character strings)", text)
        return _words(text, self.filters, self.lower, self.split)

    def fit_on_texts(self, texts: Any) -> None:
        """Count the words of ``texts`` and rebuild ``word_index`` (in place, as keras 2.x)."""
        for text in _texts("fit_text_tokenizer", texts) if not isinstance(texts, Iterator) else texts:
            self.document_count += 1
            seq = self._sequence(text)
            for w in seq:
                self.word_counts[w] = self.word_counts.get(w, 0) + 1
            for w in set(seq):
                self.word_docs[w] += 1
        ranked = sorted(self.word_counts.items(), key=lambda wc: wc[1], reverse=True)  # stable sort
        vocab = ([self.oov_token] if self.oov_token is not None else []) + [w for w, _ in ranked]
        self.word_index = dict(zip(vocab, range(1, len(vocab) + 1), strict=True))
        self.index_word = {i: w for w, i in self.word_index.items()}
        for w, c in self.word_docs.items():
            self.index_docs[self.word_index[w]] = c

    def fit_on_sequences(self, sequences: Any) -> None:
        """Count in how many sequences each index occurs (what ``mode = "tfidf"`` needs)."""
        seqs = [_index_list("fit_text_tokenizer", "x", s) for s in sequences]
        self.document_count += len(seqs)
        for seq in seqs:
            for i in set(seq):
                self.index_docs[i] += 1

    def texts_to_sequences_generator(self, texts: Any) -> Iterator[list[int]]:
        """One list of word indices per text, lazily."""
        texts = _texts("texts_to_sequences_generator", texts)
        num_words = self.num_words
        oov = self.word_index.get(self.oov_token) if self.oov_token is not None else None
        for text in texts:
            vect = []
            for w in self._sequence(text):
                i = self.word_index.get(w)
                if i is not None:
                    if num_words and i >= num_words:
                        if oov is not None:
                            vect.append(oov)
                    else:
                        vect.append(i)
                elif self.oov_token is not None:
                    vect.append(oov)
            yield vect

    def texts_to_sequences(self, texts: Any) -> list[list[int]]:
        """Each text as a list of word indices (words not in ``word_index``, or ranked at or above
        ``num_words``, are dropped, or become the ``oov_token``'s index)."""
        return list(self.texts_to_sequences_generator(texts))

    def sequences_to_texts(self, sequences: Any) -> list[str]:
        """Index sequences back to space-separated words."""
        num_words = self.num_words
        oov = self.word_index.get(self.oov_token) if self.oov_token is not None else None
        out = []
        for seq in sequences:
            words = []
            for i in _index_list("sequences_to_texts", "sequences", seq):
                word = self.index_word.get(i)
                if word is not None:
                    if num_words and i >= num_words:
                        if oov is not None:
                            words.append(self.index_word[oov])
                    else:
                        words.append(word)
                elif self.oov_token is not None and oov is not None:
                    words.append(self.index_word[oov])
            out.append(" ".join(words))
        return out

    def texts_to_matrix(self, texts: Any, mode: str = "binary") -> np.ndarray:
        """A ``(len(texts), num_words)`` matrix; ``mode``: "binary", "count", "tfidf" or "freq"."""
        return self.sequences_to_matrix(self.texts_to_sequences(texts), mode=mode)

    def sequences_to_matrix(self, sequences: Any, mode: str = "binary", fn: str = "sequences_to_matrix") \
            -> np.ndarray:
        """Index sequences as a ``(len(sequences), num_words)`` matrix (column 0 is never used)."""
        mode = match_arg(fn, "mode", mode, MODES)
        if self.num_words:
            num_words = self.num_words
        elif self.word_index:
            num_words = len(self.word_index) + 1
        else:
            raise RKerasError("give the tokenizer `num_words`, or fit it on some texts first", fn=fn,
                              arg="tokenizer")
        if mode == "tfidf" and not self.document_count:
            raise RKerasError('fit the tokenizer on some texts before using mode = "tfidf"', fn=fn,
                              arg="mode")
        seqs = [_index_list(fn, "sequences", s) for s in sequences]
        x = np.zeros((len(seqs), num_words))
        for i, seq in enumerate(seqs):
            if not seq:
                continue
            counts: defaultdict[int, int] = defaultdict(int)
            for j in seq:
                if j < num_words:
                    counts[j] += 1
            for j, c in counts.items():
                if mode == "count":
                    x[i, j] = c
                elif mode == "freq":
                    x[i, j] = c / len(seq)
                elif mode == "binary":
                    x[i, j] = 1
                else:  # tf-idf, weighting scheme 2: (1 + log tf) * log(1 + N / (1 + df))
                    tf = 1 + np.log(c)
                    idf = np.log(1 + self.document_count / (1 + self.index_docs.get(j, 0)))
                    x[i, j] = tf * idf
        return x

    def get_config(self) -> dict[str, Any]:
        """The settings and the counts, as keras 2.x's ``get_config()`` (counts as plain dicts)."""
        return {
            "num_words": self.num_words,
            "filters": self.filters,
            "lower": self.lower,
            "split": self.split,
            "char_level": self.char_level,
            "oov_token": self.oov_token,
            "document_count": self.document_count,
            "word_counts": dict(self.word_counts),
            "word_docs": dict(self.word_docs),
            "index_docs": {str(k): v for k, v in self.index_docs.items()},
            "index_word": {str(k): v for k, v in self.index_word.items()},
            "word_index": dict(self.word_index),
        }


def _index_list(fn: str, arg: str, seq: Any) -> list[int]:
    """One sequence of word indices: R sends a length-1 vector as a scalar and doubles as floats."""
    if seq is None:
        return []
    items = np.asarray(seq).reshape(-1).tolist() if not isinstance(seq, (list, tuple)) else list(seq)
    out = []
    for v in items:
        if isinstance(v, bool) or not isinstance(v, numbers.Real) or \
                (isinstance(v, float) and (math.isnan(v) or not v.is_integer())) or v < 0:
            raise arg_error(fn, arg, "sequences of word indices (whole numbers >= 0)", seq)
        out.append(int(v))
    return out


def _tokenizer_arg(fn: str, arg: str, value: Any) -> Tokenizer:
    if not isinstance(value, Tokenizer):
        raise arg_error(fn, arg, "a tokenizer from text_tokenizer()", value)
    return value


def text_tokenizer(
    num_words: Any = None,
    filters: Any = FILTERS,
    lower: bool = True,
    split: Any = " ",
    char_level: bool = False,
    oov_token: Any = None,
) -> Tokenizer:
    """A text tokenizer (keras 2.x): fit it with ``fit_text_tokenizer()``, then turn texts into
    sequences of word indices (``texts_to_sequences()``) or matrices (``texts_to_matrix()``).

    Its fields read as in keras 2.x: ``tokenizer$word_index`` (word -> index, 1 = the most
    frequent word), ``tokenizer$index_word``, ``tokenizer$word_counts`` (in order of first
    occurrence), ``tokenizer$word_docs``, ``tokenizer$document_count``.

    Args:
        num_words: ``NULL`` or the number of indices the conversions keep: only words ranked below
            ``num_words`` (that is, the ``num_words - 1`` most frequent) are used. Fitting always
            ranks every word.
        filters: The characters removed from the texts (punctuation, tabs and line breaks by default).
        lower: Whether to lower-case the texts.
        split: The word separator.
        char_level: Whether every character is a token.
        oov_token: ``NULL`` or a token that gets index 1 and stands for every word not in
            ``word_index`` (or ranked at or above ``num_words``) in the conversions.

    Returns:
        A tokenizer (changed in place by ``fit_text_tokenizer()``).
    """
    return Tokenizer(num_words=num_words, filters=filters, lower=lower, split=split,
                     char_level=char_level, oov_token=oov_token)


def _is_sequence_list(x: list[Any]) -> bool:
    """An R list of index vectors (fit_on_sequences) rather than texts."""
    return bool(x) and all(not isinstance(v, (str, np.str_)) for v in x)


def _generated_texts(fn: str, x: Callable[[], Any]) -> Iterator[str]:
    """Texts from a generator function, one (or a vector of them) per call, until it returns NULL."""
    while True:
        value = x()
        if value is None:
            return
        yield from _texts(fn, value)


def fit_text_tokenizer(object: Any, x: Any) -> Tokenizer:  # noqa: A002 - R's argument name
    """Update a tokenizer's vocabulary from texts (keras 2.x; the tokenizer changes in place).

    Args:
        object: A tokenizer from ``text_tokenizer()``.
        x: A character vector of texts; a function returning texts on each call and ``NULL`` when
            done; or a list of integer sequences (then only the document counts that
            ``mode = "tfidf"`` uses are updated).

    Returns:
        The tokenizer, invisibly.
    """
    fn = "fit_text_tokenizer"
    tokenizer = _tokenizer_arg(fn, "object", object)
    if callable(x) and not isinstance(x, (str, list, tuple, np.ndarray)):
        tokenizer.fit_on_texts(_generated_texts(fn, x))
    elif isinstance(x, (list, tuple)) and _is_sequence_list(list(x)):
        tokenizer.fit_on_sequences(list(x))
    else:
        tokenizer.fit_on_texts(_texts(fn, x))
    return tokenizer


def texts_to_sequences(tokenizer: Any, texts: Any) -> list[list[int]]:
    """Each text as a sequence of word indices (keras 2.x).

    Words not in the tokenizer's ``word_index``, or ranked at or above its ``num_words``, are
    dropped (or become the ``oov_token``'s index, 1).

    Args:
        tokenizer: A fitted tokenizer.
        texts: A character vector of texts.

    Returns:
        A list of integer vectors, one per text.
    """
    tok = _tokenizer_arg("texts_to_sequences", "tokenizer", tokenizer)
    return tok.texts_to_sequences(_texts("texts_to_sequences", texts))


def texts_to_sequences_generator(tokenizer: Any, texts: Any) -> Iterator[list[int]]:
    """The sequences of ``texts_to_sequences()``, one per ``generator_next()`` call (keras 2.x).

    Args:
        tokenizer: A fitted tokenizer.
        texts: A character vector of texts.

    Returns:
        A Python iterator: ``generator_next()`` returns the next text's integer vector.
    """
    tok = _tokenizer_arg("texts_to_sequences_generator", "tokenizer", tokenizer)
    return tok.texts_to_sequences_generator(_texts("texts_to_sequences_generator", texts))


def texts_to_matrix(tokenizer: Any, texts: Any, mode: Any = MODES) -> np.ndarray:
    """Texts as a matrix with one row per text and one column per word index (keras 2.x).

    Column ``j + 1`` is word index ``j`` (column 1, index 0, is always 0). The number of columns is
    the tokenizer's ``num_words``, or the vocabulary size + 1.

    Args:
        tokenizer: A fitted tokenizer.
        texts: A character vector of texts.
        mode: ``"binary"`` (1 where the word occurs), ``"count"`` (how often), ``"freq"`` (count /
            the text's length in kept words) or ``"tfidf"`` (``(1 + log(count)) * log(1 +
            document_count / (1 + documents containing the word))``).

    Returns:
        A numeric matrix.
    """
    fn = "texts_to_matrix"
    tok = _tokenizer_arg(fn, "tokenizer", tokenizer)
    mode = match_arg(fn, "mode", mode, MODES)
    return tok.sequences_to_matrix(tok.texts_to_sequences(_texts(fn, texts)), mode=mode, fn=fn)


def sequences_to_matrix(tokenizer: Any, sequences: Any, mode: Any = MODES) -> np.ndarray:
    """Sequences of word indices as a matrix, one row per sequence (keras 2.x).

    Args:
        tokenizer: A tokenizer (fitted, or with ``num_words``).
        sequences: A list of integer vectors (word indices, 0-based as keras 2.x's).
        mode: ``"binary"``, ``"count"``, ``"freq"`` or ``"tfidf"`` (see ``texts_to_matrix()``).

    Returns:
        A numeric matrix with ``num_words`` columns (column ``j + 1`` is index ``j``).
    """
    fn = "sequences_to_matrix"
    tok = _tokenizer_arg(fn, "tokenizer", tokenizer)
    if not isinstance(sequences, (list, tuple)):
        sequences = [sequences]  # one R vector: one sequence
    return tok.sequences_to_matrix(list(sequences), mode=match_arg(fn, "mode", mode, MODES), fn=fn)


# =========================================================================== saving


class _TokenizerUnpickler(pickle.Unpickler):
    """Unpickles a tokenizer and the containers it holds, nothing else: rkeras's and keras 2.x's
    (``keras_preprocessing.text.Tokenizer``, also reached as ``keras.preprocessing.text``)."""

    _TOKENIZERS = frozenset({
        ("rkeras.api.text", "Tokenizer"),
        ("keras_preprocessing.text", "Tokenizer"),
        ("keras.preprocessing.text", "Tokenizer"),
        ("keras.src.preprocessing.text", "Tokenizer"),
        ("tensorflow.python.keras.preprocessing.text", "Tokenizer"),
        ("keras.src.legacy.preprocessing.text", "Tokenizer"),
    })
    _SAFE = frozenset({("collections", "OrderedDict"), ("collections", "defaultdict"),
                       ("builtins", "int"), ("builtins", "dict"), ("builtins", "list")})

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in self._TOKENIZERS:
            return Tokenizer
        if (module, name) in self._SAFE:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"not a text tokenizer file: it holds a {module}.{name}")


def _file_arg(fn: str, filename: Any) -> Path:
    if not isinstance(filename, (str, os.PathLike)) and not (
            isinstance(filename, (list, tuple)) and len(filename) == 1 and isinstance(filename[0], str)):
        raise arg_error(fn, "filename", "a file path (character string)", filename)
    return Path(filename[0] if isinstance(filename, (list, tuple)) else filename).expanduser()


def save_text_tokenizer(object: Any, filename: Any, overwrite: bool = False) -> Tokenizer:  # noqa: A002
    """Save a tokenizer to a file (keras 2.x: a pickle), atomically.

    The file is written beside its target and renamed into place once complete, so a failed save
    leaves no partial file.

    Args:
        object: A tokenizer from ``text_tokenizer()``.
        filename: The file to write.
        overwrite: Whether to replace an existing file.

    Returns:
        The tokenizer, invisibly.
    """
    from .saving import atomic_target

    fn = "save_text_tokenizer"
    tokenizer = _tokenizer_arg(fn, "object", object)
    path = _file_arg(fn, filename)
    if path.exists() and not overwrite:
        raise RKerasError(f"`filename` {str(path)!r} already exists; pass overwrite = TRUE to replace it",
                          fn=fn, arg="filename")
    if not path.parent.is_dir():
        raise arg_error(fn, "filename", "a path in an existing folder", str(path))
    with atomic_target(path) as tmp, tmp.open("wb") as fh:
        pickle.dump(tokenizer, fh, protocol=4)
    return tokenizer


def load_text_tokenizer(filename: Any) -> Tokenizer:
    """Load a tokenizer saved by ``save_text_tokenizer()`` (rkeras's or keras 2.x's).

    Only a tokenizer is unpickled: a file that holds other Python objects is an error.

    Args:
        filename: The file to read.

    Returns:
        The tokenizer.
    """
    fn = "load_text_tokenizer"
    path = _file_arg(fn, filename)
    if not path.is_file():
        raise RKerasError(f"`filename` {str(path)!r} does not exist", fn=fn, arg="filename")
    try:
        with path.open("rb") as fh:
            obj = _TokenizerUnpickler(fh).load()
    except (pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError) as err:
        raise RKerasError(f"{str(path)!r} is not a saved text tokenizer: {err}", fn=fn,
                          arg="filename") from None
    if not isinstance(obj, Tokenizer):
        raise RKerasError(f"{str(path)!r} is not a saved text tokenizer (it holds {describe(obj)})",
                          fn=fn, arg="filename")
    return obj


# =========================================================================== skip-grams


def make_sampling_table(size: Any, sampling_factor: Any = 1e-05) -> np.ndarray:
    """A word-rank based sampling table for ``skipgrams()`` (keras 2.x).

    Element ``i + 1`` is the probability of keeping the word of index (rank) ``i``, from Zipf's law:
    ``min(1, sqrt(sampling_factor / frequency(i)))`` where ``1 / frequency(i) ~ i * (log(i) + gamma) +
    1/2 - 1 / (12 * i)`` (``gamma`` = 0.577; index 0 is computed as index 1).

    Args:
        size: The vocabulary size (the table's length).
        sampling_factor: The ``t`` of word2vec's subsampling formula.

    Returns:
        A numeric vector of length ``size``.
    """
    fn = "make_sampling_table"
    size = _whole(fn, "size", size, 1)
    gamma = 0.577
    rank = np.arange(size)
    rank[0] = 1
    inv_fq = rank * (np.log(rank) + gamma) + 0.5 - 1.0 / (12.0 * rank)
    f = float(sampling_factor) * inv_fq
    return np.minimum(1.0, f / np.sqrt(f))


def skipgrams(
    sequence: Any,
    vocabulary_size: Any,
    window_size: Any = 4,
    negative_samples: Any = 1.0,
    shuffle: bool = True,
    categorical: bool = False,
    sampling_table: Any = None,
    seed: Any = None,
) -> dict[str, Any]:
    """Skip-gram word pairs of a sequence of word indices, with negative samples (keras 2.x).

    Every word ``wi`` (index 0 is skipped; with a ``sampling_table`` a word is kept with probability
    ``sampling_table[wi + 1]``) is paired with each non-zero word at most ``window_size`` positions
    away (label 1); then ``floor(pairs * negative_samples)`` pairs of a positive pair's first word,
    in shuffled order, and a random index in ``1..(vocabulary_size - 1)`` are added (label 0).
    With ``shuffle``, pairs and labels are shuffled together; ``seed`` fixes that shuffle. The
    negative words and the sampling come from Python's random generator, which
    ``set_random_seed()`` seeds.

    Args:
        sequence: An integer vector of word indices (0 is padding).
        vocabulary_size: One more than the largest word index.
        window_size: How far apart the two words of a positive pair may be.
        negative_samples: How many negative pairs per positive pair (0: none).
        shuffle: Whether to shuffle the pairs.
        categorical: Labels as ``c(0, 1)`` (positive) / ``c(1, 0)`` (negative) instead of 1 / 0.
        sampling_table: ``NULL`` or a vector from ``make_sampling_table()``.
        seed: ``NULL`` or a whole number fixing the shuffle.

    Returns:
        A list of ``couples`` (a list of ``c(word, context)`` pairs) and ``labels``.
    """
    fn = "skipgrams"
    seq = _index_list(fn, "sequence", sequence)
    vocabulary_size = _whole(fn, "vocabulary_size", vocabulary_size, 2)
    window_size = _whole(fn, "window_size", window_size, 0)
    seed = _whole(fn, "seed", seed, 0, allow_none=True)
    table = None if sampling_table is None else np.asarray(sampling_table, dtype=float).reshape(-1)
    couples: list[list[int]] = []
    labels: list[Any] = []
    for i, wi in enumerate(seq):
        if not wi:
            continue
        if table is not None:
            if wi >= len(table):
                raise RKerasError(f"`sampling_table` has {len(table)} elements, but the sequence has "
                                  f"word index {wi}", fn=fn, arg="sampling_table")
            if table[wi] < random.random():
                continue
        for j in range(max(0, i - window_size), min(len(seq), i + window_size + 1)):
            if j != i and seq[j]:
                couples.append([wi, seq[j]])
                labels.append([0, 1] if categorical else 1)
    negative_samples = float(negative_samples)
    if negative_samples > 0:
        num_negative = int(len(labels) * negative_samples)
        words = [c[0] for c in couples]
        random.shuffle(words)
        couples += [[words[i % len(words)], random.randint(1, vocabulary_size - 1)]
                    for i in range(num_negative)]
        labels += [[1, 0] if categorical else 0 for _ in range(num_negative)]
    if shuffle:
        if seed is None:
            seed = random.randint(0, int(10e6))
        random.seed(seed)
        random.shuffle(couples)
        random.seed(seed)
        random.shuffle(labels)
    return {"couples": couples, "labels": labels}

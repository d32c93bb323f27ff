"""The older R Keras APIs, where their behaviour differs from keras3's: kerasR (:mod:`.kerasr`).

Their rows live beside keras3's in :mod:`rkeras.spec`; this package holds the hand-written
implementations those rows target. It builds on :mod:`rkeras.api`, never the other way round.
"""

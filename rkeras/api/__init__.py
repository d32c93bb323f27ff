"""The R-style API built from the spec: the builder (:mod:`.build`), argument converters
(:mod:`.args`), pipe stages (:mod:`.pipe`) and the hand-written verbs with R semantics
(models, summary, history, saving, arrays, datasets, callbacks, applications).

Nothing here imports rpy2; Keras loads on the first call that needs it (:mod:`._keras`).
"""

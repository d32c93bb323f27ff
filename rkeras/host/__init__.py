"""The R host: embedding R or attaching to a running one (:mod:`.bridge`), the one
dispatcher (:mod:`.dispatch`), conversion of values and handles between R and Python
(:mod:`.convert`), and the R package on disk with its private library (:mod:`.rpackage`).

Only this package imports rpy2 (and only :mod:`.rpackage` may be imported without it).
"""

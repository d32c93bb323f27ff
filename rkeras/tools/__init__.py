"""Developer tools that read the spec and are not needed at run time: the R code generator
(:mod:`.codegen`), the coverage report against the anchors' export lists (:mod:`.coverage`)
and the MNIST demo (:mod:`.demo`).
"""

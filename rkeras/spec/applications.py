"""Spec rows for keras3's ``application_*()`` models and their ImageNet helpers.

Each model row targets its :class:`rkeras.api.applications.Keras3Application`, whose signature is
Keras's own (``keras.applications.<Class>``): the builder's converters give R's shapes and whole
numbers, and ImageNet files come from ``$RKERAS_DATA_DIR`` or the Keras cache (offline, an error
names the missing file). kerasR's ``ResNet50()`` etc. are in :mod:`rkeras.spec.kerasr`.
"""

from __future__ import annotations

from . import Row, facts, lines

# Not imported from rkeras.api (the spec imports nothing heavy and nothing above it): the table is
# checked against api.applications.KERAS3_MODELS by tests/python/test_keras3_applications.py.
# Lines: name [facts]. keras3's EfficientNet B0-B7 take `...` (`last=...`: passed on to Keras, whose
# EfficientNets take no other argument, so one given is an error).
MODEL_LINES = """
application_convnext_base
application_convnext_large
application_convnext_small
application_convnext_tiny
application_convnext_xlarge
application_densenet121
application_densenet169
application_densenet201
application_efficientnet_b0 last=...
application_efficientnet_b1 last=...
application_efficientnet_b2 last=...
application_efficientnet_b3 last=...
application_efficientnet_b4 last=...
application_efficientnet_b5 last=...
application_efficientnet_b6 last=...
application_efficientnet_b7 last=...
application_efficientnet_v2b0
application_efficientnet_v2b1
application_efficientnet_v2b2
application_efficientnet_v2b3
application_efficientnet_v2l
application_efficientnet_v2m
application_efficientnet_v2s
application_inception_resnet_v2
application_inception_v3
application_mobilenet
application_mobilenet_v2
application_mobilenet_v3_large
application_mobilenet_v3_small
application_nasnet_large
application_nasnet_mobile
application_resnet101
application_resnet101_v2
application_resnet152
application_resnet152_v2
application_resnet50
application_resnet50_v2
application_vgg16
application_vgg19
application_xception
"""
MODELS = [words[0] for words in lines(MODEL_LINES)]
# keras3's deprecated spellings (they warn and call the new name; keras3's formals are only `...`,
# forwarded): name  alias of  [facts]
ALIASES = """
application_nasnetlarge application_nasnet_large formals=...
application_nasnetmobile application_nasnet_mobile formals=...
"""
# name [facts]: keras3 puts `...` before data_format, and writes a whole-number `top` as 5
HELPERS = """
application_preprocess_inputs last=data_format
application_decode_predictions
imagenet_preprocess_input
imagenet_decode_predictions formals=preds, top = 5
"""


def rows() -> list[Row]:
    out = [Row(name, f"rkeras.api.applications:{name}", "application", "value", **facts(extra))
           for name, *extra in lines(MODEL_LINES)]
    out += [Row(name, f"rkeras.api.applications:{name}", "application", "value", alias_of=new, **facts(extra))
            for name, new, *extra in lines(ALIASES)]
    out += [Row(name, f"rkeras.api.applications:{name}", "application", "value", **facts(extra))
            for name, *extra in lines(HELPERS)]
    return out

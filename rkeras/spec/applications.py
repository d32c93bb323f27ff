"""Spec rows for keras3's ``application_*()`` models and their ImageNet helpers.

Each model row targets its :class:`rkeras.api.applications.Keras3Application`, whose signature is
Keras's own (``keras.applications.<Class>``): the builder's converters give R's shapes and whole
numbers, and ImageNet files come from ``$RKERAS_DATA_DIR`` or the Keras cache (offline, an error
names the missing file). kerasR's ``ResNet50()`` etc. are in :mod:`rkeras.spec.kerasr`.
"""

from __future__ import annotations

from . import Row, lines

# Not imported from rkeras.api (the spec imports nothing heavy and nothing above it): the table is
# checked against api.applications.KERAS3_MODELS by tests/python/test_keras3_applications.py.
MODELS = """
application_convnext_base application_convnext_large application_convnext_small application_convnext_tiny
application_convnext_xlarge application_densenet121 application_densenet169 application_densenet201
application_efficientnet_b0 application_efficientnet_b1 application_efficientnet_b2
application_efficientnet_b3 application_efficientnet_b4 application_efficientnet_b5
application_efficientnet_b6 application_efficientnet_b7 application_efficientnet_v2b0
application_efficientnet_v2b1 application_efficientnet_v2b2 application_efficientnet_v2b3
application_efficientnet_v2l application_efficientnet_v2m application_efficientnet_v2s
application_inception_resnet_v2 application_inception_v3 application_mobilenet application_mobilenet_v2
application_mobilenet_v3_large application_mobilenet_v3_small application_nasnet_large
application_nasnet_mobile application_resnet101 application_resnet101_v2 application_resnet152
application_resnet152_v2 application_resnet50 application_resnet50_v2 application_vgg16
application_vgg19 application_xception
""".split()
# keras3's deprecated spellings (they warn and call the new name): name  alias of
ALIASES = """
application_nasnetlarge application_nasnet_large
application_nasnetmobile application_nasnet_mobile
"""
HELPERS = """
application_preprocess_inputs application_decode_predictions imagenet_preprocess_input
imagenet_decode_predictions
""".split()


def rows() -> list[Row]:
    out = [Row(name, f"rkeras.api.applications:{name}", "application", "value") for name in MODELS]
    out += [Row(name, f"rkeras.api.applications:{name}", "application", "value", alias_of=new)
            for name, new in lines(ALIASES)]
    out += [Row(name, f"rkeras.api.applications:{name}", "application", "value") for name in HELPERS]
    return out

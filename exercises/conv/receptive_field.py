"""Receptive field of a stack of conv and pooling layers (感受野).

The receptive field (感受野) of a unit is the part of the input image that can affect
it; its size is the span from the first to the last input pixel that does. Along one
dimension, for a stack of layers with kernel sizes k_1, k_2, ... and strides
s_1, s_2, ... (pooling layers count like convolutions with their window and stride):

    r_0 = 1, j_0 = 1
    r_l = r_(l-1) + (k_l - 1) * j_(l-1)      receptive field after layer l
    j_l = j_(l-1) * s_l                       "jump": input pixels between neighbouring units

Each extra 3x3 stride-1 convolution adds 2 (three of them see 7x7, like one 7x7 kernel);
a stride-2 layer doubles how much every later kernel adds.

Task:
    receptive_fields(layers) -> the list [r_1, r_2, ..., r_L]: the receptive field size
        after each layer, for layers = [(kernel_size, stride), ...] in order from the
        input. An empty list gives [].

Inputs:  a list of (kernel_size, stride) pairs of positive ints.
Outputs: a list of ints, one per layer.
"""


def receptive_fields(layers: list[tuple[int, int]]) -> list[int]:
    # TODO: grow r by (k - 1) * jump, then multiply the jump by the stride
    raise NotImplementedError

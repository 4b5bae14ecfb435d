"""Reference solution: conv/receptive_field."""


def receptive_fields(layers: list[tuple[int, int]]) -> list[int]:
    field, jump = 1, 1
    fields = []
    for kernel_size, stride in layers:
        field += (kernel_size - 1) * jump
        jump *= stride
        fields.append(field)
    return fields

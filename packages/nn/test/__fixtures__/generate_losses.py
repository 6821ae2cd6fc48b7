"""Generates losses.json: PyTorch losses and their gradients for the nn loss tests.

Run with Debian's python3 (apt-get install python3-torch): /usr/bin/python3 generate_losses.py
"""
import json
import numpy as np
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
rng = np.random.default_rng(8)
N, C = 6, 4


def case(name, fn, *inputs):
    tensors = [torch.tensor(x, requires_grad=isinstance(x, np.ndarray) and x.dtype == np.float64) for x in inputs]
    out = fn(*tensors)
    out.backward()
    return {
        "name": name,
        "inputs": [x.tolist() for x in inputs],
        "loss": out.item(),
        "grad": tensors[0].grad.tolist(),
    }


logits = rng.normal(0, 3, (N, C))
logits[0, 1] = 120.0  # large logits: log-sum-exp must keep it finite
labels = rng.integers(0, C, N)
soft = rng.dirichlet(np.ones(C), N)
binary_logits = rng.normal(0, 4, N)
binary_logits[0] = -80.0
binary_targets = rng.integers(0, 2, N).astype(np.float64)
prediction = rng.normal(0, 1, (N, 3))
target = rng.normal(0, 1, (N, 3))
signed = np.where(binary_targets > 0, 1.0, -1.0)

cases = [
    case("softmaxCrossEntropy labels mean", lambda z, y: F.cross_entropy(z, y), logits, labels),
    case("softmaxCrossEntropy labels sum", lambda z, y: F.cross_entropy(z, y, reduction="sum"), logits, labels),
    case("softmaxCrossEntropy soft targets", lambda z, p: F.cross_entropy(z, p), logits, soft),
    case("binaryCrossEntropy", lambda z, y: F.binary_cross_entropy_with_logits(z, y), binary_logits, binary_targets),
    case("mse", lambda a, b: F.mse_loss(a, b), prediction, target),
    case("hinge multiclass", lambda z, y: F.multi_margin_loss(z, y), logits, labels),
    case("hinge binary", lambda s, y: torch.clamp(1 - y * s, min=0).mean(), binary_logits / 4, signed),
]
# Integer labels were converted to float64 lists by tolist(); record which inputs are int32 labels.
for c in cases:
    c["labelsAreIntegers"] = c["name"] in ("softmaxCrossEntropy labels mean", "softmaxCrossEntropy labels sum", "hinge multiclass")

with open("losses.json", "w") as out:
    json.dump({"generator": "generate_losses.py", "torch": torch.__version__, "cases": cases}, out, indent=1)

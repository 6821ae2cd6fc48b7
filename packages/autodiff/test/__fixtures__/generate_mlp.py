"""Generates mlp.json: losses, gradients, Hessian-vector products, Hessians and Jacobians of small MLPs from PyTorch.

Run with Debian's python3 (apt-get install python3-torch): /usr/bin/python3 generate_mlp.py
The TypeScript tests read the JSON; they never need Python.

Parameters live in one flat float64 vector theta so that the Hessian is a plain matrix. Layout, layer by layer:
W1 [inputs, hidden] row-major, b1 [hidden], W2 [hidden, classes], b2 [classes]; the network is y = x W + b.
"""
import json
import numpy as np
import torch
from torch.autograd.functional import hessian, hvp, jacobian

torch.set_default_dtype(torch.float64)
rng = np.random.default_rng(20261127)
INPUTS, HIDDEN, CLASSES, BATCH = 3, 4, 3, 5


def unpack(theta):
    sizes = [INPUTS * HIDDEN, HIDDEN, HIDDEN * CLASSES, CLASSES]
    w1, b1, w2, b2 = torch.split(theta, sizes)
    return w1.reshape(INPUTS, HIDDEN), b1, w2.reshape(HIDDEN, CLASSES), b2


def logits(theta, x, activation):
    w1, b1, w2, b2 = unpack(theta)
    return activation(x @ w1 + b1) @ w2 + b2


def loss(theta, x, labels, activation):
    return torch.nn.functional.cross_entropy(logits(theta, x, activation), labels)


cases = []
for name, activation in [("tanh", torch.tanh), ("relu", torch.relu)]:
    size = INPUTS * HIDDEN + HIDDEN + HIDDEN * CLASSES + CLASSES
    theta = torch.tensor(rng.normal(0, 0.7, size))
    x = torch.tensor(rng.normal(0, 1, (BATCH, INPUTS)))
    labels = torch.tensor(rng.integers(0, CLASSES, BATCH))
    v = torch.tensor(rng.normal(0, 1, size))
    f = lambda t: loss(t, x, labels, activation)
    theta_req = theta.clone().requires_grad_(True)
    value = f(theta_req)
    (gradient,) = torch.autograd.grad(value, theta_req)
    _, hv = hvp(f, theta, v)
    cases.append(
        {
            "name": name,
            "theta": theta.tolist(),
            "x": x.tolist(),
            "labels": labels.tolist(),
            "v": v.tolist(),
            "loss": value.item(),
            "gradient": gradient.tolist(),
            "hvp": hv.tolist(),
            "hessian": hessian(f, theta).tolist(),
            # d logits / d x: shape [BATCH, CLASSES, BATCH, INPUTS]
            "jacobianInput": jacobian(lambda inp: logits(theta, inp, activation), x).tolist(),
        }
    )

with open("mlp.json", "w") as out:
    json.dump(
        {"generator": "generate_mlp.py", "torch": torch.__version__, "layout": [INPUTS, HIDDEN, CLASSES], "cases": cases},
        out,
    )

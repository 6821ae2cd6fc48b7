"""Generates norm.json: PyTorch BatchNorm1d, BatchNorm2d and LayerNorm forward passes, running statistics and
gradients, for the @descent/norm tests.

Run with Debian's python3 (apt-get install python3-torch): /usr/bin/python3 generate_norm.py
"""
import json
import numpy as np
import torch

torch.set_default_dtype(torch.float64)
rng = np.random.default_rng(85)


def run(name, module, shape, steps=3):
    with torch.no_grad():
        if getattr(module, "weight", None) is not None:
            module.weight.copy_(torch.tensor(rng.normal(1, 0.3, module.weight.shape)))
            module.bias.copy_(torch.tensor(rng.normal(0, 0.3, module.bias.shape)))
    inputs = [rng.normal(2, 3, shape) for _ in range(steps)]
    projection = rng.normal(0, 1, shape)
    module.train()
    outputs = []
    for x in inputs[:-1]:
        outputs.append(module(torch.tensor(x)).tolist())
    x = torch.tensor(inputs[-1], requires_grad=True)
    y = module(x)
    (y * torch.tensor(projection)).sum().backward()
    record = {
        "name": name,
        "gamma": module.weight.detach().tolist() if module.weight is not None else None,
        "beta": module.bias.detach().tolist() if module.bias is not None else None,
        "inputs": inputs,
        "projection": projection.tolist(),
        "trainOutputs": outputs + [y.detach().tolist()],
        "inputGrad": x.grad.tolist(),
        "gammaGrad": module.weight.grad.tolist() if module.weight is not None else None,
        "betaGrad": module.bias.grad.tolist() if module.bias is not None else None,
    }
    if isinstance(module, torch.nn.modules.batchnorm._BatchNorm):
        record["runningMean"] = module.running_mean.tolist()
        record["runningVar"] = module.running_var.tolist()
        module.eval()
        record["evalOutput"] = module(torch.tensor(inputs[0])).detach().tolist()
    record["inputs"] = [x.tolist() for x in inputs]
    return record


cases = [
    run("batchNorm1d", torch.nn.BatchNorm1d(4, momentum=0.1, eps=1e-5), (6, 4)),
    run("batchNorm2d", torch.nn.BatchNorm2d(3, momentum=0.2, eps=1e-3), (4, 3, 2, 5)),
    run("layerNorm", torch.nn.LayerNorm([3, 4], eps=1e-5), (5, 3, 4)),
]
with open("norm.json", "w") as out:
    json.dump({"generator": "generate_norm.py", "torch": torch.__version__, "cases": cases}, out)

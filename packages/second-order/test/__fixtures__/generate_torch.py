"""Generates torch.json: torch.optim.LBFGS runs (strong Wolfe line search) that the lbfgs tests compare against.

Run with Debian's python3 (apt-get install python3-torch): /usr/bin/python3 generate_torch.py

Float64 throughout, lr = 1, history_size = 10 (our default), tolerance_grad = GTOL and tolerance_change = 0, so
that only the gradient test (or a line search that cannot move) stops a run. One .step() call runs the whole
optimization. torch's own strong Wolfe search (minFunc's bracketing and cubic zoom) differs from Moré-Thuente, so
counts differ from ours and from L-BFGS-B; the end points agree.
The problems are those of generate_scipy.py, written in torch ops so autograd differentiates them.
"""
import json

import torch

torch.set_default_dtype(torch.float64)
GTOL = 1e-8


def rosenbrock(x):
    return torch.sum(100 * (x[1:] - x[:-1] ** 2) ** 2 + (1 - x[:-1]) ** 2)


def beale(v):
    x, y = v[0], v[1]
    return (1.5 - x + x * y) ** 2 + (2.25 - x + x * y**2) ** 2 + (2.625 - x + x * y**3) ** 2


QUADRATIC_N, QUADRATIC_KAPPA = 50, 1e3
LAMBDA = QUADRATIC_KAPPA ** (torch.arange(QUADRATIC_N) / (QUADRATIC_N - 1))


def quadratic(x):
    return 0.5 * torch.sum(LAMBDA * x * x)


PROBLEMS = [
    ("rosenbrock", {"dimension": 2}, rosenbrock, [-1.2, 1.0]),
    ("rosenbrock", {"dimension": 10}, rosenbrock, [-1.2] * 10),
    ("beale", {}, beale, [1.0, 1.0]),
    (
        "quadratic",
        {"dimension": QUADRATIC_N, "conditionNumber": QUADRATIC_KAPPA, "rotation": "axis-aligned"},
        quadratic,
        [1.0] * QUADRATIC_N,
    ),
]

cases = []
for name, options, fun, x0 in PROBLEMS:
    x = torch.tensor(x0, requires_grad=True)
    optimizer = torch.optim.LBFGS([x], lr=1, max_iter=5000, max_eval=10000, tolerance_grad=GTOL,
                                  tolerance_change=0.0, history_size=10, line_search_fn="strong_wolfe")

    def closure():
        optimizer.zero_grad()
        loss = fun(x)
        loss.backward()
        return loss

    optimizer.step(closure)
    state = optimizer.state[optimizer._params[0]]
    with torch.no_grad():
        final = fun(x).item()
    x.grad = None
    loss = fun(x)
    loss.backward()
    cases.append({
        "problem": name,
        "options": options,
        "x0": x0,
        "x": x.detach().tolist(),
        "fun": final,
        "gradientNorm": x.grad.abs().max().item(),
        "nit": int(state["n_iter"]),
        "nfev": int(state["func_evals"]),
    })
    print(f"{name} {options}: nit {state['n_iter']} nfev {state['func_evals']} |g| {x.grad.abs().max().item():.2e}")

with open("torch.json", "w") as out:
    json.dump({"generator": "generate_torch.py", "torch": torch.__version__, "gradientTolerance": GTOL, "cases": cases},
              out, indent=1)
    out.write("\n")

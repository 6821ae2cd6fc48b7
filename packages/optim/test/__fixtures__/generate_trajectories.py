"""Generates trajectories.json: every iterate of torch.optim optimizers (and of the book's algorithms, written out
literally) on small float64 problems. The TypeScript tests replay each case and compare every step.

Run with Debian's python3 (apt-get install python3-torch), from anywhere:
    /usr/bin/python3 packages/optim/test/__fixtures__/generate_trajectories.py
The TypeScript tests read the JSON; they never need Python.

Conventions shared with the tests:
- Each case names a Descent alias and its options in Descent's spelling (`optimizer`, `learningRate`, `options`);
  `TORCH` below is the explicit translation to torch.optim's class and keyword arguments.
- A schedule is evaluated at the 0-based step k (the first update uses k = 0), as optax and torch's LR schedulers do,
  and written into param_groups[0]['lr'] before step k.
- `trajectory[k]` holds the parameters after k updates (`trajectory[0]` is the start), flattened row-major per leaf.
- Minibatch problems record the sample indices of every step in `batches`; the loss is the mean over the batch.
- Cases whose `reference` starts with "Deep Learning" are the book's algorithms implemented below line by line
  (Goodfellow, Bengio & Courville 2016, chapter 8); torch has no such option. For the Nesterov variants the
  recorded point is the look-ahead point theta + alpha v, where the gradient is evaluated (see `book_nesterov`).
"""

import json
import math
import os

import numpy as np
import torch

torch.set_default_dtype(torch.float64)  # also makes NAdam's mu_product float64 (it is a default-dtype tensor)
rng = np.random.default_rng(20261127)
STEPS = 60

# ---------------------------------------------------------------------------------------------------------------
# Problems: a loss of a dict of named tensors (the parameter tree), and a start.


def quadratic_problem(dim=6, condition=100.0):
    """f(x) = 0.5 x^T A x - b^T x with A = Q diag(logspace(0, log10(condition))) Q^T: ill-conditioned, rotated."""
    q, _ = np.linalg.qr(rng.normal(size=(dim, dim)))
    eigenvalues = np.logspace(0, math.log10(condition), dim)
    a = (q * eigenvalues) @ q.T
    a = 0.5 * (a + a.T)
    b = rng.normal(size=dim)
    start = rng.normal(size=dim)
    a_t, b_t = torch.tensor(a), torch.tensor(b)

    def loss(p, _batch):
        x = p["x"]
        return 0.5 * (x @ (a_t @ x)) - b_t @ x

    return {
        "data": {"A": a.tolist(), "b": b.tolist()},
        "shapes": {"x": [dim]},
        "start": {"x": start.tolist()},
        "loss": loss,
        "batches": None,
    }


def rosenbrock_problem():
    """f(x, y) = (1 - x)^2 + 100 (y - x^2)^2 from (-1.2, 1), with x and y as separate scalar leaves."""

    def loss(p, _batch):
        return (1 - p["x"]) ** 2 + 100 * (p["y"] - p["x"] ** 2) ** 2

    return {"data": {}, "shapes": {"x": [], "y": []}, "start": {"x": [-1.2], "y": [1.0]}, "loss": loss, "batches": None}


def logistic_problem(minibatch):
    """Mean binary cross-entropy of sigmoid(X w + b) on 64 samples of 3 features; optionally minibatches of 16."""
    samples, features, batch = 64, 3, 16
    x = rng.normal(size=(samples, features))
    true_w = np.array([1.5, -2.0, 0.5])
    labels = (x @ true_w + 0.3 + rng.normal(scale=1.0, size=samples) > 0).astype(np.float64)
    start_w = rng.normal(scale=0.1, size=features)
    x_t, y_t = torch.tensor(x), torch.tensor(labels)
    batches = None
    if minibatch:
        # A fixed schedule: a fresh permutation each epoch, cut into consecutive batches.
        batches = []
        while len(batches) < STEPS:
            order = rng.permutation(samples)
            batches.extend(order[i : i + batch].tolist() for i in range(0, samples, batch))
        batches = batches[:STEPS]

    def loss(p, indices):
        xs, ys = (x_t, y_t) if indices is None else (x_t[indices], y_t[indices])
        logits = xs @ p["w"] + p["b"]
        return torch.nn.functional.binary_cross_entropy_with_logits(logits, ys)

    return {
        "data": {"features": x.tolist(), "labels": labels.tolist()},
        "shapes": {"w": [features], "b": [1]},
        "start": {"w": start_w.tolist(), "b": [0.0]},
        "loss": loss,
        "batches": batches,
    }


PROBLEMS = {
    "quadratic": quadratic_problem(),
    "rosenbrock": rosenbrock_problem(),
    "logistic": logistic_problem(minibatch=False),
    "logistic-minibatch": logistic_problem(minibatch=True),
}

# ---------------------------------------------------------------------------------------------------------------
# Schedules: closed forms, in Descent's option names (the TypeScript tests check the implementations separately).


def schedule_value(spec, k):
    name = spec["name"]
    if name == "linearSchedule":  # Deep Learning eq. 8.14
        alpha = min(max(k - spec.get("transitionBegin", 0), 0) / spec["transitionSteps"], 1.0)
        return (1 - alpha) * spec["initValue"] + alpha * spec["endValue"]
    if name == "exponentialDecay":
        return spec["initValue"] * spec["decayRate"] ** (k / spec["transitionSteps"])
    if name == "stepDecay":
        return spec["initValue"] * spec["decayRate"] ** (k // spec["stepSize"])
    if name == "cosineDecay":
        t = min(k, spec["decaySteps"]) / spec["decaySteps"]
        end = spec.get("endValue", 0.0)
        return end + (spec["initValue"] - end) * 0.5 * (1 + math.cos(math.pi * t))
    if name == "warmupCosineDecay":
        warmup, peak = spec["warmupSteps"], spec["peakValue"]
        init, end = spec.get("initValue", 0.0), spec.get("endValue", 0.0)
        if k < warmup:
            return init + (peak - init) * k / warmup
        t = min(k - warmup, spec["decaySteps"] - warmup) / (spec["decaySteps"] - warmup)
        return end + (peak - end) * 0.5 * (1 + math.cos(math.pi * t))
    raise ValueError(name)


# ---------------------------------------------------------------------------------------------------------------
# Descent alias + options -> torch.optim class + keyword arguments.

BETAS_DEFAULT = (0.9, 0.999)


def torch_optimizer(name, lr, o, params):
    def betas():
        return (o.get("b1", BETAS_DEFAULT[0]), o.get("b2", BETAS_DEFAULT[1]))

    common = {"foreach": False}  # the single-tensor reference loops
    if o.get("maximize", False):
        common["maximize"] = True  # not passed otherwise: torch 1.13's NAdam has no such argument
    if name == "sgd":
        kwargs = {
            "momentum": o.get("momentum", 0),
            "dampening": o.get("dampening", 0),
            "nesterov": o.get("nesterov", False),
            "weight_decay": o.get("weightDecay", 0),
        }
        return torch.optim.SGD(params, lr=lr, **kwargs, **common)
    if name == "adagrad":
        kwargs = {
            "lr_decay": o.get("learningRateDecay", 0),
            "weight_decay": o.get("weightDecay", 0),
            "initial_accumulator_value": o.get("initialAccumulatorValue", 0),
            "eps": o.get("eps", 1e-10),
        }
        return torch.optim.Adagrad(params, lr=lr, **kwargs, **common)
    if name == "rmsprop":
        kwargs = {
            "alpha": o.get("decay", 0.99),
            "eps": o.get("eps", 1e-8),
            "weight_decay": o.get("weightDecay", 0),
            "momentum": o.get("momentum", 0),
            "centered": o.get("centered", False),
        }
        return torch.optim.RMSprop(params, lr=lr, **kwargs, **common)
    if name == "adam":
        kwargs = {
            "betas": betas(),
            "eps": o.get("eps", 1e-8),
            "weight_decay": o.get("weightDecay", 0),
            "amsgrad": o.get("amsgrad", False),
        }
        return torch.optim.Adam(params, lr=lr, **kwargs, **common)
    if name == "adamw":
        kwargs = {
            "betas": betas(),
            "eps": o.get("eps", 1e-8),
            "weight_decay": o.get("weightDecay", 1e-2),
            "amsgrad": o.get("amsgrad", False),
        }
        return torch.optim.AdamW(params, lr=lr, **kwargs, **common)
    if name == "nadam":
        kwargs = {
            "betas": betas(),
            "eps": o.get("eps", 1e-8),
            "weight_decay": o.get("weightDecay", 0),
            "momentum_decay": o.get("momentumDecay", 4e-3),
        }
        # torch < 2.0's single-tensor NAdam multiplies mu_t into the next product twice (fixed by pytorch/pytorch#92699
        # in 2.0); its multi-tensor path already had the published rule, so it is the reference here.
        return torch.optim.NAdam(params, lr=lr, **kwargs, foreach=True)
    if name == "adamax":
        kwargs = {"betas": betas(), "eps": o.get("eps", 1e-8), "weight_decay": o.get("weightDecay", 0)}
        return torch.optim.Adamax(params, lr=lr, **kwargs, **common)
    if name == "adadelta":
        kwargs = {"rho": o.get("rho", 0.9), "eps": o.get("eps", 1e-6), "weight_decay": o.get("weightDecay", 0)}
        return torch.optim.Adadelta(params, lr=lr, **kwargs, **common)
    raise ValueError(name)


def flat(params):
    return {name: p.detach().reshape(-1).tolist() for name, p in params.items()}


def lr_at(case, k):
    return schedule_value(case["schedule"], k) if "schedule" in case else case["learningRate"]


def run_torch(case, problem):
    params = {
        name: torch.tensor(values).reshape(problem["shapes"][name]).requires_grad_(True)
        for name, values in problem["start"].items()
    }
    lr0 = lr_at(case, 0)
    optimizer = torch_optimizer(case["optimizer"], lr0, case.get("options", {}), list(params.values()))
    loss = problem["loss"]
    if case.get("objective") == "negated":
        def loss(p, batch):
            return -problem["loss"](p, batch)
    trajectory = [flat(params)]
    for k in range(STEPS):
        optimizer.param_groups[0]["lr"] = lr_at(case, k)
        optimizer.zero_grad()
        batch = None if problem["batches"] is None else problem["batches"][k]
        loss(params, batch).backward()
        optimizer.step()
        trajectory.append(flat(params))
    return trajectory


def gradient(problem, point, k):
    params = {name: t.detach().clone().requires_grad_(True) for name, t in point.items()}
    batch = None if problem["batches"] is None else problem["batches"][k]
    problem["loss"](params, batch).backward()
    return {name: p.grad.detach() for name, p in params.items()}


def book_nesterov(case, problem, rms):
    """Deep Learning Algorithm 8.3 (SGD with Nesterov momentum) or, with rms, Algorithm 8.6 (RMSProp with Nesterov
    momentum), line by line: interim point theta~ = theta + alpha v, gradient there, v <- alpha v - eps g (or
    - eps / sqrt(r) * g), theta <- theta + v. Records theta + alpha v, the point where the next gradient is taken."""
    o = case["options"]
    alpha, rho = o["momentum"], o.get("decay", 0.99)
    theta = {n: torch.tensor(v).reshape(problem["shapes"][n]) for n, v in problem["start"].items()}
    v = {n: torch.zeros_like(t) for n, t in theta.items()}
    r = {n: torch.zeros_like(t) for n, t in theta.items()}
    trajectory = [flat({n: theta[n] + alpha * v[n] for n in theta})]
    for k in range(STEPS):
        epsilon = lr_at(case, k)
        g = gradient(problem, {n: theta[n] + alpha * v[n] for n in theta}, k)
        for n in theta:
            if rms:
                r[n] = rho * r[n] + (1 - rho) * g[n] * g[n]
                v[n] = alpha * v[n] - epsilon / torch.sqrt(r[n]) * g[n]
            else:
                v[n] = alpha * v[n] - epsilon * g[n]
            theta[n] = theta[n] + v[n]
        trajectory.append(flat({n: theta[n] + alpha * v[n] for n in theta}))
    return trajectory


def book_momentum(case, problem):
    """Deep Learning Algorithm 8.2 (SGD with momentum): v <- alpha v - eps_k g; theta <- theta + v. The learning
    rate sits inside the velocity, which matters once it follows a schedule."""
    alpha = case["options"]["momentum"]
    theta = {n: torch.tensor(v).reshape(problem["shapes"][n]) for n, v in problem["start"].items()}
    v = {n: torch.zeros_like(t) for n, t in theta.items()}
    trajectory = [flat(theta)]
    for k in range(STEPS):
        g = gradient(problem, theta, k)
        for n in theta:
            v[n] = alpha * v[n] - lr_at(case, k) * g[n]
            theta[n] = theta[n] + v[n]
        trajectory.append(flat(theta))
    return trajectory


def book_rmsprop(case, problem):
    """Deep Learning Algorithm 8.5 (RMSProp): r <- rho r + (1 - rho) g^2; theta <- theta - eps / sqrt(delta + r) g."""
    o = case["options"]
    rho, delta = o["decay"], o["eps"]
    theta = {n: torch.tensor(v).reshape(problem["shapes"][n]) for n, v in problem["start"].items()}
    r = {n: torch.zeros_like(t) for n, t in theta.items()}
    trajectory = [flat(theta)]
    for k in range(STEPS):
        g = gradient(problem, theta, k)
        for n in theta:
            r[n] = rho * r[n] + (1 - rho) * g[n] * g[n]
            theta[n] = theta[n] - lr_at(case, k) / torch.sqrt(delta + r[n]) * g[n]
        trajectory.append(flat(theta))
    return trajectory


# ---------------------------------------------------------------------------------------------------------------
# Cases: (optimizer, options, schedule) x problems. Learning rates are per problem, chosen to be stable for 60 steps.

SGD_LR = {"quadratic": 0.01, "rosenbrock": 5e-4, "logistic": 0.5, "logistic-minibatch": 0.5}
ADAPTIVE_LR = {"quadratic": 0.05, "rosenbrock": 0.02, "logistic": 0.05, "logistic-minibatch": 0.05}
ADAGRAD_LR = {"quadratic": 0.3, "rosenbrock": 0.1, "logistic": 0.3, "logistic-minibatch": 0.3}
# RMSProp's normalized steps do not shrink near a minimum: with a large rate the iterates bounce around it and
# rounding grows 2-3x per step there (chaos of the iteration, not a defect of either implementation). Smaller rates
# keep the 60 steps in the approach phase.
RMSPROP_LR = {"quadratic": 0.02, "rosenbrock": 0.01, "logistic": 0.02, "logistic-minibatch": 0.02}
# Without delta and with normalized steps that do not shrink near the minimum, RMSProp with Nesterov momentum
# (Algorithm 8.6) bounces around the optimum and amplifies rounding chaotically (3x per step) once there. A smaller
# rate keeps the 60 steps in the approach phase, where any two correct implementations agree to rounding.
RMSPROP_NESTEROV_LR = {"quadratic": 0.01, "rosenbrock": 0.005, "logistic": 0.01, "logistic-minibatch": 0.01}
ADADELTA_LR = {"quadratic": 1.0, "rosenbrock": 1.0, "logistic": 1.0, "logistic-minibatch": 1.0}

TORCH_CASES = [
    ("sgd", SGD_LR, {}, None),
    ("sgd", SGD_LR, {"momentum": 0.9}, None),
    ("sgd", SGD_LR, {"momentum": 0.9, "dampening": 0.3}, None),
    ("sgd", SGD_LR, {"momentum": 0.9, "nesterov": True}, None),
    ("sgd", SGD_LR, {"momentum": 0.8, "weightDecay": 0.05}, None),
    ("sgd", SGD_LR, {}, {"name": "linearSchedule", "endFraction": 0.01, "transitionSteps": 40}),
    ("sgd", SGD_LR, {"momentum": 0.9, "nesterov": True}, {"name": "exponentialDecay", "decayRate": 0.5, "transitionSteps": 20}),
    ("adagrad", ADAGRAD_LR, {}, None),
    ("adagrad", ADAGRAD_LR, {"learningRateDecay": 0.01, "initialAccumulatorValue": 0.1, "weightDecay": 0.01, "eps": 1e-7}, None),
    ("adagrad", ADAGRAD_LR, {}, {"name": "cosineDecay", "decaySteps": 50, "endFraction": 0.1}),
    ("rmsprop", RMSPROP_LR, {}, None),
    ("rmsprop", RMSPROP_LR, {"centered": True}, None),
    ("rmsprop", RMSPROP_LR, {"momentum": 0.5, "decay": 0.9}, None),
    ("rmsprop", RMSPROP_LR, {"centered": True, "momentum": 0.5, "weightDecay": 0.01, "eps": 1e-6}, None),
    ("rmsprop", RMSPROP_LR, {}, {"name": "stepDecay", "stepSize": 15, "decayRate": 0.5}),
    ("adam", ADAPTIVE_LR, {}, None),
    ("adam", ADAPTIVE_LR, {"amsgrad": True}, None),
    ("adam", ADAPTIVE_LR, {"b1": 0.8, "b2": 0.99, "eps": 1e-6, "weightDecay": 0.05}, None),
    ("adam", ADAPTIVE_LR, {}, {"name": "warmupCosineDecay", "warmupSteps": 10, "decaySteps": 60, "endFraction": 0.05}),
    ("adamw", ADAPTIVE_LR, {}, None),
    ("adamw", ADAPTIVE_LR, {"weightDecay": 0.1, "amsgrad": True}, None),
    ("adamw", ADAPTIVE_LR, {"weightDecay": 0.1}, {"name": "cosineDecay", "decaySteps": 60, "endFraction": 0.0}),
    ("nadam", ADAPTIVE_LR, {}, None),
    ("nadam", ADAPTIVE_LR, {"weightDecay": 0.01, "momentumDecay": 0.01}, None),
    ("adamax", ADAPTIVE_LR, {}, None),
    ("adamax", ADAPTIVE_LR, {"weightDecay": 0.01, "b1": 0.85}, None),
    ("adadelta", ADADELTA_LR, {}, None),
    ("adadelta", ADADELTA_LR, {"rho": 0.95, "eps": 1e-5, "weightDecay": 0.01}, None),
]

# maximize=True on the negated objective: torch negates the raw gradient (before weight decay), so each case
# descends the original function, and stays as stable as its minimizing twin. torch 1.13's NAdam has no maximize.
MAXIMIZE_CASES = [
    ("sgd", SGD_LR, {"momentum": 0.9, "weightDecay": 0.05, "maximize": True}),
    ("adagrad", ADAGRAD_LR, {"weightDecay": 0.01, "maximize": True}),
    ("rmsprop", RMSPROP_LR, {"centered": True, "momentum": 0.5, "maximize": True}),
    ("adam", ADAPTIVE_LR, {"weightDecay": 0.05, "maximize": True}),
    ("adamw", ADAPTIVE_LR, {"maximize": True}),
    ("adamax", ADAPTIVE_LR, {"maximize": True}),
    ("adadelta", ADADELTA_LR, {"weightDecay": 0.01, "maximize": True}),
]

BOOK_CASES = [
    # (optimizer, learning rates, options, schedule, reference, implementation)
    ("sgd", SGD_LR, {"momentum": 0.9, "form": "book"}, {"name": "exponentialDecay", "decayRate": 0.5, "transitionSteps": 20},
     "Deep Learning Algorithm 8.2 (SGD with momentum)", book_momentum),
    ("sgd", SGD_LR, {"momentum": 0.9, "nesterov": True, "form": "book"}, None,
     "Deep Learning Algorithm 8.3 (SGD with Nesterov momentum)", lambda c, p: book_nesterov(c, p, rms=False)),
    ("sgd", SGD_LR, {"momentum": 0.9, "nesterov": True, "form": "book"}, {"name": "exponentialDecay", "decayRate": 0.5, "transitionSteps": 20},
     "Deep Learning Algorithm 8.3 (SGD with Nesterov momentum)", lambda c, p: book_nesterov(c, p, rms=False)),
    ("rmsprop", RMSPROP_LR, {"decay": 0.9, "eps": 1e-6, "epsInSqrt": True}, None,
     "Deep Learning Algorithm 8.5 (RMSProp)", book_rmsprop),
    ("rmsprop", RMSPROP_NESTEROV_LR, {"decay": 0.9, "eps": 0, "epsInSqrt": True, "momentum": 0.5, "nesterov": True, "form": "book"}, None,
     "Deep Learning Algorithm 8.6 (RMSProp with Nesterov momentum)", lambda c, p: book_nesterov(c, p, rms=True)),
]


def make_schedule(spec, base):
    """Scales a schedule template to the problem's base learning rate."""
    if spec is None:
        return None
    s = {k: v for k, v in spec.items() if k != "endFraction"}
    if s["name"] == "warmupCosineDecay":
        s.update(initValue=0.0, peakValue=base, endValue=base * spec["endFraction"])
    elif s["name"] in ("linearSchedule", "cosineDecay"):
        s.update(initValue=base, endValue=base * spec["endFraction"])
    else:
        s.update(initValue=base)
    return s


def describe(optimizer, lr, options):
    return f"torch.optim {optimizer}(lr={lr}, {json.dumps(options)})"


cases = []
for problem_name, problem in PROBLEMS.items():
    for optimizer, lrs, options, schedule in TORCH_CASES:
        case = {"problem": problem_name, "optimizer": optimizer, "learningRate": lrs[problem_name], "options": options}
        spec = make_schedule(schedule, lrs[problem_name])
        if spec is not None:
            case["schedule"] = spec
        case["reference"] = f"torch {torch.__version__} {describe(optimizer, lrs[problem_name], options)}"
        case["trajectory"] = run_torch(case, problem)
        cases.append(case)
    for optimizer, lrs, options in MAXIMIZE_CASES:
        case = {"problem": problem_name, "optimizer": optimizer, "learningRate": lrs[problem_name], "options": options}
        case["objective"] = "negated"
        case["reference"] = f"torch {torch.__version__} {describe(optimizer, lrs[problem_name], options)} on -f"
        case["trajectory"] = run_torch(case, problem)
        cases.append(case)
    for optimizer, lrs, options, schedule, reference, implementation in BOOK_CASES:
        case = {"problem": problem_name, "optimizer": optimizer, "learningRate": lrs[problem_name], "options": options}
        spec = make_schedule(schedule, lrs[problem_name])
        if spec is not None:
            case["schedule"] = spec
        case["reference"] = reference
        case["trajectory"] = implementation(case, problem)
        cases.append(case)

for case in cases:
    last = np.concatenate([np.array(v) for v in case["trajectory"][-1].values()])
    assert np.all(np.isfinite(last)), f"{case['optimizer']} {case['options']} diverged on {case['problem']}"
    first = np.concatenate([np.array(v) for v in case["trajectory"][0].values()])
    assert np.max(np.abs(last - first)) > 1e-3, f"{case['optimizer']} {case['options']} barely moved on {case['problem']}"

out = {
    "generator": "packages/optim/test/__fixtures__/generate_trajectories.py",
    "torch": torch.__version__,
    "steps": STEPS,
    "problems": {
        name: {"data": p["data"], "shapes": p["shapes"], "start": p["start"], "batches": p["batches"]}
        for name, p in PROBLEMS.items()
    },
    "cases": cases,
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "trajectories.json")
with open(path, "w") as f:
    json.dump(out, f, separators=(",", ":"))
print(f"wrote {len(cases)} cases to {path}")

"""Generates scipy.json: SciPy `minimize` runs that the second-order tests compare against.

Run with Debian's python3 (apt-get install python3-scipy): /usr/bin/python3 generate_scipy.py

Every objective is passed with jac=True (f and its gradient from one call), as @descent/second-order evaluates them,
so SciPy's nfev counts the same thing as ours: evaluations of f and gradient together. Newton-CG and trust-ncg get
exact Hessian-vector products (hessp), which nhev counts.

The problems are the ones @descent/problems defines (rosenbrock 2-D and 10-D, beale, and the 50-D quadratic with
axis-aligned eigenvalues 1000^(i/49)), written out here in NumPy. Each case records SciPy's own end point and counts,
and, from a callback, the first iteration at which ||grad f||_inf <= GTOL together with the evaluations made by then
("reached"): Newton-CG stops on the step size rather than the gradient, so "reached" is the like-for-like count.
"""
import json

import numpy as np
import scipy
import scipy.optimize as so

GTOL = 1e-8


def rosenbrock(x):
    return so.rosen(x), so.rosen_der(x)


def rosenbrock_hessp(x, p):
    return so.rosen_hess_prod(x, p)


def beale(v):
    x, y = v
    t1, t2, t3 = 1.5 - x + x * y, 2.25 - x + x * y**2, 2.625 - x + x * y**3
    f = t1**2 + t2**2 + t3**2
    dx = 2 * t1 * (y - 1) + 2 * t2 * (y**2 - 1) + 2 * t3 * (y**3 - 1)
    dy = 2 * t1 * x + 2 * t2 * 2 * x * y + 2 * t3 * 3 * x * y**2
    return f, np.array([dx, dy])


def beale_hessp(v, p):
    x, y = v
    t1, t2, t3 = 1.5 - x + x * y, 2.25 - x + x * y**2, 2.625 - x + x * y**3
    a1, a2, a3 = y - 1, y**2 - 1, y**3 - 1  # d t_i / dx
    b1, b2, b3 = x, 2 * x * y, 3 * x * y**2  # d t_i / dy
    hxx = 2 * (a1**2 + a2**2 + a3**2)
    hxy = 2 * (a1 * b1 + a2 * b2 + a3 * b3) + 2 * (t1 * 1 + t2 * 2 * y + t3 * 3 * y**2)
    hyy = 2 * (b1**2 + b2**2 + b3**2) + 2 * (t2 * 2 * x + t3 * 6 * x * y)
    return np.array([hxx * p[0] + hxy * p[1], hxy * p[0] + hyy * p[1]])


QUADRATIC_N, QUADRATIC_KAPPA = 50, 1e3
LAMBDA = QUADRATIC_KAPPA ** (np.arange(QUADRATIC_N) / (QUADRATIC_N - 1))


def quadratic(x):
    return 0.5 * np.sum(LAMBDA * x * x), LAMBDA * x


def quadratic_hessp(x, p):
    return LAMBDA * p


PROBLEMS = [
    ("rosenbrock", {"dimension": 2}, rosenbrock, rosenbrock_hessp, [-1.2, 1.0]),
    ("rosenbrock", {"dimension": 10}, rosenbrock, rosenbrock_hessp, [-1.2] * 10),
    ("beale", {}, beale, beale_hessp, [1.0, 1.0]),
    (
        "quadratic",
        {"dimension": QUADRATIC_N, "conditionNumber": QUADRATIC_KAPPA, "rotation": "axis-aligned"},
        quadratic,
        quadratic_hessp,
        [1.0] * QUADRATIC_N,
    ),
]

METHODS = [
    ("BFGS", "bfgs", {"gtol": GTOL}),
    ("L-BFGS-B", "lbfgs", {"gtol": GTOL, "ftol": 0.0, "maxcor": 10}),
    ("CG", "cg", {"gtol": GTOL}),
    ("Newton-CG", "newton-cg", {"xtol": 1e-12}),
    ("trust-ncg", "trust-ncg", {"gtol": GTOL}),
]


def run(fun, hessp, x0, method, options):
    calls = {"f": 0}
    reached = {}

    def counted(x):
        calls["f"] += 1
        return fun(x)

    iterations = {"k": 0}

    def callback(xk, *_):
        iterations["k"] += 1
        if "nit" not in reached and np.max(np.abs(fun(xk)[1])) <= GTOL:
            reached["nit"] = iterations["k"]
            reached["nfev"] = calls["f"]

    kwargs = {"hessp": hessp} if method in ("Newton-CG", "trust-ncg") else {}
    result = so.minimize(counted, np.array(x0, dtype=np.float64), jac=True, method=method, options=options,
                         callback=callback, **kwargs)
    return result, reached


cases = []
for name, problem_options, fun, hessp, x0 in PROBLEMS:
    for scipy_method, ours, options in METHODS:
        result, reached = run(fun, hessp, x0, scipy_method, options)
        cases.append({
            "problem": name,
            "options": problem_options,
            "x0": x0,
            "scipyMethod": scipy_method,
            "method": ours,
            "scipyOptions": options,
            "x": result.x.tolist(),
            "fun": float(result.fun),
            "nit": int(result.nit),
            "nfev": int(result.nfev),
            "njev": int(result.njev),
            "nhev": int(result.get("nhev", 0)),
            "status": int(result.status),
            "success": bool(result.success),
            "message": str(result.message),
            "reached": reached,
        })
        print(f"{name} {problem_options} {scipy_method}: nit {result.nit} nfev {result.nfev} "
              f"status {result.status} reached {reached}")

with open("scipy.json", "w") as out:
    json.dump({
        "generator": "generate_scipy.py",
        "scipy": scipy.__version__,
        "numpy": np.__version__,
        "gradientTolerance": GTOL,
        "cases": cases,
    }, out, indent=1)
    out.write("\n")

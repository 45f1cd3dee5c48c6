"""The answer key (symdl.testing): correct code passes, wrong code fails with a readable reason.

The reference implementations below are written here, the way the textbook writes each formula
(σ(1 − σ), 1 − tanh², exp/sum after a max-shift, BatchNorm's closed-form backward, Adam as in
Algorithm 1, ...), with numpy only and independently of symdl's kernels.  Each must pass in
float64 and in float32, at more than one seed; the float32 runs are the test that the allowances
leave room for correct float32 code, which is far from symdl's few-ulp kernels in ulp terms.
"""

from __future__ import annotations

import inspect
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

import symdl.kernels
from symdl.testing import KERNELS, Report, assert_matches, check_implementation, load_function, write_exercise
from symdl.testing.battery import Case
from symdl.testing.exercise import stub_source
from symdl.testing.statements import STATEMENTS


# -- correct implementations, textbook style ------------------------------------------------------
def sigmoid_grad(x):
    s = 1 / (1 + np.exp(-x))
    return s * (1 - s)


def tanh_grad(x):
    return 1 - np.tanh(x) ** 2


def relu_grad(x):
    return (x > 0).astype(x.dtype)


def leaky_relu_grad(x, negative_slope=0.01):
    return np.where(x > 0, 1.0, negative_slope).astype(x.dtype)


def elu_grad(x, alpha=1.0):
    return np.where(x > 0, 1.0, alpha * np.exp(np.minimum(x, 0))).astype(x.dtype)


def gelu_grad(x):
    import math

    erf = np.vectorize(math.erf, otypes=[x.dtype])
    cdf = 0.5 * (1 + erf(x / math.sqrt(2)))
    pdf = np.exp(-(x**2) / 2) / math.sqrt(2 * math.pi)
    return cdf + x * pdf


def softmax(z):
    e = np.exp(z - np.max(z, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)


def softmax_cross_entropy(logits, labels):
    m = logits.max(axis=1, keepdims=True)
    log_sum_exp = m[:, 0] + np.log(np.exp(logits - m).sum(axis=1))
    return log_sum_exp - logits[np.arange(len(labels)), labels]


def softmax_cross_entropy_grad(logits, labels):
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    grad = e / e.sum(axis=1, keepdims=True)
    grad[np.arange(logits.shape[0]), labels] -= 1
    return grad


def batchnorm_forward(x, gamma, beta, eps=1e-5):
    mean = x.mean(axis=0)
    var = x.var(axis=0)
    y = gamma * (x - mean) / np.sqrt(var + eps) + beta
    return y, mean, var


def layernorm_forward(x, gamma, beta, eps=1e-5):
    mean = x.mean(axis=-1)
    rstd = 1 / np.sqrt(x.var(axis=-1) + eps)
    y = (x - mean[..., None]) * rstd[..., None] * gamma + beta
    return y, mean, rstd


def batchnorm_backward(dy, x, gamma, eps=1e-5):
    n = x.shape[0]
    mu = x.mean(axis=0)
    var = x.var(axis=0)
    xhat = (x - mu) / np.sqrt(var + eps)
    dbeta = dy.sum(axis=0)
    dgamma = (dy * xhat).sum(axis=0)
    dx = gamma / (n * np.sqrt(var + eps)) * (n * dy - dbeta - xhat * dgamma)
    return dx, dgamma, dbeta


def layernorm_backward(dy, x, gamma, eps=1e-5):
    d = x.shape[-1]
    mu = x.mean(axis=-1, keepdims=True)
    rstd = 1 / np.sqrt(x.var(axis=-1, keepdims=True) + eps)
    xhat = (x - mu) * rstd
    g = dy * gamma
    dx = rstd / d * (d * g - g.sum(axis=-1, keepdims=True) - xhat * (g * xhat).sum(axis=-1, keepdims=True))
    rows = tuple(range(x.ndim - 1))
    return dx, (dy * xhat).sum(axis=rows), dy.sum(axis=rows)


def adam_step(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    m[:] = beta1 * m + (1 - beta1) * grad
    v[:] = beta2 * v + (1 - beta2) * grad**2
    m_hat = m / (1 - beta1**t)
    v_hat = v / (1 - beta2**t)
    param -= lr * m_hat / (np.sqrt(v_hat) + eps)


def sgd_momentum_step(param, grad, velocity, lr=1e-2, momentum=0.9, *, nesterov=False):
    velocity[:] = momentum * velocity + grad
    step = grad + momentum * velocity if nesterov else velocity
    param -= lr * step


def adagrad_step(param, grad, state_sum, lr=1e-2, eps=1e-10):
    state_sum += grad**2
    param -= lr * grad / (np.sqrt(state_sum) + eps)


def rmsprop_step(param, grad, square_avg, lr=1e-2, alpha=0.99, eps=1e-8):
    square_avg[:] = alpha * square_avg + (1 - alpha) * grad**2
    param -= lr * grad / (np.sqrt(square_avg) + eps)


def adadelta_step(param, grad, square_avg, acc_delta, lr=1.0, rho=0.9, eps=1e-6):
    square_avg[:] = rho * square_avg + (1 - rho) * grad**2
    delta = np.sqrt(acc_delta + eps) / np.sqrt(square_avg + eps) * grad
    acc_delta[:] = rho * acc_delta + (1 - rho) * delta**2
    param -= lr * delta


def rnn_jacobian(h, W_hh):
    return np.diag(1 - h**2) @ W_hh


def bptt_jacobian(hs, W_hh):
    total = np.eye(W_hh.shape[0], dtype=hs.dtype)
    for h in hs:
        total = (np.diag(1 - h**2) @ W_hh) @ total
    return total


def positional_encoding(n_positions, d_model, *, dtype=np.float64):
    pe = np.zeros((n_positions, d_model), dtype=dtype)
    for p in range(n_positions):
        for i in range(0, d_model, 2):
            angle = p / 10000 ** (i / d_model)
            pe[p, i] = np.sin(angle)
            if i + 1 < d_model:
                pe[p, i + 1] = np.cos(angle)
    return pe


def attention(Q, K, V, *, causal=False):
    scores = Q @ K.T / np.sqrt(Q.shape[1]).astype(Q.dtype)
    if causal:
        hidden = np.triu(np.ones(scores.shape, dtype=bool), k=1)  # key j > query i
        scores = np.where(hidden, -np.inf, scores)
    weights = np.exp(scores - scores.max(axis=1, keepdims=True))
    weights /= weights.sum(axis=1, keepdims=True)
    return weights @ V


def xavier_uniform(fan_in, fan_out, *, rng=None):
    rng = np.random.default_rng(rng)
    a = np.sqrt(6 / (fan_in + fan_out))
    return rng.uniform(-a, a, size=(fan_in, fan_out))


def he_normal(fan_in, fan_out, *, rng=None):
    rng = np.random.default_rng(rng)
    return rng.normal(0.0, np.sqrt(2 / fan_in), size=(fan_in, fan_out))


CORRECT = {
    fn.__name__: fn
    for fn in (
        sigmoid_grad,
        tanh_grad,
        relu_grad,
        leaky_relu_grad,
        elu_grad,
        gelu_grad,
        softmax,
        softmax_cross_entropy,
        softmax_cross_entropy_grad,
        batchnorm_forward,
        batchnorm_backward,
        layernorm_forward,
        layernorm_backward,
        adam_step,
        sgd_momentum_step,
        adagrad_step,
        rmsprop_step,
        adadelta_step,
        rnn_jacobian,
        bptt_jacobian,
        positional_encoding,
        attention,
        xavier_uniform,
        he_normal,
    )
}


def test_every_public_kernel_has_an_answer_key():
    assert set(KERNELS) == set(symdl.kernels.__all__)
    assert set(STATEMENTS) == set(KERNELS)
    assert set(CORRECT) == set(KERNELS)


@pytest.mark.parametrize("seed", [0, 11])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("name", list(CORRECT))
def test_correct_textbook_implementation_passes(name, dtype, seed):
    report = check_implementation(name, CORRECT[name], dtype=dtype, seed=seed)
    assert report, str(report)
    assert report.hints == ()
    assert "all" in report.summary
    assert "agree" in report.summary


# -- alternative correct forms: other orders of operations, staged backward passes ----------------
def bn_staged(dy, x, gamma, eps=1e-5):
    n = x.shape[0]
    xc = x - np.mean(x, axis=0)
    var = np.mean(xc**2, axis=0)
    std = np.sqrt(var + eps)
    dxhat = dy * gamma
    dvar = np.sum(dxhat * xc, axis=0) * -0.5 * (var + eps) ** -1.5
    dmu = np.sum(-dxhat / std, axis=0) + dvar * np.mean(-2 * xc, axis=0)
    return dxhat / std + dvar * 2 * xc / n + dmu / n, np.sum(dy * xc / std, axis=0), np.sum(dy, axis=0)


def softmax_logsumexp(z):
    m = z.max(axis=-1, keepdims=True)
    return np.exp(z - (m + np.log(np.exp(z - m).sum(axis=-1, keepdims=True))))


def sigmoid_grad_stable(x):
    e = np.exp(-np.abs(x))
    return e / (1 + e) ** 2


def tanh_grad_sech(x):
    with np.errstate(over="ignore"):
        return 1 / np.cosh(x) ** 2


def adam_folded(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    m *= beta1
    m += (1 - beta1) * grad
    v *= beta2
    v += (1 - beta2) * grad * grad
    denom = np.sqrt(v) / np.sqrt(1 - beta2**t) + eps
    param -= (lr / (1 - beta1**t)) * m / denom


def adam_float32_hyperparameters(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    # β held in the dtype of the state: 1 − β₂ then carries float32's relative error times 1000.
    real = param.dtype.type
    b1, b2 = real(beta1), real(beta2)
    m[:] = b1 * m + (real(1) - b1) * grad
    v[:] = b2 * v + (real(1) - b2) * grad * grad
    param -= real(lr) * (m / (real(1) - b1**t)) / (np.sqrt(v / (real(1) - b2**t)) + real(eps))


def layernorm_einsum(dy, x, gamma, eps=1e-5):
    d = x.shape[-1]
    xc = x - x.mean(axis=-1, keepdims=True)
    inv = 1 / np.sqrt(np.einsum("...d,...d->...", xc, xc)[..., None] / d + eps)
    xhat = xc * inv
    g = dy * gamma
    dx = inv * (g - g.mean(axis=-1, keepdims=True) - xhat * (g * xhat).mean(axis=-1, keepdims=True))
    rows = dy.reshape(-1, d)
    return dx, np.einsum("nd,nd->d", rows, xhat.reshape(-1, d)), rows.sum(axis=0)


def bptt_from_the_left(hs, W_hh):
    total = np.eye(W_hh.shape[0], dtype=W_hh.dtype)
    for h in hs[::-1]:
        total = total @ ((1 - h * h)[:, None] * W_hh)
    return total


def xavier_transposed_draws(fan_in, fan_out, *, rng=None):
    a = np.sqrt(6 / (fan_in + fan_out))
    return rng.uniform(-a, a, size=(fan_out, fan_in)).T.copy()


def relu_grad_heaviside(x):
    return np.heaviside(x, 0.0).astype(x.dtype)


def leaky_relu_grad_filled(x, negative_slope=0.01):
    grad = np.ones_like(x)
    grad[x <= 0] = negative_slope
    return grad


def elu_grad_from_the_output(x, alpha=1.0):
    # ELU′ = ELU(x) + α for x ≤ 0, from the forward pass's output (rounds at α, not at α·eˣ)
    out = np.where(x > 0, x, alpha * (np.exp(np.minimum(x, 0)) - 1))
    return np.where(x > 0, 1, out + alpha).astype(x.dtype)


def gelu_grad_erfc(x):
    import math

    cdf = 0.5 * np.vectorize(math.erfc, otypes=[x.dtype])(-x / math.sqrt(2))
    return cdf + x * np.exp(-0.5 * x * x) / math.sqrt(2 * math.pi)


def cross_entropy_log_softmax(logits, labels):
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    return -log_p[np.arange(len(labels)), labels]


def batchnorm_forward_staged(x, gamma, beta, eps=1e-5):
    n = x.shape[0]
    mean = x.sum(axis=0) / n
    xc = x - mean
    var = np.einsum("nd,nd->d", xc, xc) / n
    xhat = xc * (1 / np.sqrt(var + eps))
    return gamma * xhat + beta, mean, var


def layernorm_forward_std(x, gamma, beta, eps=1e-5):
    mean = x.mean(axis=-1, keepdims=True)
    std = np.sqrt(((x - mean) ** 2).mean(axis=-1, keepdims=True) + eps)
    return gamma * (x - mean) / std + beta, mean[..., 0], 1 / std[..., 0]


def attention_large_negative_mask(Q, K, V, *, causal=False):
    scores = Q @ K.T * Q.dtype.type(1 / np.sqrt(Q.shape[1]))
    if causal:
        scores[np.triu_indices(scores.shape[0], k=1, m=scores.shape[1])] = -1e9
    e = np.exp(scores - scores.max(axis=-1, keepdims=True))
    return (e @ V) / e.sum(axis=-1, keepdims=True)  # normalised after the product


def sgd_in_place_ops(param, grad, velocity, lr=1e-2, momentum=0.9, *, nesterov=False):
    velocity *= momentum
    velocity += grad
    if nesterov:
        param -= lr * (grad + momentum * velocity)
    else:
        param -= lr * velocity


def rmsprop_float32_hyperparameters(param, grad, square_avg, lr=1e-2, alpha=0.99, eps=1e-8):
    real = param.dtype.type  # α held in the state's dtype: 1 − α carries 99 times α's relative error
    a = real(alpha)
    square_avg[:] = a * square_avg + (real(1) - a) * grad * grad
    param -= real(lr) * grad / (np.sqrt(square_avg) + real(eps))


def adadelta_float32_hyperparameters(param, grad, square_avg, acc_delta, lr=1.0, rho=0.9, eps=1e-6):
    real = param.dtype.type
    r, e = real(rho), real(eps)
    square_avg[:] = r * square_avg + (real(1) - r) * grad * grad
    delta = np.sqrt(acc_delta + e) / np.sqrt(square_avg + e) * grad
    acc_delta[:] = r * acc_delta + (real(1) - r) * delta * delta
    param -= real(lr) * delta


def adagrad_rsqrt(param, grad, state_sum, lr=1e-2, eps=1e-10):
    state_sum[:] = state_sum + grad * grad
    std = np.sqrt(state_sum)
    param -= (lr * grad) / (std + eps)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize(
    ("name", "fn"),
    [
        ("batchnorm_backward", bn_staged),
        ("softmax", softmax_logsumexp),
        ("sigmoid_grad", sigmoid_grad_stable),
        ("tanh_grad", tanh_grad_sech),
        ("adam_step", adam_folded),
        ("adam_step", adam_float32_hyperparameters),
        ("layernorm_backward", layernorm_einsum),
        ("bptt_jacobian", bptt_from_the_left),
        ("xavier_uniform", xavier_transposed_draws),
        ("relu_grad", relu_grad_heaviside),
        ("leaky_relu_grad", leaky_relu_grad_filled),
        ("elu_grad", elu_grad_from_the_output),
        ("gelu_grad", gelu_grad_erfc),
        ("softmax_cross_entropy", cross_entropy_log_softmax),
        ("batchnorm_forward", batchnorm_forward_staged),
        ("layernorm_forward", layernorm_forward_std),
        ("attention", attention_large_negative_mask),
        ("sgd_momentum_step", sgd_in_place_ops),
        ("adagrad_step", adagrad_rsqrt),
        ("rmsprop_step", rmsprop_float32_hyperparameters),
        ("adadelta_step", adadelta_float32_hyperparameters),
    ],
)
def test_other_correct_forms_pass(name, fn, dtype):
    report = check_implementation(name, fn, dtype=dtype)
    assert report, str(report)


def test_other_draws_are_checked_by_their_distribution():
    cases = check_implementation("xavier_uniform", xavier_transposed_draws).cases
    assert {c.remark for c in cases} >= {"other draws, same distribution"}
    same = check_implementation("xavier_uniform", xavier_uniform).cases
    assert all(c.remark == "same draws as symdl's kernel" for c in same)


def _scaled(fn, factor, in_place=False):
    """``fn`` with every output multiplied by ``factor`` (for in-place kernels: param)."""

    def wrong(*args, **kw):
        out = fn(*args, **kw)
        if in_place:
            args[0][...] *= factor
            return None
        if isinstance(out, tuple):
            return tuple((o * factor).astype(o.dtype) for o in out)
        return (out * factor).astype(out.dtype)

    return wrong


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("name", list(CORRECT))
def test_a_small_relative_error_is_caught(name, dtype):
    # 1e-3 in float32 (~8000 ulp) and 1e-9 in float64 (~4.5e6 ulp): the allowances are budgets
    # of rounding errors, far below either, in at least one case of every battery.
    factor = 1 + (1e-3 if dtype == np.float32 else 1e-9)
    if KERNELS[name].distribution is not None:
        factor = 1.05  # weights: a 10% wrong variance
    wrong = _scaled(CORRECT[name], factor, in_place=bool(KERNELS[name].in_place))
    report = check_implementation(name, wrong, dtype=dtype)
    assert not report


# -- what a report says ---------------------------------------------------------------------------
def bn_unbiased(dy, x, gamma, eps=1e-5):
    n = x.shape[0]
    var = x.var(axis=0, ddof=1)
    xhat = (x - x.mean(axis=0)) / np.sqrt(var + eps)
    dbeta, dgamma = dy.sum(axis=0), (dy * xhat).sum(axis=0)
    return gamma / (n * np.sqrt(var + eps)) * (n * dy - dbeta - xhat * dgamma), dgamma, dbeta


def test_report_explains_the_first_failure():
    report = check_implementation("batchnorm_backward", bn_unbiased)
    assert isinstance(report, Report)
    assert not report
    assert report.ok is False
    text = str(report)
    lines = text.splitlines()
    assert lines[0].startswith(
        "symdl answer key: bn_unbiased as batchnorm_backward (배치 정규화 역전파), float64"
    )
    # One table row per case, the first failing one explained below the table.
    rows = [line for line in lines if re.match(r"\s+\d+\s{2}", line)]
    assert len(rows) == len(report.cases)
    first = report.first_failure
    assert first is report.cases[0]
    assert "First failing case: #1, typical batch" in text
    assert "dy = N(0,1), shape (16, 7) (random, non-uniform)" in text  # shape, scale, how it was made
    d = first.discrepancy
    assert d.output in ("dx", "dgamma")
    assert f"output:   {d.output}, index {d.index}" in text
    assert "expected: " in text
    assert "got:      " in text
    assert "ulp of float64" in text
    assert "relative" in text
    # Expected and got are the kernel's and the function's values at that index.
    case = KERNELS["batchnorm_backward"].battery(np.random.default_rng(0), np.dtype(np.float64))[0]
    dy, x, gamma, eps = (a.value for a in case.args)
    k = ("dx", "dgamma", "dbeta").index(d.output)
    assert d.expected == pytest.approx(
        symdl.kernels.batchnorm_backward(dy, x, gamma, eps)[k][d.index], rel=1e-12
    )
    assert d.got == pytest.approx(bn_unbiased(dy, x, gamma, eps)[k][d.index], rel=1e-12)
    assert d.error > d.allowed
    assert report.hints == ("BatchNorm with the unbiased variance (1/(N − 1))",)
    assert "hint:     your result matches BatchNorm with the unbiased variance" in text
    assert len(report.summary.splitlines()) <= 4
    assert report.summary.splitlines()[0].startswith("bn_unbiased as batchnorm_backward")
    assert "FAILED, 8 of 8 cases disagree with symdl.kernels.batchnorm_backward" in lines[0]


def test_bool_summary_and_table_of_a_passing_report():
    report = check_implementation("softmax", softmax)
    assert bool(report) is True
    assert report.first_failure is None
    assert report.failures == ()
    assert report.summary.startswith(
        "softmax (소프트맥스), float64: all 8 cases agree with symdl.kernels.softmax"
    )
    assert "First failing case" not in str(report)
    assert str(report).count(" ok ") == len(report.cases)


def _raises(z):
    raise ZeroDivisionError("division by zero")


def _returns_list(z):
    return softmax(z).tolist()


def _returns_tuple(z):
    return softmax(z), z


def _wrong_shape(z):
    return softmax(z)[..., :1]


def _keepdims(dy, x, gamma, eps=1e-5):
    dx, dgamma, dbeta = batchnorm_backward(dy, x, gamma, eps)
    return dx, dgamma[None, :], dbeta


def _float64_out(z):
    return softmax(z.astype(np.float64))


def _only_dx(dy, x, gamma, eps=1e-5):
    return batchnorm_backward(dy, x, gamma, eps)[0]


def _changes_x(dy, x, gamma, eps=1e-5):
    x -= x.mean(axis=0)
    return batchnorm_backward(dy, x, gamma, eps)


def _adam_returns_new_arrays(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    m = beta1 * m + (1 - beta1) * grad
    v = beta2 * v + (1 - beta2) * grad**2
    param = param - lr * (m / (1 - beta1**t)) / (np.sqrt(v / (1 - beta2**t)) + eps)
    return param, m, v


def _adam_forgets_m(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    m = beta1 * m + (1 - beta1) * grad  # rebinds m: the caller's m is not updated
    v[:] = beta2 * v + (1 - beta2) * grad**2
    param -= lr * (m / (1 - beta1**t)) / (np.sqrt(v / (1 - beta2**t)) + eps)


def _too_few_arguments(dy, x, gamma):
    return batchnorm_backward(dy, x, gamma)


def _not_written(z):
    raise NotImplementedError


def _numpy_raises(z):
    return np.einsum("i,i->", z, z) * z  # ValueError inside numpy for 2-d input


@pytest.mark.parametrize(
    ("name", "fn", "reason", "words"),
    [
        (
            "softmax",
            _raises,
            "raised ZeroDivisionError",
            "raised ZeroDivisionError: division by zero (at test_testing.py",
        ),
        ("softmax", _not_written, "not implemented", "not written yet"),
        ("softmax", _numpy_raises, "raised ValueError", "(at test_testing.py:"),
        ("softmax", _returns_list, "not an array", "p is a list; expected a numpy array of shape (5, 7)"),
        (
            "softmax",
            _returns_tuple,
            "not one array",
            "returned a tuple of 2 items; softmax returns one array",
        ),
        ("softmax", _wrong_shape, "wrong shape", "p has shape (5, 1); expected (5, 7)"),
        ("batchnorm_backward", _keepdims, "wrong shape", "sum without keepdims=True"),
        ("batchnorm_backward", _only_dx, "not 3 arrays", "returns 3 arrays, (dx, dgamma, dbeta)"),
        ("batchnorm_backward", _changes_x, "changed an input", "changed its argument x in place"),
        ("batchnorm_backward", _too_few_arguments, "raised TypeError", "the kernel's arguments"),
        ("adam_step", _adam_returns_new_arrays, "not in place", "param, m, v were not updated in place"),
        ("adam_step", _adam_forgets_m, "not in place", "m was not updated in place"),
    ],
)
def test_broken_functions_give_failed_reports_not_crashes(name, fn, reason, words):
    report = check_implementation(name, fn)
    assert not report
    first = report.first_failure
    assert first.reason == reason
    assert words in first.message
    assert words in report.summary
    assert reason in str(report)


def test_float32_input_must_give_float32_output():
    report = check_implementation("softmax", _float64_out, dtype="float32")
    assert not report
    first = report.first_failure
    assert first.reason == "wrong dtype"
    assert "p has dtype float64; expected float32" in first.message
    assert "(Its values agree.)" in first.message
    assert bool(check_implementation("softmax", _float64_out, dtype=np.float64))


def noisy_softmax(z):
    return np.exp(z) / np.exp(z).sum(axis=-1, keepdims=True)  # warns: overflow, invalid value


def test_numpy_warnings_are_reported_not_raised():
    # pytest runs with warnings as errors; the checker records the function's warnings instead.
    report = check_implementation("softmax", noisy_softmax)
    assert not report
    warned = {w for c in report.cases for w in c.warnings}
    assert "overflow encountered in exp" in warned
    assert "numpy warned: overflow encountered in exp" in str(report)
    assert report.hints[0].startswith("softmax without subtracting the row maximum")


def test_a_case_note_explains_failures_no_mistake_matches():
    def onepass_batchnorm(dy, x, gamma, eps=1e-5):
        n, mu = x.shape[0], x.mean(axis=0)
        var = (x * x).mean(axis=0) - mu * mu  # cancels when the batch is nearly constant
        xhat = (x - mu) / np.sqrt(var + eps)
        dbeta, dgamma = dy.sum(axis=0), (dy * xhat).sum(axis=0)
        return gamma / (n * np.sqrt(var + eps)) * (n * dy - dbeta - xhat * dgamma), dgamma, dbeta

    report = check_implementation("batchnorm_backward", onepass_batchnorm)
    assert [c.label for c in report.failures] == ["nearly constant batch"]
    assert "Note: a nearly constant batch" in report.summary
    assert "mean(x²) − mean(x)²" in str(report)


def test_multi_step_case_names_the_step():
    def adam_late_bug(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
        adam_step(param, grad, m, v, min(t, 10), lr, beta1, beta2, eps)  # t capped at 10

    report = check_implementation("adam_step", adam_late_bug)
    first = report.first_failure
    assert first.label == "25 steps, t = 1..25, new gradient each step"
    assert first.step == "step t = 11"
    assert "step t = 11" in report.summary


def sgd_steps_with_the_old_velocity(param, grad, velocity, lr=1e-2, momentum=0.9, *, nesterov=False):
    param -= lr * velocity  # v is still 0 at the first step: param does not move
    velocity[:] = momentum * velocity + grad


def test_an_array_left_as_a_known_mistake_leaves_it_is_explained_by_the_mistake():
    # Not "not in place": velocity was updated in place, and param stayed where this mistake leaves it.
    report = check_implementation("sgd_momentum_step", sgd_steps_with_the_old_velocity)
    first = report.first_failure
    assert first.label == "first step"
    assert first.reason == "values differ"
    assert report.hints[0].startswith("param stepped with the old velocity")
    assert check_implementation("adam_step", _adam_forgets_m).first_failure.reason == "not in place"


def test_a_float32_step_below_half_an_ulp_may_leave_param_as_it_was():
    case = next(
        c
        for c in KERNELS["sgd_momentum_step"].battery(np.random.default_rng(0), np.dtype(np.float32))
        if c.label.startswith("tiny gradients")
    )
    param, grad, velocity, lr, momentum = (np.array(a.value, dtype=np.float32) for a in case.args)
    before = param.copy()
    sgd_momentum_step(param, grad, velocity, float(lr), float(momentum))
    assert np.array_equal(param, before)  # a step of ~3e-8 does not move a float32 near 1
    report = check_implementation("sgd_momentum_step", sgd_momentum_step, dtype=np.float32)
    assert next(c for c in report.cases if c.label == case.label).ok


# -- the random initialisers ----------------------------------------------------------------------
def test_initialisers_take_no_dtype():
    report = check_implementation("he_normal", he_normal, dtype=np.float32)
    assert report
    assert report.dtype == "float64"
    assert "dtype=float32 does not apply" in str(report)


def he_normal_global(fan_in, fan_out, *, rng=None):
    return np.random.standard_normal((fan_in, fan_out)) * np.sqrt(2 / fan_in)  # noqa: NPY002 (the bug)


def he_normal_own_generator(fan_in, fan_out, *, rng=None):
    return np.random.default_rng(0).normal(0, np.sqrt(2 / fan_in), (fan_in, fan_out))


@pytest.mark.parametrize(
    ("fn", "reason"), [(he_normal_global, "not reproducible"), (he_normal_own_generator, "ignores rng")]
)
def test_initialisers_must_draw_from_rng(fn, reason):
    report = check_implementation("he_normal", fn)
    assert not report
    assert report.first_failure.reason == reason


def test_wrong_distribution_report_gives_the_statistic():
    def he_lecun(fan_in, fan_out, *, rng=None):
        return rng.normal(0, np.sqrt(1 / fan_in), (fan_in, fan_out))

    first = check_implementation("he_normal", he_lecun).first_failure
    d = first.discrepancy
    assert d.output == "variance of the weights"
    fan_in = first.inputs[0].split("=")[1].strip()
    assert d.expected == pytest.approx(2 / int(fan_in))
    assert d.got == pytest.approx(1 / int(fan_in), rel=0.05)


# -- arguments ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"name": "batchnorm"}, ValueError, "did you mean batchnorm_forward, batchnorm_backward"),
        ({"name": 3}, TypeError, "name must be a kernel name"),
        ({"fn": "softmax"}, TypeError, "fn must be a function"),
        ({"dtype": np.float16}, TypeError, "dtype must be float32 or float64"),
        ({"dtype": "double precision"}, TypeError, "dtype must be float32 or float64"),
        ({"dtype": None}, TypeError, "dtype must be float32 or float64"),
        ({"seed": -1}, ValueError, "seed must be non-negative"),
        ({"seed": 1.5}, TypeError, "seed must be an integer"),
    ],
)
def test_bad_arguments(kwargs, error, words):
    call = {"name": "softmax", "fn": softmax, **kwargs}
    with pytest.raises(error, match=re.escape(words)):
        check_implementation(call.pop("name"), call.pop("fn"), **call)


def test_seed_changes_the_inputs_and_reproduces_them():
    a = KERNELS["softmax"].battery(np.random.default_rng(0), np.dtype(np.float64))
    b = KERNELS["softmax"].battery(np.random.default_rng(0), np.dtype(np.float64))
    c = KERNELS["softmax"].battery(np.random.default_rng(1), np.dtype(np.float64))
    assert np.array_equal(a[0].args[0].value, b[0].args[0].value)
    assert not np.array_equal(a[0].args[0].value, c[0].args[0].value)


@pytest.mark.parametrize("name", list(KERNELS))
def test_battery_upstream_inputs_are_never_constant(name):
    cases: list[Case] = KERNELS[name].battery(np.random.default_rng(0), np.dtype(np.float64))
    assert len(cases) >= 5
    for case in cases:
        for call in case.calls:
            for arg in call:
                if arg.cast and np.size(arg.value) > 1 and arg.name in ("dy", "grad", "x", "z", "logits"):
                    assert np.ptp(arg.value) > 0, (name, case.label, arg.name)


def test_docstring_example_runs():
    import doctest

    import symdl.testing.check

    result = doctest.testmod(symdl.testing.check)
    assert result.attempted >= 4
    assert result.failed == 0


def test_assert_matches():
    report = assert_matches("softmax", softmax, dtype=np.float32)
    assert report
    with pytest.raises(AssertionError) as info:
        assert_matches("batchnorm_backward", bn_unbiased)
    message = str(info.value)
    assert "FAILED" in message
    assert "your result matches BatchNorm with the unbiased variance" in message


# -- loading a function from a file --------------------------------------------------------------
def test_load_function(tmp_path):
    (tmp_path / "mine.py").write_text("def f(x):\n    return x + 1\nCONSTANT = 3\n")
    assert load_function(tmp_path / "mine.py", "f")(1) == 2
    with pytest.raises(ValueError, match="has no function 'g'; it defines f"):
        load_function(tmp_path / "mine.py", "g")
    with pytest.raises(TypeError, match="is a int, not a function"):
        load_function(tmp_path / "mine.py", "CONSTANT")
    with pytest.raises(FileNotFoundError, match="no such file"):
        load_function(tmp_path / "missing.py", "f")
    with pytest.raises(ValueError, match=r"must name a \.py file"):
        load_function(tmp_path / "mine.txt", "f")


# -- exercises ------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", list(KERNELS))
def test_stub_has_the_kernel_signature_and_raises(name, tmp_path):
    stub, test = write_exercise(name, tmp_path / "ex")
    assert stub == tmp_path / "ex" / f"{name}.py"
    assert test == tmp_path / "ex" / f"test_{name}.py"
    fn = load_function(stub, name)
    want = inspect.signature(getattr(symdl.kernels, name))
    got = inspect.signature(fn)
    assert [(p.name, p.kind, p.default) for p in got.parameters.values()] == [
        (p.name, p.kind, p.default) for p in want.parameters.values()
    ]
    doc = inspect.getdoc(fn)
    assert re.search("[가-힣]", doc), "the docstring has a Korean part"
    assert re.search(r"\b[Rr]eturn\b", doc), "and an English one"
    with pytest.raises(NotImplementedError):
        fn(*[None] * sum(p.default is inspect.Parameter.empty for p in got.parameters.values()))
    compile(test.read_text(), str(test), "exec")


def test_statements_cite_the_catalog():
    from symdl.catalog import ALL

    sources = {}
    for record in ALL:
        if record.kernel is not None:
            sources[record.kernel.name] = str(record.source)
    transform = {"xavier_uniform": "xavier_uniform_transform", "he_normal": "he_normal_transform"}
    for name, statement in STATEMENTS.items():
        assert statement.source == sources[transform.get(name, name)], name


def test_exercise_refuses_to_overwrite(tmp_path):
    (tmp_path / "test_softmax.py").write_text("# mine\n")
    with pytest.raises(FileExistsError, match=r"refusing to overwrite .*test_softmax\.py"):
        write_exercise("softmax", tmp_path)
    assert not (tmp_path / "softmax.py").exists()  # nothing written
    assert (tmp_path / "test_softmax.py").read_text() == "# mine\n"
    with pytest.raises(ValueError, match="no exercise called 'softmaxx'"):
        write_exercise("softmaxx", tmp_path)


def _solve(stub: Path, name: str) -> None:
    """Replace the stub's ``raise NotImplementedError`` by the body of the reference above."""
    lines = textwrap.dedent(inspect.getsource(CORRECT[name])).splitlines()
    body = "\n".join("    " + line[4:] if line.startswith("    ") else line for line in lines[1:])
    text = stub.read_text()
    raise_line = re.search(r"^    raise NotImplementedError\(.*\)$", text, re.M).group(0)
    stub.write_text(text.replace(raise_line, body))


def _pytest(directory: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pytest", str(directory), "-q", "-W", "error", "-p", "no:cacheprovider"],
        cwd=directory,
        capture_output=True,
        text=True,
        check=False,
    )


def test_exercises_round_trip(tmp_path):
    # Every kernel's exercise: stubs fail (NotImplementedError), solutions pass, in one pytest run each.
    folder = tmp_path / "exercises"
    for name in KERNELS:
        write_exercise(name, folder)
    before = _pytest(folder)
    assert before.returncode == 1, before.stdout + before.stderr
    tests = sum(1 if KERNELS[n].distribution is not None else 2 for n in KERNELS)
    assert f"{tests} failed" in before.stdout, before.stdout
    assert "not written yet" in before.stdout
    for name in KERNELS:
        _solve(folder / f"{name}.py", name)
    after = _pytest(folder)
    assert after.returncode == 0, after.stdout + after.stderr
    assert f"{tests} passed" in after.stdout


def test_exercise_stub_text_says_how_to_run_it():
    text = stub_source("adam_step", "my_exercises")
    assert "pytest my_exercises" in text
    assert "param ← param − lr·m̂/(√v̂ + ε)" in text
    assert "Deep Learning, Optimization 2: Adam" in text


# -- the pytest plugin ----------------------------------------------------------------------------
PLUGIN_TEST = """
import numpy as np

def softmax(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)

def softmax_axis0(z):
    e = np.exp(z - z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)

def test_right(symdl_check):
    symdl_check("softmax", softmax, dtype="float32")

def test_wrong(symdl_check):
    symdl_check("softmax", softmax_axis0)
"""


def test_pytest_plugin_fixture_in_a_subprocess(tmp_path):
    (tmp_path / "test_student.py").write_text(PLUGIN_TEST)
    out = _pytest(tmp_path)
    assert out.returncode == 1, out.stdout + out.stderr
    assert "1 failed, 1 passed" in out.stdout
    assert "test_student.py::test_wrong" in out.stdout
    # The failure view shows the report: the table and the hint.
    assert "softmax_axis0 as softmax (소프트맥스), float64, seed 0: FAILED" in out.stdout
    assert "your result matches softmax normalised over the wrong axis" in out.stdout


@pytest.mark.parametrize(
    ("hint", "shown"),
    [
        ("the forward pass divides by √(σ² + ε)", "The forward pass divides by √(σ² + ε)"),
        ("columns 2i and 2i+1 share one frequency", "Columns 2i and 2i+1 share one frequency"),
        ("ε goes inside both roots", "ε goes inside both roots"),  # Ε would be another letter
        ("μ and σ² depend on every x", "μ and σ² depend on every x"),
        ("x is the pre-activation", "x is the pre-activation"),
        ("dx = γ/(N√(σ² + ε))", "dx = γ/(N√(σ² + ε))"),
        ("np.heaviside(x, 0.0)", "np.heaviside(x, 0.0)"),
        ("tanh′(x) = 1 − tanh(x)²", "tanh′(x) = 1 − tanh(x)²"),
    ],
)
def test_a_hint_starting_with_notation_keeps_its_case(hint, shown):
    from symdl.testing.report import _sentence

    assert _sentence(hint) == shown

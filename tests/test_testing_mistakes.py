"""Realistic buggy implementations, written here the way students write them, are caught with the
right hint.

Each function below is independent of symdl.testing.mistakes (different code, often the staged
backward pass of a CS231n-style assignment rather than the closed form); the test asserts that
the answer key fails it and that the first failing case's hint names the mistake made.
"""

from __future__ import annotations

import numpy as np
import pytest

from symdl.testing import check_implementation


def _sigmoid(x):
    return 1 / (1 + np.exp(-x))


# -- activations ----------------------------------------------------------------------------------
def sigmoid_grad_of_activation(x):
    return x * (1 - x)  # treats the input as σ(x)


def sigmoid_grad_forward(x):
    return 1.0 / (1.0 + np.exp(-x))


def sigmoid_grad_tanh_rule(x):
    s = _sigmoid(x)
    return 1 - s * s


def tanh_grad_of_activation(x):
    return 1 - x**2  # treats the input as tanh(x)


def tanh_grad_no_square(x):
    return 1 - np.tanh(x)


def tanh_grad_sech(x):
    return 1 / np.cosh(x)


# -- softmax and cross-entropy --------------------------------------------------------------------
def softmax_no_shift(z):
    e = np.exp(z)
    return e / np.sum(e, axis=-1, keepdims=True)


def softmax_axis0(z):
    e = np.exp(z - np.max(z, axis=0, keepdims=True))
    return e / np.sum(e, axis=0, keepdims=True)


def softmax_log(z):
    shifted = z - z.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def softmax_global_max(z):
    e = np.exp(z - np.max(z))
    return e / np.sum(e, axis=-1, keepdims=True)


def ce_grad_global_max(logits, labels):
    probs = np.exp(logits - logits.max())
    probs /= probs.sum(axis=1, keepdims=True)
    probs[np.arange(len(labels)), labels] -= 1.0
    return probs


def ce_grad_mean(logits, labels):
    n = logits.shape[0]
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    probs = e / e.sum(axis=1, keepdims=True)
    probs[np.arange(n), labels] -= 1
    return probs / n


def ce_grad_sign(logits, labels):
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    probs = e / e.sum(axis=1, keepdims=True)
    target = np.zeros_like(probs)
    target[np.arange(len(labels)), labels] = 1
    return target - probs


def ce_grad_no_shift(logits, labels):
    e = np.exp(logits)
    probs = e / e.sum(axis=1, keepdims=True)
    probs[np.arange(len(labels)), labels] -= 1
    return probs


def ce_grad_no_onehot(logits, labels):
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


# -- normalisation: the staged (computational-graph) backward pass, with one thing wrong ----------
def _bn_staged(dy, x, gamma, eps, *, ddof=0, eps_outside=False, scale_dx=1.0, reduce=np.sum):
    n = x.shape[0]
    mu = np.mean(x, axis=0)
    xc = x - mu
    var = np.sum(xc**2, axis=0) / (n - ddof)
    std = np.sqrt(var) + eps if eps_outside else np.sqrt(var + eps)
    xhat = xc / std
    dxhat = dy * gamma
    if eps_outside:
        dstd = np.sum(-dxhat * xc / std**2, axis=0)
        dvar = dstd * 0.5 / np.sqrt(var)
    else:
        dvar = np.sum(dxhat * xc, axis=0) * -0.5 * (var + eps) ** -1.5
    dmu = np.sum(-dxhat / std, axis=0) + dvar * np.sum(-2 * xc, axis=0) / (n - ddof)
    dx = dxhat / std + dvar * 2 * xc / (n - ddof) + dmu / n
    return dx * scale_dx, reduce(dy * xhat, axis=0), reduce(dy, axis=0)


def bn_unbiased(dy, x, gamma, eps=1e-5):
    return _bn_staged(dy, x, gamma, eps, ddof=1)


def bn_unbiased_forward_only(dy, x, gamma, eps=1e-5):
    # np.var(ddof=1) in the forward pass, then the closed form of the biased backward
    n = x.shape[0]
    var = np.var(x, axis=0, ddof=1)
    xhat = (x - x.mean(axis=0)) / np.sqrt(var + eps)
    dbeta = dy.sum(axis=0)
    dgamma = (dy * xhat).sum(axis=0)
    dx = gamma / (n * np.sqrt(var + eps)) * (n * dy - dbeta - xhat * dgamma)
    return dx, dgamma, dbeta


def bn_missing_1_over_n(dy, x, gamma, eps=1e-5):
    return _bn_staged(dy, x, gamma, eps, scale_dx=x.shape[0])


def bn_staged_lost_1_over_n(dy, x, gamma, eps=1e-5):
    # the staged backward with the 1/N of the mean and variance paths forgotten
    xc = x - x.mean(axis=0)
    var = (xc**2).mean(axis=0)
    std = np.sqrt(var + eps)
    dxhat = dy * gamma
    dvar = np.sum(dxhat * xc, axis=0) * -0.5 * (var + eps) ** -1.5
    dmu = -np.sum(dxhat, axis=0) / std
    return dxhat / std + 2 * dvar * xc + dmu, np.sum(dy * xc / std, axis=0), dy.sum(axis=0)


def bn_eps_outside(dy, x, gamma, eps=1e-5):
    return _bn_staged(dy, x, gamma, eps, eps_outside=True)


def bn_wrong_axis(dy, x, gamma, eps=1e-5):
    mu = x.mean(axis=1, keepdims=True)
    rstd = 1 / np.sqrt(x.var(axis=1, keepdims=True) + eps)
    xhat = (x - mu) * rstd
    g = dy * gamma
    dx = rstd * (g - g.mean(axis=1, keepdims=True) - xhat * (g * xhat).mean(axis=1, keepdims=True))
    return dx, (dy * xhat).sum(axis=0), dy.sum(axis=0)


def bn_constant_stats(dy, x, gamma, eps=1e-5):
    std = np.sqrt(x.var(axis=0) + eps)
    xhat = (x - x.mean(axis=0)) / std
    return gamma * dy / std, np.sum(dy * xhat, axis=0), np.sum(dy, axis=0)


def bn_mean_params(dy, x, gamma, eps=1e-5):
    return _bn_staged(dy, x, gamma, eps, reduce=np.mean)


def bn_forgot_gamma(dy, x, gamma, eps=1e-5):
    n = x.shape[0]
    std = np.sqrt(x.var(axis=0) + eps)
    xhat = (x - x.mean(axis=0)) / std
    dx = (n * dy - dy.sum(axis=0) - xhat * (dy * xhat).sum(axis=0)) / (n * std)
    return dx, (dy * xhat).sum(axis=0), dy.sum(axis=0)


def bn_dgamma_from_x(dy, x, gamma, eps=1e-5):
    dx, _, dbeta = _bn_staged(dy, x, gamma, eps)
    return dx, np.sum(dy * x, axis=0), dbeta


def _ln_rows(dy, x, gamma, eps, *, ddof=0, scale_dx=1.0, eps_outside=False):
    shape = x.shape
    x2 = x.reshape(-1, shape[-1])
    dy2 = dy.reshape(x2.shape)
    d = x2.shape[1]
    mu = x2.mean(axis=1, keepdims=True)
    var = ((x2 - mu) ** 2).sum(axis=1, keepdims=True) / (d - ddof)
    std = np.sqrt(var) + eps if eps_outside else np.sqrt(var + eps)
    xhat = (x2 - mu) / std
    g = dy2 * gamma
    dx = (g - g.mean(axis=1, keepdims=True) - xhat * (g * xhat).sum(axis=1, keepdims=True) / (d - ddof)) / std
    return (dx * scale_dx).reshape(shape), (dy2 * xhat).sum(axis=0), dy2.sum(axis=0)


def ln_unbiased(dy, x, gamma, eps=1e-5):
    return _ln_rows(dy, x, gamma, eps, ddof=1)


def ln_missing_1_over_d(dy, x, gamma, eps=1e-5):
    return _ln_rows(dy, x, gamma, eps, scale_dx=x.shape[-1])


def ln_batch_axis(dy, x, gamma, eps=1e-5):
    # LayerNorm written with BatchNorm's axis
    x2, dy2 = x.reshape(-1, x.shape[-1]), dy.reshape(-1, x.shape[-1])
    n = x2.shape[0]
    mu, var = x2.mean(axis=0), x2.var(axis=0)
    xhat = (x2 - mu) / np.sqrt(var + eps)
    g = dy2 * gamma
    dx = (n * g - g.sum(axis=0) - xhat * (g * xhat).sum(axis=0)) / (n * np.sqrt(var + eps))
    return dx.reshape(x.shape), (dy2 * xhat).sum(axis=0), dy2.sum(axis=0)


def ln_eps_outside(dy, x, gamma, eps=1e-5):
    return _ln_rows(dy, x, gamma, eps, eps_outside=True)


def ln_forgot_gamma(dy, x, gamma, eps=1e-5):
    return _ln_rows(dy, x, np.ones_like(gamma), eps)[0], *_ln_rows(dy, x, gamma, eps)[1:]


# -- Adam -----------------------------------------------------------------------------------------
def adam_no_bias_correction(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    m[:] = beta1 * m + (1 - beta1) * grad
    v[:] = beta2 * v + (1 - beta2) * grad**2
    param -= lr * m / (np.sqrt(v) + eps)


def adam_eps_inside(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    m[:] = beta1 * m + (1 - beta1) * grad
    v[:] = beta2 * v + (1 - beta2) * grad**2
    m_hat = m / (1 - beta1**t)
    v_hat = v / (1 - beta2**t)
    param -= lr * m_hat / np.sqrt(v_hat + eps)


def adam_efficient(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    m *= beta1
    m += (1 - beta1) * grad
    v *= beta2
    v += (1 - beta2) * grad * grad
    step = lr * np.sqrt(1 - beta2**t) / (1 - beta1**t)
    param -= step * m / (np.sqrt(v) + eps)


def adam_t_from_zero(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    step = t - 1  # counts steps from 0
    m[:] = beta1 * m + (1 - beta1) * grad
    v[:] = beta2 * v + (1 - beta2) * grad**2
    param -= lr * (m / (1 - beta1 ** (step + 2))) / (np.sqrt(v / (1 - beta2 ** (step + 2))) + eps)


def adam_v_not_squared(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    m[:] = beta1 * m + (1 - beta1) * grad
    v[:] = beta2 * v + (1 - beta2) * np.abs(grad)
    param -= lr * (m / (1 - beta1**t)) / (np.sqrt(v / (1 - beta2**t)) + eps)


def adam_v_plain(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    m[:] = beta1 * m + (1 - beta1) * grad
    v[:] = beta2 * v + (1 - beta2) * grad  # NaN in the square root where v < 0
    param -= lr * (m / (1 - beta1**t)) / (np.sqrt(v / (1 - beta2**t)) + eps)


def adam_ascent(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    m[:] = beta1 * m + (1 - beta1) * grad
    v[:] = beta2 * v + (1 - beta2) * grad**2
    param += lr * (m / (1 - beta1**t)) / (np.sqrt(v / (1 - beta2**t)) + eps)


def adam_beta_not_power(param, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    m[:] = beta1 * m + (1 - beta1) * grad
    v[:] = beta2 * v + (1 - beta2) * grad**2
    param -= lr * (m / (1 - beta1)) / (np.sqrt(v / (1 - beta2)) + eps)


# -- sequence models ------------------------------------------------------------------------------
def rnn_diag_right(h, W_hh):
    return W_hh @ np.diag(1 - h**2)


def rnn_preactivation(h, W_hh):
    return np.diag(1 - np.tanh(h) ** 2) @ W_hh


def rnn_transposed(h, W_hh):
    return (1 - h**2)[:, None] * W_hh.T


def bptt_reversed(hs, W_hh):
    out = np.eye(W_hh.shape[0], dtype=hs.dtype)
    for h in hs:
        out = out @ (np.diag(1 - h**2) @ W_hh)  # J_1 J_2 ... J_T
    return out


def bptt_transposed(hs, W_hh):
    out = np.eye(W_hh.shape[0], dtype=hs.dtype)
    for h in hs:
        out = np.diag(1 - h**2) @ W_hh.T @ out
    return out


def bptt_skips_first(hs, W_hh):
    out = np.eye(W_hh.shape[0], dtype=hs.dtype)
    for t in range(1, len(hs)):
        out = (1 - hs[t] ** 2)[:, None] * W_hh @ out
    return out


def bptt_preactivation(hs, W_hh):
    out = np.eye(W_hh.shape[0], dtype=hs.dtype)
    for h in hs:
        out = np.diag(1 - np.tanh(h) ** 2) @ W_hh @ out
    return out


# -- positional encoding ----------------------------------------------------------------------------
def pe_swapped(n_positions, d_model, *, dtype=np.float64):
    pe = np.empty((n_positions, d_model), dtype=dtype)
    for p in range(n_positions):
        for j in range(d_model):
            angle = p / 10000 ** (2 * (j // 2) / d_model)
            pe[p, j] = np.cos(angle) if j % 2 == 0 else np.sin(angle)
    return pe


def pe_column_frequency(n_positions, d_model, *, dtype=np.float64):
    pos = np.arange(n_positions)[:, None]
    angle = pos / np.power(10000.0, np.arange(d_model)[None, :] / d_model)
    pe = np.where(np.arange(d_model) % 2 == 0, np.sin(angle), np.cos(angle))
    return pe.astype(dtype)


def pe_pair_index(n_positions, d_model, *, dtype=np.float64):
    pe = np.zeros((n_positions, d_model), dtype=dtype)
    for p in range(n_positions):
        for j in range(d_model):
            i = j // 2
            angle = p / 10000 ** (i / d_model)
            pe[p, j] = np.sin(angle) if j % 2 == 0 else np.cos(angle)
    return pe


def pe_multiplied(n_positions, d_model, *, dtype=np.float64):
    pos = np.arange(n_positions)[:, None]
    freq = np.power(10000.0, 2 * (np.arange(d_model) // 2) / d_model)
    return np.where(np.arange(d_model) % 2 == 0, np.sin(pos * freq), np.cos(pos * freq)).astype(dtype)


def pe_from_one(n_positions, d_model, *, dtype=np.float64):
    pos = np.arange(1, n_positions + 1)[:, None]
    freq = 10000.0 ** (-(2 * (np.arange(d_model) // 2)) / d_model)
    pe = np.where(np.arange(d_model) % 2 == 0, np.sin(pos * freq), np.cos(pos * freq))
    return pe.astype(dtype)


# -- initialisation ---------------------------------------------------------------------------------
def xavier_bound_from_variance(fan_in, fan_out, *, rng=None):
    a = np.sqrt(2 / (fan_in + fan_out))
    return rng.uniform(-a, a, (fan_in, fan_out))


def xavier_normal(fan_in, fan_out, *, rng=None):
    return rng.normal(0, np.sqrt(2 / (fan_in + fan_out)), (fan_in, fan_out))


def xavier_positive(fan_in, fan_out, *, rng=None):
    a = np.sqrt(6 / (fan_in + fan_out))
    return 2 * a * rng.random((fan_in, fan_out))


def he_lecun(fan_in, fan_out, *, rng=None):
    return rng.standard_normal((fan_in, fan_out)) / np.sqrt(fan_in)


def he_fan_out(fan_in, fan_out, *, rng=None):
    return rng.normal(0.0, np.sqrt(2 / fan_out), size=(fan_in, fan_out))


def he_variance_as_scale(fan_in, fan_out, *, rng=None):
    return rng.normal(0.0, 2 / fan_in, size=(fan_in, fan_out))


def he_keras_truncated(fan_in, fan_out, *, rng=None):
    std = np.sqrt(2 / fan_in) / 0.87962566103423978
    out = rng.normal(0, std, size=(fan_in, fan_out))
    bad = np.abs(out) > 2 * std
    while bad.any():  # redraw outside two standard deviations
        out[bad] = rng.normal(0, std, size=bad.sum())
        bad = np.abs(out) > 2 * std
    return out


def he_uniform(fan_in, fan_out, *, rng=None):
    a = np.sqrt(6 / fan_in)
    return rng.uniform(-a, a, size=(fan_in, fan_out))


BUGS = [
    ("sigmoid_grad", sigmoid_grad_of_activation, "as if x were already σ(x)"),
    ("sigmoid_grad", sigmoid_grad_forward, "σ(x) itself"),
    ("sigmoid_grad", sigmoid_grad_tanh_rule, "the tanh rule applied to σ"),
    ("tanh_grad", tanh_grad_of_activation, "as if x were already tanh(x)"),
    ("tanh_grad", tanh_grad_no_square, "1 − tanh(x) (the square is missing)"),
    ("tanh_grad", tanh_grad_sech, "sech(x)"),
    ("softmax", softmax_no_shift, "without subtracting the row maximum"),
    ("softmax", softmax_axis0, "the wrong axis"),
    ("softmax", softmax_log, "log-softmax"),
    ("softmax", softmax_global_max, "the maximum of the whole array"),
    ("softmax_cross_entropy_grad", ce_grad_global_max, "the maximum of the whole array"),
    ("softmax_cross_entropy_grad", ce_grad_mean, "the mean loss"),
    ("softmax_cross_entropy_grad", ce_grad_sign, "the sign is flipped"),
    ("softmax_cross_entropy_grad", ce_grad_no_shift, "without subtracting the row maximum"),
    ("softmax_cross_entropy_grad", ce_grad_no_onehot, "one-hot labels were not subtracted"),
    ("batchnorm_backward", bn_unbiased, "unbiased variance"),
    ("batchnorm_backward", bn_unbiased_forward_only, "unbiased variance"),
    ("batchnorm_backward", bn_missing_1_over_n, "without the 1/N"),
    ("batchnorm_backward", bn_staged_lost_1_over_n, "1/N lost in the mean and variance paths"),
    ("batchnorm_backward", bn_eps_outside, "ε outside the square root"),
    ("batchnorm_backward", bn_wrong_axis, "LayerNorm's normalisation"),
    ("batchnorm_backward", bn_constant_stats, "treated as constants"),
    ("batchnorm_backward", bn_mean_params, "means over the batch instead of sums"),
    ("batchnorm_backward", bn_forgot_gamma, "dx without γ"),
    ("batchnorm_backward", bn_dgamma_from_x, "the input instead of x̂"),
    ("layernorm_backward", ln_unbiased, "unbiased variance"),
    ("layernorm_backward", ln_missing_1_over_d, "without the 1/D"),
    ("layernorm_backward", ln_batch_axis, "BatchNorm's normalisation"),
    ("layernorm_backward", ln_eps_outside, "ε outside the square root"),
    ("layernorm_backward", ln_forgot_gamma, "dx without γ"),
    ("adam_step", adam_no_bias_correction, "without bias correction"),
    ("adam_step", adam_eps_inside, "ε inside the square root"),
    ("adam_step", adam_efficient, "'efficient' form"),
    ("adam_step", adam_beta_not_power, "β instead of βᵗ"),
    ("adam_step", adam_t_from_zero, "off by one"),
    ("adam_step", adam_v_not_squared, "not its square"),
    ("adam_step", adam_v_plain, "not its square"),
    ("adam_step", adam_ascent, "added to param instead of subtracted"),
    ("rnn_jacobian", rnn_diag_right, "the diagonal on the right"),
    ("rnn_jacobian", rnn_preactivation, "as if h were the pre-activation"),
    ("rnn_jacobian", rnn_transposed, "W_hh transposed"),
    ("bptt_jacobian", bptt_reversed, "the wrong order"),
    ("bptt_jacobian", bptt_transposed, "transposed"),
    ("bptt_jacobian", bptt_preactivation, "as if the states were pre-activations"),
    ("bptt_jacobian", bptt_skips_first, "the first state taken for h_0"),
    ("positional_encoding", pe_swapped, "sine and cosine swapped"),
    ("positional_encoding", pe_column_frequency, "its own frequency"),
    ("positional_encoding", pe_from_one, "counted from 1"),
    ("positional_encoding", pe_pair_index, "i/d_model instead of 2i/d_model"),
    ("positional_encoding", pe_multiplied, "multiplied instead of divided"),
    ("xavier_uniform", xavier_bound_from_variance, "the variance formula used as the bound"),
    ("xavier_uniform", xavier_normal, "Xavier normal"),
    ("xavier_uniform", xavier_positive, "all weights positive"),
    ("he_normal", he_lecun, "LeCun"),
    ("he_normal", he_fan_out, "the wrong fan"),
    ("he_normal", he_variance_as_scale, "the variance passed as the scale"),
    ("he_normal", he_uniform, "He uniform"),
    ("he_normal", he_keras_truncated, "Keras's he_normal"),
]


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize(("name", "fn", "hint"), BUGS, ids=[b[1].__name__ for b in BUGS])
def test_bug_is_caught_with_its_hint(name, fn, hint, dtype):
    report = check_implementation(name, fn, dtype=dtype)
    assert not report
    assert report.hints, str(report)
    assert hint in report.hints[0], str(report)
    # The hint is in the text a student reads, and only the first failing case's hints are given.
    assert hint in report.summary
    assert hint in str(report)


def test_every_kernel_has_at_least_two_bugs_here():
    from symdl.testing import KERNELS

    counts = {name: sum(1 for b in BUGS if b[0] == name) for name in KERNELS}
    assert min(counts.values()) >= 2, counts

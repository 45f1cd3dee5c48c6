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


def relu_grad_ge(x):
    return (x >= 0).astype(x.dtype)


def relu_grad_heaviside(x):
    return np.heaviside(x, 0.5).astype(x.dtype)


def relu_grad_forward(x):
    return np.maximum(0, x)


def leaky_relu_grad_ge(x, negative_slope=0.01):
    grad = np.full_like(x, negative_slope)
    grad[x >= 0] = 1
    return grad


def leaky_relu_grad_no_slope(x, negative_slope=0.01):
    return np.where(x > 0, 1, 0).astype(x.dtype)


def leaky_relu_grad_fixed_slope(x, negative_slope=0.01):
    return np.where(x > 0, 1.0, 0.01).astype(x.dtype)


def leaky_relu_grad_forward(x, negative_slope=0.01):
    return np.maximum(x, negative_slope * x)


def elu_grad_written_with_less_than(x, alpha=1.0):
    with np.errstate(over="ignore"):
        return np.where(x < 0, alpha * np.exp(x), 1.0).astype(x.dtype)  # 1 at x = 0


def elu_grad_no_alpha(x, alpha=1.0):
    return np.where(x > 0, 1.0, np.exp(np.minimum(x, 0))).astype(x.dtype)


def elu_grad_forward_branch(x, alpha=1.0):
    return np.where(x > 0, 1.0, alpha * np.expm1(np.minimum(x, 0))).astype(x.dtype)


def elu_grad_masks(x, alpha=1.0):
    return ((x > 0) + (x <= 0) * alpha * np.exp(x)).astype(x.dtype)


def _erf(x):
    import math

    return np.vectorize(math.erf, otypes=[x.dtype])(x)


def gelu_grad_tanh(x):
    k = np.sqrt(2 / np.pi)
    inner = k * (x + 0.044715 * x**3)
    sech2 = 1 / np.cosh(inner) ** 2
    return (0.5 * (1 + np.tanh(inner)) + 0.5 * x * sech2 * k * (1 + 3 * 0.044715 * x**2)).astype(x.dtype)


def gelu_grad_sigmoid(x):
    s = _sigmoid(1.702 * x)
    return (s * (1 + 1.702 * x * (1 - s))).astype(x.dtype)


def gelu_grad_cdf_only(x):
    return 0.5 * (1 + _erf(x / np.sqrt(2).astype(x.dtype)))


def gelu_grad_erf_of_x(x):
    pdf = np.exp(-0.5 * x * x) / np.sqrt(2 * np.pi)
    return (0.5 * (1 + _erf(x)) + x * pdf).astype(x.dtype)


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


def _rows(labels):
    return np.arange(len(labels)), labels


def ce_loss_no_shift(logits, labels):
    return np.log(np.sum(np.exp(logits), axis=1)) - logits[_rows(labels)]


def ce_loss_max_not_added_back(logits, labels):
    shifted = logits - logits.max(axis=1, keepdims=True)
    return np.log(np.exp(shifted).sum(axis=1)) - logits[_rows(labels)]


def _probs(logits):
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def ce_loss_minus_log_p(logits, labels):
    return -np.log(_probs(logits)[_rows(labels)])


def ce_loss_clipped(logits, labels):
    return -np.log(np.clip(_probs(logits)[_rows(labels)], 1e-12, 1.0))


def ce_loss_plus_eps(logits, labels):
    return -np.log(_probs(logits)[_rows(labels)] + 1e-7)


def ce_loss_sign(logits, labels):
    shifted = logits - logits.max(axis=1, keepdims=True)
    return (shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True)))[_rows(labels)]


# -- normalisation forward ------------------------------------------------------------------------
def bn_forward_unbiased(x, gamma, beta, eps=1e-5):
    mean, var = x.mean(axis=0), x.var(axis=0, ddof=1)
    return gamma * (x - mean) / np.sqrt(var + eps) + beta, mean, var


def bn_forward_running_var(x, gamma, beta, eps=1e-5):
    n = x.shape[0]
    mean, var = x.mean(axis=0), x.var(axis=0)
    return gamma * (x - mean) / np.sqrt(var + eps) + beta, mean, var * n / (n - 1)


def bn_forward_eps_outside(x, gamma, beta, eps=1e-5):
    mean, std = x.mean(axis=0), x.std(axis=0)
    return gamma * (x - mean) / (std + eps) + beta, mean, std**2


def bn_forward_returns_std(x, gamma, beta, eps=1e-5):
    mean = x.mean(axis=0)
    std = np.sqrt(x.var(axis=0) + eps)
    return gamma * (x - mean) / std + beta, mean, std


def bn_forward_no_affine(x, gamma, beta, eps=1e-5):
    mean, var = x.mean(axis=0), x.var(axis=0)
    return (x - mean) / np.sqrt(var + eps), mean, var


def bn_forward_one_pass(x, gamma, beta, eps=1e-5):
    mean = x.mean(axis=0)
    var = (x**2).mean(axis=0) - mean**2
    return gamma * (x - mean) / np.sqrt(var + eps) + beta, mean, var


def ln_forward_unbiased(x, gamma, beta, eps=1e-5):
    mean = x.mean(axis=-1, keepdims=True)
    rstd = 1 / np.sqrt(x.var(axis=-1, ddof=1, keepdims=True) + eps)
    return (x - mean) * rstd * gamma + beta, mean[..., 0], rstd[..., 0]


def ln_forward_returns_std(x, gamma, beta, eps=1e-5):
    mean = x.mean(axis=-1, keepdims=True)
    std = np.sqrt(x.var(axis=-1, keepdims=True) + eps)
    return gamma * (x - mean) / std + beta, mean[..., 0], std[..., 0]


def ln_forward_rstd_without_eps(x, gamma, beta, eps=1e-5):
    mean = x.mean(axis=-1, keepdims=True)
    var = x.var(axis=-1, keepdims=True)
    return gamma * (x - mean) / np.sqrt(var + eps) + beta, mean[..., 0], 1 / np.sqrt(var[..., 0])


def ln_forward_eps_outside(x, gamma, beta, eps=1e-5):
    mean = x.mean(axis=-1, keepdims=True)
    std = x.std(axis=-1, keepdims=True) + eps
    return gamma * (x - mean) / std + beta, mean[..., 0], 1 / std[..., 0]


def ln_forward_one_pass(x, gamma, beta, eps=1e-5):
    mean = x.mean(axis=-1, keepdims=True)
    rstd = 1 / np.sqrt((x * x).mean(axis=-1, keepdims=True) - mean * mean + eps)
    return (x - mean) * rstd * gamma + beta, mean[..., 0], rstd[..., 0]


def ln_forward_no_affine(x, gamma, beta, eps=1e-5):
    mean = x.mean(axis=-1, keepdims=True)
    rstd = 1 / np.sqrt(x.var(axis=-1, keepdims=True) + eps)
    return (x - mean) * rstd, mean[..., 0], rstd[..., 0]


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


# -- SGD with momentum, Adagrad, RMSprop, Adadelta ----------------------------------------------------
def sgd_note_form(param, grad, velocity, lr=1e-2, momentum=0.9, *, nesterov=False):
    velocity[:] = momentum * velocity - lr * grad  # v ← μv − ηg, as the note writes it
    param += momentum * velocity - lr * grad if nesterov else velocity


def sgd_ascent(param, grad, velocity, lr=1e-2, momentum=0.9, *, nesterov=False):
    velocity *= momentum
    velocity += grad
    param += lr * (grad + momentum * velocity if nesterov else velocity)


def sgd_old_velocity(param, grad, velocity, lr=1e-2, momentum=0.9, *, nesterov=False):
    param -= lr * (grad + momentum * velocity if nesterov else velocity)  # before the update
    velocity[:] = momentum * velocity + grad


def sgd_dampened(param, grad, velocity, lr=1e-2, momentum=0.9, *, nesterov=False):
    velocity[:] = momentum * velocity + (1 - momentum) * grad
    param -= lr * (grad + momentum * velocity if nesterov else velocity)


def sgd_ignores_nesterov(param, grad, velocity, lr=1e-2, momentum=0.9, *, nesterov=False):
    velocity[:] = momentum * velocity + grad
    param -= lr * velocity


def adagrad_eps_inside(param, grad, state_sum, lr=1e-2, eps=1e-10):
    state_sum += grad * grad
    param -= lr * grad / np.sqrt(state_sum + eps)


def adagrad_old_sum(param, grad, state_sum, lr=1e-2, eps=1e-10):
    param -= lr * grad / (np.sqrt(state_sum) + eps)
    state_sum += grad * grad


def adagrad_no_root(param, grad, state_sum, lr=1e-2, eps=1e-10):
    state_sum += grad**2
    param -= lr * grad / (state_sum + eps)


def rmsprop_without_one_minus_alpha(param, grad, square_avg, lr=1e-2, alpha=0.99, eps=1e-8):
    square_avg[:] = alpha * square_avg + grad**2
    param -= lr * grad / (np.sqrt(square_avg) + eps)


def rmsprop_swapped(param, grad, square_avg, lr=1e-2, alpha=0.99, eps=1e-8):
    square_avg[:] = (1 - alpha) * square_avg + alpha * grad**2
    param -= lr * grad / (np.sqrt(square_avg) + eps)


def rmsprop_eps_inside(param, grad, square_avg, lr=1e-2, alpha=0.99, eps=1e-8):
    square_avg *= alpha
    square_avg += (1 - alpha) * grad * grad
    param -= lr * grad / np.sqrt(square_avg + eps)


def rmsprop_old_average(param, grad, square_avg, lr=1e-2, alpha=0.99, eps=1e-8):
    param -= lr * grad / (np.sqrt(square_avg) + eps)
    square_avg[:] = alpha * square_avg + (1 - alpha) * grad**2


def adadelta_new_acc_delta(param, grad, square_avg, acc_delta, lr=1.0, rho=0.9, eps=1e-6):
    square_avg[:] = rho * square_avg + (1 - rho) * grad**2
    rms_grad = np.sqrt(square_avg + eps)
    delta = np.sqrt(acc_delta + eps) / rms_grad * grad
    acc_delta[:] = rho * acc_delta + (1 - rho) * delta**2
    param -= lr * np.sqrt(acc_delta + eps) / rms_grad * grad  # the step, recomputed


def adadelta_eps_below_only(param, grad, square_avg, acc_delta, lr=1.0, rho=0.9, eps=1e-6):
    square_avg[:] = rho * square_avg + (1 - rho) * grad**2
    delta = np.sqrt(acc_delta) / np.sqrt(square_avg + eps) * grad
    acc_delta[:] = rho * acc_delta + (1 - rho) * delta**2
    param -= lr * delta


def adadelta_old_square_avg(param, grad, square_avg, acc_delta, lr=1.0, rho=0.9, eps=1e-6):
    delta = np.sqrt(acc_delta + eps) / np.sqrt(square_avg + eps) * grad
    square_avg[:] = rho * square_avg + (1 - rho) * grad**2
    acc_delta[:] = rho * acc_delta + (1 - rho) * delta**2
    param -= lr * delta


def adadelta_no_lr(param, grad, square_avg, acc_delta, lr=1.0, rho=0.9, eps=1e-6):
    square_avg[:] = rho * square_avg + (1 - rho) * grad**2
    delta = np.sqrt(acc_delta + eps) / np.sqrt(square_avg + eps) * grad
    acc_delta[:] = rho * acc_delta + (1 - rho) * delta**2
    param -= delta


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


# -- attention --------------------------------------------------------------------------------------
def _attention(Q, K, V, *, causal=False, scale=None, hide=None, axis=-1, shift=True, after=False):
    """One head, written out, with one thing changed by the keyword given."""
    t, n = Q.shape[0], K.shape[0]
    scores = Q @ K.T / (np.sqrt(Q.shape[1]) if scale is None else scale)
    hidden = (np.triu(np.ones((t, n)), k=1) if hide is None else hide(t, n)).astype(bool)
    if causal and not after:
        scores[hidden] = -np.inf
    if shift:
        scores = scores - scores.max(axis=axis, keepdims=True)
    w = np.exp(scores)
    w = w / w.sum(axis=axis, keepdims=True)
    if causal and after:
        w[hidden] = 0
    return (w @ V).astype(Q.dtype)


def attention_unscaled(Q, K, V, *, causal=False):
    return _attention(Q, K, V, causal=causal, scale=1.0)


def attention_over_d(Q, K, V, *, causal=False):
    return _attention(Q, K, V, causal=causal, scale=Q.shape[1])


def attention_axis0(Q, K, V, *, causal=False):
    return _attention(Q, K, V, causal=causal, axis=0)


def attention_no_shift(Q, K, V, *, causal=False):
    return _attention(Q, K, V, causal=causal, shift=False)


def attention_hides_diagonal(Q, K, V, *, causal=False):
    return _attention(Q, K, V, causal=causal, hide=lambda t, n: np.triu(np.ones((t, n))))


def attention_one_key_late(Q, K, V, *, causal=False):
    return _attention(Q, K, V, causal=causal, hide=lambda t, n: np.triu(np.ones((t, n)), k=2))


def attention_mask_transposed(Q, K, V, *, causal=False):
    return _attention(Q, K, V, causal=causal, hide=lambda t, n: np.tril(np.ones((t, n)), k=-1))


def attention_bottom_right(Q, K, V, *, causal=False):
    # each query at position i + (L − T) among the keys: the last query sees every key
    return _attention(
        Q, K, V, causal=causal, hide=lambda t, n: np.arange(n)[None, :] > np.arange(t)[:, None] + n - t
    )


def attention_mask_after_softmax(Q, K, V, *, causal=False):
    return _attention(Q, K, V, causal=causal, after=True)


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
    ("relu_grad", relu_grad_ge, "relu′(0) = 1"),
    ("relu_grad", relu_grad_heaviside, "np.heaviside(x, 0.5)"),
    ("relu_grad", relu_grad_forward, "relu(x) itself"),
    ("leaky_relu_grad", leaky_relu_grad_ge, "LeakyReLU′(0) = 1"),
    ("leaky_relu_grad", leaky_relu_grad_no_slope, "the negative slope left out"),
    ("leaky_relu_grad", leaky_relu_grad_fixed_slope, "argument ignored"),
    ("leaky_relu_grad", leaky_relu_grad_forward, "LeakyReLU(x) itself"),
    ("elu_grad", elu_grad_written_with_less_than, "ELU′(0) = 1"),
    ("elu_grad", elu_grad_no_alpha, "α left out"),
    ("elu_grad", elu_grad_forward_branch, "the forward value"),
    ("elu_grad", elu_grad_masks, "0·inf = NaN"),
    ("gelu_grad", gelu_grad_tanh, "tanh approximation"),
    ("gelu_grad", gelu_grad_sigmoid, "sigmoid approximation"),
    ("gelu_grad", gelu_grad_cdf_only, "Φ(x) alone"),
    ("gelu_grad", gelu_grad_erf_of_x, "the 1/√2 inside erf left out"),
    ("softmax", softmax_no_shift, "without subtracting the row maximum"),
    ("softmax", softmax_axis0, "the wrong axis"),
    ("softmax", softmax_log, "log-softmax"),
    ("softmax", softmax_global_max, "the maximum of the whole array"),
    ("softmax_cross_entropy_grad", ce_grad_global_max, "the maximum of the whole array"),
    ("softmax_cross_entropy_grad", ce_grad_mean, "the mean loss"),
    ("softmax_cross_entropy_grad", ce_grad_sign, "the sign is flipped"),
    ("softmax_cross_entropy_grad", ce_grad_no_shift, "without subtracting the row maximum"),
    ("softmax_cross_entropy_grad", ce_grad_no_onehot, "one-hot labels were not subtracted"),
    ("softmax_cross_entropy", ce_loss_no_shift, "without subtracting the row maximum"),
    ("softmax_cross_entropy", ce_loss_max_not_added_back, "not added back"),
    ("softmax_cross_entropy", ce_loss_minus_log_p, "−log of the softmax probability"),
    ("softmax_cross_entropy", ce_loss_clipped, "caps the loss"),
    ("softmax_cross_entropy", ce_loss_plus_eps, "caps the loss"),
    ("softmax_cross_entropy", ce_loss_sign, "the sign flipped"),
    ("batchnorm_forward", bn_forward_unbiased, "unbiased variance (1/(N − 1))"),
    ("batchnorm_forward", bn_forward_running_var, "running_var"),
    ("batchnorm_forward", bn_forward_eps_outside, "ε outside the square root"),
    ("batchnorm_forward", bn_forward_returns_std, "the standard deviation returned as var"),
    ("batchnorm_forward", bn_forward_no_affine, "γ and β not applied"),
    ("batchnorm_forward", bn_forward_one_pass, "mean(x²) − mean(x)²"),
    ("layernorm_forward", ln_forward_unbiased, "unbiased variance (1/(D − 1))"),
    ("layernorm_forward", ln_forward_returns_std, "returned instead of rstd"),
    ("layernorm_forward", ln_forward_rstd_without_eps, "ε left out of rstd"),
    ("layernorm_forward", ln_forward_eps_outside, "ε outside the square root"),
    ("layernorm_forward", ln_forward_no_affine, "γ and β not applied"),
    ("layernorm_forward", ln_forward_one_pass, "mean(x²) − mean(x)²"),
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
    ("sgd_momentum_step", sgd_note_form, "the note's form"),
    ("sgd_momentum_step", sgd_ascent, "gradient ascent"),
    ("sgd_momentum_step", sgd_old_velocity, "with the old velocity (v updated after θ)"),
    ("sgd_momentum_step", sgd_dampened, "exponential average"),
    ("sgd_momentum_step", sgd_ignores_nesterov, "nesterov=True ignored"),
    ("adagrad_step", adagrad_eps_inside, "ε inside the square root"),
    ("adagrad_step", adagrad_old_sum, "the old state_sum"),
    ("adagrad_step", adagrad_no_root, "no square root"),
    ("rmsprop_step", rmsprop_without_one_minus_alpha, "the (1 − α) left out"),
    ("rmsprop_step", rmsprop_swapped, "α and 1 − α swapped"),
    ("rmsprop_step", rmsprop_eps_inside, "ε inside the square root"),
    ("rmsprop_step", rmsprop_old_average, "the old square_avg"),
    ("adadelta_step", adadelta_new_acc_delta, "recomputed with the updated acc_delta"),
    ("adadelta_step", adadelta_eps_below_only, "ε only in the denominator"),
    ("adadelta_step", adadelta_old_square_avg, "from the old square_avg"),
    ("adadelta_step", adadelta_no_lr, "lr ignored"),
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
    ("attention", attention_unscaled, "not divided by √d_k"),
    ("attention", attention_over_d, "divided by d_k instead of √d_k"),
    ("attention", attention_axis0, "softmax over the queries"),
    ("attention", attention_no_shift, "without subtracting the row maximum"),
    ("attention", attention_hides_diagonal, "hides the diagonal"),
    ("attention", attention_one_key_late, "one key late"),
    ("attention", attention_mask_transposed, "mask transposed"),
    ("attention", attention_bottom_right, "aligned at the bottom right"),
    ("attention", attention_mask_after_softmax, "after the softmax"),
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


def _every_mistake():
    from symdl.testing import KERNELS

    return [
        pytest.param(name, mistake, id=f"{name}-{k}")
        for name, kernel in KERNELS.items()
        if kernel.distribution is None
        for k, mistake in enumerate(kernel.mistakes)
    ]


@pytest.mark.parametrize(("name", "mistake"), _every_mistake())
def test_every_catalogued_mistake_fails_and_is_named(name, mistake):
    # The catalogue's own wrong variant, run as a student's function: some case of the battery
    # tells it from symdl's kernel (else the mistake could never be hinted), and that case's hints
    # name it.
    report = check_implementation(name, mistake.fn)
    assert not report
    first = report.first_failure
    assert mistake.label in [label for label, _ in first.matches], str(report)

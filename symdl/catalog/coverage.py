"""Every section of every note: the records that settle its claims, or why there is nothing to prove.

The rule, applied to every sentence of the notes:

* A sentence that states a **checkable fact** -- one mathematics settles: a formula, an identity, a
  bound, a range, a limit, a count, an exact value, a claim about cost that counting settles -- is
  covered by a record.  If the sentence is true, the record proves it.  If it is false, the record is
  an **erratum** (``holds=False``): the note's claim refuted with the machine's evidence, a correction
  proved, and the truth in words.  Where the verdict depends on how the words are read, the record's
  statement says so ("judgement call") and names the reading it checks.
* A ``reason`` is only for sentences that state no checkable fact: history, advice and empirical
  observations, definitions and descriptions in words, figures.  A reason never stands in for a claim
  that could be checked, true or false.

A test checks that every name here is a record, that every record is listed, and
that every section has records or a reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from symdl.catalog._common import ALL_ABOUT_DL, DEEP_LEARNING, DL_BASICS, DL_TECHNIQUES, ML_LIFECYCLE

__all__ = ["SECTIONS", "Section"]

HISTORY = "history or biography: nothing to prove"
ADVICE = "practical advice or an empirical observation, not a mathematical claim"
DEFINITION = "a definition or description in words; its formulas are covered where they are used"


@dataclass(frozen=True)
class Section:
    note: str
    section: str
    records: tuple[str, ...] = ()
    reason: str = ""


SECTIONS: tuple[Section, ...] = (
    # -- DL — Deep Learning Techniques ------------------------------------------------------------------
    Section(DL_TECHNIQUES, "Learning Rate: LambdaLR", ("lambda_lr_not_exponential",)),
    Section(DL_TECHNIQUES, "Learning Rate: StepLR", ("step_lr",)),
    Section(
        DL_TECHNIQUES,
        "Learning Rate: CosineAnnealingLR",
        ("cosine_annealing_lr", "cosine_annealing_recursive_form"),
    ),
    Section(DL_TECHNIQUES, "Learning Rate: ReduceLROnPlateau", ("reduce_lr_on_plateau",)),
    Section(DL_TECHNIQUES, "Activations: role and nonlinearity", ("linear_layers_compose_to_one",)),
    Section(DL_TECHNIQUES, "Activations: sigmoid", ("sigmoid_range", "sigmoid_derivative")),
    Section(DL_TECHNIQUES, "Activations: tanh", ("tanh_definition", "tanh_zero_centred")),
    Section(DL_TECHNIQUES, "Activations: ReLU", ("relu_derivative",)),
    Section(
        DL_TECHNIQUES,
        "Activations: softmax",
        (
            "softmax_sums_to_one",
            "softmax_shift_invariance",
            "softmax_jacobian",
            "softmax_keeps_order_not_a_hard_max",
            "softmax_equal_logits",
        ),
    ),
    Section(
        DL_TECHNIQUES,
        "Dropout",
        ("inverted_dropout_expectation",),
        reason="the typical rates 0.2–0.5 and the need for more epochs are " + ADVICE,
    ),
    Section(
        DL_TECHNIQUES,
        "Batch Normalization",
        (
            "batchnorm_forward_statistics",
            "batchnorm_scale_shift",
            "batchnorm_can_undo_itself",
            "batchnorm_backward",
            "batchnorm_param_grads",
        ),
    ),
    Section(
        DL_TECHNIQUES,
        "Layer Normalization",
        (
            "layernorm_forward_statistics",
            "layernorm_independent_of_batch",
            "layernorm_backward",
            "layernorm_computes_statistics",
            "normalization_scale_invariance",
        ),
        reason="'a regularisation technique' and 'suits sequence data' are descriptions",
    ),
    Section(DL_TECHNIQUES, "Residual Connection", ("residual_connection_gradient",)),
    Section(
        DL_TECHNIQUES,
        "Singular Value Decomposition",
        ("svd_truncation_error", "svd_right_singular_vectors", "svd_right_vectors_map_to_left"),
    ),
    Section(
        DL_TECHNIQUES,
        "Transformer: features",
        (
            "self_attention_sees_all_positions",
            "self_attention_permutation_equivariant",
            "positional_encoding_relative_shift",
            "causal_attention_mask",
        ),
        reason="the encoder–decoder diagram is " + DEFINITION,
    ),
    Section(
        DL_TECHNIQUES,
        "Transformer: positional encoding (formula and example)",
        (
            "positional_encoding",
            "positional_encoding_example_odd_dimension",
            "positional_encoding_example_vectors",
            "positional_encoding_example_sums",
        ),
    ),
    Section(
        DL_TECHNIQUES,
        "Self-Attention example",
        (
            "self_attention_example_score",
            "self_attention_example_softmax",
            "self_attention_example_output",
            "self_attention_example_pipeline",
        ),
    ),
    # -- ML LifeCycle weekly summary ------------------------------------------------------------------------
    Section(ML_LIFECYCLE, "Backpropagation", reason=DEFINITION + " (its figures are not included)"),
    Section(
        ML_LIFECYCLE,
        "Drawbacks of activation functions: sigmoid",
        (
            "sigmoid_derivative",
            "sigmoid_saturates",
            "sigmoid_derivative_bound",
            "sigmoid_derivative_at_zero",
            "relu_needs_no_exponential",
        ),
        reason="how much time an exp() takes depends on the machine; that σ needs one is counted",
    ),
    Section(
        ML_LIFECYCLE,
        "Drawbacks of activation functions: not zero-centred output",
        (
            "sigmoid_not_zero_centred_gradients",
            "sigmoid_weight_gradients_share_a_sign",
            "minibatch_weight_gradients_can_mix",
        ),
    ),
    Section(
        ML_LIFECYCLE,
        "Tanh functions",
        ("tanh_scaled_sigmoid", "tanh_zero_centred", "tanh_derivative", "tanh_range_open", "tanh_saturates"),
    ),
    Section(
        ML_LIFECYCLE,
        "ReLU",
        (
            "relu_derivative",
            "relu_not_differentiable_at_zero",
            "relu_output_nonnegative",
            "relu_needs_no_exponential",
            "dead_relu_negative_input",
        ),
        reason="'converges faster than sigmoid or tanh' is " + ADVICE,
    ),
    Section(ML_LIFECYCLE, "Leaky ReLU", ("leaky_relu_derivative",)),
    Section(
        ML_LIFECYCLE, "ELU (Exponential Linear Unit)", ("elu_derivative", "elu_saturates_at_minus_alpha")
    ),
    Section(
        ML_LIFECYCLE,
        "Weight initialization: small and large Gaussian random",
        (
            "init_variance_depth_bound",
            "tanh_below_identity",
            "small_gaussian_init_collapse",
            "large_gaussian_init_saturates",
            "gaussian_tanh_slope_bound",
        ),
    ),
    Section(
        ML_LIFECYCLE,
        "Weight initialization: Xavier initialization",
        (
            "xavier_forward_variance",
            "xavier_backward_variance",
            "xavier_glorot_variance",
            "xavier_glorot_uniform_bound",
            "xavier_uniform_sampler",
            "xavier_notes_code_variance",
            "xavier_notes_code_halves_variance",
            "xavier_assumes_unit_slope",
        ),
    ),
    Section(
        ML_LIFECYCLE,
        "Weight initialization: He normal initialization",
        (
            "he_relu_second_moment",
            "he_kaiming_variance",
            "he_normal_sampler",
            "he_variance_does_not_change_active_fraction",
        ),
    ),
    Section(
        ML_LIFECYCLE,
        "Learning Rate Scheduling",
        ("gd_quadratic_iterates", "gd_quadratic_step_size", "step_lr", "cosine_annealing_lr"),
        reason="'find the best rate through such techniques and experience' is " + ADVICE,
    ),
    Section(
        ML_LIFECYCLE,
        "Data preprocessing: zero-centring and normalization",
        ("zero_centring_and_standardisation",),
        reason="'why zero-centring' is " + ADVICE,
    ),
    Section(
        ML_LIFECYCLE,
        "Data preprocessing: PCA and whitening",
        (
            "pca_decorrelates",
            "pca_first_direction_keeps_most_variance",
            "whitening_divides_by_sqrt_eigenvalues",
            "whitening_gives_identity",
            "whitening_does_not_make_data_gaussian",
        ),
    ),
    Section(ML_LIFECYCLE, "Data augmentation", reason=ADVICE),
    Section(
        ML_LIFECYCLE,
        "RNN: advantages and drawbacks",
        (
            "rnn_parameters_shared_across_steps",
            "rnn_steps_are_sequential",
            "rnn_jacobian",
            "rnn_bptt_jacobian",
            "rnn_bptt_norm_bound",
            "tanh_derivative",
            "tanh_derivative_bound",
        ),
        reason="what an RNN is (a model for sequences that feeds its hidden state back) is " + DEFINITION,
    ),
    Section(
        ML_LIFECYCLE,
        "LSTM",
        ("lstm_cell_state_gradient", "lstm_cell_state_changes", "lstm_hidden_state_gradient"),
    ),
    Section(ML_LIFECYCLE, "GRU", ("gru_hidden_state_gradient",)),
    Section(
        ML_LIFECYCLE,
        "Attention",
        (
            "attention_projections",
            "attention_output_convex_combination",
            "softmax_sums_to_one",
            "attention_dot_product_variance",
        ),
    ),
    Section(ML_LIFECYCLE, "Transformers: positional encoding", ("positional_encoding",)),
    Section(
        ML_LIFECYCLE,
        "Transformers: self-attention",
        (
            "scaled_dot_product_attention",
            "attention_dot_product_variance",
            "attention_scaled_score_variance",
            "softmax_jacobian",
            "multi_head_attention_parameters",
            "multi_head_score_variance",
        ),
        reason="what attention and self-attention relate (two sequences; one sequence with itself) is "
        + DEFINITION,
    ),
    Section(ML_LIFECYCLE, "Transformers: residual connection", ("residual_connection_gradient",)),
    Section(
        ML_LIFECYCLE,
        "Transformers: layer normalization",
        ("layernorm_forward_statistics", "layernorm_backward", "layernorm_independent_of_batch"),
    ),
    # -- All about Deep Learning -------------------------------------------------------------------------
    Section(ALL_ABOUT_DL, "Who is a good deep learner; what to study", reason=ADVICE),
    Section(
        ALL_ABOUT_DL,
        "Historical review (AlexNet, DQN, encoder/decoder, GAN, ResNet, Transformer, BERT, "
        "GPT, self-supervised learning)",
        ("rnn_steps_are_sequential", "residual_connection_gradient"),
        reason=HISTORY,
    ),
    Section(
        ALL_ABOUT_DL,
        "2014: Adam",
        ("adam_bias_correction_m", "adam_bias_correction_v", "adam_moment_unrolled", "adam_keras_epsilon"),
    ),
    Section(ALL_ABOUT_DL, "Neural networks: why nonlinear functions", ("linear_layers_compose_to_one",)),
    Section(
        ALL_ABOUT_DL,
        "Loss functions in an MLP: MSE, CE, MLE",
        ("mse_is_gaussian_nll", "cross_entropy_is_categorical_nll"),
    ),
    Section(
        ALL_ABOUT_DL,
        "Further question: is CE the best loss for classification?",
        (
            "cross_entropy_convex_in_logits",
            "cross_entropy_not_convex_in_weights",
            "cross_entropy_penalises_confident_mistakes",
            "bce_treats_both_errors_alike",
        ),
        reason="class imbalance and other metrics are " + ADVICE,
    ),
    Section(ALL_ABOUT_DL, "Bias and Variance", ("bias_variance_noise",)),
    Section(
        ALL_ABOUT_DL, "Optimization: generalisation, cross-validation, bagging, boosting", reason=DEFINITION
    ),
    Section(
        ALL_ABOUT_DL,
        "Gradient descent techniques",
        (
            "momentum_terminal_velocity",
            "momentum_unrolled",
            "momentum_forms_agree",
            "nesterov_lookahead_form",
            "nesterov_torch_form",
            "adagrad_step_shrinks",
            "adagrad_rate_never_grows",
            "adagrad_accumulates_squares",
            "adadelta_first_step",
            "adadelta_update",
            "rmsprop_step_does_not_vanish",
            "rmsprop_exponential_average",
        ),
    ),
    Section(
        ALL_ABOUT_DL,
        "Regularization",
        ("label_smoothing_target", "inverted_dropout_expectation"),
        reason="early stopping, norm penalties, augmentation, noise, CutMix/CutOut/Mixup are listed "
        "by name only",
    ),
    # -- Deep Learning ---------------------------------------------------------------------------
    Section(DEEP_LEARNING, "AI, machine learning, deep learning; MLP", reason=DEFINITION),
    Section(
        DEEP_LEARNING,
        "Nonlinear functions",
        (
            "sigmoid_range",
            "sigmoid_centre",
            "tanh_zero_centred",
            "relu_derivative",
            "leaky_relu_derivative",
            "softmax_sums_to_one",
            "softmax_positive",
        ),
        reason="where each is used (output layer, most common) is " + ADVICE,
    ),
    Section(
        DEEP_LEARNING,
        "Loss functions",
        (
            "mae_gradient",
            "mse_gradient",
            "bce_gradient",
            "sigmoid_bce_logit_gradient",
            "softmax_cross_entropy_gradient",
            "softmax_cross_entropy_grad_onehot",
            "cross_entropy_log_sum_exp",
            "softmax_two_classes_is_sigmoid",
        ),
    ),
    Section(
        DEEP_LEARNING,
        "Optimization 1: gradient descent",
        ("gradient_descent_first_order_decrease", "gradient_is_steepest_ascent", "gd_can_stop_at_a_saddle"),
    ),
    Section(
        DEEP_LEARNING,
        "Backpropagation: sigmoid derivative",
        ("sigmoid_derivative_bound", "sigmoid_vanishing_multiplies_slopes", "sigmoid_chain_gradient_bound"),
    ),
    Section(
        DEEP_LEARNING,
        "Optimization 2",
        (
            "momentum_terminal_velocity",
            "momentum_weights_total",
            "momentum_average_and_sum_forms",
            "momentum_forms_agree",
            "adagrad_step_shrinks",
            "adagrad_accumulates_squares",
            "rmsprop_step_does_not_vanish",
            "rmsprop_exponential_average",
            "adam_without_momentum_is_rmsprop",
            "adam_keras_epsilon",
            "gd_saddle_iterates",
            "gd_slow_along_flat_directions",
        ),
        reason="'gradient descent applies one learning rate to every parameter' is " + DEFINITION,
    ),
    Section(
        DEEP_LEARNING,
        "Overfitting; mini-batch, iteration, epoch",
        ("steps_worked_example", "minibatches_not_all_the_same_size"),
        reason="what overfitting looks like is an empirical observation; iteration and epoch are "
        + DEFINITION,
    ),
    Section(
        DEEP_LEARNING,
        "Regularization: early stopping, dropout",
        ("inverted_dropout_expectation", "dropout_dropped_unit_gets_no_gradient"),
        reason="early stopping is a procedure",
    ),
    Section(DEEP_LEARNING, "Batch Normalization (heading only)", ("batchnorm_backward",)),
    # -- Deep learning basics --------------------------------------------------------------------
    Section(
        DL_BASICS,
        "Deep learning structure: linear → nonlinear; softmax regression",
        ("gelu_derivative", "softmax_regression_vector_softmax", "linear_layers_compose_to_one"),
    ),
    Section(DL_BASICS, "Activation function", reason=DEFINITION),
    Section(
        DL_BASICS,
        "Layers and perceptrons",
        ("xor_not_linearly_separable", "xor_two_layer_mlp", "xor_alone_is_not_complete"),
        reason="the terms (unit, layers, perceptron, MLP, fully connected) are " + DEFINITION,
    ),
    Section(DL_BASICS, "Feed-forward neural network", reason=DEFINITION),
    Section(DL_BASICS, "Dropout", ("inverted_dropout_expectation", "dropout_is_not_weight_averaging")),
    Section(DL_BASICS, "Layer Norm and Batch Norm", ("layernorm_backward", "batchnorm_backward")),
    Section(DL_BASICS, "Transformer as a seq2seq model", reason=DEFINITION),
    Section(DL_BASICS, "softmax", ("softmax_sums_to_one", "softmax_positive")),
    Section(DL_BASICS, "Epoch vs batch size vs step", ("steps_worked_example", "steps_per_training_run")),
)

"""Metric parity with scikit-learn and scipy, hand-computed cases, and the bootstrap's behaviour."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from sklearn import metrics as skm

from sgpos.evaluate import bootstrap, comparison, metrics, position_map

K = 3


def random_case(rng, n, present_gold=(0, 1, 2), present_pred=(0, 1, 2)):
    gold = rng.choice(present_gold, size=n)
    pred = np.where(rng.random(n) < 0.5, gold, rng.choice(present_pred, size=n))
    pred = np.where(np.isin(pred, present_pred), pred, present_pred[0])
    return gold, pred


CASES = [((0, 1, 2), (0, 1, 2)), ((0, 2), (0, 1, 2)), ((0, 1, 2), (1, 2)), ((1,), (0, 2)), ((0, 1), (0, 1))]


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("present", CASES)
def test_count_metrics_match_scikit_learn_on_random_inputs(seed, present):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 300))
    gold, pred = random_case(rng, n, *present)
    confusion = metrics.confusion_counts(gold, pred, K)
    assert confusion.tolist() == skm.confusion_matrix(gold, pred, labels=[0, 1, 2]).tolist()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        precision, recall, f1, support = skm.precision_recall_fscore_support(
            gold, pred, labels=[0, 1, 2], zero_division=0)
        expected_mcc = skm.matthews_corrcoef(gold, pred)
        expected_kappa = skm.cohen_kappa_score(gold, pred, labels=[0, 1, 2])
    classes = metrics.per_class(confusion)
    np.testing.assert_allclose(classes["precision"], precision, atol=1e-12)
    np.testing.assert_allclose(classes["recall"], recall, atol=1e-12)
    np.testing.assert_allclose(classes["f1"], f1, atol=1e-12)
    assert classes["support"].tolist() == support.tolist()
    assert metrics.macro_f1(confusion) == pytest.approx(
        skm.f1_score(gold, pred, labels=[0, 1, 2], average="macro", zero_division=0), abs=1e-12)
    assert metrics.f_avg(confusion, (2, 0)) == pytest.approx((f1[0] + f1[2]) / 2, abs=1e-12)
    assert metrics.accuracy(confusion) == pytest.approx(skm.accuracy_score(gold, pred), abs=1e-12)
    assert metrics.matthews_corrcoef(confusion) == pytest.approx(expected_mcc, abs=1e-12)
    kappa = metrics.cohen_kappa(confusion)
    if math.isnan(expected_kappa):
        assert math.isnan(kappa)
    else:
        assert kappa == pytest.approx(expected_kappa, abs=1e-12)


def test_metrics_are_vectorised_over_a_batch_of_confusions():
    rng = np.random.default_rng(0)
    batch = rng.integers(0, 20, size=(50, K, K))
    values = metrics.headline(batch, (2, 0))
    for index in range(50):
        single = metrics.headline(batch[index], (2, 0))
        for name, value in values.items():
            np.testing.assert_allclose(value[index], single[name], equal_nan=True)


def test_hand_computed_case():
    # gold: 4 against, 2 neutral, 4 favor; 8 right
    confusion = np.array([[3, 1, 0], [0, 2, 0], [1, 0, 3]])
    f1 = metrics.f1_per_class(confusion)
    np.testing.assert_allclose(f1, [6 / 8, 4 / 5, 6 / 7])
    assert metrics.accuracy(confusion) == pytest.approx(0.8)
    assert metrics.f_avg(confusion, (2, 0)) == pytest.approx((6 / 8 + 6 / 7) / 2)
    # kappa: po = 0.8, pe = (4*4 + 2*3 + 4*3) / 100 = 0.34
    assert metrics.cohen_kappa(confusion) == pytest.approx((0.8 - 0.34) / 0.66)


def test_f_avg_pools_rows_not_targets():
    # Two targets; the pooled F_avg differs from the mean of per-target F_avg.
    first = metrics.confusion_counts([0, 0, 2], [0, 2, 2], K)
    second = metrics.confusion_counts([2, 2, 2, 0], [2, 2, 2, 2], K)
    pooled = metrics.f_avg(first + second, (2, 0))
    per_target = (metrics.f_avg(first, (2, 0)) + metrics.f_avg(second, (2, 0))) / 2
    assert pooled == pytest.approx((2 * 1 / (1 + 3) + 2 * 4 / (6 + 4)) / 2)
    assert abs(pooled - per_target) > 0.01


@pytest.mark.parametrize("seed", range(5))
def test_calibration_matches_scikit_learn(seed):
    rng = np.random.default_rng(seed)
    n = 200
    scores = rng.dirichlet([1, 1, 1], size=n)
    gold = rng.integers(0, K, n)
    assert metrics.brier_score(scores, gold) == pytest.approx(
        skm.brier_score_loss(gold, scores, labels=[0, 1, 2], scale_by_half=False), abs=1e-12)
    assert metrics.log_loss(scores, gold) == pytest.approx(skm.log_loss(gold, scores, labels=[0, 1, 2]), abs=1e-12)


def test_log_loss_clips_zero_probabilities():
    scores = np.array([[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]])
    assert math.isfinite(metrics.log_loss(scores, np.array([1, 2])))


def test_expected_calibration_error_hand_computed():
    # Confidences 0.9 (right), 0.9 (wrong), 0.5 (right): bins (13/15, 14/15] and (7/15, 8/15].
    scores = np.array([[0.9, 0.05, 0.05], [0.05, 0.9, 0.05], [0.5, 0.25, 0.25]])
    gold = np.array([0, 0, 0])
    expected = (2 / 3) * abs(0.5 - 0.9) + (1 / 3) * abs(1.0 - 0.5)
    assert metrics.expected_calibration_error(scores, gold) == pytest.approx(expected)
    bins = metrics.calibration(scores, gold)["bins"]
    assert len(bins) == 15 and sum(entry["n"] for entry in bins) == 3


def test_expected_calibration_error_is_zero_when_calibrated():
    scores = np.tile([1.0, 0.0, 0.0], (10, 1))
    assert metrics.expected_calibration_error(scores, np.zeros(10, dtype=int)) == 0.0


@pytest.mark.parametrize("seed", range(5))
def test_spearman_matches_scipy_with_ties(seed):
    from scipy.stats import spearmanr

    rng = np.random.default_rng(seed)
    gold = rng.choice([-1, -0.5, 0, 0.5, 1], size=30)
    pred = np.clip(gold + rng.normal(0, 0.5, 30).round(1), -1, 1)
    assert position_map.spearman(gold, pred) == pytest.approx(spearmanr(gold, pred).statistic, abs=1e-12)


def test_spearman_undefined_is_none():
    assert position_map.spearman([1, 1, 1], [0, 1, 2]) is None
    assert position_map.spearman([0, 1], [0, 1]) is None


@pytest.mark.parametrize("a_only,b_only", [(10, 2), (0, 0), (5, 5), (0, 7), (40, 23)])
def test_mcnemar_exact_matches_scipy_binomtest(a_only, b_only):
    from scipy.stats import binomtest

    expected = 1.0 if a_only + b_only == 0 else binomtest(a_only, a_only + b_only, 0.5).pvalue
    assert comparison.mcnemar_exact(a_only, b_only) == pytest.approx(expected, rel=1e-9)


def test_bootstrap_interval_contains_point_estimate_and_narrows_with_n():
    widths = []
    for n in (100, 1000, 10000):
        rng = np.random.default_rng(n)
        gold, pred = random_case(rng, n)
        confusion = metrics.confusion_counts(gold, pred, K)
        draws = bootstrap.resample_counts(confusion, 2000, bootstrap.generator(0))
        assert (draws.sum(axis=(1, 2)) == n).all()
        for name, values in metrics.headline(draws, (2, 0)).items():
            low, high = bootstrap.percentile_interval(values)
            point = float(metrics.headline(confusion, (2, 0))[name])
            assert low <= point <= high, name
        low, high = bootstrap.percentile_interval(metrics.macro_f1(draws))
        widths.append(high - low)
    assert widths[0] > widths[1] > widths[2]
    assert widths[0] / widths[2] > 5  # about sqrt(100)


def test_count_bootstrap_matches_row_bootstrap():
    rng = np.random.default_rng(1)
    gold, pred = random_case(rng, 400)
    confusion = metrics.confusion_counts(gold, pred, K)
    counts = metrics.macro_f1(bootstrap.resample_counts(confusion, 4000, bootstrap.generator(0)))
    row_rng = np.random.default_rng(2)
    rows = []
    for _ in range(4000):
        index = row_rng.integers(0, 400, 400)
        rows.append(metrics.macro_f1(metrics.confusion_counts(gold[index], pred[index], K)))
    assert np.std(counts) == pytest.approx(np.std(rows), rel=0.1)
    for q in (0.025, 0.5, 0.975):
        assert np.quantile(counts, q) == pytest.approx(np.quantile(rows, q), abs=0.015)


def test_bootstrap_is_seeded():
    confusion = np.array([[5, 1, 0], [2, 3, 1], [0, 1, 7]])
    first = bootstrap.resample_counts(confusion, 10, bootstrap.generator(7))
    again = bootstrap.resample_counts(confusion, 10, bootstrap.generator(7))
    other = bootstrap.resample_counts(confusion, 10, bootstrap.generator(8))
    assert (first == again).all() and not (first == other).all()


def test_two_sided_p_value():
    assert bootstrap.two_sided_p_value(np.full(999, 0.1)) == pytest.approx(2 / 1000)
    assert bootstrap.two_sided_p_value(np.r_[np.full(500, 0.1), np.full(500, -0.1)]) == 1.0




def test_row_wise_spearman_matches_the_single_one():
    rng = np.random.default_rng(3)
    gold = rng.choice([-1, -0.5, 0, 0.5, 1], size=(40, 12))
    pred = np.clip(gold + rng.choice([-0.5, 0, 0.5], size=(40, 12)), -1, 1)
    gold[0] = 0.5  # constant row: undefined
    rows = position_map.spearman_rows(gold, pred)
    assert np.isnan(rows[0])
    for index in range(1, 40):
        np.testing.assert_allclose(rows[index], position_map.spearman(gold[index], pred[index]), atol=1e-12)


def test_every_interval_contains_its_estimate_even_for_skewed_scores():
    from sgpos.evaluate import score

    rng = np.random.default_rng(3)
    for trial in range(40):
        n = int(rng.integers(8, 60))
        gold = [{"id": f"r{i}", "label": str(rng.choice(["favor", "against", "neutral"], p=[0.7, 0.25, 0.05]))}
                for i in range(n)]
        predicted = [{"id": g["id"], "label": g["label"] if rng.random() < 0.6 else "favor"} for g in gold]
        results = score(predicted, gold, resamples=200, seed=trial)
        for name, metric in results["metrics"].items():
            if metric["ci_low"] is not None:
                assert metric["ci_low"] <= metric["value"] <= metric["ci_high"], (trial, name, metric)
        for label, entry in results["per_class"].items():
            assert entry["f1_ci_low"] <= entry["f1"] <= entry["f1_ci_high"], (trial, label)


def test_the_position_map_interval_contains_its_spearman():
    # A majority-style system's map: few predicted positions, so resamples that drop thin
    # cells rank differently and the plain percentile interval can miss the estimate.
    from sgpos.corpus import read_records
    from sgpos.evaluate import bootstrap, score

    checked = 0
    for config in ("stance", "stance_temporal", "stance_unseen_target"):
        train, test = read_records(config, "train"), read_records(config, "test")
        majority = {}
        for row in train:
            majority.setdefault(row["target"], []).append(row["stance"])
        guess = {t: max(set(v), key=v.count) for t, v in majority.items()}
        predicted = [{"id": r["id"], "label": guess.get(r["target"], "favor")} for r in test]
        results = score(predicted, config=config, resamples=300)
        rho, (low, high) = results["position_map"]["spearman"], results["position_map"]["bootstrap"]["spearman_ci"]
        if rho is not None and low is not None:
            assert low <= rho <= high
            checked += 1
    assert checked
    assert bootstrap.percentile_interval([0.3, 0.4, 0.5], estimate=0.2)[0] <= 0.2

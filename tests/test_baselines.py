"""The baselines: fit on records, labels and probabilities in label order, determinism."""

from __future__ import annotations


import numpy as np
import pytest
from _baselines_fixtures import corpus_slice, synthetic_stance, tiny_dataset
from sgpos.baselines import (
    BASELINES,
    EMBEDDING_BASELINES,
    PairsFromStance,
    embeddings_available,
    make,
    make_for_config,
    relation,
)
from sgpos.errors import InputError
from sgpos.corpus.ids import LABELS, PAIR_LABELS

NON_EMBEDDING = [name for name in BASELINES if name not in EMBEDDING_BASELINES]
needs_embed = pytest.mark.skipif(not embeddings_available(), reason="the [embed] extra is not installed")


def fit_predict(name, data, **params):
    model = make(name, **params).fit(data["train"], X_val=data["validation"])
    return model, model.predict(data["test"]), model.predict_proba(data["test"])


def check_output(model, labels, proba, n):
    assert list(model.classes_) == list(LABELS)
    assert proba.shape == (n, 3)
    assert np.all(proba >= 0) and np.allclose(proba.sum(axis=1), 1.0)
    assert set(labels) <= set(LABELS)
    assert list(labels) == [LABELS[i] for i in proba.argmax(axis=1)]


@pytest.mark.parametrize("name", NON_EMBEDDING)
def test_baseline_on_a_corpus_slice(name):
    data = corpus_slice()
    if data is None:
        pytest.skip("the published corpus files are not built")
    model, labels, proba = fit_predict(name, data)
    check_output(model, labels, proba, len(data["test"]))


@pytest.mark.parametrize("name", [n for n in NON_EMBEDDING if n not in ("party_prior", "tfidf_prior")])
def test_baseline_on_a_tiny_dataset_without_party(name):
    data = tiny_dataset()
    model, labels, proba = fit_predict(name, data)
    check_output(model, labels, proba, len(data["test"]))


@pytest.mark.parametrize("name", ["tfidf_logreg", "tfidf_svm"])
def test_text_baselines_learn_the_signal_of_a_tiny_dataset(name):
    data = synthetic_stance(120, 0, "train"), synthetic_stance(40, 1, "validation"), synthetic_stance(40, 2, "test")
    model = make(name).fit(data[0], X_val=data[1])
    accuracy = np.mean(model.predict(data[2]) == np.array([row["stance"] for row in data[2]]))
    assert accuracy >= 0.9
    assert model.mode_ in ("conjoined", "per_target") and model.C_ in model.default_C_grid


@pytest.mark.parametrize("name", ["majority", "target_majority", "tfidf_logreg", "tfidf_svm"])
def test_probability_columns_follow_labels_not_alphabetical_classes(name):
    # Training has no 'against': sklearn's classes_ would be ['favor', 'neutral'].
    train = [{"text": f"good great fine {i}", "target": "t", "stance": "favor"} for i in range(12)]
    train += [{"text": f"so so maybe {i}", "target": "t", "stance": "neutral"} for i in range(4)]
    model = make(name).fit(train)
    proba = model.predict_proba([{"text": "good great fine", "target": "t"}])
    assert list(model.classes_) == ["against", "neutral", "favor"]
    assert proba[0, 0] == 0.0
    assert proba[0, 2] > proba[0, 1]
    assert model.predict([{"text": "good great fine", "target": "t"}]).tolist() == ["favor"]


def test_party_prior_backs_off_from_party_to_target_to_overall():
    train = [{"party": "a", "target": "t", "stance": "against"}] * 2 + \
            [{"party": "b", "target": "t", "stance": "favor"}] + \
            [{"party": "a", "target": "u", "stance": "neutral"}] * 3
    model = make("party_prior").fit(train)
    test = [{"party": "a", "target": "t"}, {"party": "b", "target": "t"}, {"party": "z", "target": "t"},
            {"party": "z", "target": "new"}]
    assert model.predict(test).tolist() == ["against", "favor", "against", "neutral"]


def test_fits_are_deterministic():
    # Tuning included (two values of C, both modes and weightings, grouped folds).
    data = corpus_slice() or tiny_dataset()
    for name in ("tfidf_svm", "tfidf_logreg"):
        first_model, _, first = fit_predict(name, data, C_grid=(0.3, 3.0))
        second_model, _, second = fit_predict(name, data, C_grid=(0.3, 3.0))
        assert np.array_equal(first, second)
        assert first_model.cv_scores_ == second_model.cv_scores_ and len(first_model.cv_scores_) == 8


def test_cross_validation_folds_keep_a_statement_together_and_use_validation_rows():
    from sgpos.baselines.linear import grouped_folds

    data = corpus_slice()
    if data is None:
        pytest.skip("the published corpus files are not built")
    rows = data["train"] + data["validation"]
    folds = grouped_folds(rows, 3, seed=0)
    by_statement = {}
    for row, fold in zip(rows, folds):
        by_statement.setdefault(row["statement_id"], set()).add(int(fold))
    assert all(len(found) == 1 for found in by_statement.values()) and set(folds.tolist()) == {0, 1, 2}
    assert not np.array_equal(folds, grouped_folds(rows, 3, seed=1))
    with_validation = make("tfidf_logreg", C=1.0, mode="conjoined", balanced=True).fit(
        data["train"], X_val=data["validation"])
    without = make("tfidf_logreg", C=1.0, mode="conjoined", balanced=True).fit(data["train"])
    assert not np.array_equal(with_validation.predict_proba(data["test"]), without.predict_proba(data["test"]))


def test_accepts_class_label_indices_and_column_dicts():
    data = tiny_dataset()
    as_ints = [LABELS.index(row["stance"]) for row in data["train"]]
    columns = {"text": [r["text"] for r in data["train"]], "target": [r["target"] for r in data["train"]]}
    by_ints = make("tfidf_svm", C=1.0, mode="conjoined", balanced=False).fit(columns, as_ints)
    by_strings = make("tfidf_svm", C=1.0, mode="conjoined", balanced=False).fit(data["train"])
    assert np.array_equal(by_ints.predict_proba(data["test"]), by_strings.predict_proba(data["test"]))


def test_bad_input_names_the_row_and_the_fix():
    with pytest.raises(InputError, match="row 2 has no 'text'"):
        make("tfidf_svm").fit([{"text": "a", "target": "t", "stance": "favor"}, {"target": "t", "stance": "favor"}])
    with pytest.raises(InputError, match="did you mean 'favor'"):
        make("majority").fit([{"text": "a", "stance": "favour"}])
    with pytest.raises(InputError, match="did you mean 'tfidf_svm'"):
        make("tfidf_svn")


def test_unseen_target_gets_a_prediction():
    data = tiny_dataset()
    for mode in ("conjoined", "per_target"):
        model = make("tfidf_logreg", mode=mode, C=10.0, balanced=False).fit(data["train"])
        proba = model.predict_proba([{"text": "I love cats so much", "target": "dogs"}])
        assert proba.shape == (1, 3) and np.isclose(proba.sum(), 1.0)


def test_relation_of_two_stances():
    assert relation("favor", "favor") == relation("against", "against") == "agree"
    assert relation("favor", "against") == "conflict"
    assert relation("neutral", "neutral") == relation("against", "neutral") == "open"


def test_pairs_from_stance_derives_relation_probabilities():
    train = [{"party": "a", "target": "t", "stance": "favor"}] * 3 + [{"party": "b", "target": "t", "stance": "against"}] * 3
    model = PairsFromStance(make("party_prior")).fit(train)
    pairs = [{"text_a": "x", "text_b": "y", "party_a": "a", "party_b": "b", "target": "t"},
             {"text_a": "x", "text_b": "y", "party_a": "a", "party_b": "a", "target": "t"}]
    proba = model.predict_proba(pairs)
    assert list(model.classes_) == list(PAIR_LABELS)
    assert np.allclose(proba.sum(axis=1), 1.0)
    assert model.predict(pairs).tolist() == ["conflict", "agree"]


def test_make_for_config_on_pairs():
    assert list(make_for_config("majority", "pairs").labels) == list(PAIR_LABELS)
    assert isinstance(make_for_config("tfidf_svm", "pairs"), PairsFromStance)
    assert type(make_for_config("tfidf_svm", "stance")).__name__ == "TfidfSvm"




@needs_embed
@pytest.mark.parametrize("name", EMBEDDING_BASELINES)
def test_embedding_baseline_on_a_tiny_dataset(name):
    data = tiny_dataset()
    params = {"propositions": {"cats": "Cats are good pets.", "tea": "Tea is a good drink."}}
    model, labels, proba = fit_predict(name, data, **params)
    check_output(model, labels, proba, len(data["test"]))
    again = make(name, **params).fit(data["train"], X_val=data["validation"]).predict_proba(data["test"])
    assert np.array_equal(proba, again)


@needs_embed
@pytest.mark.parametrize("name", EMBEDDING_BASELINES)
def test_embedding_baseline_on_a_corpus_slice(name):
    data = corpus_slice(sizes=(80, 30, 30))
    if data is None:
        pytest.skip("the published corpus files are not built")
    model, labels, proba = fit_predict(name, data)
    check_output(model, labels, proba, len(data["test"]))

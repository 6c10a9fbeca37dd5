"""The card's metadata-only figure is the party_prior baseline's accuracy, computed two ways."""

from __future__ import annotations

import pytest

from sgpos.baselines import make
from sgpos.corpus import read_records
from sgpos.corpus.bias import majority_accuracy, party_line_accuracy


@pytest.mark.parametrize("config", ["stance", "stance_temporal", "stance_unseen_target"])
def test_party_line_rule_equals_the_party_prior_baseline(config):
    train, test = read_records(config, "train"), read_records(config, "test")
    accuracy, n = party_line_accuracy(train, test)
    predicted = make("party_prior").fit(train).predict(test)
    assert n == len(test)
    assert accuracy == pytest.approx(sum(p == r["stance"] for p, r in zip(predicted, test)) / len(test))


def test_majority_rule_on_a_hand_made_case():
    train = [{"stance": "favor"}, {"stance": "favor"}, {"stance": "against"}]
    test = [{"stance": "favor"}, {"stance": "against"}]
    assert majority_accuracy(train, test) == 0.5

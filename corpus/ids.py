"""The ids that are the corpus's contract: targets, labels, pair labels and parties.

Everything else in sgpos imports these names; nothing redefines them.
"""

from __future__ import annotations

#: Stance labels in ClassLabel order; ``index - 1`` is the position -1/0/+1.
LABELS: tuple[str, ...] = ("against", "neutral", "favor")

#: Relation labels of the ``pairs`` config, in ClassLabel order.
PAIR_LABELS: tuple[str, ...] = ("conflict", "open", "agree")

#: Labels of the ``shifts`` config, in ClassLabel order: how a party's position on a target
#: changed between two of its statements (index - 1 is the direction -1/0/+1).
SHIFT_LABELS: tuple[str, ...] = ("toward_against", "held", "toward_favor")

#: Target id -> the proposition a party can favor or oppose.
TARGETS: dict[str, str] = {
    "guarantees": "Third states should give Ukraine long-term security guarantees or commitments.",
    "nato_membership": "Ukraine should (eventually) become a NATO member.",
    "nato_invitation_now": "Ukraine should be invited to, or fast-tracked into, NATO now, during the war.",
    "neutrality": "Ukraine should adopt permanent neutrality or renounce NATO membership in law.",
    "legally_binding": "Guarantees should be legally binding (a ratified treaty), not merely political.",
    "article5_like": "Guarantees should carry an Article 5-type collective-defence obligation.",
    "russia_guarantor": "Russia (with or without China) should be among the guarantors, or guarantees need Russia's participation.",
    "foreign_troops": "Foreign (Western or European) troops should be deployed in Ukraine, e.g. a reassurance force after a ceasefire.",
    "us_backstop": "The United States should act as a guarantor or backstop of Ukraine's security.",
    "army_limits": "Limits should be placed on the size or armament of Ukraine's armed forces.",
    "arms_supply": "Western arms deliveries to Ukraine should continue, including during a ceasefire.",
    "sanctions_relief": "Sanctions on Russia should be lifted or eased as part of a settlement.",
    "ceasefire_first": "A ceasefire should come before talks on a comprehensive settlement.",
    "territorial_concessions": "Ukraine should recognise Russian control of occupied territory, or withdraw from regions Russia claims.",
    "eu_membership": "Ukraine should join the European Union.",
    "russia_security_concerns": "A settlement must address Russia's security demands (NATO non-enlargement, \"indivisible security\", a new European security architecture).",
}

#: Party slugs: states, then blocs and international organisations.
STATES: tuple[str, ...] = (
    "russia", "ukraine", "united_states", "united_kingdom", "france", "germany",
    "italy", "poland", "hungary", "slovakia", "czechia", "romania", "netherlands",
    "spain", "turkey", "china", "india", "brazil", "belarus", "japan", "canada",
    "finland", "sweden", "norway", "denmark", "estonia", "latvia", "lithuania",
    "saudi_arabia", "south_africa", "belgium", "bulgaria", "croatia", "greece",
    "portugal", "ireland", "austria", "switzerland", "moldova", "georgia",
    "kazakhstan", "iran", "israel", "qatar", "united_arab_emirates", "australia",
    "south_korea", "indonesia", "vatican", "serbia", "mexico",
)
BLOCS: tuple[str, ...] = (
    "nato", "european_union", "g7", "g20", "coalition_of_the_willing",
    "bucharest_nine", "un", "osce", "brics", "csto",
)
PARTIES: tuple[str, ...] = STATES + BLOCS

#: Writing styles of a statement text.
STYLES: tuple[str, ...] = ("reported", "first_person", "indirect", "hedged", "rhetorical")

#: Periods of the position map: label -> (first year, last year).
PERIODS: dict[str, tuple[int, int]] = {
    "2021-22": (2021, 2022),
    "2023-24": (2023, 2024),
    "2025-26": (2025, 2026),
}

#: Targets that appear only in the test split of ``stance_unseen_target``.
UNSEEN_TARGETS: tuple[str, ...] = ("russia_guarantor", "army_limits", "eu_membership")


def position(label: str) -> int:
    """Return the numeric position of a stance label: against -1, neutral 0, favor +1.

    >>> position("favor")
    1
    """
    return LABELS.index(label) - 1


def period_of(year: int) -> str | None:
    """Return the position-map period that contains ``year``, or None.

    >>> period_of(2024)
    '2023-24'
    """
    for name, (first, last) in PERIODS.items():
        if first <= year <= last:
            return name
    return None

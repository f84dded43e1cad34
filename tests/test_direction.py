"""Which way a text says something moves, and when a claim moves the other way than its source (invented strings)."""

from __future__ import annotations

import pytest

from assistant.text.direction import direction, opposite


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("De heffing stijgt met 2 procentpunt", 1),
        ("Nemen de kosten van de regeling in de komende drie jaar af met 5 miljoen?", -1),  # separable verb, far particle
        ("het aantal deelnemers is afgenomen", -1),
        ("de bijdrage loopt op tot 40 miljoen", 1),
        ("het tarief wordt verlaagd naar 6%", -1),
        ("het verlaagde tarief bedraagt 9%", 0),  # an attributive participle names the rate, it does not move it
        ("de stijgende lonen en de dalende rente", 0),
        ("de kosten stijgen, de baten dalen", 0),  # both ways: no single direction
        ("de regeling kost 5 miljoen", 0),
    ],
)
def test_direction_is_read_from_verbs_nouns_and_separable_particles(text, expected):
    assert direction(text) == expected


def test_a_claim_is_opposite_only_when_both_sides_state_a_direction():
    assert opposite("de subsidie daalt met 3 miljoen", "de subsidie neemt toe met 3 miljoen")
    assert not opposite("de subsidie daalt met 3 miljoen", "de subsidie daalt met 3 miljoen tot 10 miljoen")
    assert not opposite("de subsidie bedraagt 3 miljoen", "de subsidie stijgt met 3 miljoen")

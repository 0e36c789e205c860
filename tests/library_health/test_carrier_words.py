"""Word evidence for tags (naive Bayes against the tag's other carriers, the asset left out)."""

from __future__ import annotations

import numpy as np

from service.library_health.carrier_words import carrier_word_evidence

ERP = frozenset({"erp", "sync", "connector", "ledger", "post"})
ADOPTION = frozenset({"training", "team", "rollout", "champion", "habit"})
FILLER = [frozenset({"invoice", "approval", f"word{i}", f"word{i + 1}"}) for i in range(8)]


def _library() -> tuple[list[frozenset[str]], np.ndarray]:
    """Three ERP answers tagged ERP, three adoption answers tagged adoption, filler untagged, and one
    untagged ERP answer (row 6)."""
    stems = [ERP | {"a"}, ERP | {"b"}, ERP - {"post"} | {"c"}, ADOPTION, ADOPTION | {"a"}, ADOPTION - {"habit"}]
    stems += [ERP | {"d"}, *FILLER]
    tagged = np.zeros((len(stems), 2))
    tagged[0:3, 0] = 1
    tagged[3:6, 1] = 1
    return stems, tagged


def test_an_asset_using_the_carriers_words_gets_positive_evidence_and_others_negative() -> None:
    stems, tagged = _library()
    evidence = carrier_word_evidence(stems, tagged)
    assert evidence[6, 0] > 0 > evidence[6, 1]  # the untagged ERP answer reads like the ERP carriers
    assert all(evidence[r, 0] > 0 for r in range(3)) and all(evidence[r, 1] > 0 for r in range(3, 6))
    assert all(evidence[r, 0] < 0 for r in range(3, 6))  # adoption answers do not read like ERP ones
    assert max(evidence[r, 0] for r in range(7, len(stems))) < min(evidence[r, 0] for r in range(3))


def test_an_asset_never_vouches_for_its_own_tag() -> None:
    stems, tagged = _library()
    # A word the asset shares with one untagged asset and with no other carrier: were the asset counted
    # among the carriers, the word would look typical of the tag; left out, it counts against.
    changed = [set(s) for s in stems]
    changed[0] |= {"shared"}
    changed[7] |= {"shared"}
    with_word = carrier_word_evidence([frozenset(s) for s in changed], tagged)
    assert with_word[0, 0] < carrier_word_evidence(stems, tagged)[0, 0]
    # The only carrier of a tag has no one else to be compared with.
    single = np.zeros((len(stems), 1))
    single[0, 0] = 1
    assert carrier_word_evidence(stems, single)[0, 0] == 0.0


def test_no_words_or_no_tags_give_no_evidence() -> None:
    assert carrier_word_evidence([frozenset(), frozenset()], np.ones((2, 1))).tolist() == [[0.0], [0.0]]
    assert carrier_word_evidence([ERP, ERP], np.zeros((2, 0))).shape == (2, 0)

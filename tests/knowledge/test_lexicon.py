"""Abbreviations and lay compounds: expanded alike in queries and phrases, never inside words."""

from aid.knowledge.records import LexiconEntry
from aid.knowledge.search import Lexicon, words

LEXICON = Lexicon(
    [
        LexiconEntry(term="ttp", means="tender to palpation"),
        LexiconEntry(term="#", means="fracture"),
        LexiconEntry(term="hay fever", means="hayfever"),
    ]
)


def test_abbreviation_and_symbol_are_expanded():
    assert words("TTP over GT", LEXICON) == ["tender", "palpation", "over", "gt"]
    assert words("#NOF", LEXICON) == ["fracture", "nof"]


def test_compound_is_replaced_whole_and_never_inside_a_word():
    assert words("hay fever every spring", LEXICON) == ["hayfever", "every", "spring"]
    assert words("hayfever", LEXICON) == ["hayfever"]
    assert words("hay feverish", LEXICON) == ["hay", "feverish"]
    assert words("ttps", LEXICON) == ["ttps"]


def test_search_uses_the_committed_lexicon(state):
    found = [m.finding_id for m in state.search.search("TTP over the GT")]
    assert found[:1] == ["greater_trochanter_tenderness"]
    assert "fever" not in [m.finding_id for m in state.search.search("hay fever")]


def test_typos_keep_the_first_letter_and_short_words_need_a_near_exact_match(state):
    vocab = state.search.vocab
    similarity = state.search._similarity(["hair", "lips", "buttok"])
    assert similarity[0, vocab.index("chair")] == 0
    assert similarity[1, vocab.index("limps")] == 0
    assert similarity[2, vocab.index("buttock")] > 0.8

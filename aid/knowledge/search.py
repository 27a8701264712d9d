"""Lay-word search over finding labels and curated synonyms.

Each finding has phrases (label + synonyms). A query and a phrase are compared word by word:
words match when equal, when one is a prefix of the other, or when rapidfuzz says they are close
(typos). Rare words weigh more than common ones (inverse document frequency), so "trochanter"
decides more than "pain". A phrase scores well when most of its words are in the query and most of
the query's words are in it; a query whose words are unknown ("chest pain") scores low and
returns nothing rather than a wrong guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.distance import OSA
from rapidfuzz.process import cdist
from scipy import sparse

from .base import KnowledgeBase
from .records import LexiconEntry

STOPWORDS = frozenset(
    "i i'm im ive i've my me mine the a an of on in at to is it its it's and or when whenever "
    "have has had been be am are was were with that this there very really so get gets got feel "
    "feels felt bit some lot little do does did he she his her him they them their our we you "
    "your hes shes he's she's for from since about just like also keeps keep kind sort quite "
    "been being can could would should right doctor doctors physio gp nurse examined examining "
    "recently lately now today week weeks days months will m s t ve re d ll".split()
)
_WORD = re.compile(r"[a-z0-9]+")
_CONTRACTIONS = {
    "can't": "cannot",
    "cant": "cannot",
    "won't": "will not",
    "wont": "will not",
    "doesn't": "not",
    "don't": "not",
    "isn't": "not",
    "couldn't": "cannot",
}


def typo_allowance(length: int) -> int:
    """Spelling slips tolerated in a word of this length: none in short words, two in long ones."""
    return 0 if length <= 4 else 1 if length <= 7 else 2


class Lexicon:
    """Abbreviations and lay compounds from knowledge/lexicon.csv, expanded into plain words.

    Queries and finding phrases go through the same expansion, so "TTP over GT" and "tender over
    the greater trochanter" meet in the same words, and "hay fever" stops looking like "fever".
    """

    def __init__(self, entries: Iterable[LexiconEntry] = ()) -> None:
        self.tokens: dict[str, str] = {}
        spans: dict[str, str] = {}
        for entry in entries:
            target = spans if not _WORD.fullmatch(entry.term) else self.tokens
            target[entry.term] = entry.means.lower()
        self._spans = spans
        self._pattern = (
            re.compile("|".join(_bounded(term) for term in sorted(spans, key=len, reverse=True)))
            if spans
            else None
        )

    def expand(self, text: str) -> list[str]:
        """Lower-case words of a text with every known abbreviation or compound expanded."""
        if self._pattern is not None:
            text = self._pattern.sub(lambda m: f" {self._spans[m.group(0)]} ", text)
        expanded: list[str] = []
        for word in _WORD.findall(text):
            expanded.extend(_WORD.findall(self.tokens[word]) if word in self.tokens else [word])
        return expanded


def _bounded(term: str) -> str:
    """A regex for a term that does not match inside a longer word."""
    before = r"(?<![a-z0-9])" if term[0].isalnum() else ""
    after = r"(?![a-z0-9])" if term[-1].isalnum() else ""
    return before + re.escape(term) + after


NO_LEXICON = Lexicon()


def words(text: str, lexicon: Lexicon = NO_LEXICON) -> list[str]:
    """Lower-case content words of a text, contractions and abbreviations expanded, stopwords
    removed."""
    text = text.lower().replace("’", "'")
    for short, long in _CONTRACTIONS.items():
        text = re.sub(rf"\b{re.escape(short)}\b", long, text)
    return [w for w in lexicon.expand(text) if w not in STOPWORDS and not w.isdigit()]


@dataclass(frozen=True)
class Match:
    finding_id: str
    score: float
    phrase: str


class FindingSearch:
    """An index over every finding's label and synonyms; build once, query many times."""

    def __init__(
        self,
        kb: KnowledgeBase,
        cutoff: float = 52.0,
        balance: float = 0.5,
        long_query_shift: float = 0.05,
        unknown_weight: float = 0.5,
    ) -> None:
        self.cutoff = cutoff
        self.balance = balance
        self.long_query_shift = long_query_shift
        self.unknown_weight = unknown_weight
        self.lexicon = Lexicon(kb.lexicon)
        phrases: list[tuple[str, str]] = []
        for finding in kb.findings.values():
            for phrase in dict.fromkeys([finding.label, *finding.synonyms]):
                if words(phrase, self.lexicon):
                    phrases.append((finding.id, phrase))
        self.phrases = phrases
        tokens = [words(text, self.lexicon) for _, text in phrases]
        self.vocab = sorted({t for toks in tokens for t in toks})
        self.vocab_first = np.array([t[0] for t in self.vocab])
        index = {t: k for k, t in enumerate(self.vocab)}
        self.idf = self._idf(phrases, tokens, index)
        rows = [p for p, toks in enumerate(tokens) for _ in set(toks)]
        cols = [index[t] for toks in tokens for t in set(toks)]
        self.incidence = sparse.csr_matrix(
            (np.ones(len(rows)), (rows, cols)), shape=(len(phrases), len(self.vocab))
        )
        self.weighted = self.incidence @ sparse.diags(self.idf)
        self.phrase_weight = np.asarray(self.weighted.sum(axis=1)).ravel()

    def _idf(
        self, phrases: list[tuple[str, str]], tokens: list[list[str]], index: dict[str, int]
    ) -> np.ndarray:
        """Inverse document frequency with one document per finding."""
        per_finding: dict[str, set[str]] = {}
        for (finding_id, _), toks in zip(phrases, tokens, strict=True):
            per_finding.setdefault(finding_id, set()).update(toks)
        counts = np.zeros(len(self.vocab))
        for toks in per_finding.values():
            for t in toks:
                counts[index[t]] += 1
        return np.log((1 + len(per_finding)) / (1 + counts)) + 1.0

    def _similarity(self, query: list[str]) -> np.ndarray:
        """(query words × vocabulary) similarity in [0, 1]: exact, prefix or close spelling."""
        raw = cdist(query, self.vocab, scorer=fuzz.ratio) / 100.0
        edits = cdist(query, self.vocab, scorer=OSA.distance)
        # A typo is one or two slips (a swapped pair counts as one) and rarely the first letter:
        # "stiars" is "stairs", but "hair" is not "chair", "lip" not "limp", "palpitations" not
        # "palpation".
        allowed = np.array([typo_allowance(len(q)) for q in query])[:, None]
        same_start = np.array([q[0] for q in query])[:, None] == self.vocab_first[None, :]
        sim = np.where((edits <= allowed) & same_start, raw, 0.0)
        for q, word in enumerate(query):
            if len(word) < 3:
                continue
            strength = 0.9 if len(word) >= 4 else 0.8  # "lat" for lateral is weaker evidence
            for k, token in enumerate(self.vocab):
                if (
                    len(token) >= len(word)
                    and token.startswith(word)
                    or (len(token) >= 4 and word.startswith(token) and len(word) - len(token) <= 3)
                ):
                    sim[q, k] = max(sim[q, k], strength)
        return sim

    def search(self, text: str, limit: int = 10) -> list[Match]:
        """Findings best matching a lay or clinical text, best first; empty when nothing fits."""
        query = list(dict.fromkeys(words(text, self.lexicon)))[:12]
        if not query:
            return []
        sim = self._similarity(query)
        best_vocab = sim.max(axis=0)
        phrase_cover = (self.weighted @ best_vocab) / self.phrase_weight
        query_weight = np.array(
            [self.idf[int(np.argmax(row))] if row.max() > 0 else self.idf.max() for row in sim]
        )
        query_cover = np.zeros(len(self.phrases))
        for q in range(len(query)):
            per_phrase = self.incidence.multiply(sim[q]).max(axis=1).toarray().ravel()
            query_cover += query_weight[q] * per_phrase
        query_cover /= query_weight.sum()
        # Long lay sentences carry filler words; lean on how much of a phrase they contain.
        balance = min(0.75, self.balance + self.long_query_shift * max(0, len(query) - 3))
        scores = 100 * (balance * phrase_cover + (1 - balance) * query_cover)
        return self._best_per_finding(scores, limit)

    def _best_per_finding(self, scores: np.ndarray, limit: int) -> list[Match]:
        best: dict[str, Match] = {}
        for p in np.argsort(-scores, kind="stable"):
            score = float(scores[p])
            if score < self.cutoff or len(best) >= limit:
                break
            finding_id, phrase = self.phrases[p]
            if finding_id not in best:
                best[finding_id] = Match(finding_id, round(score, 1), phrase)
        return list(best.values())

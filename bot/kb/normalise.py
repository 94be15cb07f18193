"""Turn what an employee typed into search terms: the same pipeline for the KB and for queries.

Order matters: phrases are expanded before stop words are dropped (``apa aja`` → ``apa saja``),
typos are repaired only against words the knowledge base uses and only for words of five letters
or more (so ``s3`` never becomes ``s2``), and stemming comes last, skipping protected words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from rapidfuzz import fuzz, process
from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

from bot.kb.language import Language

MAX_QUERY_CHARS = 500
MIN_REPAIR_LENGTH = 5
REPAIR_CUTOFF = 85.0
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_TOKEN = re.compile(r"[a-z0-9]+")
_REPEATS = re.compile(r"(?<=[a-z])([a-z])\1{2,}")  # emphasis ("bangettt"), never "pppk"
_ROMAN = re.compile(r"^[ivx]+$")
_MARKUP = re.compile(r"</?[a-z][a-z0-9-]*(\s[^<>]*)?>|&(#\d+|[a-z]+);")
# "Pak" addressing the reader (at the start or end of a sentence, or beside a comma) is not
# PAK, penetapan angka kredit.
_ADDRESS = re.compile(
    r"(^|[,.!?;:]|\b(?:\w*nya|apa|ya|dong|deh|kah|saja|aja|bagaimana|gimana|gmn|berapa|brp|kapan"
    r"|siapa|mana|tidak|ga|gak|nggak|pagi|siang|sore|malam|halo|hai|permisi|maaf|kasih))"
    r"\s*pak\b(?=\s*(?:[,.!?;:]|$|saya|sy|aku|gw|mau|izin|ijin|mohon|tanya|maaf|bu\b))")
_REDUPLICATED = re.compile(r"^([a-z]{3,})2$")
_CLITICS = ("nya", "lah", "kah", "pun")
_GLUED_NUMBER = re.compile(r"^(?:([a-z]{2,})(\d+)|(\d+)([a-z]{2,}))$")  # 20jp, diklatpim4
MIN_GLUED_PART = 3
_VOWELS = "aiueo"


def _skeleton(word: str) -> str:
    return "".join(ch for ch in word if ch not in _VOWELS)


def _is_subsequence(short: str, long: str) -> bool:
    letters = iter(long)
    return all(ch in letters for ch in short)


def colloquial_forms(token: str) -> list[str]:
    """Standard forms a Jakarta-style colloquial word may stand for, most likely first.

    ``diputusin`` → diputuskan, ``ngegambarin`` → gambarkan, ``ngantor`` → kantor,
    ``nyari`` → cari: the -in suffix and the nasal prefixes that formal text never uses.
    """
    stems = [token]
    if token.startswith("nge") and len(token) > 5:
        stems.append(token[3:])
    elif token.startswith("ng") and len(token) > 4 and token[2] in _VOWELS:
        stems += [token[2:], "k" + token[2:]]
    elif token.startswith("ny") and len(token) > 4 and token[2] in _VOWELS:
        stems += ["s" + token[2:], "c" + token[2:]]
    elif token[0] in "nm" and len(token) > 4 and token[1] in _VOWELS:
        stems.append(("t" if token[0] == "n" else "p") + token[1:])  # nunggu, netapin, mikir
    forms = []
    for stem in stems:
        if stem.endswith("in") and len(stem) > 4:
            forms += [stem[:-2] + "kan", stem[:-2] + "i", stem[:-2]]
        if stem != token:
            forms.append(stem)
    return forms
_MAX_PHRASE = 5


@lru_cache(maxsize=1)
def _stemmer() -> object:
    return StemmerFactory().create_stemmer()


@lru_cache(maxsize=65536)
def is_dictionary_word(word: str) -> bool:
    """A real Indonesian word (or one affixed from a real root): never "repaired" into another.

    ``kecamatan`` (root camat) must not become ``kecacatan``; Sastrawi's root list decides.
    """
    dictionary = _stemmer().delegatedStemmer.dictionary  # type: ignore[attr-defined]
    return bool(dictionary.contains(word) or dictionary.contains(_stem(word)))


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    stemmed: str = _stemmer().stem(word)  # type: ignore[attr-defined]
    return stemmed or word


def _collapse_repeats(word: str) -> str:
    """Emphasis goes ("bangettt", "eee"); a run at the start of a word stays ("pppk")."""
    if len(word) > 1 and word.isalpha() and len(set(word)) == 1:
        return word[0]
    return _REPEATS.sub(r"\1", word)


def raw_tokens(text: str, limit: int = MAX_QUERY_CHARS) -> list[str]:
    """Lower-case words and numbers; everything else separates them."""
    text = text[:limit]
    text = text.casefold()
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).translate(_ZERO_WIDTH)
        text = unicodedata.normalize("NFKD", text.casefold())
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _MARKUP.sub(" ", text)  # pasted HTML tags and entities are not words of a question
    text = _ADDRESS.sub(r"\1 ", text)  # "selamat siang pak, …", "…syaratnya apa pak?"
    words = [_REDUPLICATED.sub(r"\1", w) for w in _TOKEN.findall(text)]
    return [w if _ROMAN.match(w) else _collapse_repeats(w) for w in words]



class Normaliser:
    """Knows the language data and, once given, the vocabulary used for typo repair."""

    def __init__(self, language: Language, vocabulary: Iterable[str] = ()) -> None:
        self.language = language
        self._phrases = {tuple(k.split()): v.split() for k, v in language.replacements.items()}
        self._longest = min(_MAX_PHRASE, max((len(k) for k in self._phrases), default=1))
        self._starts = frozenset(k[0] for k in self._phrases)
        self.vocabulary = frozenset(vocabulary)
        self._repair_choices = sorted(w for w in self.vocabulary if len(w) >= MIN_REPAIR_LENGTH)
        self._known_stems = frozenset(self.stem(w) for w in self.vocabulary)
        self._by_initial: dict[str, list[str]] = {}
        single_word_keys = {k[0] for k in self._phrases if len(k) == 1}
        for word in sorted(self.vocabulary | single_word_keys) if self.vocabulary else ():
            if word.isalpha() and len(word) >= 3:
                self._by_initial.setdefault(word[0], []).append(word)
        self._repair = lru_cache(maxsize=65536)(self._repair_uncached)
        self.framing = frozenset(self.stem(w) for w in language.framing)

    def with_vocabulary(self, vocabulary: Iterable[str]) -> Normaliser:
        return Normaliser(self.language, vocabulary)

    def words(self, text: str, limit: int = MAX_QUERY_CHARS) -> list[str]:
        """Tokens after slang/abbreviation expansion and typo repair, before stop words."""
        tokens = self._expand(raw_tokens(text, limit))
        if self.vocabulary:  # a repair may split a token in two: "ahlimuda" → "ahli muda"
            tokens = self._expand([w for t in tokens for w in self._repair(t).split()])
        return tokens

    def terms(self, text: str) -> list[str]:
        """Search terms: words without stop words, stemmed."""
        return self.terms_of(self.words(text))

    def terms_of(self, words: list[str]) -> list[str]:
        """Stop words go before and after stemming (``diperuntukkan`` stems to ``untuk``)."""
        stopwords = self.language.stopwords
        stems = (self.stem(w) for w in words if w not in stopwords)
        return [s for s in stems if s not in stopwords]

    def stem(self, word: str) -> str:
        if (word in self.language.protected or word in self.language.context
                or not word.isalpha() or len(word) < 4):
            return word
        return _stem(word)

    def _expand(self, tokens: list[str]) -> list[str]:
        out: list[str] = []
        i = 0
        while i < len(tokens):
            if tokens[i] not in self._starts:
                out.append(tokens[i])
                i += 1
                continue
            for size in range(min(self._longest, len(tokens) - i), 0, -1):
                replacement = self._phrases.get(tuple(tokens[i : i + size]))
                if replacement is not None:
                    out += replacement
                    i += size
                    break
            else:
                out.append(tokens[i])
                i += 1
        return out

    def _expand_contraction(self, token: str) -> str | None:
        """``klmpk`` → kelompok, ``thn`` → tahun: chat writing drops vowels, not consonants.

        A candidate starts with the same letter, has the same consonants in the same order and
        contains the token's letters in order; the shortest (the most basic form) wins.
        """
        if len(token) < 3 or not token.isalpha() or len(_skeleton(token)) < len(token) - 1:
            return None
        skeleton = _skeleton(token)
        candidates = [
            (len(w), w) for w in self._by_initial.get(token[0], ())
            if len(w) > len(token) and _skeleton(w) == skeleton and _is_subsequence(token, w)
        ]
        return min(candidates)[1] if candidates else None

    def _known(self, word: str) -> bool:
        return word in self.vocabulary or (word,) in self._phrases

    def _split_glued(self, token: str) -> str | None:
        """Two words typed without a space (``ahlimuda``, ``talentpool``, ``pertaun``), or a
        number glued to a word (``20jp``, ``diklatpim4``); short codes like ``s2`` stay whole.

        Only splits into words the knowledge base or the language tables know; the most even
        split wins, since a short piece is the likelier accident.
        """
        glued = _GLUED_NUMBER.match(token)
        if glued:
            return " ".join(part for part in glued.groups() if part)
        if not token.isalpha() or len(token) < 2 * MIN_GLUED_PART:
            return None
        splits = [(min(i, len(token) - i), token[:i], token[i:])
                  for i in range(MIN_GLUED_PART, len(token) - MIN_GLUED_PART + 1)
                  if (self._known(token[:i]) and self._known(token[i:]))
                  or (token[:i], token[i:]) in self._phrases]
        if not splits:
            return None
        _, left, right = max(splits)
        if (left, right) in self._phrases:  # expanded as the phrase it is ("talent pool")
            return f"{left} {right}"
        return " ".join(" ".join(self._phrases.get((part,), [part])) for part in (left, right))

    def _repair_uncached(self, token: str) -> str:
        if (self._known(token) or token in self.language.stopwords
                or token in self.language.context):
            return token
        if not token.isalpha():
            return self._split_glued(token) or token
        for clitic in _CLITICS:
            bare = token.removesuffix(clitic)
            if bare != token and len(bare) >= 3:
                repaired = bare if self._known(bare) else self._repair(bare)
                if repaired != bare or self._known(bare):
                    return repaired
        for form in colloquial_forms(token):
            if form in self.vocabulary or self.stem(form) in self._known_stems:
                return form
        contracted = self._expand_contraction(token)
        if contracted is not None:
            return contracted
        glued = self._split_glued(token)
        if glued is not None:
            return glued
        if len(token) < MIN_REPAIR_LENGTH or is_dictionary_word(token):
            return token
        match = process.extractOne(
            token, self._repair_choices, scorer=fuzz.ratio, score_cutoff=REPAIR_CUTOFF
        )
        return match[0] if match else token

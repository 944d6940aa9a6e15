"""The query tokenizer splits Chinese exactly as jieba does (no HMM) with the same dictionary:
it is jieba's method written out, so that a search need not import jieba."""

from __future__ import annotations

import jieba

from igtui.corpus.model import Corpus
from igtui.search.building import Vocabulary
from igtui.search.normalize import CJK_RUN, fold
from igtui.search.segment import build_segment
from igtui.search.tokenize import QueryTokenizer

# queries as readers type them: mistyped, traditional, run together, words the corpus lacks
TYPED = ["互联网冶理的范畴", "因特网治理论坛第五次会议", "網絡犯罪執法部門",
         "隐私权是一项基本的永久权力", "物联网云计算复杂", "区块链技术与数字身份", "的的的", "网",
         "蟒蛇"]


def test_queries_split_as_jieba_splits_them(seeds_corpus: Corpus) -> None:
    vocabulary = Vocabulary()
    for doc in seeds_corpus.documents:
        vocabulary.add(build_segment(doc.paragraphs))
    freq = vocabulary.query_freq()
    ours = QueryTokenizer(freq)
    theirs = jieba.Tokenizer()
    theirs.FREQ, theirs.total, theirs.initialized = freq, max(1, sum(freq.values())), True
    runs = {run for doc in seeds_corpus.documents for p in doc.paragraphs
            for run in CJK_RUN.findall(fold(p.text))}
    runs.update(fold(q) for q in TYPED)
    assert len(runs) > 1000
    differ = [run for run in runs if ours.cut(run) != list(theirs.cut(run, HMM=False))]
    assert not differ, differ[:5]
    assert ours.cut("互联网冶理") == ["互联网", "冶", "理"], "unknown text char by char"

"""Print µs per paragraph for igtui.reading.linebreak.wrap over the seeds (cold and warm cache)."""
import time

from igtui.corpus.loading import load_corpus
from igtui.reading import linebreak

texts = [p.text for d in load_corpus().documents for p in d.paragraphs]
chars = sum(map(len, texts))
print(f"{len(texts)} paragraphs, {chars} chars")
for width in (40, 80, 120):
    linebreak._atoms.cache_clear()
    t0 = time.perf_counter()
    for t in texts:
        linebreak.wrap(t, width)
    cold = time.perf_counter() - t0
    t0 = time.perf_counter()
    reps = 5
    for _ in range(reps):
        for t in texts:
            linebreak.wrap(t, width)
    warm = (time.perf_counter() - t0) / reps
    print(f"width {width:3}: cold {cold*1e6/len(texts):7.1f} µs/para ({cold*1e3:.1f} ms all)"
          f"  resize (cached atoms) {warm*1e6/len(texts):6.1f} µs/para ({warm*1e3:.1f} ms all)")

print("whole documents, width 80 (cold = first wrap of the text; resize = same text, new width):")
for doc in load_corpus().documents:
    texts = [p.text for p in doc.paragraphs]
    linebreak._atoms.cache_clear()
    t0 = time.perf_counter()
    linebreak.wrap_paragraphs(texts, 80)
    cold = time.perf_counter() - t0
    t0 = time.perf_counter()
    linebreak.wrap_paragraphs(texts, 79)
    warm = time.perf_counter() - t0
    size = sum(len(t.encode()) for t in texts)
    print(f"  {doc.id}: {size/1024:5.1f} KB, {len(texts):3} paras: cold {cold*1e3:5.1f} ms,"
          f" resize {warm*1e3:4.1f} ms")

"""Page weight on a cold load, as PRODUCT.md budgets it: everything a phone downloads, compressed.

The live server sends static files uncompressed, so each response body is gzipped here at level 6, as
whitenoise and GZipMiddleware do in production, and the sizes are summed.
"""

import gzip

from tests.browser.conftest import a_lesson, sign_in

KB = 1024


def cold_load(new_context, path, storage_state=None):
    """[(url, raw bytes, gzipped bytes)] for every response a fresh context (an empty cache) gets for `path`."""
    page = new_context(storage_state=storage_state).new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(path, wait_until="networkidle")
    weights = []
    for response in responses:
        if 300 <= response.status < 400:  # a redirect has no body to download
            continue
        body = response.body()
        weights.append((response.url, len(body), len(gzip.compress(body, compresslevel=6))))
    page.context.close()
    return weights


def report(name, weights):
    total = sum(compressed for _, _, compressed in weights)
    print(f"\n{name}: {total / KB:.1f} KB compressed ({sum(raw for _, raw, _ in weights) / KB:.1f} KB raw)")
    for url, raw, compressed in weights:
        print(f"  {compressed / KB:6.1f} KB  ({raw / KB:6.1f} KB raw)  {url}")
    return total


def test_the_quick_log_weighs_at_most_35_kb(new_context, owner):
    signing_in = new_context().new_page()
    sign_in(signing_in, owner.username)
    session = signing_in.context.storage_state()
    signing_in.context.close()

    weights = cold_load(new_context, "/journal/log/", storage_state=session)
    assert any(url.endswith("/journal/log/") for url, _, _ in weights), "the quick log itself was not loaded"
    assert any(url.endswith(".css") for url, _, _ in weights)
    assert report("quick log", weights) <= 35 * KB


def test_a_lesson_weighs_at_most_60_kb(new_context):
    weights = cold_load(new_context, f"/lessons/{a_lesson().slug}/")
    assert report(f"lesson {a_lesson().slug}", weights) <= 60 * KB

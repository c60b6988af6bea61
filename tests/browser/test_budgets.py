"""Page weight on a cold load, as PRODUCT.md budgets it: everything a phone downloads, compressed.

The live server sends static files uncompressed, so each response body is gzipped here at level 6, as
whitenoise and GZipMiddleware do in production, and the sizes are summed.
"""

import gzip

from tests.browser.conftest import a_lesson, sign_in

KB = 1024
# Resolves once the worker's install has finished keeping pages (its cache holds the crisis page).
KEPT_ON_INSTALL = """async () => {
  for (let tries = 0; tries < 100; tries++) {
    if (await caches.match("/crisis/")) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}"""


def cold_load(new_context, path, storage_state=None):
    """[(url, raw bytes, gzipped bytes)] for every response a fresh context (an empty cache) gets for `path`,
    the service worker's too: its script and what it keeps on install (the first visit installs it)."""
    context = new_context(storage_state=storage_state)
    page = context.new_page()
    responses = []
    context.on("response", lambda response: responses.append(response))  # the page's and the worker's
    page.goto(path, wait_until="networkidle")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.evaluate(KEPT_ON_INSTALL)
    weights, seen = [], set()
    for response in responses:
        # A redirect has no body to download; a file the worker keeps again comes from the browser's cache.
        if 300 <= response.status < 400 or response.url in seen:
            continue
        seen.add(response.url)
        # Playwright gives no body for what the worker fetched: ask again, with the same cookies.
        worker_fetched = response.request.service_worker is not None
        body = context.request.get(response.url).body() if worker_fetched else response.body()
        weights.append((response.url, len(body), len(gzip.compress(body, compresslevel=6))))
    context.close()
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
    urls = [url for url, _, _ in weights]
    assert any(url.endswith("/sw.js") for url in urls), "the service worker's own request was not counted"
    assert any(url.endswith("/journal/log/offline/") for url in urls), "what the worker keeps was not counted"
    assert report("quick log", weights) <= 35 * KB


def test_a_lesson_weighs_at_most_60_kb(new_context):
    weights = cold_load(new_context, f"/lessons/{a_lesson().slug}/")
    assert report(f"lesson {a_lesson().slug}", weights) <= 60 * KB

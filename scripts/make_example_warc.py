"""Write examples/corpus/north-shore-crawl.warc.gz: two composed news pages as WARC responses.

    python scripts/make_example_warc.py

The output is byte-for-byte reproducible (fixed record ids, dates and gzip mtime), so the
committed file can be checked against this script.
"""

from __future__ import annotations

import gzip
import uuid
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "examples" / "corpus" / "north-shore-crawl.warc.gz"

FERRY = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Ferry operator faces inquiry over inspections | North Shore Herald</title>
<meta property="og:title" content="Ferry operator faces inquiry over inspections">
<meta property="og:site_name" content="North Shore Herald">
<meta property="article:published_time" content="2025-09-16T07:45:00+00:00">
<meta name="author" content="Lena Park">
</head><body>
<header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<article>
<h1>Ferry operator faces inquiry over inspections</h1>
<p class="byline">By Lena Park</p>
<p>The Port Alder Maritime Authority has opened an inquiry into Blue Channel Ferries after the
Harbour Workers Union said the company skipped nine safety inspections last year.</p>
<p>Owen Tully, the union's president, said crews were worried about lifejackets and engines that
had not been checked. The union has not published the logs it says it reviewed.</p>
<p>"We will answer every question the authority asks," said Ingrid Sall, the company's chief
executive, who has denied that any inspection was missed.</p>
<p>The authority said the inquiry would take about 30 days.</p>
</article>
<footer><p>&copy; 2025 North Shore Herald. All rights reserved.</p></footer>
</body></html>
"""

MARKET = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Fish market moves to the old rail depot - North Shore Herald</title>
<meta property="og:site_name" content="North Shore Herald">
<meta property="article:published_time" content="2025-09-17T09:00:00+00:00">
</head><body>
<article>
<h1>Fish market moves to the old rail depot</h1>
<p class="byline">By Sam Odell</p>
<p>The Port Alder fish market will move into the old rail depot next spring, the city said on
Wednesday, ending a two-year search for a site with room for 60 stalls.</p>
<p>"The depot has the space and the parking we never had on the quay," said market manager
Rosa Lind.</p>
<p>Traders will pay the same rent for the first year, the city said.</p>
</article>
</body></html>
"""

PAGES = [
    ("https://north-shore-herald.example/news/ferry-inquiry", "2025-09-16T08:00:00Z", FERRY),
    ("https://north-shore-herald.example/news/fish-market-depot", "2025-09-17T09:30:00Z", MARKET),
]


def record(uri: str, date: str, html: str) -> bytes:
    body = html.encode("utf-8")
    http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
            + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
    rid = uuid.uuid5(uuid.NAMESPACE_URL, uri)
    head = (f"WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{rid}>\r\n"
            f"WARC-Date: {date}\r\nWARC-Target-URI: {uri}\r\n"
            "Content-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(http)}\r\n\r\n").encode()
    return gzip.compress(head + http + b"\r\n\r\n", mtime=0)


def main() -> None:
    OUT.write_bytes(b"".join(record(*page) for page in PAGES))
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes, {len(PAGES)} records)")


if __name__ == "__main__":
    main()

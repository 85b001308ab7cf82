"""Reads an RSS feed and the Atom feed of the same sessions through feedparser, as a feed reader does, and checks
that the text a reader shows for each RSS title and description is exactly the plain text of the Atom entry (titles
and summaries of type text). Usage: check_rss_text.py RSS_URL ATOM_URL. Exit 1 on any difference."""

import sys
import urllib.request
from html.parser import HTMLParser

import feedparser


class Shown(HTMLParser):
    """The text an HTML renderer shows: character data, with <br> as a line break."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag == "br":
            self.parts.append("\n")
        else:
            self.parts.append(f"<{tag}>")  # any other element would change what is shown: keep it visible

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        self.parts.append(f"</{tag}>")

    def handle_data(self, data):
        self.parts.append(data)


def shown(value, detail):
    if detail.type not in ("text/html", "application/xhtml+xml"):
        return value
    parser = Shown()
    parser.feed(value)
    parser.close()
    return "".join(parser.parts)


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as reply:
        return reply.read()


def main():
    rss = feedparser.parse(fetch(sys.argv[1]))
    atom = feedparser.parse(fetch(sys.argv[2]))
    errors = []
    if rss.bozo or atom.bozo:
        errors.append(f"not well-formed: {rss.get('bozo_exception') or atom.get('bozo_exception')}")
    if len(rss.entries) != len(atom.entries):
        errors.append(f"{len(rss.entries)} RSS items but {len(atom.entries)} Atom entries")
    for index, (item, entry) in enumerate(zip(rss.entries, atom.entries)):
        for field, rss_value, rss_detail, expected in [
            ("title", item.title, item.title_detail, entry.title),
            ("description", item.description, item.summary_detail, entry.summary),
        ]:
            text = shown(rss_value, rss_detail)
            if text != expected:
                errors.append(f"item {index + 1} {field}: a reader shows {text!r}, typed {expected!r}")
    for error in errors:
        print(f"ERROR [feedparser] {error}")
    verdict = "PASS" if not errors else "FAIL"
    print(f"check-rss-text: {verdict} {sys.argv[1]} ({len(errors)} errors, {len(rss.entries)} items)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

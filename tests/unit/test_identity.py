"""Author, e-mail, description and repository checks."""

import pytest
from helpers import why

from extensions import identity


@pytest.mark.parametrize("good", ["ada@example.org", "a.b+c@sub.example.co.uk", "zoë@exämple.org"])
def test_good_emails(good: str) -> None:
    assert identity.check_author_email(good) == ""


@pytest.mark.parametrize(
    "bad",
    [
        *("", "ada", "ada@", "@example.org", "ada@example", "a b@example.org", "ada@@example.org"),
        *("Ada <ada@example.org>", "ada@..com", "ada@example..com", ".ada@example.com", "ada.@example.com"),
        *("ada@example.com\n", "ada@example.", "ada@.example.com"),
    ],
)
def test_bad_emails(bad: str) -> None:
    assert why(identity.check_author_email(bad)).startswith("author_email")


@pytest.mark.parametrize(
    ("bad", "hint"),
    [
        ("github.com/you/x", "http(s)"),
        ("ftp://example.org/you/x", "http(s)"),
        ("git@github.com:you/x.git", "http(s)"),
        ("https://github.com/you", "owner and project"),
        ("https://github.com/you/x?tab=1", "query"),
        ("https://github.com/you/my x", "spaces"),
        ("https://github.com/you/x?", "query"),
        ("https://github.com/you/x#", "fragment"),
        ("https://:443/you/x", "host"),
        ("https://@/you/x", "host"),
        ("https://github.com:99999/you/x", "well-formed"),
        ("https://ada:secret@github.com/you/x", "credentials"),
        ("https://github.com/you/.git", "owner and project"),
        ("https://github.com/you/fa)st", "characters"),
        ("https://github.com/you/x\n", "one line"),
    ],
)
def test_bad_repository_urls(bad: str, hint: str) -> None:
    message = identity.check_repository_url(bad)
    assert why(message).startswith("repository_url")
    assert hint in message


def test_repository_parts() -> None:
    repo = identity.repository("https://github.com/Owner/fast-stats.git/")
    assert (repo.url, repo.owner, repo.name, repo.on_github) == (
        "https://github.com/Owner/fast-stats",
        "Owner",
        "fast-stats",
        True,
    )
    assert not identity.repository("https://gitlab.com/group/sub/x").on_github
    assert identity.repository("https://gitlab.com/group/sub/x").owner == "group/sub"


@pytest.mark.parametrize(
    ("bad", "hint"),
    [
        *(("", "empty"), ("  ", "empty"), ("two\nlines", "one line"), ("x" * 201, "200")),
        *(("one\u2028two", "one line"), ("bell\x07", "control character")),
    ],
)
def test_bad_descriptions(bad: str, hint: str) -> None:
    message = identity.check_description(bad)
    assert why(message).startswith("description")
    assert hint in message


def test_descriptions_may_hold_any_printable_character_on_one_line() -> None:
    assert identity.check_description("Quotes \" ' backslash \\ braces {{ }} hash # and\ta tab") == ""


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        *(("2026", True), ("2024-2026", True), ("26", False), ("this year", False)),
        *(("2030-2020", False), ("2026-2026", False), ("2026\n", False), ("20266", False)),
    ],
)
def test_copyright_years(value: str, ok: bool) -> None:
    assert (identity.check_copyright_year(value) == "") is ok


def test_author_name_must_be_one_nonblank_line() -> None:
    assert identity.check_author_name('Zoë "Zed" O\'Brien') == ""
    for bad in (" ", "a\nb", "Ada\u2028Lovelace", "Ada\x0bLovelace", "Ada\x1b[1m"):
        assert why(identity.check_author_name(bad)).startswith("author_name"), bad


@pytest.mark.parametrize(
    ("url", "compare", "release"),
    [
        ("https://github.com/o/p", "https://github.com/o/p/compare", "https://github.com/o/p/releases/tag"),
        ("https://codeberg.org/o/p", "https://codeberg.org/o/p/compare", "https://codeberg.org/o/p/releases/tag"),
        ("https://gitlab.com/g/s/p", "https://gitlab.com/g/s/p/-/compare", "https://gitlab.com/g/s/p/-/releases"),
    ],
)
def test_changelog_links_follow_the_forge(url: str, compare: str, release: str) -> None:
    assert identity.repository(url).compare_url == compare
    assert identity.repository(url).release_url == release


# Unicode's White_Space, which Rust's str::trim (maturin's, on the metadata's Summary) removes.
_RUST_WHITESPACE = [
    *map(chr, range(0x09, 0x0E)),
    " ",
    "\x85",
    "\xa0",
    "\u1680",
    *map(chr, range(0x2000, 0x200B)),
    "\u2028",
    "\u2029",
    "\u202f",
    "\u205f",
    "\u3000",
]


@pytest.mark.parametrize("space", _RUST_WHITESPACE, ids=lambda c: f"U+{ord(c):04X}")
def test_a_description_maturin_would_trim_is_refused(space: str) -> None:
    for value in (f"{space}Fast stats", f"Fast stats{space}"):
        assert identity.check_description(value) != "", repr(value)
    if space not in "\t\n\v\f\r\x85\u2028\u2029":  # a line break or a tab inside is another matter
        assert identity.check_description(f"Fast{space}stats") == ""

"""Crisis lines per country, read from crisis_lines.toml: data kept apart from code, each line with its source.

Nothing here touches the database or the session, so /crisis/ and the error page can use it when all else is
down. Which country to show first comes from the page's `?country=` choice or the `crisis_country` cookie,
which journal.middleware keeps in step with the person's settings (a country code is all it holds).
"""

import re
import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).with_name("crisis_lines.toml")
COUNTRY_COOKIE = "crisis_country"
CHECK_EVERY = timedelta(days=365)
KINDS = ("emergency", "crisis", "text", "abuse", "youth")
GROUP_HEADINGS = {
    "crisis": "Talk to someone now",
    "text": "Text someone now",
    "abuse": "If someone is hurting, scaring or controlling you",
    "youth": "For young people",
}


class CrisisLinesError(Exception):
    def __init__(self, problems):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Line:
    kind: str
    name: str
    source: str
    checked: date
    call: str = ""
    text: str = ""
    text_word: str = ""
    about: str = ""
    url: str = ""

    @property
    def call_link(self):
        return f"tel:{dial_digits(self.call)}" if self.call else ""

    @property
    def text_link(self):
        if not self.text:
            return ""
        # `?&body=` pre-fills the message on both Android and iPhone.
        return f"sms:{dial_digits(self.text)}" + (f"?&body={self.text_word}" if self.text_word else "")

    def is_due_a_check(self, today):
        return today - self.checked > CHECK_EVERY


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    time_zones: tuple
    lines: tuple

    def of_kind(self, *kinds):
        return [line for line in self.lines if line.kind in kinds]

    @property
    def emergency(self):
        return self.of_kind("emergency")[0]

    @property
    def groups(self):
        """(heading, lines) for each kind of line but the emergency number, in the order people need them."""
        return [(heading, lines) for kind, heading in GROUP_HEADINGS.items() if (lines := self.of_kind(kind))]

    @property
    def reach_a_person(self):
        """Lines to call or text about how you feel, now: the crisis and text lines."""
        return self.of_kind("crisis", "text")


@dataclass(frozen=True)
class CrisisLines:
    countries: tuple
    fallback: Line

    def get(self, code):
        return next((country for country in self.countries if country.code == code), None)

    def first(self, code):
        """All countries, the one with `code` first."""
        chosen = self.get(code)
        others = [country for country in self.countries if country is not chosen]
        return [chosen, *others] if chosen else others

    def suggested_for_zone(self, time_zone):
        return next((country for country in self.countries if time_zone in country.time_zones), None)

    @property
    def choices(self):
        return [(country.code, country.name) for country in self.countries]

    def every_line(self):
        """(where, line) for every line, the fallback included."""
        yield "Everywhere", self.fallback
        for country in self.countries:
            for line in country.lines:
                yield country.name, line


def dial_digits(number):
    return re.sub(r"[^0-9+]", "", number)


def read_line(entry, where):
    problems = [f"{where}: no {key}" for key in ("kind", "name", "source", "checked") if key not in entry]
    if problems:
        raise CrisisLinesError(problems)
    if entry["kind"] not in KINDS:
        raise CrisisLinesError([f"{where}: kind must be one of {', '.join(KINDS)}, not {entry['kind']!r}"])
    if not isinstance(entry["checked"], date):
        raise CrisisLinesError([f"{where}: checked must be a date like 2026-11-23"])
    if not (entry.get("call") or entry.get("text") or entry.get("url")):
        raise CrisisLinesError([f"{where}: give a number to call or text, or a url"])
    return Line(**entry)


def read_country(entry):
    where = entry.get("code", "a country")
    lines = tuple(read_line(line, f"{where} {line.get('name', '')}".strip()) for line in entry.get("lines", []))
    if not any(line.kind == "emergency" for line in lines):
        raise CrisisLinesError([f"{where}: no emergency number"])
    return Country(entry["code"], entry["name"], tuple(entry.get("time_zones", ())), lines)


def load_crisis_lines(path=None):
    """Read and check the data file; CrisisLinesError names every problem found."""
    path = path or DATA_FILE
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise CrisisLinesError([f"{Path(path).name}: {error}"]) from error
    problems, countries = [], []
    for entry in data.get("countries", []):
        try:
            countries.append(read_country(entry))
        except CrisisLinesError as error:
            problems += error.problems
    try:
        fallback = read_line({"kind": "crisis", **data.get("fallback", {})}, "fallback")
    except CrisisLinesError as error:
        problems += error.problems
    if problems:
        raise CrisisLinesError(problems)
    return CrisisLines(tuple(countries), fallback)


@cache
def crisis_lines():
    return load_crisis_lines()


def chosen_country(request):
    """The country code to show first: the page's own `?country=` choice, else the settings cookie."""
    code = request.GET.get("country") or request.COOKIES.get(COUNTRY_COOKIE, "")
    return code if crisis_lines().get(code) else ""

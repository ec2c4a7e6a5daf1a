"""Convert Debian's FreeDict Polish–English dictionary into the tutor's compact dictionary file.

    python bench/tools/freedict_to_jsonl.py [--deb dict-freedict-pol-eng_*.deb]

Without ``--deb`` the script runs ``apt-get download dict-freedict-pol-eng`` in a temporary
directory. It unpacks the package with ``dpkg-deb``, reads the dictd database
(``freedict-pol-eng.index`` + ``.dict.dz``), and writes

- ``polish_tutor/language/data/dictionary.jsonl.gz``: one JSON array per entry,
  ``[headword, part_of_speech, [[english, [labels]], ...]]``, senses in the order a learner
  needs them (common English translations first, archaic, rare and dated senses last); the
  Polish definitions are read for their labels (colloquial, archaic, a domain) and not kept;
- ``polish_tutor/language/data/dictionary-LICENSE.txt``: where the data comes from and the
  CC-BY-SA-3.0 licence text from the package's ``copyright`` file.

The output is deterministic (gzip without a timestamp), so re-running it changes nothing.

The dictd text of an entry looks like this (WikDict, from Wiktionary)::

    zamek /ˈzãmɛk/ <n>
    1. castle, palace
    (architektura, architektoniczny) (budownictwo) budynek warowny;
    2. fastener, zip, zipper
    (krawiectwo) zapięcie garderoby, (zobacz) zamek błyskawiczny.

A line ``N. english`` opens a sense (an unnumbered first line when there is one sense), the
line after it is a Polish definition with its labels in brackets, and a line `` N.`` adds
another definition to the same English translation (only the first one is kept).
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from wordfreq import zipf_frequency

ROOT = Path(__file__).resolve().parents[2]
OUT_DIR = ROOT / "polish_tutor" / "language" / "data"
PACKAGE = "dict-freedict-pol-eng"
B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
# Labels that make a sense one a learner needs last.
LATE_LABELS = frozenset(
    {
        "przestarzałe",
        "przestarzały",
        "dawniej",
        "rzadki",
        "rzadko",
        "staropolski",
        "gwara",
        "regionalizm",
        "Poznań",
        "Górny Śląsk",
        "wulgarnie",
        "grubiański",
        "obraźliwie",
        "środowiskowy",
        "slangowo",
        "neologizm",
    }
)
_SENSE = re.compile(r"^(\d+)\. (.*)$")
_SUBSENSE = re.compile(r"^ \d+\.$")
_MARKER = re.compile(r"\s+\d+\.$")
_LABELS = re.compile(r"^((?:\([^)]*\)\s*)+)")
_HEAD = re.compile(r"^(?P<head>.+?)(?:\s+/[^/]*/)*\s*(?:<(?P<pos>[^>]*)>)?\s*$")


@dataclass(slots=True)
class Sense:
    english: str
    labels: list[str] = field(default_factory=list)
    definition: str = ""
    has_definition: bool = False


def _b64(text: str) -> int:
    value = 0
    for ch in text:
        value = value * 64 + B64.index(ch)
    return value


def _definition(line: str) -> tuple[list[str], str]:
    """(labels, definition) of a Polish definition line: ``(potocznie, potoczny) kawa`` →
    (["potocznie"], "kawa")."""
    labels: list[str] = []
    match = _LABELS.match(line)
    if match:
        for group in re.findall(r"\(([^)]*)\)", match.group(1)):
            label = group.split(",")[0].strip()
            if label and label not in labels:
                labels.append(label)
        line = line[match.end() :]
    return labels, line.strip().rstrip(";").strip()


def parse_entry(text: str) -> tuple[str, str, list[Sense]] | None:
    lines = text.rstrip("\n").split("\n")
    if not lines:
        return None
    head = _HEAD.match(lines[0].strip())
    if head is None:
        return None
    headword = head["head"].strip()
    pos = head["pos"] or ""
    senses: list[Sense] = []
    expect_definition = False
    for index, line in enumerate(lines[1:]):
        if not line.strip():
            continue
        sense = _SENSE.match(line)
        if sense is not None:
            senses.append(Sense(_MARKER.sub("", sense.group(2)).strip()))
            expect_definition = True
            continue
        if _SUBSENSE.match(line):
            expect_definition = True
            continue
        if index == 0:
            senses.append(Sense(_MARKER.sub("", line).strip()))
            expect_definition = True
            continue
        if expect_definition and senses:
            labels, definition = _definition(line.strip())
            current = senses[-1]
            if not current.has_definition:
                current.labels, current.definition, current.has_definition = (
                    labels,
                    definition,
                    True,
                )
            else:
                current.labels += [label for label in labels if label not in current.labels]
            expect_definition = False
    senses = [s for s in senses if s.english]
    if not headword or not senses:
        return None
    return headword, pos, senses


def _english_weight(english: str) -> float:
    """How common the sense's English translation is: the best of its translations, a
    translation of several words weighing as its rarest word."""
    best = 0.0
    for part in english.split(","):
        tokens = [t for t in re.findall(r"[A-Za-z']+", part) if t.lower() not in ("to", "a", "the")]
        if tokens:
            best = max(best, min(zipf_frequency(t, "en") for t in tokens))
    return best


def order_senses(senses: list[Sense]) -> list[Sense]:
    """Common senses first: senses marked archaic, rare, dated, regional or vulgar go last;
    the others by how common their English translation is, in bands of one Zipf unit (so that
    the dictionary's own order decides between similar ones)."""

    def key(item: tuple[int, Sense]) -> tuple[int, int, int]:
        index, sense = item
        late = int(any(label in LATE_LABELS for label in sense.labels))
        return late, -int(_english_weight(sense.english)), index

    return [sense for _i, sense in sorted(enumerate(senses), key=key)]


def read_dictd(index_path: Path, dict_path: Path) -> list[tuple[str, str, list[Sense]]]:
    with gzip.open(dict_path, "rb") as fh:
        data = fh.read()
    entries: list[tuple[str, str, list[Sense]]] = []
    seen: set[tuple[int, int]] = set()
    for raw in index_path.read_text(encoding="utf-8").splitlines():
        parts = raw.split("\t")
        if len(parts) != 3 or parts[0].startswith("00database"):
            continue
        offset, length = _b64(parts[1]), _b64(parts[2])
        if (offset, length) in seen:
            continue
        seen.add((offset, length))
        parsed = parse_entry(data[offset : offset + length].decode("utf-8"))
        if parsed is not None:
            entries.append(parsed)
    return entries


def licence_text(copyright_path: Path) -> str:
    """The CC-BY-SA-3.0 licence paragraph of a Debian ``copyright`` file, unfolded."""
    lines = copyright_path.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines[:-1]):
        if line == "License: CC-BY-SA-3.0" and lines[i + 1].startswith(" "):
            out = []
            for body in lines[i + 1 :]:
                if not body.startswith(" "):
                    break
                out.append("" if body.strip() == "." else body[1:])
            return "\n".join(out).strip() + "\n"
    raise SystemExit("no CC-BY-SA-3.0 licence text in the package's copyright file")


def _fetch(workdir: Path) -> Path:
    subprocess.run(["apt-get", "download", PACKAGE], cwd=workdir, check=True)
    debs = sorted(workdir.glob(f"{PACKAGE}_*.deb"))
    if not debs:
        raise SystemExit(f"apt-get download did not produce {PACKAGE}_*.deb")
    return debs[-1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--deb", type=Path, help=f"a downloaded {PACKAGE}_*.deb")
    ap.add_argument("--out-dir", type=Path, default=OUT_DIR)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        deb = args.deb.resolve() if args.deb else _fetch(work)
        subprocess.run(["dpkg-deb", "-x", str(deb), str(work / "x")], check=True)
        share = work / "x" / "usr" / "share"
        entries = read_dictd(
            share / "dictd" / "freedict-pol-eng.index", share / "dictd" / "freedict-pol-eng.dict.dz"
        )
        licence = licence_text(share / "doc" / PACKAGE / "copyright")
    entries.sort(key=lambda e: (e[0].casefold(), e[0]))  # stable: homographs keep their order
    buffer = io.StringIO()
    senses_total = 0
    for headword, pos, senses in entries:
        ordered = order_senses(senses)
        senses_total += len(ordered)
        row = [headword, pos, [[s.english, s.labels] for s in ordered]]
        buffer.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")
    args.out_dir.mkdir(parents=True, exist_ok=True)
    target = args.out_dir / "dictionary.jsonl.gz"
    with (
        target.open("wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz,
    ):
        gz.write(buffer.getvalue().encode("utf-8"))
    header = (
        f"{target.name} is converted from Debian's package {PACKAGE} ({deb.name}) by\n"
        "bench/tools/freedict_to_jsonl.py.\n\n"
        "FreeDict+WikDict Polish-English dictionary (https://freedict.org/,\n"
        "https://www.wikdict.com/), built automatically from Wiktionary (https://www.wiktionary.org/)\n"
        "via DBnary; maintainer Karl Bartel; copyright 2000-2022 FreeDict contributors.\n"
        "Licensed under the Creative Commons Attribution-ShareAlike 3.0 Unported licence\n"
        "(https://creativecommons.org/licenses/by-sa/3.0/). The converted file is a derivative\n"
        "work (entries reformatted, senses reordered, pronunciations and Polish definitions\n"
        "left out) under the same "
        "licence. The rest of Patient Polish Tutor is MIT-licensed.\n\n"
    )
    (args.out_dir / "dictionary-LICENSE.txt").write_text(header + licence, encoding="utf-8")
    print(
        f"{len(entries)} entries, {senses_total} senses → {target} "
        f"({target.stat().st_size / 1e6:.2f} MB)",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

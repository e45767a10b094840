"""A generated edition for the benchmarks: N transcriptions and the bundled register.

From a seeded RNG, so two runs time the same files. The documents are of the kinds the
converter knows (docs/transcription-format.md): press statements with numbered
paragraphs, note markers and endnotes; letters (date line with a place, salutation,
closing and signature, sometimes a postscript); leaflets (a preamble, numbered clauses
and a list of signatories); undated, supplied and ranged date lines. The text names
persons, places and organisations of ``source/register.xml``, so every document points
into the register; letters have their sender, addressee, place and date in edition.toml
(a correspDesc, so the CMIF export runs); one document in ten has a corrections.toml
entry (a misspelling the editors correct).

    python benchmarks/corpus.py OUT_FOLDER [--docs 1000] [--seed 1]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "source"
TEI_ALL = Path("/work/shared/tei/tei_all.rng")

PERSONS = ("Wrangel", "Petlyura", "Semyonov", "Budyonny", "Lloyd George", "Yudenich",
           "Savinkov", "Balakhovich")
PLACES = ("Paris", "London", "Poland", "Europe", "America", "the Caucasus", "the Dniester",
          "the Narova", "Petrograd", "Vladivostok", "Japan", "the Far East")
CITIES = ("Paris", "London", "Petrograd", "Vladivostok")
ORGS = ("the Red Army", "the House of Lords", "the Congress of Soviets")
WORDS = ("the front", "the question", "our policy", "the railway", "coal", "the harvest",
         "the treaty", "the frontier", "the press", "labour", "the winter", "peace",
         "transport", "the army", "the congress", "the commission", "our industry")
VERBS = ("demands", "concerns", "affects", "depends on", "changes", "awaits", "follows",
         "threatens", "supports", "repeats")
SALUTES = ("Dear Comrade,", "My dear Sir,", "Dear Sir:", "Dear Friend,")
CLOSES = ("Yours truly,", "Your friend, as ever,", "Ever yours,", "Yours faithfully,")
SIGNERS = ("L. Trotsky", "M. Frunze", "S. Kamenev", "E. Sklyansky")


def sentence(rng: random.Random) -> str:
    subject = rng.choice(WORDS)
    name = rng.choice((*PERSONS, *PLACES, *ORGS))
    tail = rng.choice(WORDS)
    return (f"{subject[0].upper()}{subject[1:]} {rng.choice(VERBS)} {tail}, as {name} "
            f"{rng.choice(VERBS)} {rng.choice(WORDS)}.")


def paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(sentence(rng) for _ in range(sentences))


def date_line(rng: random.Random, day: dt.date, letter: bool) -> str:
    plain = f"{day:%B} {day.day}, {day.year}"
    kind = rng.random()
    if letter:
        return f"{rng.choice(('Moscow', 'Kharkov', 'Petrograd'))}, {plain}"
    if kind < 0.05:
        return "n.d."
    if kind < 0.10:
        return f"[{day:%B} {day.year}]"
    if kind < 0.15:
        end = day + dt.timedelta(days=3)
        if end.month == day.month:
            return f"{day:%B} {day.day}–{end.day}, {day.year}"
    return plain


def statement(rng: random.Random, title: str, when: str, typo: str | None) -> str:
    paras = [paragraph(rng, rng.randint(3, 6)) for _ in range(rng.randint(4, 8))]
    notes = []
    for n in (1, 2)[: rng.randint(0, 2)]:
        k = rng.randrange(len(paras))
        paras[k] = paras[k].rstrip(".") + f". [{n}]" if f"[{n - 1}]" not in paras[k] or n == 1 \
            else paras[k]
    markers = [n for n in (1, 2) if any(f"[{n}]" in p for p in paras)]
    for n in markers:
        notes.append(f"{n}. {paragraph(rng, 1)}")
    if typo:
        paras[0] = f"{paras[0]} The {typo} was plain."
    body = [f"({i}) {p}" for i, p in enumerate(paras, 1)]
    return "\n\n".join(["Various Subjects", title, when,
                        "Transcribed for the benchmark by The Editors", *body, *notes]) + "\n"


def letter(rng: random.Random, title: str, when: str) -> str:
    paras = [paragraph(rng, rng.randint(2, 5)) for _ in range(rng.randint(2, 5))]
    blocks = [title, when, rng.choice(SALUTES), *paras,
              f"{rng.choice(CLOSES)}\n{rng.choice(SIGNERS)}"]
    if rng.random() < 0.3:
        blocks.append(f"P.S. {paragraph(rng, 1)}")
    return "\n\n".join(blocks) + "\n"


def leaflet(rng: random.Random, title: str, when: str) -> str:
    clauses = [f"{i}. {paragraph(rng, rng.randint(1, 2))}" for i in range(1, rng.randint(4, 9))]
    signers = ", ".join(rng.sample(SIGNERS, 3)) + "."
    return "\n\n".join([title, when, paragraph(rng, 2), *clauses, "The Committee:",
                        signers]) + "\n"


def generate(folder: Path, docs: int, seed: int = 1, tei_all: Path | None = TEI_ALL) -> Path:
    """Write ``folder/source`` with ``docs`` transcriptions; returns that folder."""
    src = folder / "source"
    src.mkdir(parents=True)
    shutil.copyfile(SOURCE / "register.xml", src / "register.xml")
    toml = (SOURCE / "edition.toml").read_text("utf-8").split("\n[documents.")[0]
    lines = [line for line in toml.splitlines() if not line.startswith("tei-all")]
    if tei_all is not None and tei_all.is_file():
        lines.append(f'tei-all = "{tei_all}"')
    rng = random.Random(seed)
    # Letters get their correspondence facts (so the CMIF export runs), from an RNG of
    # their own: the texts stay those of earlier versions of this generator.
    facts_rng = random.Random(seed + 1)
    corrections = []
    start = dt.date(1918, 1, 1)
    for i in range(docs):
        day = start + dt.timedelta(days=i % 1500)
        kind = rng.random()
        title = f"{rng.choice(('On', 'Concerning', 'To'))} {rng.choice(WORDS)} ({i})"
        name = f"{day.isoformat()}-doc-{i:05d}"
        if kind < 0.25:
            text = letter(rng, title, date_line(rng, day, True))
            lines += [f"\n[documents.{name}]",
                      f'sender = "{facts_rng.choice(SIGNERS)}"',
                      f'addressee = "{facts_rng.choice(PERSONS)}"',
                      f'sent-place = "{facts_rng.choice(CITIES)}"',
                      f"sent-date = {day.isoformat()}"]
        elif kind < 0.40:
            text = leaflet(rng, title, date_line(rng, day, False))
        else:
            typo = "goverment" if i % 10 == 0 else None
            text = statement(rng, title, date_line(rng, day, False), typo)
            if typo:
                corrections.append(
                    f'[[correction]]\ndocument = "{name}"\nsic = "goverment"\n'
                    f'corr = "government"\ncontext = "The goverment was plain"\n'
                    f'note = "dropped letter"\n')
        (src / f"{name}.txt").write_text(text, "utf-8")
    (src / "edition.toml").write_text("\n".join(lines) + "\n", "utf-8")
    (src / "corrections.toml").write_text("\n".join(corrections), "utf-8")
    return src


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(generate(args.folder, args.docs, args.seed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

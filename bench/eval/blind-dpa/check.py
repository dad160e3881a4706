#!/usr/bin/env python3
"""Validate the blind gold files.

usage: python3 check.py [eval/dpa.gold.json] [eval/subprocessors.gold.json]

Checks keys, value vocabularies, evidence rules (1-4 exact phrases per non-not_stated
answer, no internal ". ", each found in the document text after folding case and white
space; HTML is reduced to its text; Markdown must match with and without inline markup),
and for sub-processor lists: names present in the file, ISO 3166 alpha-2 countries,
customer_content vocabulary.
"""
import html
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent

DPA_KEYS = [
    "art28.instructions", "art28.confidentiality", "art28.security", "art28.subprocessors",
    "art28.data_subject_rights", "art28.assist_obligations", "art28.end_of_contract",
    "art28.audits", "art28.objection_days", "art28.governing_law",
]
YES_NO = {"yes", "no", "not_stated"}

ISO = set("""AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO
BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO
DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW
GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ
LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX
MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO
RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL
TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW""".split())

_TRANS = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                        "\u2013": "-", "\u2014": "-", "\u00a0": " "})


def fold(s):
    return re.sub(r"\s+", " ", s.translate(_TRANS)).strip().lower()


def html_text(raw):
    raw = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", raw)
    raw = re.sub(r"(?s)<!--.*?-->", " ", raw)
    raw = re.sub(r"<[^>]+>", " ", raw)
    return html.unescape(raw)


def md_plain(raw):
    s = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", raw)   # links -> text
    s = re.sub(r"[*`]|(?<!\w)_|_(?!\w)", "", s)           # emphasis / code markers
    s = re.sub(r"(?m)^\s{0,3}(#+|>)\s*", "", s)            # heading / quote markers
    return s


def texts_for(path):
    raw = path.read_text(encoding="utf-8")
    if path.suffix.lower() in (".html", ".htm"):
        return [fold(html_text(raw))]
    if path.suffix.lower() == ".md":
        return [fold(raw), fold(md_plain(raw))]
    return [fold(raw)]


errors = []


def err(msg):
    errors.append(msg)


def check_dpa(gold_path):
    g = json.loads(gold_path.read_text())
    if g.get("format") != "questionnaire-gold/1":
        err(f"{gold_path}: bad format {g.get('format')!r}")
    if g.get("keys") != DPA_KEYS:
        err(f"{gold_path}: keys differ from the expected list")
    ids = set()
    n_ev = 0
    for p in g.get("policies", []):
        pid = p.get("id")
        if pid in ids:
            err(f"duplicate id {pid}")
        ids.add(pid)
        path = ROOT / p["file"]
        if not path.exists():
            err(f"{pid}: missing file {path}")
            continue
        size = path.stat().st_size
        if not 6000 <= size <= 30000:
            err(f"{pid}: size {size} outside 6-30 KB")
        texts = texts_for(path)
        ans = p.get("answers", {})
        if set(ans) != set(DPA_KEYS):
            err(f"{pid}: answer keys differ: missing {set(DPA_KEYS)-set(ans)}, extra {set(ans)-set(DPA_KEYS)}")
        for k, a in ans.items():
            v = a.get("value")
            extra = set(a) - {"value", "evidence", "accept", "note"}
            if extra:
                err(f"{pid}.{k}: unexpected fields {extra}")

            def valid(x):
                if k == "art28.objection_days":
                    return x == "not_stated" or (isinstance(x, str) and x.isdigit())
                if k == "art28.governing_law":
                    return x == "not_stated" or x in ISO
                return x in YES_NO
            if not valid(v):
                err(f"{pid}.{k}: invalid value {v!r}")
            if "accept" in a:
                if v not in a["accept"]:
                    err(f"{pid}.{k}: accept does not include value")
                for x in a["accept"]:
                    if not valid(x):
                        err(f"{pid}.{k}: invalid accept value {x!r}")
            ev = a.get("evidence", [])
            if v == "not_stated":
                if ev:
                    err(f"{pid}.{k}: not_stated carries evidence")
                continue
            if not 1 <= len(ev) <= 4:
                err(f"{pid}.{k}: {len(ev)} evidence phrases (need 1-4)")
            for e in ev:
                n_ev += 1
                if ". " in e:
                    err(f"{pid}.{k}: evidence spans sentences: {e!r}")
                fe = fold(e)
                missing = [i for i, t in enumerate(texts) if fe not in t]
                if missing:
                    err(f"{pid}.{k}: evidence not found: {e!r}")
    print(f"{gold_path.name}: {len(ids)} DPAs, {n_ev} evidence phrases checked")


def check_sp(gold_path):
    g = json.loads(gold_path.read_text())
    if g.get("format") != "subprocessor-gold/1":
        err(f"{gold_path}: bad format {g.get('format')!r}")
    ids = set()
    total = 0
    for l in g.get("lists", []):
        lid = l.get("id")
        if lid in ids:
            err(f"duplicate list id {lid}")
        ids.add(lid)
        path = (gold_path.parent / l["file"]).resolve()
        if not path.exists():
            err(f"{lid}: missing file {path}")
            continue
        texts = texts_for(path)
        names = set()
        for s in l.get("subprocessors", []):
            total += 1
            n = s.get("name")
            if not n or n in names:
                err(f"{lid}: empty or duplicate name {n!r}")
            names.add(n)
            extra = set(s) - {"name", "aliases", "countries", "customer_content"}
            if extra:
                err(f"{lid}/{n}: unexpected fields {extra}")
            if any(fold(n) not in t for t in texts):
                err(f"{lid}: name not found in file: {n!r}")
            al = s.get("aliases", [])
            if not isinstance(al, list) or not all(isinstance(x, str) and x for x in al):
                err(f"{lid}/{n}: bad aliases")
            c = s.get("countries")
            if not isinstance(c, list) or any(x not in ISO for x in c) or len(set(c)) != len(c):
                err(f"{lid}/{n}: bad countries {c!r}")
            if s.get("customer_content") not in YES_NO:
                err(f"{lid}/{n}: bad customer_content {s.get('customer_content')!r}")
    print(f"{gold_path.name}: {len(ids)} lists, {total} sub-processors")


def main(argv):
    paths = [Path(a) for a in argv] or [ROOT / "eval/dpa.gold.json", ROOT / "eval/subprocessors.gold.json"]
    for p in paths:
        if not p.exists():
            err(f"missing gold file {p}")
            continue
        fmt = json.loads(p.read_text()).get("format")
        (check_sp if fmt == "subprocessor-gold/1" else check_dpa)(p)
    for e in errors:
        print("ERROR:", e)
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

#!/usr/bin/env python3
"""Validate eval/gold.json against the questionnaire contract and the policy texts.

Checks: format tag; the 35 keys in questionnaire order; every policy has all keys;
values in the allowed vocabulary; evidence present (1-6 phrases) for stated answers and
absent for not_stated; accept lists hold valid values and include the value; each evidence
phrase holds no internal ". " and occurs in the policy file (white space and case folded;
for .html also after removing tags and unescaping entities, for .md after removing
emphasis markers).
"""
import html
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
GOLD = os.path.join(HERE, "eval", "gold.json")
KEYS = ["policy.last_updated", "policy.privacy_contact", "policy.change_notice",
        "collect.location", "collect.device", "collect.payment", "collect.credentials",
        "collect.communications_recorded", "collect.cookies", "collect.remote_access",
        "use.marketing", "use.automated_analysis", "share.third_parties", "share.sells_data",
        "share.affiliates", "share.business_transfer", "share.legal_disclosure",
        "share.names_processors", "transfer.international", "transfer.safeguards",
        "transfer.privacy_shield", "retention.period", "security.measures",
        "security.encryption_in_transit", "security.breach_notification",
        "security.certifications", "rights.access", "rights.correction", "rights.deletion",
        "rights.portability", "rights.marketing_opt_out", "rights.do_not_track",
        "compliance.gdpr", "compliance.dpa_available", "audience.children"]
LEVEL = {"retention.period", "security.measures"}
NS = "not_stated"


def valid(key, v):
    if v == NS:
        return True
    if key == "policy.last_updated":
        return bool(re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", v))
    if key == "policy.privacy_contact":
        return bool(re.fullmatch(r"[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}", v))
    if key == "policy.change_notice":
        return v in ("direct", "posted")
    if key in LEVEL:
        return v in ("specific", "vague")
    return v in ("yes", "no")


def fold(s):
    return re.sub(r"\s+", " ", s).strip().lower()


def views(path):
    raw = open(path, encoding="utf-8").read()
    out = [fold(raw)]
    if path.endswith(".html"):
        t = re.sub(r"(?is)<(script|style).*?</\1>", " ", raw)
        t = re.sub(r"<[^>]+>", " ", t)
        out.append(fold(html.unescape(t)))
    if path.endswith(".md"):
        t = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", raw)
        out.append(fold(re.sub(r"[*_`]+", "", t)))
    return raw, out


def main():
    g = json.load(open(GOLD, encoding="utf-8"))
    errs = []
    if g.get("format") != "questionnaire-gold/1":
        errs.append("format tag")
    if g.get("keys") != KEYS:
        errs.append("keys list differs from questionnaire order")
    ids = set()
    counts = {}
    for p in g["policies"]:
        pid = p["id"]
        if pid in ids:
            errs.append(f"{pid}: duplicate id")
        ids.add(pid)
        path = os.path.join(HERE, p["file"])
        if not os.path.isfile(path):
            errs.append(f"{pid}: missing file {p['file']}")
            continue
        raw, vs = views(path)
        size = len(raw.encode("utf-8"))
        ans = p["answers"]
        if list(ans) != KEYS:
            missing = [k for k in KEYS if k not in ans]
            extra = [k for k in ans if k not in KEYS]
            errs.append(f"{pid}: keys missing {missing} extra {extra}" if missing or extra
                        else f"{pid}: keys out of order")
        for k in KEYS:
            a = ans.get(k)
            if a is None:
                continue
            v = a.get("value")
            counts[v if v in ("yes", "no", NS) else "other"] = counts.get(v if v in ("yes", "no", NS) else "other", 0) + 1
            if not valid(k, v):
                errs.append(f"{pid}/{k}: invalid value {v!r}")
            ev = a.get("evidence", [])
            if v == NS and ev:
                errs.append(f"{pid}/{k}: not_stated with evidence")
            if v != NS and not (1 <= len(ev) <= 6):
                errs.append(f"{pid}/{k}: {len(ev)} evidence phrases")
            if "accept" in a:
                acc = a["accept"]
                if v not in acc:
                    errs.append(f"{pid}/{k}: accept lacks value")
                for x in acc:
                    if not valid(k, x):
                        errs.append(f"{pid}/{k}: invalid accept {x!r}")
            for e in ev:
                if ". " in e.strip():
                    errs.append(f"{pid}/{k}: internal '. ' in {e!r}")
                fe = fold(e)
                if not any(fe in t for t in vs):
                    errs.append(f"{pid}/{k}: evidence not found: {e!r}")
            if k == "policy.privacy_contact" and v != NS:
                if not any(v in t for t in vs):
                    errs.append(f"{pid}/{k}: address not in text")
        print(f"{pid:12s} {p['file']:28s} {size:6d} bytes")
    print("value counts:", counts)
    for e in errs:
        print("ERROR", e)
    print("OK" if not errs else f"{len(errs)} error(s)")
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main())

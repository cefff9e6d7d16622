#!/usr/bin/env python3
"""Regenerate crates/cameo/data/cameo.tsv and crates/cameo/data/country_codes.tsv.

Run once by hand (python3 crates/cameo/tools/gen_tables.py); the crate never runs it.
It READS third-party lookup files from ../shared (the project's data directory that sits
beside the repository checkout, never copied into it) and the Debian `iso-codes` package:

  ../shared/dictionaries/cameo/CAMEO.eventcodes.txt       codes and names (GDELT lookup, CAMEO 1.1b3)
  ../shared/dictionaries/cameo/CAMEO.goldsteinscale.txt   Goldstein score per code (GDELT lookup)
  ../shared/dictionaries/plover/CAMEO2PLOVER-2021.txt     draft CAMEO -> PLOVER crosswalk
  ../shared/dictionaries/plover/plover_ontology.yaml      only to tell PLOVER contexts from modes
  /usr/share/iso-codes/json/iso_3166-1.json, iso_3166-3.json   ISO 3166 alpha-3 codes and names

Only facts are written out (codes, short names, scores, mapping targets); see the crate docs for
the sources and their licences. Corrections to the inputs are listed in NAME_FIXES below.
"""
import argparse
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CRATE = os.path.dirname(HERE)
REPO = os.path.dirname(os.path.dirname(CRATE))
DEFAULT_SHARED = os.path.join(os.path.dirname(REPO), "shared")

# Names fixed by hand, with the reason.
NAME_FIXES = {
    # encoding damage in the GDELT lookup (curly quotes lost); spelled as in the PLOVER crosswalk
    "044": "Meet at a 'third' location",
    # typos in the GDELT lookup
    "033": "Express intent to provide material aid",
    "0355": "Express intent to allow international involvement (not mediation)",
    "2041": "Use chemical, biological, or radiological weapons",
    # The GDELT lookup merged code 106 into the 1056 line and shifted the labels of 101 and
    # 105-108. The CAMEO structure (children 1011-1014 and 1051-1056, the parallel 026-028 and
    # 125-127 families, the PETRARCH internal ontology, the CAMEO 0.7b5 codelist and the PLOVER
    # crosswalk) gives these names.
    "1056": "Demand de-escalation of military engagement",
    "101": "Demand material cooperation",
    "105": "Demand that target yields",
    "106": "Demand meeting, negotiation",
    "107": "Demand settling of dispute",
    "108": "Demand mediation",
}
# Codes missing as separate lines in the GDELT lookup (see 1056 above): code -> Goldstein.
EXTRA_GOLDSTEIN = {"106": -5.0}

# CAMEO regional codes (not ISO 3166) used as the country part of actor codes.
CAMEO_REGIONS = {
    "AFR": "Africa", "ASA": "Asia", "BLK": "Balkans", "CRB": "Caribbean", "CAU": "Caucasus",
    "CFR": "Central Africa", "CAS": "Central Asia", "CEU": "Central Europe", "EIN": "East Indies",
    "EAF": "Eastern Africa", "EEU": "Eastern Europe", "EUR": "Europe", "LAM": "Latin America",
    "MEA": "Middle East", "MDT": "Mediterranean", "NAF": "North Africa", "NMR": "North America",
    "PGS": "Persian Gulf", "SCN": "Scandinavia", "SAM": "South America", "SAS": "South Asia",
    "SEA": "Southeast Asia", "SAF": "Southern Africa", "WAF": "West Africa", "WST": "The West",
}
# Non-ISO country codes used by CAMEO dictionaries.
CAMEO_COUNTRIES = {"KSV": "Kosovo"}

QUALIFIER = re.compile(r",?\s*not spec(ified)? below\s*$", re.IGNORECASE)


def read_tsv(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        rows = [line.rstrip("\r\n").split("\t") for line in f]
    return [r for r in rows[1:] if r and r[0].strip()]


def short_name(code, raw):
    if code in NAME_FIXES:
        return NAME_FIXES[code]
    name = " ".join(raw.split())
    name = QUALIFIER.sub("", name).strip()
    if len(code) == 2:
        name = name[:1] + name[1:].lower()
    return name


def plover_contexts(shared):
    contexts = set()
    in_contexts = False
    with open(os.path.join(shared, "dictionaries/plover/plover_ontology.yaml"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("contexts:"):
                in_contexts = True
            elif in_contexts and line.startswith("- "):
                contexts.add(line[2:].strip())
            elif in_contexts:
                break
    return contexts


def read_crosswalk(shared, contexts):
    mapping = {}
    path = os.path.join(shared, "dictionaries/plover/CAMEO2PLOVER-2021.txt")
    with open(path, encoding="utf-8") as f:
        for line in f:
            body = line.split("#", 1)[0].strip()
            m = re.match(r"^(\d{2,4}):\s*(.*)$", body)
            if not m:
                continue
            code, rest = m.groups()
            fields = [x.strip() for x in rest.split(",")]
            event = fields[0]
            mode = fields[1] if len(fields) > 1 else ""
            ctx = [c.strip() for c in (fields[2] if len(fields) > 2 else "").split(";") if c.strip()]
            # 175 carries the context pro_autocracy in the mode column
            if mode in contexts:
                ctx.insert(0, mode)
                mode = ""
            # root 08 is listed twice (CONCEDE, then RETREAT); the first matches 080
            if code in mapping:
                continue
            mapping[code] = (event, mode, ";".join(ctx))
    return mapping


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=DEFAULT_SHARED)
    ap.add_argument("--iso", default="/usr/share/iso-codes/json")
    args = ap.parse_args()
    cameo = os.path.join(args.shared, "dictionaries/cameo")

    names = {r[0].strip(): r[1] for r in read_tsv(os.path.join(cameo, "CAMEO.eventcodes.txt"))}
    gold = {r[0].strip(): float(r[1]) for r in read_tsv(os.path.join(cameo, "CAMEO.goldsteinscale.txt"))}
    gold.update(EXTRA_GOLDSTEIN)
    for code in EXTRA_GOLDSTEIN:
        names.setdefault(code, "")
    if set(names) != set(gold):
        sys.exit(f"code sets differ: {sorted(set(names) ^ set(gold))}")
    crosswalk = read_crosswalk(args.shared, plover_contexts(args.shared))

    out = os.path.join(CRATE, "data/cameo.tsv")
    with open(out, "w", encoding="utf-8") as f:
        f.write("# CAMEO 1.1b3 event codes as used by GDELT: code, short name, Goldstein score, PLOVER mapping.\n")
        f.write("# Generated by crates/cameo/tools/gen_tables.py; facts only, see the crate docs for sources.\n")
        f.write("# plover_contexts are separated by ';'. Empty PLOVER fields mean no mapping (roots 01, 02).\n")
        f.write("code\tname\tgoldstein\tplover_event\tplover_mode\tplover_contexts\n")
        unmapped = []
        for code in sorted(names):
            event, mode, ctx = crosswalk.get(code, ("", "", ""))
            if not event and code[:2] not in ("01", "02"):
                unmapped.append(code)
            f.write(f"{code}\t{short_name(code, names[code])}\t{gold[code]:.1f}\t{event}\t{mode}\t{ctx}\n")
    if unmapped:
        print("codes without PLOVER mapping:", unmapped, file=sys.stderr)
    print(f"wrote {len(names)} codes to {out}")

    with open(os.path.join(args.iso, "iso_3166-1.json"), encoding="utf-8") as f:
        current = {c["alpha_3"]: c.get("common_name", c["name"]) for c in json.load(f)["3166-1"]}
    with open(os.path.join(args.iso, "iso_3166-3.json"), encoding="utf-8") as f:
        former = {c["alpha_3"]: c["name"] for c in json.load(f)["3166-3"] if "alpha_3" in c}
    rows = [(c, "iso", n) for c, n in current.items()]
    rows += [(c, "former", n) for c, n in former.items() if c not in current]
    rows += [(c, "cameo", n) for c, n in CAMEO_COUNTRIES.items()]
    rows += [(c, "region", n) for c, n in CAMEO_REGIONS.items()]
    codes = [r[0] for r in rows]
    if len(codes) != len(set(codes)):
        sys.exit("duplicate country code")
    out = os.path.join(CRATE, "data/country_codes.tsv")
    with open(out, "w", encoding="utf-8") as f:
        f.write("# Country-part codes of CAMEO actor codes: ISO 3166-1 alpha-3 (iso), withdrawn ISO 3166-3\n")
        f.write("# codes (former), CAMEO's non-ISO country codes (cameo) and CAMEO regional codes (region).\n")
        f.write("# Generated by crates/cameo/tools/gen_tables.py; facts only.\n")
        f.write("code\tkind\tname\n")
        for code, kind, name in sorted(rows):
            f.write(f"{code}\t{kind}\t{name}\n")
    print(f"wrote {len(rows)} country codes to {out}")


if __name__ == "__main__":
    main()

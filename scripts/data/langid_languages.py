#!/usr/bin/env python3
"""Builds models/langid/languages.tsv: lid.176 label -> the answer Lift Wing gives (language, wikicode, languagename).

Usage: langid_languages.py LANGUAGES_JSON LIFTWING_LANGUAGES_TSV WIKIS_TSV > models/langid/languages.tsv

Sources:
  LANGUAGES_JSON          dist/models/language-identification/assets/languages.json of the npm package
                          fasttext.wasm.js@1.0.0 (the 176 lid.176 labels with ISO 639-3 codes and reference names).
  LIFTWING_LANGUAGES_TSV  Lift Wing's src/models/langid/languages.tsv (lid_language, wikicode, language_name),
                          kept in the shared data as liftwing/langid_languages.tsv.
  WIKIS_TSV               the Wikimedia wiki list (liftwing/wikis.tsv in the shared data).

Columns: label (lid.176), language, wikicode, language_name (the three answered fields), source.

A label with a counterpart in Lift Wing's table (source "liftwing") answers that row exactly: its OpenLID label
(deu_Latn), wikicode and language_name as Lift Wing has them. The counterpart is, in order:
  1. the one row whose OpenLID code (before "_") is the label's ISO 639-3 code (de -> deu -> deu_Latn), or, when
     several rows share it (zho_Hans, zho_Hant), the one of them that has a wikicode;
  2. the one row whose wikicode is the label's Wikipedia (ar -> arb_Arab, fa -> pes_Arab, sq -> als_Latn);
  3. OPENLID_ALIASES, where Lift Wing's wikicode is not the Wikipedia's (km -> khm_Khmr, lv -> lvs_Latn).
Labels without one (source "lid176") answer the label itself, the Wikipedia's subdomain and an English name
(Lift Wing's name for that wikicode where it has one that is not a truncated qualifier, else languages.json's).
"""
import csv
import json
import sys

# lid.176 labels whose Wikipedia is not found by subdomain or language_code.
WIKICODE_ALIASES = {"cbk": "cbk-zam"}
# Lift Wing rows whose wikicode is not the Wikipedia's subdomain (kh for km, lvs for lv) or empty.
OPENLID_ALIASES = {"km": "khm_Khmr", "lv": "lvs_Latn", "yue": "yue_Hant", "scn": "scn_Latn"}
# Lift Wing names that are only the first word of a longer name (a broken column in its TSV); used only
# for labels without a counterpart, which answer a name of their own.
TRUNCATED = {"Western", "Northern", "Eastern", "Southern", "Standard", "Plateau", "Halh", "Ayacucho", "Central"}


def main(languages_json, liftwing_tsv, wikis_tsv):
    labels = json.load(open(languages_json, encoding="utf-8"))
    rows = list(csv.DictReader(open(liftwing_tsv, encoding="utf-8"), delimiter="\t"))
    by_alpha3, by_wikicode, by_label, name_by_wikicode = {}, {}, {}, {}
    for row in rows:
        by_alpha3.setdefault(row["lid_language"].split("_")[0], []).append(row)
        by_label[row["lid_language"]] = row
        if row["wikicode"]:
            by_wikicode.setdefault(row["wikicode"], []).append(row)
            name_by_wikicode.setdefault(row["wikicode"], row["language_name"])
    by_subdomain, by_language = {}, {}
    for row in csv.DictReader(open(wikis_tsv, encoding="utf-8"), delimiter="\t"):
        if row["database_group"] == "wikipedia":
            sub = row["domain_name"].split(".")[0]
            by_subdomain[sub] = sub
            by_language.setdefault(row["language_code"], sub)

    def counterpart(label, wikicode):
        if label in OPENLID_ALIASES:
            return by_label[OPENLID_ALIASES[label]]
        same = by_alpha3.get(labels[label]["alpha3"] or "", [])
        if len(same) > 1:
            same = [r for r in same if r["wikicode"]]
        if len(same) == 1:
            return same[0]
        same = by_wikicode.get(wikicode, []) if wikicode else []
        return same[0] if len(same) == 1 else None

    out = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    out.writerow(["label", "language", "wikicode", "language_name", "source"])
    used = {}
    for label in sorted(labels):
        wikicode = by_subdomain.get(label) or by_language.get(label) or WIKICODE_ALIASES.get(label, "")
        row = counterpart(label, wikicode)
        if row is not None:
            if row["lid_language"] in used:
                sys.exit(f"{label} and {used[row['lid_language']]} both map to {row['lid_language']}")
            used[row["lid_language"]] = label
            out.writerow([label, row["lid_language"], row["wikicode"], row["language_name"], "liftwing"])
            continue
        name = name_by_wikicode.get(wikicode)
        if name is None or name in TRUNCATED:
            name = labels[label]["refName"]
        out.writerow([label, label, wikicode, name, "lid176"])


if __name__ == "__main__":
    main(*sys.argv[1:4])

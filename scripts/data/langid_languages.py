#!/usr/bin/env python3
"""Builds models/langid/languages.tsv: lid.176 label -> Wikipedia code and English language name.

Usage: langid_languages.py LANGUAGES_JSON LIFTWING_LANGUAGES_TSV WIKIS_TSV > models/langid/languages.tsv

Sources:
  LANGUAGES_JSON          dist/models/language-identification/assets/languages.json of the npm package
                          fasttext.wasm.js@1.0.0 (the 176 lid.176 labels with ISO 639 reference names).
  LIFTWING_LANGUAGES_TSV  Lift Wing's src/models/langid/languages.tsv (lid_language, wikicode, language_name),
                          kept in the shared data as liftwing/langid_languages.tsv.
  WIKIS_TSV               the Wikimedia wiki list (liftwing/wikis.tsv in the shared data).

Rules, in order:
  wikicode      = the subdomain of the Wikipedia whose subdomain is the label, else whose language_code is
                  the label (yue -> zh-yue), else WIKICODE_ALIASES; empty when there is no such Wikipedia.
  language_name = Lift Wing's language_name for that wikicode, so the 112 labels Lift Wing also knows answer
                  with Lift Wing's names; except where Lift Wing's name is a truncated qualifier
                  ("Western", "Northern", ...), and for labels Lift Wing lacks: languages.json's refName.
"""
import csv
import json
import sys

# lid.176 labels whose Wikipedia is not found by subdomain or language_code.
WIKICODE_ALIASES = {"cbk": "cbk-zam"}
# Lift Wing names that are only the first word of a longer name (a broken column in its TSV), or that
# name one script where lid.176's label covers all ("Chinese(Traditional)").
TRUNCATED = {"Western", "Northern", "Eastern", "Southern", "Standard", "Plateau", "Halh", "Ayacucho",
             "Chinese(Traditional)"}
OVERRIDE_NAMES = {"zh": "Chinese"}


def main(languages_json, liftwing_tsv, wikis_tsv):
    labels = json.load(open(languages_json, encoding="utf-8"))
    liftwing = {}
    for row in csv.DictReader(open(liftwing_tsv, encoding="utf-8"), delimiter="\t"):
        if row["wikicode"]:
            liftwing.setdefault(row["wikicode"], row["language_name"])
    by_subdomain, by_language = {}, {}
    for row in csv.DictReader(open(wikis_tsv, encoding="utf-8"), delimiter="\t"):
        if row["database_group"] == "wikipedia":
            sub = row["domain_name"].split(".")[0]
            by_subdomain[sub] = sub
            by_language.setdefault(row["language_code"], sub)
    out = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    out.writerow(["label", "wikicode", "language_name", "name_source"])
    for label in sorted(labels):
        wikicode = by_subdomain.get(label) or by_language.get(label) or WIKICODE_ALIASES.get(label, "")
        name, source = labels[label]["refName"], "languages.json"
        if label in OVERRIDE_NAMES:
            name, source = OVERRIDE_NAMES[label], "override"
        elif wikicode in liftwing and liftwing[wikicode] not in TRUNCATED:
            name, source = liftwing[wikicode], "liftwing"
        out.writerow([label, wikicode, name, source])


if __name__ == "__main__":
    main(*sys.argv[1:4])

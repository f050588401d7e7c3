#!/usr/bin/python3
"""Checks the Phúc Lợi demo data set: the registry's rules, the story's numbers, and that the files
are exactly what make_phuc_loi.py generates. Prints the counts; exit status 1 on any failure.

Usage: check_demo_data.py [--data-dir DIR]     (default: data/demo/ of this repository)
"""

import argparse
import collections
import csv
import datetime
import pathlib
import re
import sys
import unicodedata

sys.dont_write_bytecode = True  # keep the source tree clean when run as a test
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

from demo_common import (DATA_DIR, FINDING_WINDOW_DAYS, GAZETTEER_FILE, MEMBER_COLUMNS,  # noqa: E402
                         MEMBERS_FILE, OLD_TO_NEW_FILE, ORGANIZATION_COLUMNS, ORGANIZATIONS_FILE,
                         REFERENCE_DAY, REFORM_DAY, WARD_KEY, WARD_MEMBERS, WARD_ORGANIZATIONS,
                         add_years, parse_day, probation_end, read_csv)

KINDS = {"provincial-committee", "commune-committee", "grassroots-committee", "grassroots-cell",
         "sub-committee", "cell", "district-committee"}
HOLDS_MEMBERS = {"cell", "grassroots-cell", "grassroots-committee"}
END_OF_TIME = datetime.date.max


class CheckFailed(Exception):
    pass


def may_hold(parent, child_kind):
    """services/registry/organization_rules.cc: which kind may sit under which."""
    p = parent.kind
    if child_kind == "district-committee":
        return p == "provincial-committee"
    if child_kind == "commune-committee":
        return p in ("provincial-committee", "district-committee")
    if child_kind in ("grassroots-committee", "grassroots-cell"):
        return (p in ("provincial-committee", "district-committee", "commune-committee")
                or (p == "grassroots-committee" and parent.powers))
    if child_kind == "sub-committee":
        return p == "grassroots-committee"
    if child_kind == "cell":
        return p in ("grassroots-committee", "sub-committee")
    return False


def valid_text(value, max_chars):
    return (bool(value.strip()) and len(value) <= max_chars and unicodedata.is_normalized("NFC", value)
            and not any(unicodedata.category(c) == "Cc" for c in value) and value == value.strip()
            and "  " not in value)


class Organization:
    def __init__(self, key, name, kind, powers, established, parent_key):
        self.key, self.name, self.kind, self.powers = key, name, kind, powers
        self.established = established
        self.versions = [(established, parent_key, True)]  # (from day, parent key, active)

    def version_at(self, day):
        found = None
        for v in self.versions:
            if v[0] <= day:
                found = v
        return found

    def active_on(self, day):
        v = self.version_at(day)
        return v is not None and v[2]

    def parent_on(self, day):
        v = self.version_at(day)
        return v[1] if v and v[2] else None

    def intervals(self):
        """(from, to, parent key, active) for each version; `to` is exclusive."""
        ends = [v[0] for v in self.versions[1:]] + [END_OF_TIME]
        return [(v[0], end, v[1], v[2]) for v, end in zip(self.versions, ends)]


class Checker:
    def __init__(self):
        self.errors = []
        provinces, communes = set(), set()
        for row in read_csv(GAZETTEER_FILE)[1]:
            provinces.add(row["province_code"])
            communes.add(row["commune_code"])
        self.provinces, self.communes = provinces, communes
        self.districts = {row["old_district_code"] for row in read_csv(OLD_TO_NEW_FILE)[1]}

    def fail(self, where, message):
        self.errors.append(f"{where}: {message}")

    # --- file format -------------------------------------------------------------------------

    def check_format(self, path, columns):
        raw = path.read_bytes()
        if raw.startswith(b"\xef\xbb\xbf"):
            self.fail(path.name, "starts with a byte-order mark")
        if b"\r" in raw:
            self.fail(path.name, "has \\r line ends")
        if not raw.endswith(b"\n"):
            self.fail(path.name, "does not end with a line end")
        raw.decode("utf-8")
        header, rows = read_csv(path)
        if header != columns:
            self.fail(path.name, f"header is {header}, expected {columns}")
        return rows

    # --- organisations -----------------------------------------------------------------------

    def check_unit_code(self, where, kind, code):
        if kind == "provincial-committee":
            ok = code in self.provinces
        elif kind == "commune-committee":
            ok = code in self.communes
        elif kind == "district-committee":
            ok = code in self.districts
        else:
            ok = code == "" or code in self.provinces or code in self.communes
        if not ok:
            self.fail(where, f"admin_unit_code {code!r} is not valid for a {kind}")

    def check_decision(self, where, row):
        number, date = row["decision_number"], row["decision_date"]
        if number and not valid_text(number, 100):
            self.fail(where, f"bad decision_number {number!r}")
        if number and not re.fullmatch(r"\d+-QĐ/(TW|TU|QU|HU|ĐU)", number):
            self.fail(where, f"decision_number {number!r} is not shaped like 123-QĐ/TU")
        if bool(number) != bool(date):
            self.fail(where, "decision_number and decision_date come together")
        if date and parse_day(date) > parse_day(row["effective_date"]):
            self.fail(where, "the decision is dated after its effective date")

    def establish(self, orgs, where, row, day):
        key, kind = row["key"], row["kind"]
        if key in orgs:
            return self.fail(where, f"key {key} established twice")
        if kind not in KINDS:
            return self.fail(where, f"unknown kind {kind!r}")
        if not valid_text(row["name"], 200):
            self.fail(where, f"bad name {row['name']!r}")
        if row["upper_grassroots_powers"] not in ("true", "false", ""):
            self.fail(where, "upper_grassroots_powers must be true, false or empty")
        powers = row["upper_grassroots_powers"] == "true"
        if powers and kind != "grassroots-committee":
            self.fail(where, "only a grassroots committee gets upper-grassroots powers")
        self.check_unit_code(where, kind, row["admin_unit_code"])
        parent_key = row["parent_key"]
        if kind == "provincial-committee":
            if parent_key:
                self.fail(where, "a provincial committee has no parent")
        else:
            self.check_parent(orgs, where, parent_key, kind, day)
        orgs[key] = Organization(key, row["name"], kind, powers, day, parent_key)

    def check_parent(self, orgs, where, parent_key, kind, day):
        parent = orgs.get(parent_key)
        if parent is None:
            return self.fail(where, f"parent {parent_key!r} is not established earlier in the file")
        if not parent.active_on(day):
            return self.fail(where, f"parent {parent_key} is not active on {day}")
        if not may_hold(parent, kind):
            self.fail(where, f"a {kind} cannot sit under {parent_key}, a {parent.kind}")

    def change(self, orgs, where, row, day):
        org = orgs.get(row["key"])
        if org is None:
            return self.fail(where, f"{row['key']} is not established earlier in the file")
        if not org.active_on(day):
            return self.fail(where, f"{row['key']} is not active on {day}")
        if day < org.versions[-1][0]:
            return self.fail(where, "events of one organisation come in date order in this file")
        if row["action"] == "move":
            if row["parent_key"] == org.parent_on(day):
                self.fail(where, f"{row['key']} is already under {row['parent_key']}")
            self.check_parent(orgs, where, row["parent_key"], org.kind, day)
            org.versions.append((day, row["parent_key"], True))
        else:
            if row["parent_key"] or row["name"] or row["kind"]:
                self.fail(where, "a dissolution names no parent, name or kind")
            org.versions.append((day, org.parent_on(day), False))

    def check_organizations(self, rows):
        orgs = {}
        for line, row in enumerate(rows, start=2):
            where = f"{ORGANIZATIONS_FILE}:{line}"
            if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,99}", row["key"]):
                self.fail(where, f"key {row['key']!r} is not a short ASCII key")
            try:
                day = parse_day(row["effective_date"])
                if row["decision_date"]:
                    parse_day(row["decision_date"])
            except ValueError as e:
                self.fail(where, f"bad date: {e}")
                continue
            self.check_decision(where, row)
            if row["action"] == "establish":
                self.establish(orgs, where, row, day)
            elif row["action"] in ("move", "dissolve"):
                self.change(orgs, where, row, day)
            else:
                self.fail(where, f"unknown action {row['action']!r}")
        self.check_timelines(orgs)
        return orgs

    def check_timelines(self, orgs):
        """Every active version lies under a parent active all along (dissolutions left nothing behind)."""
        for org in orgs.values():
            for start, end, parent_key, active in org.intervals():
                if not active or not parent_key or parent_key not in orgs:
                    continue
                parent = orgs[parent_key]
                for p_start, p_end, _, p_active in parent.intervals():
                    if p_start < end and start < p_end and not p_active:
                        self.fail(org.key, f"is under {parent_key} from {max(start, p_start)}, after that one ended")

    def ward_children(self, orgs, day):
        children = [o for o in orgs.values() if o.parent_on(day) == WARD_KEY]
        below = [o for o in orgs.values() if o.parent_on(day) in {c.key for c in children}]
        if len(children) != WARD_ORGANIZATIONS or below:
            self.fail("ward", f"on {day}: {len(children)} organisations directly under {WARD_KEY} and "
                              f"{len(below)} below them; expected {WARD_ORGANIZATIONS} and 0")
        return children

    def ward_origins(self, orgs, children):
        """How the ward's organisations got there: established, handed over, carried over."""
        origins = collections.Counter()
        for o in children:
            first_parent = o.versions[0][1]
            if first_parent == WARD_KEY:
                origins["established on 2025-07-01"] += 1
            elif orgs[first_parent].kind == "district-committee":
                origins["handed over by Quận ủy Long Biên"] += 1
            else:
                origins["carried over from the old wards"] += 1
        expected = {"handed over by Quận ủy Long Biên": 11, "carried over from the old wards": 46,
                    "established on 2025-07-01": 41}
        if dict(origins) != expected:
            self.fail("ward", f"origins {dict(origins)}, expected {expected}")
        return origins

    # --- members -----------------------------------------------------------------------------

    def check_member(self, where, m, org, seen):
        if not valid_text(m["full_name"], 100) or len(m["full_name"].split()) < 2:
            self.fail(where, f"bad full_name {m['full_name']!r}")
        birth, admitted, effective = (parse_day(m[c]) for c in ("date_of_birth", "admitted_on", "effective_date"))
        age = REFORM_DAY.year - birth.year - ((REFORM_DAY.month, REFORM_DAY.day) < (birth.month, birth.day))
        if not 20 <= age <= 90:
            self.fail(where, f"is {age} on {REFORM_DAY}")
        if admitted < add_years(birth, 18):
            self.fail(where, "admitted before turning 18")
        if m["sex"] not in ("male", "female"):
            self.fail(where, f"bad sex {m['sex']!r}")
        cid = m["citizen_id"]
        century_sex = (0 if birth.year < 2000 else 2) + (0 if m["sex"] == "male" else 1)
        if not re.fullmatch(r"\d{12}", cid) or cid[3] != str(century_sex) or cid[4:6] != f"{birth.year % 100:02d}":
            self.fail(where, "citizen_id is not a CCCD of that birth year and sex")
        for column, pattern in (("citizen_id", None), ("party_card_number", r"\d{8}"),
                                ("party_record_number", r"[A-Z]{2}-\d{6}")):
            value = m[column]
            if value and pattern and not re.fullmatch(pattern, value):
                self.fail(where, f"bad {column} {value!r}")
            if value and value in seen[column]:
                self.fail(where, f"{column} repeats line {seen[column][value]}")
            seen[column].setdefault(value, where)
        if m["status"] == "official":
            if not m["official_on"] or parse_day(m["official_on"]) != probation_end(admitted):
                self.fail(where, "official_on is not the end of the 12 months of probation")
            elif parse_day(m["official_on"]) > REFORM_DAY:
                self.fail(where, "an official member recognised after 2025-07-01")
            elif effective < parse_day(m["official_on"]):
                self.fail(where, "effective_date before official_on (RegisterMember refuses it)")
            if not m["party_card_number"]:
                self.fail(where, "an official member without a party card")
        elif m["status"] == "probationary":
            if m["official_on"] or m["party_card_number"]:
                self.fail(where, "a probationary member with official_on or a party card")
            if not REFORM_DAY < admitted <= REFERENCE_DAY or effective != admitted:
                self.fail(where, "a probationary member admitted outside 2025-07-02..2026-11-21 or "
                                 "joining on another day")
        else:
            self.fail(where, f"bad status {m['status']!r}")
        if effective < admitted or effective < org.established or effective > REFERENCE_DAY:
            self.fail(where, "effective_date before admission, before the organisation, or in the future")
        if not all(org.active_on(d) for d in (effective, REFERENCE_DAY)) or not org.versions[-1][2]:
            self.fail(where, f"{org.key} is not active from the effective date on")

    def check_members(self, rows, orgs, ward_keys):
        seen = collections.defaultdict(dict)
        per_org = collections.defaultdict(lambda: collections.Counter())
        due = []
        for line, m in enumerate(rows, start=2):
            where = f"{MEMBERS_FILE}:{line}"
            org = orgs.get(m["organization_key"])
            if org is None or org.key not in ward_keys or org.kind not in HOLDS_MEMBERS:
                self.fail(where, f"organization_key {m['organization_key']!r} is not one of the ward's organisations")
                continue
            try:
                self.check_member(where, m, org, seen)
            except ValueError as e:
                self.fail(where, f"bad date: {e}")
                continue
            per_org[org.key][m["status"]] += 1
            end = probation_end(parse_day(m["admitted_on"]))
            if m["status"] == "probationary" and end <= REFERENCE_DAY + datetime.timedelta(days=FINDING_WINDOW_DAYS):
                due.append(f"{m['full_name']} ({org.key}, probation ends {end})")
        if len(rows) != WARD_MEMBERS:
            self.fail(MEMBERS_FILE, f"{len(rows)} members, expected {WARD_MEMBERS}")
        return per_org, due

    def check_sizes(self, orgs, ward_keys, per_org, due):
        small, large = [], []
        for key in sorted(ward_keys):
            org, counts = orgs[key], per_org[key]
            size = counts["official"] + counts["probationary"]
            if org.kind == "grassroots-committee" and size < 30:
                self.fail(key, f"a grassroots committee with {size} members")
            if org.kind == "grassroots-cell":
                if counts["official"] < 3:
                    small.append(key)
                    if counts["official"] != 2 or counts["probationary"] < 1:
                        self.fail(key, "a small cell should have 2 official members and probationary ones")
                elif size >= 30:
                    large.append(key)
                elif size < 8:
                    self.fail(key, f"a grassroots cell with only {size} members")
        if not 1 <= len(small) <= 2 or len(large) != 1 or not 10 <= len(due) <= 14:
            self.fail("findings", f"{len(small)} cells with < 3 official members (want 1-2), {len(large)} "
                                  f"grassroots cells with >= 30 (want 1), {len(due)} probations due (want ~12)")
        return small, large


def compare_with_generator(data_dir, checker):
    from make_phuc_loi import generate
    for name, text in generate().items():
        committed = (data_dir / name).read_bytes().decode("utf-8")
        if committed != text:
            lines = list(zip(committed.split("\n"), text.split("\n")))
            first = next((i for i, (a, b) in enumerate(lines, start=1) if a != b), len(lines) + 1)
            checker.fail(name, f"differs from what make_phuc_loi.py generates (first at line {first}); "
                               "re-run tools/demo/make_phuc_loi.py")


def run(data_dir):
    """Checks the files in `data_dir`, prints counts or failures; returns the exit status."""
    checker = Checker()
    try:
        org_rows = checker.check_format(data_dir / ORGANIZATIONS_FILE, ORGANIZATION_COLUMNS)
        member_rows = checker.check_format(data_dir / MEMBERS_FILE, MEMBER_COLUMNS)
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        print(f"FAIL: cannot read the data set: {e}", file=sys.stderr)
        return 1
    if not checker.errors:
        orgs = checker.check_organizations(org_rows)
        children = checker.ward_children(orgs, REFORM_DAY)
        checker.ward_children(orgs, REFERENCE_DAY)
        origins = checker.ward_origins(orgs, children)
        ward_keys = {o.key for o in children}
        per_org, due = checker.check_members(member_rows, orgs, ward_keys)
        small, large = checker.check_sizes(orgs, ward_keys, per_org, due)
        compare_with_generator(data_dir, checker)
    if checker.errors:
        for e in checker.errors[:50]:
            print(f"FAIL {e}", file=sys.stderr)
        print(f"{len(checker.errors)} problem(s) in {data_dir}", file=sys.stderr)
        return 1
    actions = collections.Counter(r["action"] for r in org_rows)
    kinds = collections.Counter(o.kind for o in children)
    statuses = collections.Counter(m["status"] for m in member_rows)
    print(f"{ORGANIZATIONS_FILE}: {len(org_rows)} events ({', '.join(f'{n} {a}' for a, n in sorted(actions.items()))})")
    print(f"under {WARD_KEY} on {REFORM_DAY} and {REFERENCE_DAY}: {len(children)} organisations "
          f"({', '.join(f'{n} {k}' for k, n in sorted(kinds.items()))}); "
          + ", ".join(f"{n} {o}" for o, n in sorted(origins.items())))
    print(f"{MEMBERS_FILE}: {len(member_rows)} members ({statuses['official']} official, "
          f"{statuses['probationary']} probationary)")
    print(f"findings as of {REFERENCE_DAY}: cells with < 3 official members: {', '.join(small)}; "
          f"grassroots cells with >= 30 members: {', '.join(large)}; probation due within "
          f"{FINDING_WINDOW_DAYS} days or past: {len(due)}")
    for d in due:
        print(f"  {d}")
    print("OK")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", type=pathlib.Path, default=DATA_DIR, help="where the CSV files are")
    return run(parser.parse_args().data_dir)


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""End to end: the real haicapctl binary against the real haicap-registry and haicap-deadlines.

Usage: e2e_test.py HAICAP_REGISTRY_BINARY HAICAPCTL_BINARY [HAICAP_DEADLINES_BINARY]

Starts the registry on 127.0.0.1:0 with a temporary data directory, reads the port from its
"listening" JSON line on stderr, drives haicapctl the way a ward clerk would (create, list, get,
tree, summary, history, retries, errors, the gazetteer; admitting a member, listing and finding
them, a refused recognition, the summary's counts and findings), then stops the server with
SIGTERM and expects a clean exit.

A second registry, fresh like a ward office's first day, takes a bulk import: organisations
then members from CSV files, with bad rows reported and a re-run that creates nothing twice.

With the deadlines binary, a deadlines service on its own port shows the national calendar of
2026, computes a due date across Tết, and records a calendar change with who made it; then a
dossier goes from receipt through a supplement pause, a new date and processing to its result,
shows in the list and the 766 report (table and CSV), and an overdue dossier's event reaches
`haicapctl watch`, which Ctrl-C stops with the cursor to resume from. Without it, those tests are
skipped.
"""
import datetime
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import unittest

from servers import Server

CTL_BINARY = None
# The server binaries by service name (haicapctl's flag for its address is --<name>).
BINARIES = {"registry": None, "deadlines": None}


class ServerTestCase(unittest.TestCase):
    """A test case with its own server (SERVICE: "registry" or "deadlines"), started once for the
    class."""

    SERVICE = None

    @classmethod
    def setUpClass(cls):
        if BINARIES[cls.SERVICE] is None:
            raise unittest.SkipTest(f"no haicap-{cls.SERVICE} binary was given")
        cls.data_dir = tempfile.TemporaryDirectory(prefix="haicapctl-e2e-")
        cls.server = Server(cls.SERVICE, BINARIES[cls.SERVICE], cls.data_dir.name)
        cls.address = cls.server.address

    @classmethod
    def tearDownClass(cls):
        cls.server.kill()
        cls.data_dir.cleanup()

    def ctl(self, *args, expect=0):
        """Runs haicapctl against the test server; returns (stdout, stderr)."""
        env = dict(os.environ, HAICAP_ACTOR="e2e.clerk")
        env.pop("HAICAP_REGISTRY", None)
        env.pop("HAICAP_DEADLINES", None)
        result = subprocess.run([CTL_BINARY, f"--{self.SERVICE}", self.address, *args],
                                capture_output=True, text=True, encoding="utf-8", env=env,
                                timeout=30)
        self.assertEqual(result.returncode, expect,
                         f"haicapctl {' '.join(args)}\nstdout:\n{result.stdout}\n"
                         f"stderr:\n{result.stderr}\n{self.SERVICE} log:\n{''.join(self.server.log)}")
        return result.stdout, result.stderr

    def ctl_json(self, *args, expect=0):
        out, _ = self.ctl("-o", "json", *args, expect=expect)
        return json.loads(out)


class RegistryTestCase(ServerTestCase):
    SERVICE = "registry"


class HaicapctlEndToEnd(RegistryTestCase):
    def test_a_clerk_session(self):
        # Establish the city committee and a ward committee under it.
        city = self.ctl_json(
            "org", "create", "--name", "Đảng bộ thành phố Hà Nội", "--kind", "provincial-committee",
            "--unit", "01", "--effective", "01/07/2025", "--decision-number", "1-QĐ/TW",
            "--decision-date", "30/06/2025")
        self.assertEqual(city["kind"], "PROVINCIAL_COMMITTEE")
        self.assertEqual(city["state"], "ACTIVE")
        ward_args = ("org", "create", "--name", "Đảng bộ phường Phúc Lợi", "--kind", "Commune",
                     "--parent", city["id"], "--unit", "00136", "--effective", "15/07/2025",
                     "--request-id", "e2e-create-phuc-loi")
        ward = self.ctl_json(*ward_args)
        self.assertEqual(ward["parentId"], city["id"])
        self.assertEqual(ward["establishedOn"], {"year": 2025, "month": 7, "day": 15})

        # A retried command with the same request id changes nothing and answers the same.
        again = self.ctl_json(*ward_args)
        self.assertEqual(again["id"], ward["id"])

        # The list shows the ward once, columns aligned by characters, not bytes.
        out, _ = self.ctl("org", "list", "--parent", city["id"], "--all")
        lines = out.splitlines()
        self.assertEqual(len(lines), 2, out)
        self.assertIn("Đảng bộ phường Phúc Lợi", lines[1])
        self.assertEqual(lines[0].index("KIND"), lines[1].index("commune-committee"), out)
        out, _ = self.ctl("org", "list", "--name", "phuc loi")
        self.assertIn(ward["id"], out)

        out, _ = self.ctl("org", "get", ward["id"])
        self.assertRegex(out, r"Kind:\s+commune-committee\n")
        self.assertRegex(out, r"Admin unit:\s+00136\n")
        self.assertRegex(out, r"Established:\s+2025-07-15\n")

        out, _ = self.ctl("org", "tree", city["id"])
        self.assertRegex(out, r"\n└─ Đảng bộ phường Phúc Lợi\s+commune-committee\s+" +
                         re.escape(ward["id"]) + r"\s+00136\n")
        # Before the ward existed the tree is just the city.
        out, _ = self.ctl("org", "tree", city["id"], "--as-of", "10/07/2025")
        self.assertNotIn("Phúc Lợi", out)

        summary = self.ctl_json("org", "summary", city["id"])
        self.assertEqual(int(summary["totalOrganizations"]), 1)
        out, _ = self.ctl("org", "summary", city["id"])
        self.assertRegex(out, r"Organisations under it:\s+1\n")

        out, _ = self.ctl("org", "history", ward["id"])
        self.assertRegex(out, r"2025-07-15\s+\d+\s+" + re.escape(ward["id"]) + r"\s+established")
        self.assertIn("e2e.clerk", out)

        # Errors: a typo is a usage error; the registry's refusals exit 1 with the reason.
        _, err = self.ctl("org", "create", "--name", "Chi bộ 1", "--kind", "party-cell",
                          "--parent", ward["id"], "--effective", "2025-07-20", expect=2)
        self.assertIn('unknown organisation kind "party-cell"', err)
        _, err = self.ctl("org", "create", "--name", "Chi bộ 1", "--kind", "grassroots-cell",
                          "--parent", "999999", "--effective", "2025-07-10", expect=1)
        self.assertRegex(err, r"^error: [A-Z_]+ \([A-Z_]+\): \S")
        _, err = self.ctl("org", "create", "--name", "", "--kind", "grassroots-cell",
                          "--parent", ward["id"], "--effective", "2025-07-20", expect=1)
        self.assertRegex(err, r"^error: INVALID_ARGUMENT \([A-Z_]+\):\n  organization\.name: ")
        _, err = self.ctl("org", "get", "999999", expect=1)
        self.assertRegex(err, r"^error: NOT_FOUND")

        # The gazetteer.
        out, _ = self.ctl("unit", "get", "00136")
        self.assertRegex(out, r"Name:\s+Phường Phúc Lợi\n")
        self.assertIn("Giang Biên", out)  # one of the old wards it was formed from

    def test_b_member_roster(self):
        _, err = self.ctl("member", "get", "1", expect=1)
        self.assertRegex(err, r"^error: NOT_FOUND")
        # A member id that is no number is called a member id, not an organisation's.
        _, err = self.ctl("member", "get", "abc", expect=1)
        self.assertIn('id: must be a member id such as "1024"', err)
        self.assertNotIn("organization", err)

        # Hồ Chí Minh City's committee, a grassroots committee under it, and a cell in that.
        city = self.ctl_json(
            "org", "create", "--name", "Đảng bộ Thành phố Hồ Chí Minh", "--kind", "province",
            "--unit", "79", "--effective", "01/07/2025")
        grassroots = self.ctl_json(
            "org", "create", "--name", "Đảng bộ Công ty Điện lực Sài Gòn", "--kind",
            "grassroots-committee", "--parent", city["id"], "--effective", "01/07/2025")
        cell = self.ctl_json(
            "org", "create", "--name", "Chi bộ Phòng Kỹ thuật", "--kind", "cell", "--parent",
            grassroots["id"], "--effective", "01/07/2025")

        # Admitted two months ago: on probation until ten months from now.
        ceremony = datetime.date.today() - datetime.timedelta(days=60)
        decided = ceremony - datetime.timedelta(days=5)
        admit_args = ("member", "admit", "--name", "Nguyễn Văn An", "--born", "02/05/1998",
                      "--sex", "nam", "--citizen-id", "079098012345", "--org", cell["id"],
                      "--ceremony", ceremony.strftime("%d/%m/%Y"), "--decision-number",
                      "215-QĐ/ĐU", "--decision-date", decided.isoformat(),
                      "--request-id", "e2e-admit-an")
        member = self.ctl_json(*admit_args)
        self.assertEqual(member["status"], "PROBATIONARY")
        self.assertEqual(member["organizationId"], cell["id"])
        self.assertEqual(member["admittedOn"], {"year": ceremony.year, "month": ceremony.month,
                                                "day": ceremony.day})
        self.assertEqual(self.ctl_json(*admit_args)["id"], member["id"])  # a retry: no twin

        # The cell's list masks the citizen ID; a search without diacritics finds the member.
        out, _ = self.ctl("member", "list", "--org", cell["id"], "--all")
        lines = out.splitlines()
        self.assertEqual(len(lines), 2, out)
        self.assertIn("Nguyễn Văn An", lines[1])
        self.assertIn("********2345", lines[1])
        self.assertNotIn("079098012345", out)
        self.assertEqual(lines[0].index("STATUS"), lines[1].index("probationary"), out)
        out, _ = self.ctl("member", "list", "--org", city["id"], "--subtree", "--name",
                          "nguyen van an")
        self.assertIn(member["id"], out)
        out, _ = self.ctl("member", "list", "--citizen-id", "079098012345")
        self.assertIn("079098012345", out)

        out, _ = self.ctl("member", "get", member["id"])
        self.assertRegex(out, r"Name:\s+Nguyễn Văn An\n")
        self.assertRegex(out, r"Citizen ID:\s+079098012345\n")
        self.assertRegex(out, r"Status:\s+probationary\n")

        # Recognition before the 12 months are over is refused, with the reason.
        _, err = self.ctl("member", "recognize", member["id"], "--decision-date",
                          datetime.date.today().isoformat(), expect=1)
        self.assertRegex(err, r"^error: FAILED_PRECONDITION \([A-Z_]+\): .*\d{4}-\d{2}-\d{2}")
        self.assertNotIn("079098012345", err)

        summary = self.ctl_json("org", "summary", grassroots["id"])
        self.assertEqual(int(summary.get("memberCount", 0)), 1)
        self.assertEqual(int(summary.get("probationaryMemberCount", 0)), 1)
        self.assertEqual(int(summary.get("officialMemberCount", 0)), 0)
        out, _ = self.ctl("org", "summary", grassroots["id"])
        self.assertRegex(out, r"  probationary:\s+1\n")
        # The cell has no official member: a finding, on one line.
        self.assertRegex(out, r"\ntoo few official members\s+Chi bộ Phòng Kỹ thuật \(" +
                         re.escape(cell["id"]) + r"\)")

        out, _ = self.ctl("member", "history", member["id"])
        self.assertRegex(out, ceremony.isoformat() + r"\s+\d+\s+admitted\s+into " +
                         re.escape(cell["id"]))
        self.assertIn("215-QĐ/ĐU", out)

        # The registry never logs a citizen ID.
        self.assertNotIn("079098012345", "".join(self.server.log))

    def test_zz_sigterm_stops_the_registry_cleanly(self):
        self.assertEqual(self.server.stop(), 0, "".join(self.server.log))
        _, err = self.ctl("unit", "get", "01", expect=1)
        self.assertIn(f"cannot reach the registry at {self.address}", err)


class BulkImportEndToEnd(RegistryTestCase):
    """A ward office's first day: its organisations, then its members, from spreadsheets."""

    ORGS = (
        "action,key,name,kind,parent_key,admin_unit_code,upper_grassroots_powers,"
        "effective_date,decision_number,decision_date\r\n"
        "establish,HN,Đảng bộ thành phố Hà Nội,provincial-committee,,01,,01/07/2025,"
        "01-QĐ/TW,30/06/2025\r\n"
        "establish,PL,Đảng bộ phường Phúc Lợi,commune-committee,HN,00136,,01/07/2025,"
        "1234-QĐ/TU,30/06/2025\r\n"
        "establish,GB-CB3,Chi bộ Tổ dân phố 3,grassroots-cell,GB,,,01/07/2025,,\r\n"
        "establish,PL-CB1,\"Chi bộ Tổ dân phố 1, Phúc Lợi\",grassroots-cell,PL,,false,"
        "2025-07-01,15-QĐ/ĐU,2025-07-01\r\n"
        "establish,PL-CB2,\"Chi bộ \"\"Tổ 2\"\"\",grassroots-cell,PL,,,01/07/2025,,\r\n")

    def write(self, name, text):
        path = os.path.join(self.data_dir.name, name)
        with open(path, "w", encoding="utf-8-sig", newline="") as f:  # as Excel saves it
            f.write(text)
        return path

    def test_import_orgs_then_members_twice(self):
        orgs = self.write("orgs.csv", self.ORGS)
        # A dry run first: the unknown parent shows up, nothing is written.
        out, err = self.ctl("import", "orgs", orgs, "--dry-run", expect=1)
        self.assertIn("Dry run: every row was checked, nothing was written.", out, err)
        self.assertRegex(out, r"Would import:\s+4\n")
        out, _ = self.ctl("org", "list", "--name", "phuc loi")
        self.assertNotIn("Phúc Lợi", out)

        out, _ = self.ctl("import", "orgs", orgs, expect=1)
        self.assertRegex(out, r"^Imported:\s+4\nUnchanged:\s+0\nErrors:\s+1\n")
        self.assertRegex(out, r"\nline 4, column parent_key: [A-Z_]+: .*GB")
        self.assertRegex(out, r"\nOrganisation ids:\nKEY\s+ID\nHN\s+\d+\nPL\s+\d+\n")

        # The re-run changes nothing and names the same ids.
        report = self.ctl_json("import", "orgs", orgs, expect=1)
        self.assertEqual(int(report.get("imported", 0)), 0)
        self.assertEqual(int(report["unchanged"]), 4)
        self.assertEqual([(e["line"], e["column"]) for e in report["errors"]],
                         [("4", "parent_key")])
        ids = report["organizationIds"]
        self.assertEqual(sorted(ids), ["HN", "PL", "PL-CB1", "PL-CB2"])
        ward = self.ctl_json("org", "get", ids["PL"])
        self.assertEqual(ward["name"], "Đảng bộ phường Phúc Lợi")
        self.assertEqual(ward["parentId"], ids["HN"])
        self.assertEqual(ward["adminUnitCode"], "00136")
        self.assertEqual(ward["establishedOn"], {"year": 2025, "month": 7, "day": 1})
        cell = self.ctl_json("org", "get", ids["PL-CB2"])
        self.assertEqual(cell["name"], 'Chi bộ "Tổ 2"')
        self.assertEqual(cell["kind"], "GRASSROOTS_CELL")
        out, _ = self.ctl("org", "list", "--parent", ids["PL"], "--all")
        self.assertEqual(len(out.splitlines()), 3, out)  # header and the two cells, once each

        # Members: one official, one probationary admitted two months ago, one in the other
        # cell, and a fourth whose citizen ID is the first's.
        admitted = (datetime.date.today() - datetime.timedelta(days=60)).strftime("%d/%m/%Y")
        members = self.write("members.csv", (
            "organization_key,full_name,date_of_birth,sex,citizen_id,party_card_number,"
            "status,admitted_on,official_on,effective_date\n"
            "PL-CB1,Trần Thị Bình,11/03/1970,nu,001170004321,01234567,chinh-thuc,03/02/1995,"
            "03/02/1996,01/07/2025\n"
            f"PL-CB1,Nguyễn Văn An,02/05/1998,nam,001098012345,,du-bi,{admitted},,\n"
            "PL-CB2,\"Lê Văn Cường\",20/10/1980,male,001080009876,,official,2010-05-19,,\n"
            "PL-CB2,Phạm Văn Dũng,01/01/1985,male,001170004321,,official,2012-01-01,,\n"))
        out, _ = self.ctl("import", "members", members, "--dry-run", expect=1)
        self.assertRegex(out, r"Would import:\s+3\n")
        out, _ = self.ctl("member", "list", "--org", ids["PL"], "--subtree", "--all")
        self.assertEqual(len(out.splitlines()), 1, out)  # the dry run wrote nothing

        out, _ = self.ctl("import", "members", members, "--batch-size", "2", expect=1)
        self.assertRegex(out, r"^Imported:\s+3\nUnchanged:\s+0\nErrors:\s+1\n\n"
                              r"line 5, column citizen_id: CITIZEN_ID_TAKEN: ")
        out, _ = self.ctl("import", "members", members, expect=1)
        self.assertRegex(out, r"^Imported:\s+0\nUnchanged:\s+3 \(already in the registry from "
                              r"an earlier run\)\nErrors:\s+1\n")

        out, _ = self.ctl("member", "list", "--org", ids["PL"], "--subtree", "--all")
        lines = out.splitlines()
        self.assertEqual(len(lines), 4, out)
        self.assertNotIn("Phạm Văn Dũng", out)
        summary = self.ctl_json("org", "summary", ids["PL"])
        self.assertEqual(int(summary["memberCount"]), 3)
        self.assertEqual(int(summary["officialMemberCount"]), 2)
        self.assertEqual(int(summary["probationaryMemberCount"]), 1)
        found = self.ctl_json("member", "list", "--citizen-id", "001170004321")
        self.assertEqual(len(found["members"]), 1)
        self.assertEqual(found["members"][0]["officialOn"], {"year": 1996, "month": 2, "day": 3})
        self.assertEqual(found["members"][0]["partyCardNumber"], "01234567")

        # Usage errors: nothing is sent.
        bad = self.write("bad.csv", "action,key,ten,effective_date\nestablish,X,Y,1/7/2025\n")
        _, err = self.ctl("import", "orgs", bad, expect=2)
        self.assertIn('unknown column "ten"', err)
        semicolons = self.write("semicolons.csv", "action;key;effective_date\nestablish;X;1/7/2025\n")
        _, err = self.ctl("import", "orgs", semicolons, expect=2)
        self.assertIn("save as CSV UTF-8, comma-separated", err)

        # Rows that cannot be true: admitted after today (two days on, whatever the time zone),
        # official before the 12 months are over, younger than 18, a lost leading zero.
        later = (datetime.date.today() + datetime.timedelta(days=2)).strftime("%d/%m/%Y")
        implausible = self.write("implausible.csv", (
            "organization_key,full_name,date_of_birth,sex,citizen_id,status,admitted_on,"
            "official_on\n"
            f"PL-CB1,Đỗ Văn Em,01/01/1990,nam,001090000011,du-bi,{later},\n"
            "PL-CB1,Đỗ Văn Phúc,01/01/1990,nam,001090000012,official,01/03/2015,28/02/2016\n"
            "PL-CB1,Đỗ Văn Giang,02/03/1997,nam,001097000013,official,01/03/2015,\n"
            "PL-CB1,Đỗ Văn Hải,01/01/1990,nam,79090000014,official,01/03/2015,\n"))
        out, _ = self.ctl("import", "members", implausible, expect=1)
        self.assertRegex(out, r"^Imported:\s+0\n")
        self.assertRegex(out, r"\nline 2, column admitted_on: [A-Z_]+: .*after today")
        self.assertRegex(out, r"\nline 3, column official_on: [A-Z_]+: .*before the end of "
                              r"probation \(2016-03-01\)")
        self.assertRegex(out, r"\nline 4, column date_of_birth: TOO_YOUNG: ")
        self.assertRegex(out, r"\nline 5, column citizen_id: INVALID_VALUE: .*a leading zero may "
                              r"have been lost: format the column as text")
        self.assertNotIn("79090000014", out)

        # A cell whose name differs from a sibling's only by case and diacritics lands, with a
        # warning.
        twin = self.write("twin.csv", (
            "action,key,name,kind,parent_key,effective_date\n"
            "establish,PL-CB1-BIS,\"chi bo to dan pho 1, phuc loi\",grassroots-cell,PL,01/07/2025\n"))
        out, _ = self.ctl("import", "orgs", twin)
        self.assertRegex(out, r"Warnings:\s+1\n")
        self.assertRegex(out, r"\nline 2, column name: SIMILAR_SIBLING_NAME: looks like the name of "
                              r"Chi bộ Tổ dân phố 1, Phúc Lợi \(" + re.escape(ids["PL-CB1"]) + r"\)")
        self.assertNotIn("001170004321", "".join(self.server.log))


class DemoDataEndToEnd(RegistryTestCase):
    """The shipped Phúc Lợi demo loads through the real CLI and shows the promised numbers."""

    DEMO = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "data", "demo")

    def test_phuc_loi_ward_in_july_2025(self):
        orgs = self.ctl_json("import", "orgs", os.path.join(self.DEMO, "phuc-loi-organizations.csv"))
        self.assertEqual(int(orgs.get("imported", 0)), 173)
        # JSON prints empty lists too: no row refused, no look-alike sibling names.
        self.assertEqual(orgs["errors"], [])
        self.assertEqual(orgs["warnings"], [])
        members = self.ctl_json("import", "members", os.path.join(self.DEMO, "phuc-loi-members.csv"))
        self.assertEqual(int(members.get("imported", 0)), 3882)
        self.assertEqual(members["errors"], [])
        ward, long_bien = orgs["organizationIds"]["PL"], orgs["organizationIds"]["QU-LB"]

        summary = self.ctl_json("org", "summary", ward)
        self.assertEqual(int(summary["totalOrganizations"]), 98)
        self.assertEqual(int(summary["memberCount"]), 3882)
        # On 30 June 2025 the handed-over organisations were still under Quận ủy Long Biên.
        before = self.ctl_json("org", "summary", long_bien, "--as-of", "30/06/2025")
        self.assertGreaterEqual(int(before["totalOrganizations"]), 11)
        children = self.ctl_json("org", "list", "--parent", long_bien, "--as-of", "2025-06-30", "--all")
        self.assertIn(orgs["organizationIds"]["LB-CS01"], [o["id"] for o in children["organizations"]])
        history = self.ctl_json("org", "history", ward, "--subtree", "--from", "2025-07-01", "--all")
        moved = [e for e in history["events"] if e["type"] == "MOVED"]
        self.assertEqual(len(moved), 57)  # 11 from Quận ủy Long Biên, 46 from the old wards
        self.assertIn(long_bien, {e.get("previousParentId") for e in moved})


class DeadlinesEndToEnd(ServerTestCase):
    """A ward office's calendar questions: the 2026 national calendar, a due date across Tết, an
    added holiday and who added it."""

    SERVICE = "deadlines"

    def test_a_national_calendar_of_2026(self):
        out, _ = self.ctl("calendar", "show", "VN", "--year", "2026")
        self.assertRegex(out, r"Office hours:\s+07:00–11:30, 13:30–17:00")
        self.assertRegex(out, r"\n2026-01-10\s+Thứ Bảy\s+Saturday\s+make-up working day \(làm bù\)")
        self.assertRegex(out, r"\n2026-02-16\s+Thứ Hai\s+Monday\s+holiday")
        self.assertNotIn("2025-", out)
        out, _ = self.ctl("calendar", "list")
        self.assertRegex(out, r"\nVN\s")

    def test_b_due_across_tet(self):
        out, _ = self.ctl("due", "13/02/2026", "10:00", "5wd")
        self.assertRegex(out, r"^Due:\s+2026-02-27 17:00 \(Thứ Sáu, Friday\)\n")
        self.assertRegex(out, r"\nCounted from:\s+2026-02-13 10:00 ")
        self.assertRegex(out, r"\n2026-02-16\s+Thứ Hai\s+Monday\s+HOLIDAY")
        due = self.ctl_json("due", "13/02/2026 10:00", "5wd")  # the start as one word
        self.assertEqual(due["dueAt"], "2026-02-27T10:00:00Z")
        self.assertTrue(due["explanation"])
        # The make-up Saturday counts: one working day after Friday 09/01/2026 is Saturday 10/01.
        self.assertEqual(self.ctl_json("due", "2026-01-09T10:00", "1wd")["dueAt"],
                         "2026-01-10T10:00:00Z")
        out, _ = self.ctl("days", "01/02/2026", "28/02/2026")
        self.assertEqual(out, "15 working days from 2026-02-01 to 2026-02-28, both included "
                              "(calendar VN)\n")
        _, err = self.ctl("due", "13/02/2026", "10:00", "5 weeks", expect=2)
        self.assertIn('"5 weeks" is not a duration', err)

    def test_c_set_day_and_history(self):
        etag = self.ctl_json("calendar", "show", "VN")["etag"]
        out, _ = self.ctl("calendar", "set-day", "VN", "03/09/2027", "--type", "holiday",
                          "--note", "Quốc khánh (thử)", "--etag", etag)
        self.assertIn("2027-09-03 (Thứ Sáu, Friday) is a holiday", out)
        _, err = self.ctl("calendar", "remove-day", "VN", "03/09/2027", "--etag", etag, expect=1)
        self.assertRegex(err, r"^error: ABORTED")
        out, _ = self.ctl("calendar", "history", "VN")
        self.assertRegex(out, r"\n\d+\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+e2e\.clerk\s+2027-09-03\s+"
                              r"Thứ Sáu\s+Friday\s+set: holiday \(nghỉ lễ, Tết\)\s+Quốc khánh \(thử\)")
        out, _ = self.ctl("calendar", "show", "VN", "--year", "2027")
        self.assertRegex(out, r"\n2027-09-03\s+Thứ Sáu\s+Friday\s+holiday")
        # The new holiday moves a due date over it: Tuesday 31/08/2027 + 1 working day, past the
        # (provisional) national days 1–2/9 and the new 3/9.
        self.assertEqual(self.ctl_json("due", "2027-08-31T10:00", "1wd")["dueAt"],
                         "2027-09-06T10:00:00Z")

    def test_c_year_without_a_decision_then_its_import(self):
        # 1/1/2028 is a Saturday: the rule gives Monday 3/1 off instead, provisionally.
        out, _ = self.ctl("days", "03/01/2028", "03/01/2028")
        self.assertTrue(out.startswith("0 working days from 2028-01-03 to 2028-01-03"), out)
        self.assertIn("Warning: the days of 2028 on calendar VN are provisional", out)
        out, _ = self.ctl("calendar", "show", "VN", "--year", "2028")
        self.assertRegex(out, r"\n2028-01-26\s+Thứ Tư\s+Wednesday\s+holiday \(nghỉ lễ, Tết\)\s+"
                              r"rule \(provisional\)\s+Mùng 1 Tết")
        self.assertIn("2028 is provisional", out)
        with tempfile.TemporaryDirectory() as folder:
            decision = os.path.join(folder, "2028.csv")
            with open(decision, "w", encoding="utf-8") as f:
                f.write("date,type,note\n2028-01-01,HOLIDAY,Tết Dương lịch\n"
                        "2028-01-03,COMPENSATORY_DAY_OFF,nghỉ bù Tết Dương lịch\n")
            out, _ = self.ctl("calendar", "import", "VN", decision, "--dry-run")
            self.assertTrue(out.startswith("Dry run: nothing was changed."), out)
            self.assertIn("Warning: the decision makes 2028-01-26 a working day", out)  # no Tết
            self.assertIn("2028 is provisional", self.ctl("calendar", "show", "VN", "--year", "2028")[0])
            mixed = os.path.join(folder, "mixed.csv")
            with open(mixed, "w", encoding="utf-8") as f:
                f.write("date,type,note\n2028-01-01,HOLIDAY,a\n2029-01-01,HOLIDAY,b\n")
            _, err = self.ctl("calendar", "import", "VN", mixed, expect=2)
            self.assertIn("every day must be in 2028", err)
            out, _ = self.ctl("calendar", "import", "VN", decision)
            self.assertRegex(out, r"\nCalendar VN is now at revision \d+; 2028 is decided\.\n")
        out, _ = self.ctl("calendar", "show", "VN", "--year", "2028")
        self.assertNotIn("provisional", out)
        self.assertRegex(out, r"\n2028-01-03\s+Thứ Hai\s+Monday\s+compensatory day off \(nghỉ bù\)\s+decision")

    def test_d_a_dossier_from_receipt_to_result(self):
        out, _ = self.ctl("dossier", "receive", "00136", "5wd", "--procedure", "1.001612",
                          "--channel", "direct", "--received-at", "13/02/2026 10:00",
                          "--subject", "Cấp giấy phép xây dựng")
        dossier = re.search(r"^Dossier:\s+(DS-\d{12})\n", out).group(1)
        self.assertRegex(out, r"\nStatus:\s+2 received \(được tiếp nhận\)\n")
        self.assertRegex(out, r"\nDue:\s+2026-02-27 17:00 \(Thứ Sáu, Friday\)\n")  # across Tết
        self.ctl("dossier", "status", dossier, "processing", "--at", "24/02/2026 09:00")
        self.ctl("dossier", "supplement", dossier, "--reason", "thiếu bản sao giấy khai sinh",
                 "--at", "25/02/2026 09:00")
        _, err = self.ctl("dossier", "supplement", dossier, "--reason", "lần 2", expect=1)
        self.assertRegex(err, r"^error: FAILED_PRECONDITION")
        # One working day of office time paused: the due date moves to Monday.
        out, _ = self.ctl("dossier", "resume", dossier, "--at", "26/02/2026 09:00")
        self.assertRegex(out, r"\nDue:\s+2026-03-02 17:00 \(Thứ Hai, Monday\)\n")
        etag = self.ctl_json("dossier", "get", dossier)["etag"]
        self.ctl("dossier", "reschedule", dossier, "06/03/2026", "--reason", "chờ ý kiến Sở",
                 "--at", "27/02/2026 08:00", "--etag", etag)
        _, err = self.ctl("dossier", "status", dossier, "9", "--etag", etag, expect=1)
        self.assertRegex(err, r"^error: ABORTED")
        out, _ = self.ctl("dossier", "status", dossier, "processed", "--at", "05/03/2026 15:00")
        self.assertRegex(out, r"\nOutcome:\s+early \(trước hạn\)\n")
        self.ctl("dossier", "status", dossier, "returned")
        out, _ = self.ctl("dossier", "get", dossier)
        self.assertRegex(out, r"\nStatus:\s+10 result-returned")
        self.assertRegex(out, r"\n2026-02-25 09:00\s+2026-02-26 09:00\s+8 h\s+thiếu bản sao")
        self.assertRegex(out, r"\nNew due:\s+2026-03-06 17:00")
        self.assertRegex(out, r"\n4\s+2026-02-26 09:00\s+processing resumed\s+5 → 4\s+"
                              r"2026-02-27 17:00 → 2026-03-02 17:00\s+e2e\.clerk")
        out, _ = self.ctl("dossier", "list", "--unit", "01", "--status", "10")
        self.assertRegex(out, dossier + r"\s+00136\s+1\.001612\s+10 result-returned")
        out, _ = self.ctl("-o", "csv", "report", "--unit", "00136", "--from", "01/02/2026",
                          "--to", "31/03/2026")
        header, row = out.splitlines()
        figures = dict(zip(header.split(","), row.split(",")))
        self.assertEqual((figures["received_direct"], figures["finished_early"],
                          figures["on_time_rate_percent"]), ("1", "1", "100"))
        out, _ = self.ctl("report", "--unit", "00136", "--from", "01/02/2026", "--to", "31/03/2026")
        self.assertRegex(out, r"\n  early \(trước hạn\)\s+1\n")

    def test_e_watch_an_overdue_dossier_until_ctrl_c(self):
        out, _ = self.ctl("dossier", "receive", "00136", "1wd", "--received-at", "05/01/2026",
                          "--subject", "quá hạn")
        dossier = re.search(r"^Dossier:\s+(DS-\d{12})\n", out).group(1)
        env = dict(os.environ, HAICAP_ACTOR="e2e.clerk")
        watch = subprocess.Popen([CTL_BINARY, "--deadlines", self.address, "watch", "--unit",
                                  "00136", "-o", "json"], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True, encoding="utf-8", env=env)
        try:
            # Each event is flushed as it comes: read lines until this dossier's OVERDUE.
            cursor = None
            for line in watch.stdout:
                event = json.loads(line)
                if event["dossierId"] == dossier and event["type"] == "OVERDUE":
                    cursor = event["cursor"]
                    break
            self.assertIsNotNone(cursor, "no OVERDUE event for " + dossier)
            watch.send_signal(signal.SIGINT)
            _, err = watch.communicate(timeout=10)
        finally:
            if watch.poll() is None:
                watch.kill()
                watch.wait()
        self.assertEqual(watch.returncode, 0, err)
        self.assertRegex(err, r"^Stopped\. To resume: haicapctl watch --after \d+ --unit 00136\n$")

    def test_zz_sigterm_stops_the_service_cleanly(self):
        self.assertEqual(self.server.stop(), 0, "".join(self.server.log))
        _, err = self.ctl("calendar", "list", expect=1)
        self.assertIn(f"cannot reach the deadlines service at {self.address}", err)


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    BINARIES["registry"], CTL_BINARY = sys.argv[1], sys.argv[2]
    BINARIES["deadlines"] = sys.argv[3] if len(sys.argv) == 4 else None
    unittest.main(argv=sys.argv[:1], verbosity=2)

"""Dates, file names and CSV layout shared by the Phúc Lợi demo generator and its check."""

import csv
import datetime
import io
import pathlib

REPO_ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA_DIR = REPO_ROOT / "data" / "demo"
ORGANIZATIONS_FILE = "phuc-loi-organizations.csv"
MEMBERS_FILE = "phuc-loi-members.csv"
GAZETTEER_FILE = REPO_ROOT / "data" / "admin-units-2025-07.csv"
OLD_TO_NEW_FILE = REPO_ROOT / "data" / "admin-units-old-to-new-2025-07.csv"

ORGANIZATION_COLUMNS = [
    "action", "key", "name", "kind", "parent_key", "admin_unit_code", "upper_grassroots_powers",
    "effective_date", "decision_number", "decision_date",
]
MEMBER_COLUMNS = [
    "organization_key", "full_name", "date_of_birth", "sex", "citizen_id", "party_card_number",
    "party_record_number", "status", "admitted_on", "official_on", "effective_date",
]

# The two-level local government starts: the ward committee is established, the district ones end.
REFORM_DAY = datetime.date(2025, 7, 1)
# The day the data set's "findings" are stated against (probation due within 30 days of it).
REFERENCE_DAY = datetime.date(2026, 11, 21)
FINDING_WINDOW_DAYS = 30

WARD_KEY = "PL"
WARD_ORGANIZATIONS = 98
WARD_MEMBERS = 3882


def add_years(day, years):
    """The same calendar day `years` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def probation_end(admitted_on):
    """The end of the 12 months of probation, which is also the official date."""
    return add_years(admitted_on, 1)


def parse_day(text):
    return datetime.date.fromisoformat(text)


def to_csv(columns, rows):
    """RFC 4180 text: header, `\\n` line ends, quotes only where a field needs them."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row[c] for c in columns])
    return out.getvalue()


def read_csv(path):
    """(header, rows as dicts) of a UTF-8 CSV file."""
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        return header, [dict(zip(header, fields)) for fields in reader]

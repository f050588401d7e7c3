"""Invented members for the 98 organisations under the Phúc Lợi ward committee.

Official members were admitted at least 12 months before 1 July 2025 and their official date is the
end of the 12 months. Their `effective_date` (the day they joined the organisation in the registry)
is the later of that official date and the organisation's establishment: the registry's
RegisterMember refuses an official member whose official date is after the effective date, so
"the later of admitted_on and the establishment" would be refused for anyone admitted after their
organisation was founded. Probationary members were admitted after 1 July 2025 and join on their
admission day.
"""

import datetime

from demo_common import REFORM_DAY, WARD_KEY, WARD_MEMBERS, add_years, probation_end
from phuc_loi_organizations import SMALL_CELLS
from vietnamese_names import full_name

# Who the members of an organisation are: ages on 1 July 2025 as (from, to, weight) bands, the share
# of men, and the typical age at admission.
PROFILES = {
    "residential": ([(30, 44, 10), (45, 59, 22), (60, 74, 43), (75, 90, 25)], 0.55, 25),
    "school": ([(25, 59, 1)], 0.25, 26),
    "college": ([(28, 62, 1)], 0.45, 27),
    "police": ([(22, 55, 1)], 0.88, 21),
    "military": ([(22, 50, 1)], 0.90, 21),
    "agency": ([(26, 60, 1)], 0.50, 26),
    "enterprise": ([(24, 60, 1)], 0.65, 27),
    "health": ([(25, 60, 1)], 0.30, 27),
}
# Provinces of birth (first 3 digits of a citizen ID) of members not born in Hà Nội (001).
OTHER_BIRTH_PROVINCES = ["030", "033", "034", "035", "036", "037", "038", "040", "042", "027", "024", "031",
                         "026", "025", "022", "019"]

RESIDENTIAL_CELL_SIZES = (15, 29)
DUE_PROBATIONARY = 12  # probation ended or ending within 30 days of REFERENCE_DAY, not yet recognised
OTHER_PROBATIONARY = 55  # besides the ones in SMALL_CELLS
DUE_ADMISSIONS = (datetime.date(2025, 9, 22), datetime.date(2025, 12, 18))
RECENT_ADMISSIONS = (datetime.date(2025, 12, 27), datetime.date(2026, 11, 13))
LAST_OFFICIAL_ADMISSION = add_years(REFORM_DAY, -1) - datetime.timedelta(days=1)


def _random_day(rng, first, last):
    return first + datetime.timedelta(days=rng.randint(0, (last - first).days))


def _fill_sizes(rng, orgs):
    """Sizes for the residential and school cells so that the ward totals WARD_MEMBERS exactly."""
    open_orgs = [o for o in orgs if o["size"] is None]
    remaining = WARD_MEMBERS - sum(o["size"] for o in orgs if o["size"] is not None)
    low, high = RESIDENTIAL_CELL_SIZES
    if not low * len(open_orgs) <= remaining <= high * len(open_orgs):
        raise ValueError(f"{remaining} members do not fit {len(open_orgs)} cells of {low}-{high}")
    # A triangular spread whose mean is the average needed, then nudged to the exact total.
    mode = min(max(3 * remaining / len(open_orgs) - low - high, low), high)
    for o in open_orgs:
        o["size"] = round(rng.triangular(low, high, mode))
    while (total := sum(o["size"] for o in open_orgs)) != remaining:
        step = 1 if total < remaining else -1
        o = rng.choice(open_orgs)
        if low <= o["size"] + step <= high:
            o["size"] += step


def _probationary_counts(rng, orgs):
    """How many probationary members each organisation has: (due for recognition, recent)."""
    counts = {o["key"]: [0, SMALL_CELLS.get(o["key"], 0)] for o in orgs}
    others = [o for o in orgs if o["key"] not in SMALL_CELLS]
    for o in rng.sample(others, DUE_PROBATIONARY):
        counts[o["key"]][0] += 1
    for o in rng.choices(others, weights=[o["size"] for o in others], k=OTHER_PROBATIONARY):
        counts[o["key"]][1] += 1
    return counts


class _Identities:
    """Unique citizen IDs, party card numbers and party record numbers."""

    def __init__(self, rng):
        self._rng = rng
        self._used = set()

    def _unique(self, make):
        while (value := make()) in self._used:
            pass
        self._used.add(value)
        return value

    def citizen_id(self, birth, male):
        # CCCD: birth province (3), century and sex (0/1: man/woman born 1900s, 2/3: 2000s), year (2), 6 digits.
        province = "001" if self._rng.random() < 0.85 else self._rng.choice(OTHER_BIRTH_PROVINCES)
        century_sex = (0 if birth.year < 2000 else 2) + (0 if male else 1)
        prefix = f"{province}{century_sex}{birth.year % 100:02d}"
        return self._unique(lambda: f"{prefix}{self._rng.randrange(10**6):06d}")

    def card_number(self):
        return self._unique(lambda: f"{self._rng.randrange(10**7, 10**8)}")

    def record_number(self, prefix):
        return self._unique(lambda: f"{prefix}-{self._rng.randrange(10**6):06d}")


def _birth_day(rng, age_bands):
    low, high, _ = rng.choices(age_bands, weights=[b[2] for b in age_bands])[0]
    age = rng.randint(low, high)
    return add_years(REFORM_DAY, -age) - datetime.timedelta(days=rng.randint(0, 364))


def _official_admission(rng, birth, typical_age):
    earliest = add_years(birth, 18)
    oldest_age = min(45.0, (LAST_OFFICIAL_ADMISSION - birth).days / 365.25)
    age = rng.triangular(18.0, oldest_age, min(typical_age, oldest_age))
    admitted = birth + datetime.timedelta(days=int(age * 365.25))
    return min(max(admitted, earliest), LAST_OFFICIAL_ADMISSION)


def _member(rng, ids, org, established, status, admitted_range=None):
    age_bands, male_share, typical_age = PROFILES[org["profile"]]
    male = rng.random() < male_share
    if status == "official":
        birth = _birth_day(rng, age_bands)
        admitted = _official_admission(rng, birth, typical_age)
        official = probation_end(admitted)
        effective = max(official, established)
    else:
        youngest, oldest = (22, 45) if org["profile"] == "residential" else (20, 35)
        birth = _birth_day(rng, [(youngest, oldest, 1)])
        admitted = _random_day(rng, *admitted_range)
        official = None
        effective = admitted
    record_prefix = "GL" if org["key"].startswith("GL-") else ("PL" if status == "probationary" else "LB")
    return {
        "organization_key": org["key"],
        "full_name": full_name(rng, male, birth.year),
        "date_of_birth": birth.isoformat(),
        "sex": "male" if male else "female",
        "citizen_id": ids.citizen_id(birth, male),
        "party_card_number": ids.card_number() if status == "official" else "",
        "party_record_number": ids.record_number(record_prefix) if rng.random() < 0.97 else "",
        "status": status,
        "admitted_on": admitted.isoformat(),
        "official_on": official.isoformat() if official else "",
        "effective_date": effective.isoformat(),
    }


def ward_organizations(events):
    """The organisation rows (with profile and size) that end up under the ward committee."""
    established = {e["key"]: e for e in events if e["action"] == "establish"}
    final_parent = {}
    for e in events:
        if e["action"] in ("establish", "move"):
            final_parent[e["key"]] = e["parent_key"]
    return [established[k] for k in established if final_parent[k] == WARD_KEY]


def members(rng, events):
    """Every member row, grouped by organisation in file order."""
    orgs = ward_organizations(events)
    _fill_sizes(rng, orgs)
    counts = _probationary_counts(rng, orgs)
    ids = _Identities(rng)
    rows = []
    for org in orgs:
        established = datetime.date.fromisoformat(org["effective_date"])
        due, recent = counts[org["key"]]
        statuses = ["official"] * (org["size"] - due - recent)
        statuses += ["due"] * due + ["recent"] * recent
        rng.shuffle(statuses)
        for status in statuses:
            if status == "official":
                rows.append(_member(rng, ids, org, established, "official"))
            else:
                window = DUE_ADMISSIONS if status == "due" else RECENT_ADMISSIONS
                rows.append(_member(rng, ids, org, established, "probationary", window))
    return rows

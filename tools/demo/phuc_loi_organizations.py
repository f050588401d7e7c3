"""The organisation events of the Phúc Lợi story, in the order they are applied.

Before 1 July 2025: the Hà Nội committee, the Long Biên and Gia Lâm district committees, the
committees of the six old wards/communes that Phường Phúc Lợi (00136) was formed from (modelled as
grassroots committees with upper-grassroots powers, since the registry checks commune codes against
the current gazetteer), 46 of their cells, and 11 grassroots organisations directly under Quận ủy
Long Biên. On 1 July 2025: the ward committee is established, the 11 and the 46 move under it, 41 new
organisations are established under it, and the old committees are dissolved.

Each organisation also carries a `profile` (who its members are) and, for the ones that hold members,
a `size` (members in all) or None (filled in by the member generator), which never reach the CSV.
"""

import datetime

from demo_common import REFORM_DAY, WARD_KEY

# Old wards/communes merged (in part) into Phường Phúc Lợi: key, name, district key, cells carried over.
OLD_UNITS = [
    ("LB-PL", "Đảng bộ phường Phúc Lợi (quận Long Biên)", "QU-LB", 16),
    ("LB-VH", "Đảng bộ phường Việt Hưng (quận Long Biên)", "QU-LB", 9),
    ("LB-GB", "Đảng bộ phường Giang Biên (quận Long Biên)", "QU-LB", 7),
    ("LB-TB", "Đảng bộ phường Thạch Bàn (quận Long Biên)", "QU-LB", 5),
    ("LB-PD", "Đảng bộ phường Phúc Đồng (quận Long Biên)", "QU-LB", 5),
    ("GL-CB", "Đảng bộ xã Cổ Bi (huyện Gia Lâm)", "HU-GL", 4),
]
# School cells of the old wards that came along (the rest of their carried-over cells are residential).
OLD_SCHOOL_CELLS = {
    "LB-PL": ["Chi bộ Trường Mầm non Phúc Lợi", "Chi bộ Trường Tiểu học Phúc Lợi", "Chi bộ Trường THCS Phúc Lợi"],
    "LB-GB": ["Chi bộ Trường Tiểu học Giang Biên"],
}
# The residential cell that has grown to 30+ members (a finding: it should become a committee).
LARGE_CELL_KEY = "LB-PL-TDP05"

# The 11 grassroots organisations handed over by Quận ủy Long Biên: key, name, kind, profile, size.
HANDED_OVER = [
    ("LB-CS01", "Đảng bộ Trường Cao đẳng Kỹ thuật Công nghiệp Việt Hưng", "grassroots-committee", "college", 150),
    ("LB-CS02", "Đảng bộ Công ty Cổ phần Đầu tư Xây dựng Long Biên Xanh", "grassroots-committee", "enterprise", 380),
    ("LB-CS03", "Chi bộ Công ty TNHH Cơ khí Giang Biên", "grassroots-cell", "enterprise", 4),
    ("LB-CS04", "Đảng bộ Công ty Cổ phần Vận tải Thủy bộ Phúc Lợi", "grassroots-committee", "enterprise", 260),
    ("LB-CS05", "Chi bộ Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên Long Biên", "grassroots-cell", "school", 14),
    ("LB-CS06", "Đảng bộ Công ty Cổ phần Môi trường Đô thị Long Biên", "grassroots-committee", "enterprise", 430),
    ("LB-CS07", "Chi bộ Phòng khám Đa khoa khu vực Phúc Lợi", "grassroots-cell", "health", 12),
    ("LB-CS08", "Đảng bộ Bệnh viện Đa khoa Việt Hưng", "grassroots-committee", "health", 260),
    ("LB-CS09", "Chi bộ Công ty TNHH Thương mại Dịch vụ Thạch Bàn", "grassroots-cell", "enterprise", 11),
    ("LB-CS10", "Đảng bộ Trường THPT Phúc Lợi", "grassroots-committee", "school", 45),
    ("LB-CS11", "Chi bộ Quỹ Tín dụng nhân dân Phúc Đồng", "grassroots-cell", "enterprise", 3),
]
# Grassroots cells left with exactly 2 official members plus probationary ones (a finding).
SMALL_CELLS = {"LB-CS03": 2, "LB-CS11": 1}  # key -> probationary members

# The ward's own organisations established on 1 July 2025, besides the residential cells.
NEW_AGENCIES = [
    ("PL-CQD", "Đảng bộ các cơ quan Đảng phường Phúc Lợi", "grassroots-committee", "agency", 48),
    ("PL-CQCQ", "Đảng bộ cơ quan chính quyền phường Phúc Lợi", "grassroots-committee", "agency", 110),
    ("PL-CA", "Đảng bộ Công an phường Phúc Lợi", "grassroots-committee", "police", 200),
    ("PL-QS", "Chi bộ Quân sự phường Phúc Lợi", "grassroots-cell", "military", 12),
    ("PL-MT", "Chi bộ Cơ quan Mặt trận Tổ quốc và các đoàn thể phường Phúc Lợi", "grassroots-cell", "agency", 15),
    ("PL-YT", "Chi bộ Trạm Y tế phường Phúc Lợi", "grassroots-cell", "health", 10),
    ("PL-HCC", "Chi bộ Trung tâm Phục vụ hành chính công phường Phúc Lợi", "grassroots-cell", "agency", 9),
]
NEW_RESIDENTIAL_CELLS = 34


# Decisions issued per day of the year by each kind of committee, to start a register's numbering.
DECISIONS_PER_DAY = {"TU": 9.0, "QU": 1.5, "HU": 1.5, "ĐU": 0.15}


def _register_suffix(issuer):
    """The register a committee numbers its decisions in: 123-QĐ/TU for the Thành ủy, etc."""
    return {"HN": "TU", "QU-LB": "QU", "HU-GL": "HU"}.get(issuer, "ĐU")


def _number_decisions(rng, events):
    """Decision numbers, increasing with the decision date in each committee's register for a year
    (a register starts at 1 on the committee's first day). A committee decides nothing before it
    exists. Rows of one `group` (e.g. every cell a ward received by one decision) share a number.
    """
    founded = {e["key"]: e["effective_date"] for e in events if e["action"] == "establish"}
    registers = {}
    for e in events:
        if e["issuer"]:
            e["decision_date"] = max(e["decision_date"], founded[e["issuer"]])
            registers.setdefault((e["issuer"], e["decision_date"][:4]), []).append(e)
    for (issuer, year), rows in sorted(registers.items()):
        suffix = _register_suffix(issuer)
        opened = max(datetime.date(int(year), 1, 1), datetime.date.fromisoformat(founded[issuer]))
        first = datetime.date.fromisoformat(min(e["decision_date"] for e in rows))
        number = 1 + int((first - opened).days * DECISIONS_PER_DAY[suffix] * rng.uniform(0.8, 1.2))
        shared = {}
        for e in sorted(rows, key=lambda e: e["decision_date"]):
            if e["group"] in shared:
                e["decision_number"] = shared[e["group"]]
                continue
            e["decision_number"] = f"{number}-QĐ/{suffix}"
            if e["group"]:
                shared[e["group"]] = e["decision_number"]
            number += rng.randint(1, 3)


def _event(action, key, effective, issuer, decided, name="", kind="", parent_key="", code="", powers="",
           profile="", size=None, group=""):
    """A CSV row plus what only the generator uses: issuer and group (decision numbering), profile and
    size (members)."""
    return {
        "action": action, "key": key, "name": name, "kind": kind, "parent_key": parent_key,
        "admin_unit_code": code, "upper_grassroots_powers": powers,
        "effective_date": effective.isoformat(), "decision_number": "",
        "decision_date": decided.isoformat() if decided else "",
        "issuer": issuer, "group": group, "profile": profile, "size": size,
    }


def _random_day(rng, first, last):
    return first + datetime.timedelta(days=rng.randint(0, (last - first).days))


def _establish(rng, key, name, kind, parent_key, effective, **extra):
    """An establishment decided by the parent's committee up to three weeks before it takes effect."""
    decided = effective - datetime.timedelta(days=rng.randint(0, 20))
    if kind == "grassroots-committee":
        extra.setdefault("powers", "false")
    return _event("establish", key, effective, parent_key, decided, name=name, kind=kind, parent_key=parent_key,
                  **extra)


def _history_before_reform(rng):
    """Establishments up to 30 June 2025, in date order, parents before children."""
    events = [
        _event("establish", "HN", datetime.date(1930, 3, 1), "", None, name="Đảng bộ Thành phố Hà Nội",
               kind="provincial-committee", code="01"),
        _establish(rng, "HU-GL", "Đảng bộ huyện Gia Lâm", "district-committee", "HN", datetime.date(1961, 4, 20),
                   code="018"),
        _establish(rng, "QU-LB", "Đảng bộ quận Long Biên", "district-committee", "HN", datetime.date(2004, 1, 1),
                   code="004"),
    ]
    for key, name, district, _ in OLD_UNITS:
        founded = datetime.date(1976, 5, 15) if district == "HU-GL" else datetime.date(2004, 1, 1)
        events.append(_establish(rng, key, name, "grassroots-committee", district, founded, powers="true"))
    events += _old_unit_cells(rng)
    for key, name, kind, profile, size in HANDED_OVER:
        founded = _random_day(rng, datetime.date(2004, 3, 1), datetime.date(2020, 12, 31))
        events.append(_establish(rng, key, name, kind, "QU-LB", founded, profile=profile, size=size))
    depth = {"": -1}
    for e in events:
        depth[e["key"]] = depth[e["parent_key"]] + 1
    return sorted(events, key=lambda e: (e["effective_date"], depth[e["key"]], e["key"]))


def _old_unit_cells(rng):
    """The cells of the old wards/communes that were carried over into Phúc Lợi."""
    events = []
    for unit_key, unit_name, district, count in OLD_UNITS:
        place = unit_name.split(" (")[0].replace("Đảng bộ ", "")
        schools = OLD_SCHOOL_CELLS.get(unit_key, [])
        numbers = sorted(rng.sample(range(1, 31), count - len(schools)))
        if unit_key == "LB-PL" and 5 not in numbers:
            numbers[0] = 5
            numbers.sort()
        cells = [(f"{unit_key}-TH{i + 1:02d}", name, "school") for i, name in enumerate(schools)]
        if district == "HU-GL":
            cells += [(f"{unit_key}-KDC{n:02d}", f"Chi bộ Khu dân cư số {n} ({place})", "residential") for n in numbers]
        else:
            cells += [(f"{unit_key}-TDP{n:02d}", f"Chi bộ Tổ dân phố số {n} ({place})", "residential") for n in numbers]
        for key, name, profile in cells:
            founded = _random_day(rng, datetime.date(2004, 2, 1), datetime.date(2020, 12, 31))
            events.append(_establish(rng, key, name, "grassroots-cell", unit_key, founded, profile=profile,
                                     size=33 if key == LARGE_CELL_KEY else None))
    return events


def _reform(before):
    """The events of 1 July 2025: the Thành ủy's decisions of 28 June, then the ward's own."""
    day, city_decided = REFORM_DAY, datetime.date(2025, 6, 28)
    events = [_event("establish", WARD_KEY, day, "HN", city_decided, name="Đảng bộ phường Phúc Lợi",
                     kind="commune-committee", parent_key="HN", code="00136")]
    for key, *_ in HANDED_OVER:
        events.append(_event("move", key, day, "HN", city_decided, parent_key=WARD_KEY, group="handover"))
    unit_order = [u[0] for u in OLD_UNITS]
    carried = sorted((e for e in before if e["parent_key"] in unit_order),
                     key=lambda e: (unit_order.index(e["parent_key"]), e["key"]))
    for e in carried:
        events.append(_event("move", e["key"], day, WARD_KEY, day, parent_key=WARD_KEY, group="carry-over"))
    for key, name, kind, profile, size in NEW_AGENCIES:
        events.append(_event("establish", key, day, WARD_KEY, day, name=name, kind=kind, parent_key=WARD_KEY,
                             powers="false" if kind == "grassroots-committee" else "", profile=profile, size=size))
    for n in range(1, NEW_RESIDENTIAL_CELLS + 1):
        events.append(_event("establish", f"PL-TDP{n:02d}", day, WARD_KEY, day, name=f"Chi bộ Tổ dân phố số {n}",
                             kind="grassroots-cell", parent_key=WARD_KEY, profile="residential"))
    for key in unit_order + ["QU-LB", "HU-GL"]:
        events.append(_event("dissolve", key, day, "HN", city_decided, group="dissolution"))
    return events


def organization_events(rng):
    """Every organisation event of the data set, in file order."""
    before = _history_before_reform(rng)
    events = before + _reform(before)
    _number_decisions(rng, events)
    return events

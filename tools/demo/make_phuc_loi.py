#!/usr/bin/python3
"""Generates the Phúc Lợi demo data set: real places, invented people.

Writes data/demo/phuc-loi-organizations.csv (organisation events, applied in file order) and
data/demo/phuc-loi-members.csv (member registrations), then checks them (check_demo_data.py).
Deterministic: a fixed seed, so a re-run writes the same bytes.

The story: Phường Phúc Lợi (00136) was formed on 1 July 2025 from parts of the old wards Giang Biên,
Việt Hưng, Phúc Lợi, Thạch Bàn, Phúc Đồng (Quận Long Biên) and the commune Cổ Bi (Huyện Gia Lâm). Its
committee then held 98 organisations — 11 handed over by Quận ủy Long Biên (keys LB-CS01..LB-CS11),
46 cells carried over from the six old committees (keys LB-PL-*, LB-VH-*, LB-GB-*, LB-TB-*, LB-PD-*,
GL-CB-*) and 41 newly established (keys PL-*) — and 3,882 members.

Situations the ward office must act on, put there on purpose (as of REFERENCE_DAY, 2026-11-21):
- LB-CS03 (Chi bộ Công ty TNHH Cơ khí Giang Biên) and LB-CS11 (Chi bộ Quỹ Tín dụng nhân dân Phúc
  Đồng): grassroots cells with exactly 2 official members plus probationary ones (< 3 official);
- LB-PL-TDP05 (Chi bộ Tổ dân phố số 5, old Phúc Lợi ward): a grassroots cell with 33 members (>= 30:
  it should become a grassroots committee);
- 12 probationary members admitted between 2025-09-22 and 2025-12-18, one in each of 12 organisations,
  whose 12 months of probation have ended or end within 30 days, not yet recognised as official
  (`make_phuc_loi.py --check` lists them). The other probationary members were admitted between
  2025-12-27 and 2026-11-13.

Usage:
  make_phuc_loi.py            write the two files under data/demo/ and check them
  make_phuc_loi.py --check    check the committed files (invariants, and that they are exactly what
                              this script generates); exit status 1 when they are not
"""

import argparse
import pathlib
import random
import sys

sys.dont_write_bytecode = True  # keep the source tree clean when run as a test
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

from demo_common import (DATA_DIR, MEMBER_COLUMNS, MEMBERS_FILE, ORGANIZATION_COLUMNS,  # noqa: E402
                         ORGANIZATIONS_FILE, to_csv)
from phuc_loi_members import members  # noqa: E402
from phuc_loi_organizations import organization_events  # noqa: E402

SEED = 20250701


def generate():
    """{file name: CSV text} of the data set."""
    rng = random.Random(SEED)
    events = organization_events(rng)
    rows = members(rng, events)
    return {
        ORGANIZATIONS_FILE: to_csv(ORGANIZATION_COLUMNS, events),
        MEMBERS_FILE: to_csv(MEMBER_COLUMNS, rows),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="check the committed files, write nothing")
    parser.add_argument("--data-dir", type=pathlib.Path, default=DATA_DIR, help="where the CSV files are")
    args = parser.parse_args()
    import check_demo_data  # imports this module: keep the import out of module load
    if not args.check:
        args.data_dir.mkdir(parents=True, exist_ok=True)
        for name, text in generate().items():
            (args.data_dir / name).write_bytes(text.encode("utf-8"))
            print(f"wrote {args.data_dir / name}")
    return check_demo_data.run(args.data_dir)


if __name__ == "__main__":
    sys.exit(main())

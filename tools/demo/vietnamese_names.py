"""Invented Vietnamese full names (family, middle, given) with northern-Vietnam frequencies, in NFC."""

import unicodedata

# Family names and rough shares among people of the Red River delta, in per mille.
FAMILY_NAMES = [
    ("Nguyễn", 370), ("Trần", 110), ("Lê", 90), ("Phạm", 70), ("Hoàng", 45), ("Vũ", 40),
    ("Phan", 30), ("Đỗ", 28), ("Đặng", 22), ("Bùi", 22), ("Ngô", 15), ("Dương", 12), ("Đào", 12),
    ("Đinh", 10), ("Trịnh", 9), ("Hồ", 8), ("Lý", 6), ("Lương", 6), ("Mai", 6), ("Tạ", 5),
    ("Chu", 5), ("Cao", 5), ("Lưu", 5), ("Hà", 5), ("Đoàn", 5), ("Kiều", 3), ("Tô", 3), ("Khúc", 2),
    ("Huỳnh", 3), ("Võ", 4), ("Nghiêm", 2), ("Quách", 2), ("Phùng", 3), ("Thái", 2), ("Triệu", 2),
]

# Middle names: (name, weight for people born before 1975, weight for people born later).
MALE_MIDDLE = [
    ("Văn", 60, 18), ("Đức", 8, 12), ("Hữu", 7, 6), ("Minh", 4, 14), ("Quang", 4, 8), ("Công", 4, 4),
    ("Xuân", 3, 4), ("Tiến", 2, 5), ("Mạnh", 2, 4), ("Thanh", 2, 5), ("Ngọc", 2, 3), ("Đình", 4, 5),
    ("Thế", 2, 3), ("Duy", 1, 5), ("Trung", 1, 4), ("Hoàng", 1, 4), ("Việt", 1, 4), ("Anh", 0, 3),
]
FEMALE_MIDDLE = [
    ("Thị", 75, 30), ("Thu", 5, 9), ("Ngọc", 3, 8), ("Thanh", 4, 8), ("Minh", 1, 6), ("Phương", 1, 5),
    ("Thúy", 2, 4), ("Hồng", 3, 5), ("Kim", 2, 4), ("Bích", 2, 3), ("Hải", 1, 3), ("Khánh", 0, 4),
    ("Mai", 1, 3), ("Lan", 1, 2), ("Diệu", 0, 2), ("Quỳnh", 0, 3),
]
MALE_GIVEN = [
    "An", "Anh", "Bảo", "Bình", "Chiến", "Cường", "Dũng", "Dương", "Đạt", "Đức", "Hải", "Hậu",
    "Hiệp", "Hiếu", "Hòa", "Hoàng", "Hùng", "Hưng", "Huy", "Khải", "Khánh", "Khoa", "Kiên", "Lâm",
    "Lộc", "Long", "Mạnh", "Minh", "Nam", "Nghĩa", "Phong", "Phúc", "Quang", "Quân", "Sơn", "Tài",
    "Tâm", "Thái", "Thắng", "Thành", "Thịnh", "Thuận", "Tiến", "Toàn", "Trung", "Tuấn", "Tùng",
    "Việt", "Vinh", "Vũ", "Tú", "Khang", "Lực", "Quyết", "Thanh",
]
FEMALE_GIVEN = [
    "Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hồng", "Hương", "Huyền",
    "Lan", "Liên", "Linh", "Loan", "Mai", "Minh", "My", "Nga", "Ngân", "Ngọc", "Nhung", "Oanh",
    "Phương", "Quyên", "Quỳnh", "Tâm", "Thảo", "Thơm", "Thủy", "Thúy", "Trang", "Vân", "Yến", "Hải",
    "Huệ", "Lệ", "Nhàn", "Thu", "Tuyết", "Xuân", "Hậu", "Lý", "Thoa", "Hường", "Duyên", "Vy",
]


def _weighted(rng, pairs):
    names = [p[0] for p in pairs]
    weights = [p[1] for p in pairs]
    return rng.choices(names, weights=weights)[0]


def full_name(rng, male, birth_year):
    """A plausible full name for someone of that sex born that year, NFC-normalised."""
    family = _weighted(rng, FAMILY_NAMES)
    middles = MALE_MIDDLE if male else FEMALE_MIDDLE
    column = 1 if birth_year < 1975 else 2
    middle = rng.choices([m[0] for m in middles], weights=[m[column] for m in middles])[0]
    given = middle
    while given == middle:
        given = rng.choice(MALE_GIVEN if male else FEMALE_GIVEN)
    # Some younger people carry two middle names ("Nguyễn Thị Thu Hà").
    if birth_year >= 1975 and rng.random() < 0.12:
        extra = rng.choice(["Thu", "Ngọc", "Minh", "Thanh"] if not male else ["Minh", "Đức", "Quang", "Anh"])
        if extra not in (middle, given):
            middle = f"{middle} {extra}"
    return unicodedata.normalize("NFC", f"{family} {middle} {given}")

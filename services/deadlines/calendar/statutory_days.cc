#include "services/deadlines/calendar/statutory_days.h"

#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "services/deadlines/calendar/lunar_calendar.h"

namespace haicap::deadlines {
namespace {

constexpr const char* kStems[] = {"Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý"};
constexpr const char* kBranches[] = {"Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ",
                                     "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi"};

bool IsWeekend(absl::CivilDay day) {
  const absl::Weekday w = absl::GetWeekday(day);
  return w == absl::Weekday::saturday || w == absl::Weekday::sunday;
}

std::string Dmy(absl::CivilDay day) { return absl::StrFormat("%02d/%02d/%04d", day.day(), day.month(), day.year()); }

DayEntry Holiday(absl::CivilDay day, std::string note) {
  return DayEntry{day, DayType::kHoliday, std::move(note), DaySource::kStatutoryRule};
}

}  // namespace

std::string LunarYearName(int lunar_year) {
  return absl::StrCat(kStems[(lunar_year + 6) % 10], " ", kBranches[(lunar_year + 8) % 12]);
}

namespace {

std::vector<DayEntry> DeriveDaysOff(int year) {
  std::vector<DayEntry> holidays;
  holidays.push_back(Holiday(absl::CivilDay(year, 1, 1), "Tết Dương lịch"));
  const absl::CivilDay new_year = LunarNewYear(year);
  const std::string tet = absl::StrCat("Tết Nguyên đán ", LunarYearName(year));
  const LunarDate last_day = ToLunar(new_year - 1);
  holidays.push_back(Holiday(new_year - 1, absl::StrCat(tet, ": ", last_day.day, " tháng Chạp (cuối năm âm lịch)")));
  for (int i = 0; i < 4; ++i) holidays.push_back(Holiday(new_year + i, absl::StrCat(tet, ": Mùng ", i + 1, " Tết")));
  holidays.push_back(Holiday(*FromLunar(LunarDate{year, 3, 10, false}), "Giỗ Tổ Hùng Vương (10/3 âm lịch)"));
  holidays.push_back(Holiday(absl::CivilDay(year, 4, 30), "Ngày Chiến thắng (Giải phóng miền Nam thống nhất đất nước)"));
  holidays.push_back(Holiday(absl::CivilDay(year, 5, 1), "Quốc tế Lao động"));
  holidays.push_back(Holiday(absl::CivilDay(year, 9, 1), "Quốc khánh (ngày liền kề)"));
  holidays.push_back(Holiday(absl::CivilDay(year, 9, 2), "Quốc khánh"));
  std::sort(holidays.begin(), holidays.end(), [](const DayEntry& a, const DayEntry& b) { return a.day < b.day; });

  // Art. 112(3): a holiday on a weekly rest day is taken on the next working day, after the
  // holidays and compensatory days already placed.
  std::set<absl::CivilDay> off;
  for (const DayEntry& h : holidays) off.insert(h.day);
  std::vector<DayEntry> days = holidays;
  for (const DayEntry& h : holidays) {
    if (!IsWeekend(h.day)) continue;
    absl::CivilDay next = h.day + 1;
    while (IsWeekend(next) || off.count(next)) ++next;
    off.insert(next);
    const char* weekday = absl::GetWeekday(h.day) == absl::Weekday::saturday ? "Thứ Bảy" : "Chủ nhật";
    days.push_back(DayEntry{next, DayType::kCompensatoryDayOff,
                            absl::StrCat("nghỉ bù ", h.note, " (rơi vào ", weekday, " ", Dmy(h.day), ")"),
                            DaySource::kStatutoryRule});
  }
  std::sort(days.begin(), days.end(), [](const DayEntry& a, const DayEntry& b) { return a.day < b.day; });
  return days;
}

}  // namespace

const std::vector<DayEntry>& StatutoryDaysOff(int year) {
  // Derived once: every calendar change rebuilds "VN" from them (80 years of lunar arithmetic).
  static const std::vector<std::vector<DayEntry>> derived = [] {
    std::vector<std::vector<DayEntry>> years;
    for (int y = kFirstStatutoryYear; y <= kLastStatutoryYear; ++y) years.push_back(DeriveDaysOff(y));
    return years;
  }();
  static const std::vector<DayEntry> none;
  if (year < kFirstStatutoryYear || year > kLastStatutoryYear) return none;
  return derived[year - kFirstStatutoryYear];
}

}  // namespace haicap::deadlines

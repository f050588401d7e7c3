// A decision for 2027 as the government might issue it, for tests that enter one through
// ImportCalendarYear: the Labour Code's days, and a swap of Monday 4/1 for Saturday 23/1.
#pragma once

#include <string>

#include "haicap/deadlines/v1/deadlines.pb.h"

namespace haicap::testing {

inline deadlines::v1::CalendarDay NewCalendarDay(int y, int m, int d, deadlines::v1::DayType type,
                                                 const std::string& note) {
  deadlines::v1::CalendarDay day;
  day.mutable_date()->set_year(y);
  day.mutable_date()->set_month(m);
  day.mutable_date()->set_day(d);
  day.set_type(type);
  day.set_note(note);
  return day;
}

inline deadlines::v1::ImportCalendarYearRequest Decision2027(bool validate_only, const std::string& request_id) {
  using namespace deadlines::v1;  // the day types
  ImportCalendarYearRequest request;
  request.set_calendar_id("VN");
  request.set_year(2027);
  request.set_validate_only(validate_only);
  request.set_request_id(request_id);
  *request.add_days() = NewCalendarDay(2027, 1, 1, HOLIDAY, "Tết Dương lịch");
  *request.add_days() = NewCalendarDay(2027, 1, 4, SWAPPED_DAY_OFF, "nghỉ hoán đổi, làm bù thứ Bảy 23/01/2027");
  *request.add_days() = NewCalendarDay(2027, 1, 23, MAKEUP_WORKDAY, "làm bù cho thứ Hai 04/01/2027");
  for (int day = 5; day <= 9; ++day) {
    *request.add_days() = NewCalendarDay(2027, 2, day, HOLIDAY, "Tết Nguyên đán Đinh Mùi");
  }
  *request.add_days() = NewCalendarDay(2027, 2, 10, COMPENSATORY_DAY_OFF, "nghỉ bù Tết");
  *request.add_days() = NewCalendarDay(2027, 2, 11, COMPENSATORY_DAY_OFF, "nghỉ bù Tết");
  *request.add_days() = NewCalendarDay(2027, 4, 16, HOLIDAY, "Giỗ Tổ Hùng Vương");
  *request.add_days() = NewCalendarDay(2027, 4, 30, HOLIDAY, "Ngày Chiến thắng");
  *request.add_days() = NewCalendarDay(2027, 5, 1, HOLIDAY, "Ngày Quốc tế Lao động");
  *request.add_days() = NewCalendarDay(2027, 5, 3, COMPENSATORY_DAY_OFF, "nghỉ bù 01/5");
  *request.add_days() = NewCalendarDay(2027, 9, 1, HOLIDAY, "Quốc khánh");
  *request.add_days() = NewCalendarDay(2027, 9, 2, HOLIDAY, "Quốc khánh");
  return request;
}

}  // namespace haicap::testing

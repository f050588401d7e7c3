// Between the calendar messages of haicap.deadlines.v1 and the calendar arithmetic's types.
#pragma once

#include <vector>

#include "absl/status/statusor.h"
#include "haicap/deadlines/v1/deadlines.pb.h"
#include "services/deadlines/calendar/due_date.h"
#include "services/deadlines/calendar/working_calendar.h"

namespace haicap::deadlines {

DayEntry ToDayEntry(const v1::CalendarDay& day);
v1::CalendarDay ToCalendarDay(const DayEntry& entry);
OfficeHours ToOfficeHours(const google::protobuf::RepeatedPtrField<v1::OfficeWindow>& windows);
void SetOfficeHours(const OfficeHours& hours, google::protobuf::RepeatedPtrField<v1::OfficeWindow>* windows);
// The due date as the API answers it, with a sentence explaining it.
v1::ComputeDueDateResponse ToResponse(const DueDate& due, absl::Time received_at, int64_t amount, v1::DurationUnit unit);

}  // namespace haicap::deadlines

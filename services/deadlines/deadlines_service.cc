#include "services/deadlines/deadlines_service.h"

#include "common/server/unary.h"

namespace haicap::deadlines {

using server::CallerActor;
using server::RunInline;
using server::RunOnPool;

grpc::ServerUnaryReactor* DeadlinesService::GetCalendar(grpc::CallbackServerContext* context,
                                                        const v1::GetCalendarRequest* request, v1::Calendar* response) {
  return RunInline(context, kDeadlinesErrorDomain, response, [&] { return calendars_->Get(*request); });
}

grpc::ServerUnaryReactor* DeadlinesService::ListCalendars(grpc::CallbackServerContext* context,
                                                          const v1::ListCalendarsRequest* request,
                                                          v1::ListCalendarsResponse* response) {
  return RunInline(context, kDeadlinesErrorDomain, response,
                   [&]() -> absl::StatusOr<v1::ListCalendarsResponse> { return calendars_->List(); });
}

grpc::ServerUnaryReactor* DeadlinesService::CreateCalendar(grpc::CallbackServerContext* context,
                                                           const v1::CreateCalendarRequest* request,
                                                           v1::Calendar* response) {
  return RunOnPool(context, *pool_, kDeadlinesErrorDomain, response,
                   [this, request, actor = CallerActor(context)] { return calendars_->Create(*request, actor); });
}

grpc::ServerUnaryReactor* DeadlinesService::UpsertCalendarDays(grpc::CallbackServerContext* context,
                                                               const v1::UpsertCalendarDaysRequest* request,
                                                               v1::Calendar* response) {
  return RunOnPool(context, *pool_, kDeadlinesErrorDomain, response,
                   [this, request, actor = CallerActor(context)] { return calendars_->UpsertDays(*request, actor); });
}

grpc::ServerUnaryReactor* DeadlinesService::ListCalendarChanges(grpc::CallbackServerContext* context,
                                                                const v1::ListCalendarChangesRequest* request,
                                                                v1::ListCalendarChangesResponse* response) {
  return RunOnPool(context, *pool_, kDeadlinesErrorDomain, response,
                   [this, request] { return calendars_->Changes(*request); });
}

grpc::ServerUnaryReactor* DeadlinesService::ComputeDueDate(grpc::CallbackServerContext* context,
                                                           const v1::ComputeDueDateRequest* request,
                                                           v1::ComputeDueDateResponse* response) {
  return RunInline(context, kDeadlinesErrorDomain, response, [&] { return calendars_->ComputeDueDate(*request); });
}

grpc::ServerUnaryReactor* DeadlinesService::CountWorkingDays(grpc::CallbackServerContext* context,
                                                             const v1::CountWorkingDaysRequest* request,
                                                             v1::CountWorkingDaysResponse* response) {
  return RunInline(context, kDeadlinesErrorDomain, response, [&] { return calendars_->CountWorkingDays(*request); });
}

}  // namespace haicap::deadlines

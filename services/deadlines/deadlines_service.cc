#include "services/deadlines/deadlines_service.h"

#include "common/server/unary.h"
#include "services/deadlines/event_stream.h"

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

grpc::ServerUnaryReactor* DeadlinesService::ImportCalendarYear(grpc::CallbackServerContext* context,
                                                               const v1::ImportCalendarYearRequest* request,
                                                               v1::ImportCalendarYearResponse* response) {
  return RunOnPool(context, *pool_, kDeadlinesErrorDomain, response, [this, request, actor = CallerActor(context)] {
    return calendars_->ImportYear(*request, actor, [this](const auto& calendars) {
      return dossiers_->PreviewMoves(calendars);
    });
  });
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

grpc::ServerUnaryReactor* DeadlinesService::CreateDossier(grpc::CallbackServerContext* context,
                                                        const v1::CreateDossierRequest* request, v1::Dossier* response) {
  return RunOnPool(context, *pool_, kDeadlinesErrorDomain, response,
                   [this, request, actor = CallerActor(context)] { return dossiers_->Create(*request, actor); });
}

grpc::ServerUnaryReactor* DeadlinesService::GetDossier(grpc::CallbackServerContext* context,
                                                        const v1::GetDossierRequest* request, v1::Dossier* response) {
  return RunInline(context, kDeadlinesErrorDomain, response, [&] { return dossiers_->Get(*request); });
}

grpc::ServerUnaryReactor* DeadlinesService::ListDossiers(grpc::CallbackServerContext* context,
                                                        const v1::ListDossiersRequest* request, v1::ListDossiersResponse* response) {
  return RunOnPool(context, *pool_, kDeadlinesErrorDomain, response,
                   [this, request] { return dossiers_->List(*request); });
}

grpc::ServerUnaryReactor* DeadlinesService::TransitionDossier(grpc::CallbackServerContext* context,
                                                        const v1::TransitionDossierRequest* request, v1::Dossier* response) {
  return RunOnPool(context, *pool_, kDeadlinesErrorDomain, response,
                   [this, request, actor = CallerActor(context)] { return dossiers_->Transition(*request, actor); });
}

grpc::ServerUnaryReactor* DeadlinesService::RequestSupplement(grpc::CallbackServerContext* context,
                                                        const v1::RequestSupplementRequest* request, v1::Dossier* response) {
  return RunOnPool(context, *pool_, kDeadlinesErrorDomain, response,
                   [this, request, actor = CallerActor(context)] { return dossiers_->RequestSupplement(*request, actor); });
}

grpc::ServerUnaryReactor* DeadlinesService::ResumeProcessing(grpc::CallbackServerContext* context,
                                                        const v1::ResumeProcessingRequest* request, v1::Dossier* response) {
  return RunOnPool(context, *pool_, kDeadlinesErrorDomain, response,
                   [this, request, actor = CallerActor(context)] { return dossiers_->Resume(*request, actor); });
}

grpc::ServerUnaryReactor* DeadlinesService::Reschedule(grpc::CallbackServerContext* context,
                                                        const v1::RescheduleRequest* request, v1::Dossier* response) {
  return RunOnPool(context, *pool_, kDeadlinesErrorDomain, response,
                   [this, request, actor = CallerActor(context)] { return dossiers_->Reschedule(*request, actor); });
}

grpc::ServerUnaryReactor* DeadlinesService::GetStatistics(grpc::CallbackServerContext* context,
                                                        const v1::GetStatisticsRequest* request, v1::Statistics* response) {
  return RunOnPool(context, *pool_, kDeadlinesErrorDomain, response,
                   [this, request] { return dossiers_->Statistics(*request); });
}

grpc::ServerWriteReactor<v1::DeadlineEvent>* DeadlinesService::WatchEvents(grpc::CallbackServerContext* context,
                                                                            const v1::WatchEventsRequest* request) {
  return new EventStream(store_, hub_, dossiers_, *request);
}

}  // namespace haicap::deadlines

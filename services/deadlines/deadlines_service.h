// gRPC glue for haicap.deadlines.v1.Deadlines. Changes run on the worker pool (their synced writes
// must not block gRPC threads); reads and due-date arithmetic run inline.
#pragma once

#include "common/server/worker_pool.h"
#include "haicap/deadlines/v1/deadlines.grpc.pb.h"
#include "services/deadlines/calendar_book.h"
#include "services/deadlines/dossier_book.h"
#include "services/deadlines/dossier_store.h"
#include "services/deadlines/event_hub.h"

namespace haicap::deadlines {

inline constexpr char kDeadlinesServiceName[] = "haicap.deadlines.v1.Deadlines";
inline constexpr char kDeadlinesErrorDomain[] = "deadlines.haicap";

class DeadlinesService final : public v1::Deadlines::CallbackService {
 public:
  // Nothing is owned; everything must outlive the service.
  DeadlinesService(CalendarBook* calendars, DossierBook* dossiers, const DossierStore* store, EventHub* hub,
                   server::WorkerPool* pool)
      : calendars_(calendars), dossiers_(dossiers), store_(store), hub_(hub), pool_(pool) {}

  grpc::ServerUnaryReactor* GetCalendar(grpc::CallbackServerContext* context, const v1::GetCalendarRequest* request,
                                        v1::Calendar* response) override;
  grpc::ServerUnaryReactor* ListCalendars(grpc::CallbackServerContext* context, const v1::ListCalendarsRequest* request,
                                          v1::ListCalendarsResponse* response) override;
  grpc::ServerUnaryReactor* CreateCalendar(grpc::CallbackServerContext* context,
                                           const v1::CreateCalendarRequest* request, v1::Calendar* response) override;
  grpc::ServerUnaryReactor* UpsertCalendarDays(grpc::CallbackServerContext* context,
                                               const v1::UpsertCalendarDaysRequest* request,
                                               v1::Calendar* response) override;
  grpc::ServerUnaryReactor* ImportCalendarYear(grpc::CallbackServerContext* context,
                                               const v1::ImportCalendarYearRequest* request,
                                               v1::ImportCalendarYearResponse* response) override;
  grpc::ServerUnaryReactor* ListCalendarChanges(grpc::CallbackServerContext* context,
                                                const v1::ListCalendarChangesRequest* request,
                                                v1::ListCalendarChangesResponse* response) override;
  grpc::ServerUnaryReactor* ComputeDueDate(grpc::CallbackServerContext* context,
                                           const v1::ComputeDueDateRequest* request,
                                           v1::ComputeDueDateResponse* response) override;
  grpc::ServerUnaryReactor* CountWorkingDays(grpc::CallbackServerContext* context,
                                             const v1::CountWorkingDaysRequest* request,
                                             v1::CountWorkingDaysResponse* response) override;

  grpc::ServerUnaryReactor* CreateDossier(grpc::CallbackServerContext* context, const v1::CreateDossierRequest* request,
                                      v1::Dossier* response) override;
  grpc::ServerUnaryReactor* GetDossier(grpc::CallbackServerContext* context, const v1::GetDossierRequest* request,
                                      v1::Dossier* response) override;
  grpc::ServerUnaryReactor* ListDossiers(grpc::CallbackServerContext* context, const v1::ListDossiersRequest* request,
                                      v1::ListDossiersResponse* response) override;
  grpc::ServerUnaryReactor* TransitionDossier(grpc::CallbackServerContext* context, const v1::TransitionDossierRequest* request,
                                      v1::Dossier* response) override;
  grpc::ServerUnaryReactor* RequestSupplement(grpc::CallbackServerContext* context, const v1::RequestSupplementRequest* request,
                                      v1::Dossier* response) override;
  grpc::ServerUnaryReactor* ResumeProcessing(grpc::CallbackServerContext* context, const v1::ResumeProcessingRequest* request,
                                      v1::Dossier* response) override;
  grpc::ServerUnaryReactor* Reschedule(grpc::CallbackServerContext* context, const v1::RescheduleRequest* request,
                                      v1::Dossier* response) override;
  grpc::ServerUnaryReactor* GetStatistics(grpc::CallbackServerContext* context, const v1::GetStatisticsRequest* request,
                                      v1::Statistics* response) override;
  grpc::ServerWriteReactor<v1::DeadlineEvent>* WatchEvents(grpc::CallbackServerContext* context,
                                                           const v1::WatchEventsRequest* request) override;
 private:
  CalendarBook* calendars_;
  DossierBook* dossiers_;
  const DossierStore* store_;
  EventHub* hub_;
  server::WorkerPool* pool_;
};

}  // namespace haicap::deadlines

#include "bench/dossier_requests.h"

#include "absl/strings/str_cat.h"
#include "common/proto_time.h"

namespace haicap::bench {

namespace v1 = ::haicap::deadlines::v1;

v1::Channel ChannelFor(uint64_t bits) {
  const uint64_t tenth = bits % 10;
  return tenth < 5 ? v1::DIRECT : tenth < 9 ? v1::ONLINE : v1::POSTAL;
}

void FillCreateDossier(const AdminProcedure& procedure, v1::CreateDossierRequest* request) {
  request->Clear();
  v1::Dossier* d = request->mutable_dossier();
  d->set_id(procedure.id);
  d->set_kind(v1::ADMIN_PROCEDURE);
  // The procedure code the contract gives as its example.
  d->set_procedure_code("1.001612");
  d->set_subject(absl::StrCat("Hồ sơ tải thử ", procedure.id.empty() ? procedure.request_id : procedure.id));
  d->set_unit_code(procedure.unit_code);
  d->set_channel(procedure.channel);
  if (procedure.received_at) {
    *d->mutable_received_at() = ToTimestamp(*procedure.received_at);
  }
  d->mutable_duration()->set_amount(procedure.working_days);
  d->mutable_duration()->set_unit(v1::WORKING_DAYS);
  request->set_request_id(procedure.request_id);
}

}  // namespace haicap::bench

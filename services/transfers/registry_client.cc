#include "services/transfers/registry_client.h"

#include <chrono>

#include "absl/strings/str_cat.h"
#include "common/civil_date.h"
#include "common/errors.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace haicap::transfers {
namespace {

constexpr auto kCallTimeout = std::chrono::seconds(5);
// Deeper than any real tree (province → commune → grassroots → sub-committee → cell).
constexpr int kMaxDepth = 16;

void SetDeadline(grpc::ClientContext& context) {
  context.set_deadline(std::chrono::system_clock::now() + kCallTimeout);
  context.AddMetadata("x-haicap-actor", "haicap-transfers");
}

}  // namespace

absl::Status FromRegistry(const grpc::Status& status, std::string_view what, std::string_view field) {
  if (status.ok()) return absl::OkStatus();
  const std::string message = absl::StrCat(std::string(what), ": ", status.error_message());
  if (status.error_code() == grpc::StatusCode::INVALID_ARGUMENT) return InvalidArgument(field, message);
  absl::Status ours(static_cast<absl::StatusCode>(status.error_code()), message);
  // Keep the registry's reason (MEMBER_NOT_FOUND, ...): callers branch on it.
  google::rpc::Status details;
  if (details.ParseFromString(status.error_details())) {
    for (const google::protobuf::Any& any : details.details()) {
      google::rpc::ErrorInfo info;
      if (any.UnpackTo(&info) && !info.reason().empty()) return WithReason(ours, info.reason());
    }
  }
  return ours;
}

RegistryClient::RegistryClient(std::shared_ptr<grpc::Channel> channel, std::string province_code)
    : stub_(registry::v1::Registry::NewStub(std::move(channel))), province_code_(std::move(province_code)) {}

absl::StatusOr<registry::v1::Member> RegistryClient::GetMember(const std::string& id, absl::CivilDay as_of,
                                                               std::string_view field) const {
  grpc::ClientContext context;
  SetDeadline(context);
  registry::v1::GetMemberRequest request;
  request.set_id(id);
  *request.mutable_as_of() = ToProtoDate(as_of);
  registry::v1::Member member;
  if (absl::Status s = FromRegistry(stub_->GetMember(&context, request, &member), "member " + id, field); !s.ok()) return s;
  return member;
}

absl::StatusOr<registry::v1::Organization> RegistryClient::GetOrganization(const std::string& id,
                                                                           absl::CivilDay as_of,
                                                                           std::string_view field) const {
  grpc::ClientContext context;
  SetDeadline(context);
  registry::v1::GetOrganizationRequest request;
  request.set_id(id);
  *request.mutable_as_of() = ToProtoDate(as_of);
  registry::v1::Organization org;
  if (absl::Status s = FromRegistry(stub_->GetOrganization(&context, request, &org), "organisation " + id, field); !s.ok()) {
    return s;
  }
  return org;
}

absl::StatusOr<std::vector<OrgRef>> RegistryClient::Path(const std::string& id, absl::CivilDay as_of) const {
  std::vector<OrgRef> path;
  for (std::string next = id; !next.empty() && path.size() < kMaxDepth;) {
    absl::StatusOr<registry::v1::Organization> org = GetOrganization(next, as_of, "organization_id");
    if (!org.ok()) return org.status();
    path.push_back({org->id(), org->name(), org->kind(), province_code_});
    next = org->parent_id();
  }
  return path;
}

}  // namespace haicap::transfers

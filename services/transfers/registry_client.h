// What the transfers service reads from a registry (its own province's or another's): a member and
// an organisation's path to its root, as of a date. Calls carry a deadline; a registry that cannot
// be reached is UNAVAILABLE so the caller can retry. Thread-safe.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "grpcpp/grpcpp.h"
#include "haicap/registry/v1/registry.grpc.pb.h"
#include "services/transfers/transfer_chain.h"

namespace haicap::transfers {

class RegistryClient {
 public:
  // `province_code` is stamped on the organisations of another province's registry ("" for ours).
  RegistryClient(std::shared_ptr<grpc::Channel> channel, std::string province_code);

  // `field` names the caller's field when the registry finds the id malformed.
  absl::StatusOr<registry::v1::Member> GetMember(const std::string& id, absl::CivilDay as_of,
                                                 std::string_view field = "member_id") const;
  absl::StatusOr<registry::v1::Organization> GetOrganization(const std::string& id, absl::CivilDay as_of,
                                                             std::string_view field = "organization_id") const;
  // `id` and its ancestors, nearest first, as of `as_of`.
  absl::StatusOr<std::vector<OrgRef>> Path(const std::string& id, absl::CivilDay as_of) const;

  registry::v1::Registry::Stub& stub() const { return *stub_; }
  const std::string& province_code() const { return province_code_; }

 private:
  std::unique_ptr<registry::v1::Registry::Stub> stub_;
  std::string province_code_;
};

// A registry error as this service reports it: the registry's code, reason and message, prefixed
// with what was being read; INVALID_ARGUMENT names `field`, the caller's own.
absl::Status FromRegistry(const grpc::Status& status, std::string_view what, std::string_view field);

}  // namespace haicap::transfers

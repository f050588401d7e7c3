// The registry calls of haicap-bench-roster and haicap-bench-transfers: synchronous stubs, each
// call with the bench's actor header and a deadline, and the drivers that import a data set in
// batches of up to 1000 rows.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "bench/roster_dataset.h"
#include "grpcpp/grpcpp.h"
#include "haicap/registry/v1/registry.grpc.pb.h"

namespace haicap::bench {

// Thread-safe: concurrent calls share the channel.
class RosterClient {
 public:
  // `actor` is sent as x-haicap-actor on every call.
  explicit RosterClient(std::shared_ptr<grpc::Channel> channel, std::string actor = "haicap-bench-roster");

  absl::StatusOr<registry::v1::ImportReport> ImportOrganizations(const registry::v1::ImportOrganizationsRequest& request);
  absl::StatusOr<registry::v1::ImportReport> ImportMembers(const registry::v1::ImportMembersRequest& request);
  absl::StatusOr<registry::v1::MoveOrganizationsResponse> MoveOrganizations(
      const registry::v1::MoveOrganizationsRequest& request);
  absl::StatusOr<registry::v1::SubtreeSummary> SummarizeSubtree(const registry::v1::SummarizeSubtreeRequest& request);
  absl::StatusOr<registry::v1::ListMembersResponse> ListMembers(const registry::v1::ListMembersRequest& request);

 private:
  template <typename Request, typename Response>
  using Method = grpc::Status (registry::v1::Registry::Stub::*)(grpc::ClientContext*, const Request&, Response*);

  // One call of `method`; a failed call becomes an absl::Status with the gRPC code and message.
  template <typename Request, typename Response>
  absl::StatusOr<Response> Call(Method<Request, Response> method, const Request& request,
                                std::chrono::seconds deadline);

  std::unique_ptr<registry::v1::Registry::Stub> stub_;
  std::string actor_;
};

// What an import did: the rows' fate from the servers' reports and the time it took.
struct ImportTally {
  int64_t rows_sent = 0;
  int64_t imported = 0;
  int64_t unchanged = 0;
  int64_t row_errors = 0;
  std::vector<registry::v1::RowError> first_errors;   // up to 10
  std::map<std::string, std::string> organization_ids;  // key → id (organisation imports)
  double seconds = 0;                                  // first call issued to last answer
  double build_seconds = 0;                            // client time spent generating rows
  std::vector<double> call_ms;                         // each call's latency
  bool complete = true;                                // false if cut short by the time limit
};

// Imports the "establish" rows of `plan` in order, 1000 per call.
absl::StatusOr<ImportTally> ImportOrganizationPlan(RosterClient& client, const std::vector<PlannedOrganization>& plan);

// Imports `rows` 1000 per call with `in_flight` calls outstanding (each from its own thread, which
// also generates its batches). Stops issuing calls at `stop_at`, leaving `complete` false.
absl::StatusOr<ImportTally> ImportMemberRows(RosterClient& client, const MemberRows& rows, int in_flight,
                                             std::chrono::steady_clock::time_point stop_at);

}  // namespace haicap::bench

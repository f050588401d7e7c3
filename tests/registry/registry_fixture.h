// An in-process registry server on 127.0.0.1:0 over a RocksDB in a temporary folder, with a fake
// clock, and a real gRPC client to it.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/clock.h"
#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "haicap/registry/v1/registry.grpc.pb.h"
#include "services/registry/registry_server.h"
#include "testing/grpc_errors.h"
#include "testing/temp_dir.h"

namespace haicap::registry::testing {

using namespace haicap::registry::v1;  // NOLINT: the contract's names read best unqualified here

using haicap::testing::BadFields;
using haicap::testing::D;
using haicap::testing::Reason;

class RegistryTest : public ::testing::Test {
 protected:
  void SetUp() override { Start(); }
  void TearDown() override { server_.reset(); }

  void Start() {
    server::ServerOptions options;
    options.listen = "127.0.0.1:0";
    options.data_dir = dir_.path();
    options.workers = 4;
    auto server = RegistryServer::Start(options, &clock_);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    stub_ = Registry::NewStub(
        grpc::CreateChannel("127.0.0.1:" + std::to_string(server_->port()), grpc::InsecureChannelCredentials()));
  }
  void Restart() {
    server_.reset();
    Start();
  }

  // Calls `method` with a deadline and the actor header.
  template <typename Request, typename Response>
  grpc::Status Call(grpc::Status (Registry::Stub::*method)(grpc::ClientContext*, const Request&, Response*),
                    const Request& request, Response* response) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    context.AddMetadata("x-haicap-actor", "clerk@phucloi");
    return (stub_.get()->*method)(&context, request, response);
  }

  CreateOrganizationRequest CreateRequest(const std::string& name, OrganizationKind kind, const std::string& parent,
                                          const std::string& unit, const google::type::Date& effective) {
    CreateOrganizationRequest request;
    request.mutable_organization()->set_name(name);
    request.mutable_organization()->set_kind(kind);
    request.mutable_organization()->set_parent_id(parent);
    request.mutable_organization()->set_admin_unit_code(unit);
    *request.mutable_effective_date() = effective;
    request.mutable_decision()->set_number("01-QĐ/TU");
    *request.mutable_decision()->mutable_date() = effective;
    return request;
  }

  Organization MustCreate(const std::string& name, OrganizationKind kind, const std::string& parent,
                          const std::string& unit, const google::type::Date& effective) {
    Organization org;
    grpc::Status status = Call(&Registry::Stub::CreateOrganization, CreateRequest(name, kind, parent, unit, effective), &org);
    EXPECT_TRUE(status.ok()) << name << ": " << status.error_message();
    return org;
  }

  Organization MustGet(const std::string& id, const google::type::Date* as_of = nullptr) {
    GetOrganizationRequest request;
    request.set_id(id);
    if (as_of) *request.mutable_as_of() = *as_of;
    Organization org;
    grpc::Status status = Call(&Registry::Stub::GetOrganization, request, &org);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return org;
  }

  // Ids of the children of `parent` as of `as_of` (or latest), following every page.
  std::vector<std::string> ChildIds(const std::string& parent, const google::type::Date* as_of = nullptr) {
    ListOrganizationsRequest request;
    request.set_parent_id(parent);
    if (as_of) *request.mutable_as_of() = *as_of;
    request.set_page_size(7);
    std::vector<std::string> ids;
    for (;;) {
      ListOrganizationsResponse response;
      grpc::Status status = Call(&Registry::Stub::ListOrganizations, request, &response);
      EXPECT_TRUE(status.ok()) << status.error_message();
      for (const auto& org : response.organizations()) ids.push_back(org.id());
      if (!status.ok() || response.next_page_token().empty()) return ids;
      request.set_page_token(response.next_page_token());
    }
  }

  // Everything the registry holds, for "nothing changed" checks: every organisation and every event,
  // each list read to its last page (a change beyond the first page must show too).
  std::string Everything() {
    std::string out;
    std::vector<std::string> ids;
    ListOrganizationsRequest list;
    list.set_page_size(kEverythingPageSize);
    for (;;) {
      ListOrganizationsResponse orgs;
      grpc::Status status = Call(&Registry::Stub::ListOrganizations, list, &orgs);
      EXPECT_TRUE(status.ok()) << status.error_message();
      for (const auto& org : orgs.organizations()) {
        out += org.SerializeAsString();
        ids.push_back(org.id());
      }
      if (!status.ok() || orgs.next_page_token().empty()) break;
      list.set_page_token(orgs.next_page_token());
    }
    for (const std::string& id : ids) {
      ListOrganizationEventsRequest request;
      request.set_organization_id(id);
      request.set_page_size(kEverythingPageSize);
      for (;;) {
        ListOrganizationEventsResponse events;
        grpc::Status status = Call(&Registry::Stub::ListOrganizationEvents, request, &events);
        EXPECT_TRUE(status.ok()) << id << ": " << status.error_message();
        for (const auto& event : events.events()) out += event.SerializeAsString();
        if (!status.ok() || events.next_page_token().empty()) break;
        request.set_page_token(events.next_page_token());
      }
    }
    return out;
  }
  // The page size Everything() asks for: the most the contract allows (registry.proto, page_size).
  static constexpr int kEverythingPageSize = 1000;

  haicap::testing::TempDir dir_;
  FakeClock clock_{absl::FromUnixSeconds(1782864000)};  // 2026-07-01T00:00:00Z
  std::unique_ptr<RegistryServer> server_;
  std::unique_ptr<Registry::Stub> stub_;
};

}  // namespace haicap::registry::testing

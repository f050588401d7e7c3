// The real haicap-registry binary, killed with SIGKILL right after acknowledged writes, restarted
// on the same data: every acknowledged change is there.
#include <thread>

#include "grpcpp/health_check_service_interface.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "tests/registry/registry_fixture.h"
#include "testing/server_process.h"

namespace haicap::registry::testing {
namespace {

using haicap::testing::ServerProcess;

class CrashRecoveryTest : public ::testing::Test {
 protected:
  std::unique_ptr<Registry::Stub> Connect(int port) {
    channel_ = grpc::CreateChannel("127.0.0.1:" + std::to_string(port), grpc::InsecureChannelCredentials());
    return Registry::NewStub(channel_);
  }
  static std::unique_ptr<grpc::ClientContext> Context() {
    auto context = std::make_unique<grpc::ClientContext>();
    context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    return context;
  }

  haicap::testing::TempDir data_;
  haicap::testing::TempDir logs_;
  std::shared_ptr<grpc::Channel> channel_;
};

CreateOrganizationRequest Create(const std::string& name, OrganizationKind kind, const std::string& parent,
                                 const std::string& unit) {
  CreateOrganizationRequest request;
  request.mutable_organization()->set_name(name);
  request.mutable_organization()->set_kind(kind);
  request.mutable_organization()->set_parent_id(parent);
  request.mutable_organization()->set_admin_unit_code(unit);
  *request.mutable_effective_date() = D(2025, 7, 1);
  return request;
}

TEST_F(CrashRecoveryTest, AcknowledgedWritesSurviveSigkill) {
  std::vector<std::pair<std::string, std::string>> acknowledged;  // id, name
  std::string ward, other_ward;
  std::vector<std::string> moved;
  {
    ServerProcess server(HAICAP_REGISTRY_BINARY, data_.path(), logs_.path() + "/first.log");
    ASSERT_GT(server.port(), 0) << "the server did not start";
    auto stub = Connect(server.port());
    Organization org;
    ASSERT_TRUE(stub->CreateOrganization(Context().get(), Create("Thành ủy Hà Nội", PROVINCIAL_COMMITTEE, "", "01"), &org).ok());
    const std::string city = org.id();
    ASSERT_TRUE(stub->CreateOrganization(Context().get(), Create("Phường Phúc Lợi", COMMUNE_COMMITTEE, city, "00136"), &org).ok());
    ward = org.id();
    ASSERT_TRUE(stub->CreateOrganization(Context().get(), Create("Phường Bồ Đề", COMMUNE_COMMITTEE, city, "00118"), &org).ok());
    other_ward = org.id();

    // Eight writers at once, 25 creations each: they group-commit.
    std::mutex mu;
    std::vector<std::thread> writers;
    for (int w = 0; w < 8; ++w) {
      writers.emplace_back([&, w] {
        for (int i = 0; i < 25; ++i) {
          const std::string name = "Chi bộ " + std::to_string(w) + "-" + std::to_string(i);
          Organization created;
          if (stub->CreateOrganization(Context().get(), Create(name, GRASSROOTS_CELL, ward, ""), &created).ok()) {
            std::lock_guard<std::mutex> lock(mu);
            acknowledged.emplace_back(created.id(), name);
          }
        }
      });
    }
    for (auto& t : writers) t.join();
    ASSERT_EQ(acknowledged.size(), 200u);

    MoveOrganizationsRequest move;
    for (int i = 0; i < 10; ++i) {
      move.add_organization_ids(acknowledged[i].first);
      moved.push_back(acknowledged[i].first);
    }
    move.set_new_parent_id(other_ward);
    *move.mutable_effective_date() = D(2025, 9, 1);
    MoveOrganizationsResponse response;
    ASSERT_TRUE(stub->MoveOrganizations(Context().get(), move, &response).ok());
    EXPECT_EQ(server.Signal(SIGKILL), 128 + SIGKILL);
  }

  ServerProcess server(HAICAP_REGISTRY_BINARY, data_.path(), logs_.path() + "/second.log");
  ASSERT_GT(server.port(), 0) << "the server did not restart on the same data";
  auto stub = Connect(server.port());
  for (const auto& [id, name] : acknowledged) {
    GetOrganizationRequest get;
    get.set_id(id);
    Organization org;
    ASSERT_TRUE(stub->GetOrganization(Context().get(), get, &org).ok()) << id;
    EXPECT_EQ(org.name(), name);
    const bool was_moved = std::find(moved.begin(), moved.end(), id) != moved.end();
    EXPECT_EQ(org.parent_id(), was_moved ? other_ward : ward) << id;
  }
  SummarizeSubtreeRequest summary_request;
  summary_request.set_organization_id(ward);
  SubtreeSummary summary;
  ASSERT_TRUE(stub->SummarizeSubtree(Context().get(), summary_request, &summary).ok());
  EXPECT_EQ(summary.total_organizations(), 190);

  // Healthy under the service's full name, and a SIGTERM stops it cleanly.
  auto health = grpc::health::v1::Health::NewStub(channel_);
  grpc::health::v1::HealthCheckRequest check;
  check.set_service("haicap.registry.v1.Registry");
  grpc::health::v1::HealthCheckResponse serving;
  ASSERT_TRUE(health->Check(Context().get(), check, &serving).ok());
  EXPECT_EQ(serving.status(), grpc::health::v1::HealthCheckResponse::SERVING);
  EXPECT_EQ(server.Signal(SIGTERM), 0);
}

}  // namespace
}  // namespace haicap::registry::testing

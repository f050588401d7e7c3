#include "common/server/malformed_request.h"

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "common/server/server_host.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/generic/generic_stub.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "haicap/registry/v1/registry.grpc.pb.h"

namespace haicap::server {
namespace {

using haicap::registry::v1::GetOrganizationRequest;
using haicap::registry::v1::Organization;

constexpr char kGetOrganization[] = "/haicap.registry.v1.Registry/GetOrganization";

// Answers GetOrganization with an organisation named after the requested id.
class EchoRegistry : public haicap::registry::v1::Registry::CallbackService {
  grpc::ServerUnaryReactor* GetOrganization(grpc::CallbackServerContext* context,
                                            const GetOrganizationRequest* request,
                                            Organization* response) override {
    response->set_id(request->id());
    response->set_name("Đảng bộ " + request->id());
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }
};

class MalformedRequestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto host = ServerHost::Start("127.0.0.1:0", {&service_}, {"haicap.registry.v1.Registry"});
    ASSERT_TRUE(host.ok()) << host.status();
    host_ = std::move(*host);
    channel_ =
        grpc::CreateChannel("127.0.0.1:" + std::to_string(host_->port()), grpc::InsecureChannelCredentials());
  }

  // Sends `request_bytes` as the serialized request of `method` and returns the status.
  grpc::Status CallRaw(const std::string& method, const std::string& request_bytes, grpc::ByteBuffer* reply) {
    grpc::GenericStub stub(channel_);
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    grpc::Slice slice(request_bytes);
    grpc::ByteBuffer request(&slice, 1);
    std::mutex mu;
    std::condition_variable done_cv;
    bool done = false;
    grpc::Status result;
    stub.UnaryCall(&context, method, grpc::StubOptions(), &request, reply, [&](grpc::Status status) {
      std::lock_guard<std::mutex> lock(mu);
      result = std::move(status);
      done = true;
      done_cv.notify_one();
    });
    std::unique_lock<std::mutex> lock(mu);
    done_cv.wait(lock, [&] { return done; });
    return result;
  }

  EchoRegistry service_;
  std::unique_ptr<ServerHost> host_;
  std::shared_ptr<grpc::Channel> channel_;
};

TEST_F(MalformedRequestTest, InvalidUtf8InAStringFieldIsInvalidArgumentWithDetails) {
  // GetOrganizationRequest{id = "\xC3\x28"}: field 1, wire type 2 (tag 0x0A), length 2.
  const std::string request_bytes("\x0A\x02\xC3\x28", 4);
  grpc::ByteBuffer reply;
  grpc::Status status = CallRaw(kGetOrganization, request_bytes, &reply);

  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message(), "");
  google::rpc::Status details;
  ASSERT_TRUE(details.ParseFromString(status.error_details()));
  EXPECT_EQ(details.code(), grpc::StatusCode::INVALID_ARGUMENT);
  google::rpc::ErrorInfo info;
  google::rpc::BadRequest bad_request;
  for (const auto& detail : details.details()) {
    if (detail.Is<google::rpc::ErrorInfo>()) {
      ASSERT_TRUE(detail.UnpackTo(&info));
    } else if (detail.Is<google::rpc::BadRequest>()) {
      ASSERT_TRUE(detail.UnpackTo(&bad_request));
    }
  }
  EXPECT_EQ(info.reason(), "MALFORMED_REQUEST");
  EXPECT_EQ(info.domain(), "registry.haicap");
  ASSERT_EQ(bad_request.field_violations_size(), 1);
  EXPECT_EQ(bad_request.field_violations(0).field(), "request");
  EXPECT_NE(bad_request.field_violations(0).description().find("UTF-8"), std::string::npos);
}

TEST_F(MalformedRequestTest, BytesThatAreNoMessageAreInvalidArgument) {
  // A length-delimited field claiming 100 bytes with only 1 present.
  grpc::ByteBuffer reply;
  grpc::Status status = CallRaw(kGetOrganization, std::string("\x0A\x64\x41", 3), &reply);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(MalformedRequestTest, WellFormedCallsStillWork) {
  GetOrganizationRequest request;
  request.set_id("Phúc Lợi");
  grpc::ByteBuffer reply;
  grpc::Status status = CallRaw(kGetOrganization, request.SerializeAsString(), &reply);
  ASSERT_TRUE(status.ok()) << status.error_message();
  std::vector<grpc::Slice> slices;
  ASSERT_TRUE(reply.Dump(&slices).ok());
  std::string bytes;
  for (const grpc::Slice& slice : slices)
    bytes.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
  Organization organization;
  ASSERT_TRUE(organization.ParseFromString(bytes));
  EXPECT_EQ(organization.name(), "Đảng bộ Phúc Lợi");

  // Through the generated stub too, and an empty request (all defaults) is well formed.
  auto stub = haicap::registry::v1::Registry::NewStub(channel_);
  grpc::ClientContext context;
  Organization answer;
  ASSERT_TRUE(stub->GetOrganization(&context, GetOrganizationRequest(), &answer).ok());
  EXPECT_EQ(answer.name(), "Đảng bộ ");
}

TEST_F(MalformedRequestTest, UnimplementedMethodsAreStillUnimplemented) {
  grpc::ByteBuffer reply;
  grpc::Status status = CallRaw("/haicap.registry.v1.Registry/ListOrganizations", "", &reply);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNIMPLEMENTED);
}

TEST(ErrorDomainOfMethodTest, TakesTheServicePackage) {
  EXPECT_EQ(ErrorDomainOfMethod("/haicap.registry.v1.Registry/CreateOrganization"), "registry.haicap");
  EXPECT_EQ(ErrorDomainOfMethod("/haicap.transfers.v1.Transfers/IssueIntroduction"), "transfers.haicap");
  EXPECT_EQ(ErrorDomainOfMethod("/grpc.health.v1.Health/Check"), "health.grpc");
  EXPECT_EQ(ErrorDomainOfMethod("/Echo/Call"), "Echo");
}

}  // namespace
}  // namespace haicap::server

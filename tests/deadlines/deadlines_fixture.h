// An in-process deadlines server on 127.0.0.1:0 over a RocksDB in a temporary folder, with a fake
// clock the tests move (the timer sweeper looks every few milliseconds), and a real gRPC client.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "common/clock.h"
#include "gmock/gmock.h"
#include "google/protobuf/timestamp.pb.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "haicap/deadlines/v1/deadlines.grpc.pb.h"
#include "services/deadlines/deadlines_server.h"
#include "testing/grpc_errors.h"
#include "testing/temp_dir.h"

namespace haicap::deadlines::testing {

using namespace haicap::deadlines::v1;  // NOLINT: the contract's names read best unqualified here

using haicap::testing::BadFields;
using haicap::testing::D;
using haicap::testing::Reason;

// Real commune codes (data/admin-units-2025-07.csv): two wards of Hà Nội (01) and one of Quảng Ninh (22).
inline constexpr char kHanoi[] = "01";
inline constexpr char kPhucLoi[] = "00136";
inline constexpr char kVietHung[] = "00127";
inline constexpr char kVietHungQuangNinh[] = "06661";

inline absl::Time VnTime(int y, int m, int d, int hour, int minute) {
  return absl::FromCivil(absl::CivilMinute(y, m, d, hour, minute), VietnamTimeZone());
}

// An instant in Vietnam (UTC+7).
inline google::protobuf::Timestamp At(int y, int m, int d, int hour, int minute) {
  google::protobuf::Timestamp ts;
  ts.set_seconds(absl::ToUnixSeconds(VnTime(y, m, d, hour, minute)));
  return ts;
}

// "2026-02-26 17:00" (seconds shown only when there are any), so a failed comparison reads as a time.
inline std::string Local(const google::protobuf::Timestamp& ts) {
  const absl::Time t = absl::FromUnixSeconds(ts.seconds()) + absl::Nanoseconds(ts.nanos());
  const bool whole_minute = ts.seconds() % 60 == 0 && ts.nanos() == 0;
  return absl::FormatTime(whole_minute ? "%Y-%m-%d %H:%M" : "%Y-%m-%d %H:%M:%E*S", t, VietnamTimeZone());
}

class DeadlinesTest : public ::testing::Test {
 protected:
  void SetUp() override { Start(); }
  void TearDown() override { server_.reset(); }

  void Start() {
    server::ServerOptions options;
    options.listen = "127.0.0.1:0";
    options.data_dir = dir_.path();
    options.workers = 2;
    auto server = DeadlinesServer::Start(
        options, &clock_,
        DeadlinesServer::Tuning{.sweep_interval = absl::Milliseconds(5), .shipped_years = shipped_years_});
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    stub_ = Deadlines::NewStub(
        grpc::CreateChannel("127.0.0.1:" + std::to_string(server_->port()), grpc::InsecureChannelCredentials()));
  }
  // The same data folder served by a new server.
  void Restart() {
    server_->Stop(absl::ZeroDuration());
    server_.reset();
    Start();
  }

  void SetNow(int y, int m, int d, int hour, int minute) { clock_.Set(VnTime(y, m, d, hour, minute)); }

  // Calls `method` with a deadline and `actor_` as the x-haicap-actor header.
  template <typename Request, typename Response>
  grpc::Status Call(grpc::Status (Deadlines::Stub::*method)(grpc::ClientContext*, const Request&, Response*),
                    const Request& request, Response* response) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    context.AddMetadata("x-haicap-actor", actor_);
    return (stub_.get()->*method)(&context, request, response);
  }

  // ComputeDueDate on `calendar`, expected to succeed.
  ComputeDueDateResponse Due(const std::string& calendar, google::protobuf::Timestamp received, int64_t amount,
                             DurationUnit unit = WORKING_DAYS) {
    ComputeDueDateRequest request;
    request.set_calendar_id(calendar);
    *request.mutable_received_at() = received;
    request.set_amount(amount);
    request.set_unit(unit);
    ComputeDueDateResponse response;
    grpc::Status status = Call(&Deadlines::Stub::ComputeDueDate, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  // An ADMIN_PROCEDURE dossier received now (received_at left to its default).
  static CreateDossierRequest NewDossier(const std::string& id, const std::string& unit_code, int64_t amount,
                                         DurationUnit unit = WORKING_DAYS, Channel channel = DIRECT) {
    CreateDossierRequest request;
    Dossier* d = request.mutable_dossier();
    d->set_id(id);
    d->set_kind(ADMIN_PROCEDURE);
    d->set_subject("Đăng ký khai sinh");
    d->set_unit_code(unit_code);
    d->set_procedure_code("1.001193");
    d->set_channel(channel);
    d->mutable_duration()->set_amount(amount);
    d->mutable_duration()->set_unit(unit);
    return request;
  }

  Dossier MustCreate(const CreateDossierRequest& request) {
    Dossier dossier;
    grpc::Status status = Call(&Deadlines::Stub::CreateDossier, request, &dossier);
    EXPECT_TRUE(status.ok()) << request.dossier().id() << ": " << status.error_message();
    return dossier;
  }
  Dossier MustCreate(const std::string& id, const std::string& unit_code, int64_t amount,
                     DurationUnit unit = WORKING_DAYS, Channel channel = DIRECT) {
    return MustCreate(NewDossier(id, unit_code, amount, unit, channel));
  }

  grpc::Status Get(const std::string& id, Dossier* dossier) {
    GetDossierRequest request;
    request.set_id(id);
    return Call(&Deadlines::Stub::GetDossier, request, dossier);
  }
  Dossier MustGet(const std::string& id) {
    Dossier dossier;
    grpc::Status status = Get(id, &dossier);
    EXPECT_TRUE(status.ok()) << id << ": " << status.error_message();
    return dossier;
  }
  // The whole dossier with its history, for "a refused call changed nothing".
  std::string Snapshot(const std::string& id) { return MustGet(id).SerializeAsString(); }

  // Expects `status` to be FAILED_PRECONDITION with `reason`.
  static void ExpectPrecondition(const grpc::Status& status, const std::string& reason) {
    EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << status.error_message();
    EXPECT_EQ(Reason(status), reason) << status.error_message();
  }

  // "VN-01", Hà Nội's calendar layered on the national one.
  void MustCreateHanoiCalendar() {
    CreateCalendarRequest create;
    create.mutable_calendar()->set_id("VN-01");
    create.mutable_calendar()->set_name("Lịch làm việc Thành phố Hà Nội");
    create.mutable_calendar()->set_base_calendar_id("VN");
    Calendar hanoi;
    const grpc::Status status = Call(&Deadlines::Stub::CreateCalendar, create, &hanoi);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }

  static TransitionDossierRequest TransitionTo(const std::string& id, DossierStatus status, const std::string& reason = "") {
    TransitionDossierRequest request;
    request.set_id(id);
    request.set_status(status);
    request.set_reason(reason);
    return request;
  }
  grpc::Status Transition(const std::string& id, DossierStatus status, const std::string& reason = "") {
    Dossier ignored;
    return Call(&Deadlines::Stub::TransitionDossier, TransitionTo(id, status, reason), &ignored);
  }
  Dossier MustTransition(const std::string& id, DossierStatus status, const std::string& reason = "") {
    Dossier dossier;
    grpc::Status result = Call(&Deadlines::Stub::TransitionDossier, TransitionTo(id, status, reason), &dossier);
    EXPECT_TRUE(result.ok()) << id << " → " << DossierStatus_Name(status) << ": " << result.error_message();
    return dossier;
  }

  static RequestSupplementRequest SupplementOf(const std::string& id, const std::string& reason, bool force = false) {
    RequestSupplementRequest request;
    request.set_id(id);
    request.set_reason(reason);
    request.set_force(force);
    return request;
  }
  Dossier MustRequestSupplement(const std::string& id, bool force = false) {
    Dossier dossier;
    grpc::Status status = Call(&Deadlines::Stub::RequestSupplement,
                               SupplementOf(id, "Thiếu bản sao giấy chứng sinh", force), &dossier);
    EXPECT_TRUE(status.ok()) << id << ": " << status.error_message();
    return dossier;
  }
  Dossier MustResume(const std::string& id) {
    ResumeProcessingRequest request;
    request.set_id(id);
    Dossier dossier;
    grpc::Status status = Call(&Deadlines::Stub::ResumeProcessing, request, &dossier);
    EXPECT_TRUE(status.ok()) << id << ": " << status.error_message();
    return dossier;
  }

  haicap::testing::TempDir dir_;
  FakeClock clock_{absl::FromUnixSeconds(1782864000)};  // 2026-07-01T00:00:00Z
  std::string actor_ = "clerk@phucloi";
  // The official national years the server's release ships (default: data/calendars).
  std::optional<std::vector<OfficialYear>> shipped_years_;
  std::unique_ptr<DeadlinesServer> server_;
  std::unique_ptr<Deadlines::Stub> stub_;
};

}  // namespace haicap::deadlines::testing

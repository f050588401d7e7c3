// The three services in one process, each on 127.0.0.1:0 with its own RocksDB in a temporary
// folder and one FakeClock; the transfers service talks to the other two over real gRPC, its
// outbox and the deadlines sweeper polling every few milliseconds.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_format.h"
#include "common/civil_date.h"
#include "common/clock.h"
#include "gtest/gtest.h"
#include "grpcpp/grpcpp.h"
#include "haicap/deadlines/v1/deadlines.grpc.pb.h"
#include "haicap/registry/v1/registry.grpc.pb.h"
#include "haicap/transfers/v1/transfers.grpc.pb.h"
#include "services/deadlines/deadlines_server.h"
#include "services/registry/registry_server.h"
#include "services/transfers/transfers_server.h"
#include "testing/grpc_errors.h"
#include "testing/temp_dir.h"

namespace haicap::transfers::testing {

namespace reg = ::haicap::registry::v1;
namespace dl = ::haicap::deadlines::v1;
using namespace ::haicap::transfers::v1;  // NOLINT: the contract's names read best unqualified here

inline google::type::Date Day(int y, int m, int d) { return ToProtoDate(absl::CivilDay(y, m, d)); }
// "2026-02-10", "0-00-00" when unset: dates compared readably.
inline std::string Ymd(const google::type::Date& date) {
  return absl::StrFormat("%d-%02d-%02d", date.year(), date.month(), date.day());
}
using ::haicap::testing::BadFields;

class SuiteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    StartRegistry();
    StartDeadlines();
    StartTransfers();
  }
  void TearDown() override {
    transfers_.reset();
    deadlines_.reset();
    registry_.reset();
  }

  static server::ServerOptions Options(const std::string& dir) {
    server::ServerOptions options;
    options.listen = "127.0.0.1:0";
    options.data_dir = dir;
    options.workers = 4;
    return options;
  }
  // Each server restarts on its own port number, so the others find it again.
  static std::string Fixed(int port) { return "127.0.0.1:" + std::to_string(port); }

  void StartRegistry() {
    server::ServerOptions options = Options(registry_dir_.path());
    if (registry_port_ != 0) options.listen = Fixed(registry_port_);
    // Started after the deadlines service, the registry keeps its member clocks there.
    if (deadlines_port_ != 0) options.peers["deadlines"] = Fixed(deadlines_port_);
    auto server = registry::RegistryServer::Start(options, services_clock_,
                                                  {.outbox_poll = absl::Milliseconds(5),
                                                   .initial_backoff = absl::Milliseconds(5),
                                                   .recognition_interval = recognition_interval_});
    ASSERT_TRUE(server.ok()) << server.status();
    registry_ = std::move(*server);
    registry_port_ = registry_->port();
    registry_stub_ = reg::Registry::NewStub(grpc::CreateChannel(Fixed(registry_port_), grpc::InsecureChannelCredentials()));
  }
  void StartDeadlines() {
    server::ServerOptions options = Options(deadlines_dir_.path());
    if (deadlines_port_ != 0) options.listen = Fixed(deadlines_port_);
    auto server = deadlines::DeadlinesServer::Start(options, services_clock_, {.sweep_interval = absl::Milliseconds(5)});
    ASSERT_TRUE(server.ok()) << server.status();
    deadlines_ = std::move(*server);
    deadlines_port_ = deadlines_->port();
    deadlines_stub_ =
        dl::Deadlines::NewStub(grpc::CreateChannel(Fixed(deadlines_port_), grpc::InsecureChannelCredentials()));
  }
  void StartTransfers() {
    server::ServerOptions options = Options(transfers_dir_.path());
    options.peers = extra_peers_;
    options.peers["registry"] = Fixed(registry_port_);
    options.peers["deadlines"] = Fixed(deadlines_port_);
    auto server = TransfersServer::Start(options, services_clock_,
                                         {.outbox_poll = absl::Milliseconds(5), .initial_backoff = absl::Milliseconds(5)});
    ASSERT_TRUE(server.ok()) << server.status();
    transfers_ = std::move(*server);
    stub_ = Transfers::NewStub(grpc::CreateChannel(Fixed(transfers_->port()), grpc::InsecureChannelCredentials()));
  }

  template <typename Stub, typename Request, typename Response>
  static grpc::Status CallOn(Stub& stub, grpc::Status (Stub::*method)(grpc::ClientContext*, const Request&, Response*),
                             const Request& request, Response* response, const std::string& actor) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    context.AddMetadata("x-haicap-actor", actor);
    return (stub.*method)(&context, request, response);
  }
  template <typename Request, typename Response>
  grpc::Status Call(grpc::Status (Transfers::Stub::*method)(grpc::ClientContext*, const Request&, Response*),
                    const Request& request, Response* response, const std::string& actor = "vpdu@phuong") {
    return CallOn(*stub_, method, request, response, actor);
  }
  template <typename Request, typename Response>
  Response MustRegistry(grpc::Status (reg::Registry::Stub::*method)(grpc::ClientContext*, const Request&, Response*),
                        const Request& request) {
    Response response;
    const grpc::Status status = CallOn(*registry_stub_, method, request, &response, "admin@thanhuy");
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  std::string MustCreateOrg(const std::string& name, reg::OrganizationKind kind, const std::string& parent,
                            const std::string& unit = "") {
    return MustCreateOrgIn(*registry_stub_, name, kind, parent, unit);
  }
  // In `registry` (another province's, for instance), established on 1/7/2025.
  static std::string MustCreateOrgIn(reg::Registry::Stub& registry, const std::string& name,
                                     reg::OrganizationKind kind, const std::string& parent, const std::string& unit) {
    reg::CreateOrganizationRequest request;
    request.mutable_organization()->set_name(name);
    request.mutable_organization()->set_kind(kind);
    request.mutable_organization()->set_parent_id(parent);
    request.mutable_organization()->set_admin_unit_code(unit);
    *request.mutable_effective_date() = Day(2025, 7, 1);
    reg::Organization org;
    const grpc::Status status =
        CallOn(registry, &reg::Registry::Stub::CreateOrganization, request, &org, "admin@thanhuy");
    EXPECT_TRUE(status.ok()) << status.error_message();
    return org.id();
  }
  std::string MustRegisterMember(const std::string& name, const std::string& citizen_id, const std::string& org) {
    reg::RegisterMemberRequest request;
    reg::Member& m = *request.mutable_member();
    m.set_full_name(name);
    *m.mutable_date_of_birth() = Day(1988, 3, 14);
    m.set_sex(reg::MALE);
    m.set_citizen_id(citizen_id);
    m.set_organization_id(org);
    m.set_status(reg::OFFICIAL);
    *m.mutable_admitted_on() = Day(2012, 5, 19);
    *request.mutable_effective_date() = Day(2025, 7, 1);
    return MustRegistry(&reg::Registry::Stub::RegisterMember, request).id();
  }
  reg::Member GetMember(const std::string& id, google::type::Date as_of = {}) {
    reg::GetMemberRequest request;
    request.set_id(id);
    if (as_of.year() != 0) *request.mutable_as_of() = as_of;
    return MustRegistry(&reg::Registry::Stub::GetMember, request);
  }
  int64_t MembersUnder(const std::string& org, const google::type::Date& as_of) {
    reg::SummarizeSubtreeRequest request;
    request.set_organization_id(org);
    *request.mutable_as_of() = as_of;
    return MustRegistry(&reg::Registry::Stub::SummarizeSubtree, request).member_count();
  }

  Transfer MustGet(const std::string& id) {
    GetTransferRequest request;
    request.set_id(id);
    Transfer transfer;
    const grpc::Status status = Call(&Transfers::Stub::GetTransfer, request, &transfer);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return transfer;
  }
  // Waits (real time, up to 10 s) until `done`. Each round moves the FakeClock by `tick`: the
  // outbox backs off in the services' time, so waiting for retries needs time to pass.
  static bool Await(const std::function<bool()>& done, FakeClock* clock = nullptr,
                    absl::Duration tick = absl::ZeroDuration()) {
    for (int i = 0; i < 2000; ++i) {
      if (done()) return true;
      if (clock != nullptr) clock->Advance(tick);
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return done();
  }
  // Waits until the transfer satisfies `done`: the outbox works asynchronously.
  Transfer Eventually(const std::string& id, const std::function<bool(const Transfer&)>& done) {
    Transfer transfer;
    if (!Await([&] { return done(transfer = MustGet(id)); })) {
      ADD_FAILURE() << "transfer " << id << " never got there: " << transfer.ShortDebugString();
    }
    return transfer;
  }

  // The seed case's tree (docs/domain.md §3): Hà Nội, its wards Tây Tựu and Đống Đa, a grassroots cell
  // in each.
  struct Wards {
    std::string hanoi, tay_tuu, dong_da, ubnd_cell, office_cell;
  };
  Wards MustCreateWards() {
    Wards w;
    w.hanoi = MustCreateOrg("Đảng bộ Thành phố Hà Nội", reg::PROVINCIAL_COMMITTEE, "", "01");
    w.tay_tuu = MustCreateOrg("Đảng bộ phường Tây Tựu", reg::COMMUNE_COMMITTEE, w.hanoi, "00613");
    w.dong_da = MustCreateOrg("Đảng bộ phường Đống Đa", reg::COMMUNE_COMMITTEE, w.hanoi, "00235");
    w.ubnd_cell = MustCreateOrg("Chi bộ Ủy ban nhân dân phường Tây Tựu", reg::GRASSROOTS_CELL, w.tay_tuu);
    w.office_cell = MustCreateOrg("Chi bộ Cơ quan Đảng ủy phường Đống Đa", reg::GRASSROOTS_CELL, w.dong_da);
    return w;
  }

  // A transfer call expected to succeed.
  template <typename Request>
  Transfer Must(grpc::Status (Transfers::Stub::*method)(grpc::ClientContext*, const Request&, Transfer*),
                const Request& request, const std::string& actor = "vpdu@phuong") {
    Transfer transfer;
    const grpc::Status status = Call(method, request, &transfer, actor);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return transfer;
  }
  static CreateTransferRequest NewTransfer(const std::string& member, const std::string& to,
                                           TransferKind kind = OFFICIAL) {
    CreateTransferRequest request;
    request.mutable_transfer()->set_member_id(member);
    request.mutable_transfer()->set_kind(kind);
    request.mutable_transfer()->set_to_organization_id(to);
    request.mutable_transfer()->set_reason("Chuyển công tác");
    return request;
  }
  Transfer MustCreate(const std::string& member, const std::string& to, TransferKind kind = OFFICIAL) {
    return Must(&Transfers::Stub::CreateTransfer, NewTransfer(member, to, kind));
  }
  Transfer MustEndorse(const std::string& id, const std::string& organization) {
    EndorseTransferRequest request;
    request.set_id(id);
    request.set_organization_id(organization);
    return Must(&Transfers::Stub::EndorseTransfer, request);
  }
  Transfer MustIssue(const std::string& id) {
    IssueIntroductionRequest request;
    request.set_id(id);
    request.mutable_letter()->set_number("12-GGT/ĐU");
    return Must(&Transfers::Stub::IssueIntroduction, request);
  }
  Transfer MustConfirm(const std::string& id) {
    ConfirmReceiptRequest request;
    request.set_id(id);
    return Must(&Transfers::Stub::ConfirmReceipt, request);
  }
  // Takes the steps not taken yet, in chain order: endorsements, and the letter for the issuing
  // committee; stops after the letter (`stop_after_letter`) or before the receipt.
  Transfer MustAdvance(Transfer t, bool stop_after_letter) {
    const Transfer start = t;
    for (const ChainStep& step : start.chain()) {
      if (step.has_endorsed_at()) continue;
      if (step.role() == RECEIVING_ORGANIZATION) break;
      if (step.role() != ISSUING_COMMITTEE) {
        t = MustEndorse(t.id(), step.organization_id());
        continue;
      }
      MustIssue(t.id());
      // The clock's answer comes back asynchronously: wait for it, so that nothing changes later.
      t = Eventually(t.id(), [](const Transfer& x) { return x.has_present_by(); });
      if (stop_after_letter) break;
    }
    return t;
  }
  Transfer MustIntroduce(const Transfer& t) { return MustAdvance(t, true); }
  Transfer MustReachReceipt(const Transfer& t) { return MustAdvance(t, false); }
  // Every step, then the registry's move.
  Transfer MustComplete(const Transfer& t) {
    MustConfirm(MustReachReceipt(t).id());
    return Eventually(t.id(), [](const Transfer& x) { return x.state() == COMPLETED; });
  }

  // "CODE REASON" of a call the transfers service refused (its ErrorInfo's domain checked), e.g.
  // "FAILED_PRECONDITION MEMBER_IN_TRANSFER"; "OK" when it was not refused.
  static std::string Refusal(const grpc::Status& status) {
    if (status.ok()) return "OK";
    google::rpc::Status details;
    details.ParseFromString(status.error_details());
    for (const auto& any : details.details()) {
      google::rpc::ErrorInfo info;
      if (any.UnpackTo(&info)) {
        EXPECT_EQ(info.domain(), "transfers.haicap") << status.error_message();
      }
    }
    return absl::StatusCodeToString(static_cast<absl::StatusCode>(status.error_code())) + " " +
           haicap::testing::Reason(status);
  }
  // The whole transfer with its history, for "a refused call changed nothing".
  std::string Snapshot(const std::string& id) { return MustGet(id).DebugString(); }

  // The registry's history of `member`, by event type.
  std::vector<reg::MemberEventType> MemberEvents(const std::string& member) {
    reg::ListMemberEventsRequest request;
    request.set_member_id(member);
    request.set_page_size(100);
    const reg::ListMemberEventsResponse listed = MustRegistry(&reg::Registry::Stub::ListMemberEvents, request);
    std::vector<reg::MemberEventType> types;
    for (const reg::MemberEvent& e : listed.events()) {
      types.push_back(e.type());
    }
    return types;
  }
  // The letter's clock in the deadlines service.
  grpc::Status GetClock(const std::string& transfer_id, dl::Dossier* clock) {
    dl::GetDossierRequest request;
    request.set_id("TR-" + transfer_id);
    return CallOn(*deadlines_stub_, &dl::Deadlines::Stub::GetDossier, request, clock, "x");
  }
  // Waits until the letter's clock has `status`.
  dl::Dossier EventuallyClock(const std::string& transfer_id, dl::DossierStatus status) {
    dl::Dossier clock;
    if (!Await([&] { return GetClock(transfer_id, &clock).ok() && clock.status() == status; })) {
      ADD_FAILURE() << "clock of " << transfer_id << " never became " << dl::DossierStatus_Name(status) << ": "
                    << clock.ShortDebugString();
    }
    return clock;
  }

  haicap::testing::TempDir registry_dir_, deadlines_dir_, transfers_dir_;
  // Tue 10/2/2026 09:00 in Vietnam, the week before Tết Bính Ngọ.
  FakeClock clock_{absl::FromCivil(absl::CivilMinute(2026, 2, 10, 9, 0), VietnamTimeZone())};
  // How often the registry looks for probations that have ended (it also looks at its start).
  absl::Duration recognition_interval_ = absl::Milliseconds(10);
  // What the servers started here run on: clock_, unless a test runs one of them as a real binary.
  const Clock* services_clock_ = &clock_;
  int registry_port_ = 0, deadlines_port_ = 0;
  // More peers for the transfers server, e.g. "registry/31" → another province's registry.
  std::map<std::string, std::string> extra_peers_;
  std::unique_ptr<registry::RegistryServer> registry_;
  std::unique_ptr<deadlines::DeadlinesServer> deadlines_;
  std::unique_ptr<TransfersServer> transfers_;
  std::unique_ptr<reg::Registry::Stub> registry_stub_;
  std::unique_ptr<dl::Deadlines::Stub> deadlines_stub_;
  std::unique_ptr<Transfers::Stub> stub_;
};

}  // namespace haicap::transfers::testing

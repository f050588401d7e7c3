// The real haicap-transfers binary killed with SIGKILL right after acknowledged receipts whose
// moves wait in its outbox for the registry (which runs here, with the deadlines service, on the
// system clock like the binary): after a restart on the same data every acknowledged step is
// there, each member moves once and each letter's clock is created and finished once.
#include <signal.h>

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "testing/server_process.h"
#include "tests/transfers/suite_fixture.h"

namespace haicap::transfers::testing {
namespace {

using ::haicap::testing::ServerProcess;
using ::testing::ElementsAre;

class TransfersCrashTest : public SuiteTest {
 protected:
  void SetUp() override {
    services_clock_ = &system_clock_;
    StartRegistry();
    StartDeadlines();
  }
  void TearDown() override {
    process_.reset();
    SuiteTest::TearDown();
  }
  // The binary on the transfers folder, calling the registry and the deadlines service here.
  void StartTransfersBinary(const std::string& log) {
    process_.reset();
    process_ = std::make_unique<ServerProcess>(
        HAICAP_TRANSFERS_BINARY, transfers_dir_.path(), logs_.path() + "/" + log,
        std::vector<std::string>{"--registry=" + Fixed(registry_port_), "--deadlines=" + Fixed(deadlines_port_)});
    ASSERT_GT(process_->port(), 0) << "the transfers binary did not start";
    stub_ = Transfers::NewStub(grpc::CreateChannel(Fixed(process_->port()), grpc::InsecureChannelCredentials()));
  }

  SystemClock system_clock_;
  haicap::testing::TempDir logs_;
  std::unique_ptr<ServerProcess> process_;
};

TEST_F(TransfersCrashTest, AcknowledgedStepsSurviveSigkillAndEachMoveHappensOnce) {
  const Wards w = MustCreateWards();
  ASSERT_NO_FATAL_FAILURE(StartTransfersBinary("first.log"));
  constexpr int kTransfers = 8;
  std::vector<std::string> members, ids;
  for (int i = 0; i < kTransfers; ++i) {
    members.push_back(MustRegisterMember(absl::StrCat("Đảng viên ", i + 1), absl::StrFormat("001088%06d", i + 1),
                                         w.ubnd_cell));
    ids.push_back(MustReachReceipt(MustCreate(members.back(), w.office_cell)).id());
  }
  // The first half received while the registry is down, so that their moves wait in the outbox;
  // the process killed then; the others wait at the receiving ward, as they were acknowledged.
  registry_.reset();
  constexpr int kReceived = kTransfers / 2;
  for (int i = 0; i < kReceived; ++i) EXPECT_EQ(MustConfirm(ids[i]).state(), RECEIVED);
  for (int i = 0; i < kReceived; ++i) EXPECT_EQ(MustGet(ids[i]).state(), RECEIVED);
  std::vector<std::string> waiting;
  for (int i = kReceived; i < kTransfers; ++i) waiting.push_back(Snapshot(ids[i]));
  EXPECT_EQ(process_->Signal(SIGKILL), 128 + SIGKILL);

  StartRegistry();
  ASSERT_NO_FATAL_FAILURE(StartTransfersBinary("second.log"));
  for (int i = kReceived; i < kTransfers; ++i) {
    EXPECT_EQ(Snapshot(ids[i]), waiting[i - kReceived]) << "transfer " << ids[i] << " changed across the restart";
  }
  for (int i = kReceived; i < kTransfers; ++i) MustConfirm(ids[i]);

  for (int i = 0; i < kTransfers; ++i) {
    EXPECT_EQ(Eventually(ids[i], [](const Transfer& t) { return t.state() == COMPLETED; }).state(), COMPLETED);
    EXPECT_EQ(GetMember(members[i]).organization_id(), w.office_cell);
    EXPECT_THAT(MemberEvents(members[i]), ElementsAre(reg::REGISTERED, reg::MEMBER_TRANSFERRED)) << ids[i];
    const dl::Dossier clock = EventuallyClock(ids[i], dl::PROCESSED);
    int created = 0, processed = 0;
    for (const dl::DossierChange& change : clock.history()) {
      created += change.type() == dl::CREATED;
      processed += change.to_status() == dl::PROCESSED;
    }
    EXPECT_EQ(created, 1) << ids[i];
    EXPECT_EQ(processed, 1) << ids[i];
  }
  const google::type::Date today = ToProtoDate(VietnamDay(absl::Now()));
  EXPECT_EQ(MembersUnder(w.tay_tuu, today), 0);
  EXPECT_EQ(MembersUnder(w.dong_da, today), kTransfers);
  EXPECT_EQ(process_->Signal(SIGTERM), 0);
}

}  // namespace
}  // namespace haicap::transfers::testing

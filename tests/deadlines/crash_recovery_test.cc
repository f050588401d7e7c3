// The real haicap-deadlines binary killed with SIGKILL right after acknowledged changes: after a
// restart on the same data every acknowledged dossier and status is there, the statistics count
// them, and each overdue dossier's OVERDUE event is in the log exactly once, whether its timer
// fired before the kill or after the restart.
#include <map>
#include <mutex>
#include <thread>

#include "common/civil_date.h"
#include "common/clock.h"
#include "gtest/gtest.h"
#include "grpcpp/grpcpp.h"
#include "haicap/deadlines/v1/deadlines.grpc.pb.h"
#include "services/deadlines/dossier_clock.h"
#include "testing/server_process.h"
#include "testing/temp_dir.h"

namespace haicap::deadlines {
namespace {

using haicap::testing::ServerProcess;

std::unique_ptr<grpc::ClientContext> Context(int seconds = 10) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(seconds));
  return context;
}

std::unique_ptr<v1::Deadlines::Stub> Connect(int port) {
  return v1::Deadlines::NewStub(
      grpc::CreateChannel("127.0.0.1:" + std::to_string(port), grpc::InsecureChannelCredentials()));
}

TEST(DeadlinesCrashRecovery, AcknowledgedDossiersAndEventsSurviveSigkill) {
  haicap::testing::TempDir data, logs;
  // Received 60 days ago with 10 working days to go: overdue as soon as they are recorded.
  const absl::Time received = absl::Now() - absl::Hours(24 * 60);
  std::vector<std::string> acknowledged;
  std::vector<std::string> processing;
  {
    ServerProcess server(HAICAP_DEADLINES_BINARY, data.path(), logs.path() + "/first.log");
    ASSERT_GT(server.port(), 0) << "the server did not start";
    auto stub = Connect(server.port());
    std::mutex mu;
    std::vector<std::thread> writers;
    for (int w = 0; w < 8; ++w) {
      writers.emplace_back([&] {
        for (int i = 0; i < 25; ++i) {
          v1::CreateDossierRequest create;
          v1::Dossier& d = *create.mutable_dossier();
          d.set_kind(v1::ADMIN_PROCEDURE);
          d.set_unit_code("00136");  // phường Phúc Lợi, Hà Nội
          d.set_procedure_code("1.001612");
          *d.mutable_received_at() = ToTimestamp(received);
          d.mutable_duration()->set_amount(10);
          d.mutable_duration()->set_unit(v1::WORKING_DAYS);
          v1::Dossier created;
          if (stub->CreateDossier(Context().get(), create, &created).ok()) {
            std::lock_guard lock(mu);
            acknowledged.push_back(created.id());
          }
        }
      });
    }
    for (auto& t : writers) t.join();
    ASSERT_EQ(acknowledged.size(), 200u);
    for (int i = 0; i < 20; ++i) {
      v1::TransitionDossierRequest start;
      start.set_id(acknowledged[i]);
      start.set_status(v1::PROCESSING);
      v1::Dossier changed;
      ASSERT_TRUE(stub->TransitionDossier(Context().get(), start, &changed).ok());
      processing.push_back(acknowledged[i]);
    }
    EXPECT_EQ(server.Signal(SIGKILL), 128 + SIGKILL);
  }

  ServerProcess server(HAICAP_DEADLINES_BINARY, data.path(), logs.path() + "/second.log");
  ASSERT_GT(server.port(), 0) << "the server did not restart on the same data";
  auto stub = Connect(server.port());
  for (const std::string& id : acknowledged) {
    v1::GetDossierRequest get;
    get.set_id(id);
    v1::Dossier d;
    ASSERT_TRUE(stub->GetDossier(Context().get(), get, &d).ok()) << id;
    const bool started = std::find(processing.begin(), processing.end(), id) != processing.end();
    EXPECT_EQ(d.status(), started ? v1::PROCESSING : v1::RECEIVED) << id;
  }

  v1::GetStatisticsRequest stats_request;
  stats_request.set_unit_code("01");  // the province: all its communes
  *stats_request.mutable_from_date() = ToProtoDate(absl::ToCivilDay(received, VietnamTimeZone()));
  v1::Statistics stats;
  ASSERT_TRUE(stub->GetStatistics(Context().get(), stats_request, &stats).ok());
  EXPECT_EQ(stats.received_direct(), 200);
  EXPECT_EQ(stats.in_progress_overdue(), 200);
  EXPECT_EQ(stats.in_progress_within_time(), 0);

  // Every OVERDUE event once (the sweeper runs each second), and nothing more.
  std::map<std::string, int> overdue;
  auto context = Context(20);
  v1::WatchEventsRequest watch;
  auto reader = stub->WatchEvents(context.get(), watch);
  v1::DeadlineEvent event;
  int64_t last_cursor = 0;
  while (overdue.size() < acknowledged.size() && reader->Read(&event)) {
    EXPECT_GT(event.cursor(), last_cursor);
    last_cursor = event.cursor();
    EXPECT_EQ(event.type(), v1::OVERDUE) << "a dossier recorded after its due date is overdue, never near due";
    ++overdue[event.dossier_id()];
  }
  context->TryCancel();
  reader->Finish().IgnoreError();
  ASSERT_EQ(overdue.size(), acknowledged.size());
  for (const auto& [id, count] : overdue) EXPECT_EQ(count, 1) << id;

  auto again = Context(2);
  watch.set_after_cursor(last_cursor);
  auto tail = stub->WatchEvents(again.get(), watch);
  EXPECT_FALSE(tail->Read(&event)) << "an event after the last one: " << event.ShortDebugString();
  EXPECT_EQ(server.Signal(SIGTERM), 0);
}

}  // namespace
}  // namespace haicap::deadlines

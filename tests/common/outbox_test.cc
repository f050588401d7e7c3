#include "common/outbox/outbox.h"

#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/clock.h"
#include "common/storage/database.h"
#include "common/testing/status_matchers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/temp_dir.h"

namespace haicap::outbox {
namespace {

using haicap::testing::IsOk;
using haicap::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using Outcome = DeliveryResult::Outcome;

// What the handlers saw, "destination:request_id" in call order; read by the test thread.
class Calls {
 public:
  void Add(const OutboxMessage& m) {
    std::lock_guard lock(mu_);
    calls_.push_back(m.destination + ":" + m.request_id);
  }
  std::vector<std::string> Get() {
    std::lock_guard lock(mu_);
    return calls_;
  }
  // True once `n` calls were made, false after 2 s.
  bool WaitFor(size_t n) {
    for (int i = 0; i < 2000; ++i) {
      if (Get().size() >= n) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return false;
  }

 private:
  std::mutex mu_;
  std::vector<std::string> calls_;
};

class OutboxTest : public ::testing::Test {
 protected:
  void SetUp() override { Reopen(); }

  // Closes (when open) and opens the database and the outbox, as a restarted service does.
  void Reopen() {
    outbox_.reset();
    db_.reset();
    auto db = storage::Database::Open(dir_.path(), {"data", "outbox"});
    ASSERT_THAT(db, IsOk());
    db_ = std::move(*db);
    auto outbox = Outbox::Open(db_.get(), db_->family(1), &clock_, options_);
    ASSERT_THAT(outbox, IsOk());
    outbox_ = std::move(*outbox);
  }

  // Commits a change ("change/<request_id>") and its message in one batch.
  void Send(const std::string& destination, const std::string& request_id) {
    rocksdb::WriteBatch batch;
    batch.Put(db_->family(0), "change/" + request_id, "done");
    ASSERT_THAT(outbox_->Enqueue(&batch, Message(destination, request_id)), IsOk());
    ASSERT_THAT(db_->Commit(&batch), IsOk());
  }

  static OutboxMessage Message(const std::string& destination, const std::string& request_id) {
    OutboxMessage m;
    m.destination = destination;
    m.method = "MoveMember";
    m.request_id = request_id;
    m.reference = "transfer-7";
    m.payload = std::string("bytes\0with\0zeros", 16);
    return m;
  }

  // Routes `destination` to a handler that records the call and returns `decide`'s result.
  void RouteTo(const std::string& destination, std::function<DeliveryResult(const OutboxMessage&)> decide) {
    outbox_->Route(destination, [this, decide](const OutboxMessage& m) {
      calls_.Add(m);
      return decide(m);
    });
  }
  void RouteDelivered(const std::string& destination) {
    RouteTo(destination, [](const OutboxMessage&) { return DeliveryResult::Delivered(); });
  }

  std::vector<OutboxMessage> Pending() { return *outbox_->Pending(); }
  std::string Data(const std::string& key) {
    absl::StatusOr<std::string> value = db_->Get(db_->family(0), key);
    return value.ok() ? *value : "<absent>";
  }

  haicap::testing::TempDir dir_;
  FakeClock clock_{absl::FromUnixSeconds(1'750'000'000)};
  OutboxOptions options_{.poll_interval = absl::Milliseconds(2),
                           .initial_backoff = absl::Milliseconds(100),
                           .max_backoff = absl::Seconds(1)};
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<Outbox> outbox_;
  Calls calls_;
};

TEST_F(OutboxTest, AnUncommittedBatchSendsNothing) {
  RouteDelivered("registry");
  {
    rocksdb::WriteBatch batch;
    ASSERT_THAT(outbox_->Enqueue(&batch, Message("registry", "r1")), IsOk());
  }  // the change failed: its batch is dropped
  ASSERT_THAT(outbox_->DeliverDue(), IsOk());
  EXPECT_TRUE(calls_.Get().empty());
  EXPECT_TRUE(Pending().empty());
}

TEST_F(OutboxTest, ACommittedMessageIsDeliveredOnceAsSent) {
  OutboxMessage seen;
  RouteTo("registry", [&](const OutboxMessage& m) {
    seen = m;
    return DeliveryResult::Delivered();
  });
  Send("registry", "r1");
  ASSERT_THAT(outbox_->DeliverDue(), IsOk());
  ASSERT_THAT(outbox_->DeliverDue(), IsOk());

  EXPECT_THAT(calls_.Get(), ElementsAre("registry:r1"));
  EXPECT_EQ(seen.method, "MoveMember");
  EXPECT_EQ(seen.reference, "transfer-7");
  EXPECT_EQ(seen.payload, std::string("bytes\0with\0zeros", 16));
  EXPECT_EQ(seen.attempts, 0);
  EXPECT_EQ(seen.enqueued_at, clock_.Now());
  EXPECT_TRUE(Pending().empty());
  EXPECT_TRUE(outbox_->DeadLetters()->empty());
}

TEST_F(OutboxTest, RetriesAfterABackoffUntilDelivered) {
  std::vector<std::string> seen;  // "attempts/last_error" at each call
  RouteTo("registry", [&](const OutboxMessage& m) {
    seen.push_back(std::to_string(m.attempts) + "/" + m.last_error);
    if (m.attempts < 3) return DeliveryResult::Retry("down " + std::to_string(m.attempts + 1));
    return DeliveryResult::Delivered();
  });
  Send("registry", "r1");
  ASSERT_THAT(outbox_->DeliverDue(), IsOk());

  for (int retry = 1; retry <= 3; ++retry) {
    std::vector<OutboxMessage> pending = Pending();
    ASSERT_EQ(pending.size(), 1u);
    EXPECT_EQ(pending[0].attempts, retry);
    EXPECT_EQ(pending[0].last_error, "down " + std::to_string(retry));
    absl::Duration full = absl::Milliseconds(100) * (1 << (retry - 1));  // 100, 200, 400 ms
    absl::Duration wait = pending[0].next_attempt_at - clock_.Now();
    EXPECT_GE(wait, full / 2);
    EXPECT_LE(wait, full);

    clock_.Set(pending[0].next_attempt_at - absl::Nanoseconds(1));
    ASSERT_THAT(outbox_->DeliverDue(), IsOk());
    EXPECT_EQ(seen.size(), static_cast<size_t>(retry)) << "delivered before the backoff ended";
    clock_.Set(pending[0].next_attempt_at);
    ASSERT_THAT(outbox_->DeliverDue(), IsOk());
    EXPECT_EQ(seen.size(), static_cast<size_t>(retry + 1));
  }
  EXPECT_THAT(seen, ElementsAre("0/", "1/down 1", "2/down 2", "3/down 3"));
  EXPECT_TRUE(Pending().empty());
  ASSERT_THAT(outbox_->DeliverDue(), IsOk());
  EXPECT_EQ(seen.size(), 4u);
}

TEST_F(OutboxTest, BackoffStopsGrowingAtTheCap) {
  RouteTo("registry", [](const OutboxMessage&) { return DeliveryResult::Retry("down"); });
  Send("registry", "r1");
  for (int attempt = 1; attempt <= 12; ++attempt) {
    ASSERT_THAT(outbox_->DeliverDue(), IsOk());
    OutboxMessage pending = Pending().at(0);
    ASSERT_EQ(pending.attempts, attempt);
    EXPECT_LE(pending.next_attempt_at - clock_.Now(), absl::Seconds(1));
    if (attempt > 4) {
      EXPECT_GE(pending.next_attempt_at - clock_.Now(), absl::Milliseconds(500));
    }
    clock_.Set(pending.next_attempt_at);
  }
  EXPECT_EQ(calls_.Get().size(), 12u);
}

TEST_F(OutboxTest, ARefusedMessageMovesToTheDeadLettersWithItsCompensation) {
  int compensations = 0;
  RouteTo("registry", [&](const OutboxMessage&) {
    return DeliveryResult::Fail("FAILED_PRECONDITION: member left", [&](rocksdb::WriteBatch* batch) {
      ++compensations;
      EXPECT_EQ(batch->Count(), 2u) << "the move to the dead letters is in the batch";
      batch->Put(db_->family(0), "transfer-7", "REJECTED");
      return db_->Commit(batch);
    });
  });
  Send("registry", "r1");
  ASSERT_THAT(outbox_->DeliverDue(), IsOk());
  ASSERT_THAT(outbox_->DeliverDue(), IsOk());

  EXPECT_EQ(compensations, 1);
  EXPECT_THAT(calls_.Get(), ElementsAre("registry:r1"));
  EXPECT_EQ(Data("transfer-7"), "REJECTED");
  EXPECT_TRUE(Pending().empty());
  std::vector<OutboxMessage> dead = *outbox_->DeadLetters();
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_EQ(dead[0].request_id, "r1");
  EXPECT_EQ(dead[0].attempts, 1);
  EXPECT_EQ(dead[0].last_error, "FAILED_PRECONDITION: member left");
}

TEST_F(OutboxTest, TheFollowUpCommitsWithTheDeletionOrNotAtAll) {
  bool sender_busy = true;
  RouteTo("registry", [&](const OutboxMessage&) {
    return DeliveryResult::Delivered([&](rocksdb::WriteBatch* batch) -> absl::Status {
      if (sender_busy) return absl::UnavailableError("transfer store busy");  // nothing committed
      EXPECT_EQ(batch->Count(), 1u) << "the deletion is in the batch";
      batch->Put(db_->family(0), "transfer-7", "COMPLETED");
      return db_->Commit(batch);
    });
  });
  Send("registry", "r1");

  EXPECT_THAT(outbox_->DeliverDue(), StatusIs(absl::StatusCode::kUnavailable));
  ASSERT_EQ(Pending().size(), 1u) << "delivered but not settled: delivered again";
  EXPECT_EQ(Pending()[0].attempts, 0);
  EXPECT_EQ(Data("transfer-7"), "<absent>");

  sender_busy = false;
  ASSERT_THAT(outbox_->DeliverDue(), IsOk());
  EXPECT_THAT(calls_.Get(), ElementsAre("registry:r1", "registry:r1"));
  EXPECT_TRUE(Pending().empty());
  EXPECT_EQ(Data("transfer-7"), "COMPLETED");
}

TEST_F(OutboxTest, ARetriedMessageHoldsBackItsDestinationOnly) {
  bool deadlines_up = false;
  RouteTo("deadlines", [&](const OutboxMessage&) {
    return deadlines_up ? DeliveryResult::Delivered() : DeliveryResult::Retry("UNAVAILABLE");
  });
  RouteDelivered("registry");
  Send("deadlines", "create-clock");
  Send("registry", "move");
  Send("deadlines", "finish-clock");
  ASSERT_THAT(outbox_->DeliverDue(), IsOk());
  EXPECT_THAT(calls_.Get(), ElementsAre("deadlines:create-clock", "registry:move"));

  deadlines_up = true;
  clock_.Advance(absl::Seconds(1));
  ASSERT_THAT(outbox_->DeliverDue(), IsOk());
  EXPECT_THAT(calls_.Get(), ElementsAre("deadlines:create-clock", "registry:move", "deadlines:create-clock",
                                        "deadlines:finish-clock"));
  EXPECT_TRUE(Pending().empty());
}

TEST_F(OutboxTest, AFailedMessageDoesNotHoldBackItsDestination) {
  RouteTo("deadlines", [](const OutboxMessage& m) {
    return m.request_id == "bad" ? DeliveryResult::Fail("INVALID_ARGUMENT") : DeliveryResult::Delivered();
  });
  Send("deadlines", "bad");
  Send("deadlines", "good");
  ASSERT_THAT(outbox_->DeliverDue(), IsOk());
  EXPECT_THAT(calls_.Get(), ElementsAre("deadlines:bad", "deadlines:good"));
  EXPECT_TRUE(Pending().empty());
}

TEST_F(OutboxTest, AMessageWithoutARouteWaitsForOne) {
  Send("registry/31", "r1");
  ASSERT_THAT(outbox_->DeliverDue(), IsOk());
  ASSERT_EQ(Pending().size(), 1u);
  EXPECT_THAT(Pending()[0].last_error, HasSubstr("no route to 'registry/31'"));

  RouteDelivered("registry/31");
  clock_.Advance(absl::Seconds(1));
  ASSERT_THAT(outbox_->DeliverDue(), IsOk());
  EXPECT_THAT(calls_.Get(), ElementsAre("registry/31:r1"));
  EXPECT_TRUE(Pending().empty());
}

TEST_F(OutboxTest, AnIncompleteMessageIsRefusedAndWritesNothing) {
  rocksdb::WriteBatch batch;
  EXPECT_THAT(outbox_->Enqueue(&batch, Message("registry", "")), StatusIs(absl::StatusCode::kInternal));
  EXPECT_THAT(outbox_->Enqueue(&batch, Message("registry", "has space")), StatusIs(absl::StatusCode::kInternal));
  EXPECT_THAT(outbox_->Enqueue(&batch, Message("", "r1")), StatusIs(absl::StatusCode::kInternal));
  EXPECT_EQ(batch.Count(), 0u);
}

TEST_F(OutboxTest, PendingMessagesAreDeliveredInOrderAfterARestart) {
  Send("registry", "before-1");
  Send("registry", "before-2");
  Reopen();
  Send("registry", "after");  // must not reuse the sequence of a pending message
  RouteDelivered("registry");
  outbox_->Start();
  ASSERT_TRUE(calls_.WaitFor(3));
  EXPECT_THAT(calls_.Get(), ElementsAre("registry:before-1", "registry:before-2", "registry:after"));
}

TEST_F(OutboxTest, SequencesContinueAfterTheDeadLettersOnReopen) {
  RouteTo("registry", [](const OutboxMessage&) { return DeliveryResult::Fail("NOT_FOUND"); });
  Send("registry", "first");
  ASSERT_THAT(outbox_->DeliverDue(), IsOk());
  Reopen();
  RouteTo("registry", [](const OutboxMessage&) { return DeliveryResult::Fail("NOT_FOUND"); });
  Send("registry", "second");
  ASSERT_THAT(outbox_->DeliverDue(), IsOk());
  std::vector<OutboxMessage> dead = *outbox_->DeadLetters();
  ASSERT_EQ(dead.size(), 2u) << "a reused sequence overwrote a dead letter";
  EXPECT_EQ(dead[0].request_id, "first");
  EXPECT_EQ(dead[1].request_id, "second");
}

TEST_F(OutboxTest, TheThreadDeliversOnNotify) {
  options_.poll_interval = absl::Hours(1);  // only Notify() can start a second round
  Reopen();
  RouteDelivered("registry");
  Send("registry", "r1");
  outbox_->Start();
  ASSERT_TRUE(calls_.WaitFor(1));  // the first round, at start
  Send("registry", "r2");
  outbox_->Notify();
  ASSERT_TRUE(calls_.WaitFor(2));
  EXPECT_THAT(calls_.Get(), ElementsAre("registry:r1", "registry:r2"));
}

TEST_F(OutboxTest, TheThreadRetriesOnItsPollInterval) {
  RouteTo("registry", [](const OutboxMessage& m) {
    return m.attempts == 0 ? DeliveryResult::Retry("UNAVAILABLE") : DeliveryResult::Delivered();
  });
  Send("registry", "r1");
  outbox_->Start();
  ASSERT_TRUE(calls_.WaitFor(1));
  // The retry's time is set from the clock after the call: advance only once it is recorded.
  for (int i = 0; i < 2000 && (Pending().empty() || Pending()[0].attempts == 0); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  clock_.Advance(absl::Seconds(1));  // past the backoff; nobody calls Notify()
  ASSERT_TRUE(calls_.WaitFor(2));
  outbox_->Stop();
  EXPECT_TRUE(Pending().empty());
}

TEST_F(OutboxTest, AStoppedOutboxKeepsItsMessages) {
  RouteDelivered("registry");
  outbox_->Start();
  outbox_->Stop();
  Send("registry", "r1");
  outbox_->Notify();
  ASSERT_THAT(outbox_->DeliverDue(), IsOk());
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_TRUE(calls_.Get().empty());
  EXPECT_EQ(Pending().size(), 1u);
}

TEST(ResultOfRpcTest, RefusalsFailOtherErrorsRetry) {
  int follow_ups = 0;
  FollowUp count = [&](rocksdb::WriteBatch*) {
    ++follow_ups;
    return absl::OkStatus();
  };
  DeliveryResult ok = ResultOfRpc(grpc::Status::OK, count, nullptr);
  EXPECT_EQ(ok.outcome(), Outcome::kDelivered);
  ASSERT_TRUE(ok.follow_up());
  ASSERT_THAT(ok.follow_up()(nullptr), IsOk());

  for (grpc::StatusCode code : {grpc::StatusCode::INVALID_ARGUMENT, grpc::StatusCode::FAILED_PRECONDITION,
                                grpc::StatusCode::NOT_FOUND, grpc::StatusCode::ALREADY_EXISTS,
                                grpc::StatusCode::PERMISSION_DENIED, grpc::StatusCode::OUT_OF_RANGE}) {
    DeliveryResult refused = ResultOfRpc(grpc::Status(code, "no"), nullptr, count);
    EXPECT_EQ(refused.outcome(), Outcome::kFailed) << code;
    ASSERT_TRUE(refused.follow_up()) << code;
    ASSERT_THAT(refused.follow_up()(nullptr), IsOk());
  }
  EXPECT_EQ(follow_ups, 7);

  for (grpc::StatusCode code : {grpc::StatusCode::UNAVAILABLE, grpc::StatusCode::DEADLINE_EXCEEDED,
                                grpc::StatusCode::RESOURCE_EXHAUSTED, grpc::StatusCode::ABORTED,
                                grpc::StatusCode::INTERNAL, grpc::StatusCode::UNKNOWN, grpc::StatusCode::CANCELLED,
                                grpc::StatusCode::UNAUTHENTICATED, grpc::StatusCode::UNIMPLEMENTED}) {
    DeliveryResult retried = ResultOfRpc(grpc::Status(code, "later"), count, count);
    EXPECT_EQ(retried.outcome(), Outcome::kRetry) << code;
    EXPECT_FALSE(retried.follow_up()) << code;
  }
  EXPECT_EQ(ResultOfRpc(grpc::Status(grpc::StatusCode::FAILED_PRECONDITION, "member left")).error(),
            "FAILED_PRECONDITION: member left");
}

}  // namespace
}  // namespace haicap::outbox

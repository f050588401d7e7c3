#include "services/transfers/overdue_watcher.h"

#include <chrono>

#include "common/logging.h"

namespace haicap::transfers {
namespace {

constexpr char kCursorName[] = "deadlines-events";
constexpr auto kReconnectDelay = std::chrono::seconds(1);

}  // namespace

OverdueWatcher::OverdueWatcher(TransferBook* book, TransferStore* store, std::shared_ptr<grpc::Channel> deadlines)
    : book_(book), store_(store), stub_(deadlines::v1::Deadlines::NewStub(deadlines)), thread_([this] { Run(); }) {}

OverdueWatcher::~OverdueWatcher() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    if (context_ != nullptr) context_->TryCancel();
  }
  stopped_.notify_all();
  thread_.join();
}

void OverdueWatcher::Run() {
  for (;;) {
    WatchOnce();
    std::unique_lock lock(mu_);
    if (stopped_.wait_for(lock, kReconnectDelay, [this] { return stopping_; })) return;
  }
}

void OverdueWatcher::WatchOnce() {
  absl::StatusOr<int64_t> cursor = store_->Cursor(kCursorName);
  if (!cursor.ok()) {
    LogError("cannot read the events cursor", {{"error", cursor.status().ToString()}});
    return;
  }
  grpc::ClientContext context;
  context.AddMetadata("x-haicap-actor", "haicap-transfers");
  {
    std::lock_guard lock(mu_);
    if (stopping_) return;
    context_ = &context;
  }
  deadlines::v1::WatchEventsRequest request;
  request.set_after_cursor(*cursor);
  request.set_kind(deadlines::v1::PARTY_OBLIGATION);
  auto reader = stub_->WatchEvents(&context, request);
  deadlines::v1::DeadlineEvent event;
  while (reader->Read(&event)) {
    rocksdb::WriteBatch batch;
    store_->PutCursor(&batch, kCursorName, event.cursor());
    const std::string id = TransferBook::TransferOfClock(event.dossier_id());
    const absl::Status done = event.type() == deadlines::v1::OVERDUE && !id.empty()
                                  ? book_->OnOverdue(&batch, id)
                                  : store_->db()->Commit(&batch);
    if (!done.ok()) {
      LogError("cannot record a deadlines event", {{"cursor", event.cursor()}, {"error", done.ToString()}});
      context.TryCancel();
      break;
    }
  }
  const grpc::Status status = reader->Finish();
  std::lock_guard lock(mu_);
  context_ = nullptr;
  if (!stopping_) LogWarning("deadlines event stream ended; reconnecting", {{"error", status.error_message()}});
}

}  // namespace haicap::transfers

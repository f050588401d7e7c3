#include "bench/closed_loop.h"

#include <algorithm>
#include <thread>

#include "common/logging.h"

namespace haicap::bench {
namespace {

struct Window {
  Clock::time_point begin;  // end of the warmup
  Clock::time_point end;    // no call is issued after this
};

struct ThreadResult {
  uint64_t calls = 0;
  uint64_t errors = 0;
  std::vector<uint32_t> latencies_us;  // of the successful calls in the window
  Clock::time_point last_completion;   // within the window
  std::optional<grpc::Status> first_error;
};

// Keeps `slot_count` calls outstanding on `channel` until the window ends, `budget` (calls left to
// issue, shared by all threads) runs out, or the slots have nothing left to send.
void RunClientThread(Workload& workload, const std::shared_ptr<grpc::Channel>& channel, int slot_count,
                     const std::string& actor, const Window& window, std::atomic<int64_t>& budget,
                     ThreadResult* result) {
  grpc::CompletionQueue cq;
  std::vector<std::unique_ptr<CallSlot>> slots;
  int outstanding = 0;
  for (int i = 0; i < slot_count && budget.fetch_sub(1) > 0; ++i) {
    slots.push_back(workload.NewSlot(channel));
    if (slots.back()->Issue(&cq, actor)) ++outstanding;
  }
  void* tag = nullptr;
  bool ok = false;
  while (outstanding > 0 && cq.Next(&tag, &ok)) {
    auto* slot = static_cast<CallSlot*>(tag);
    const Clock::time_point now = Clock::now();
    if (now >= window.begin && now < window.end) {
      result->last_completion = now;
      if (slot->status().ok()) {
        ++result->calls;
        result->latencies_us.push_back(static_cast<uint32_t>(
            std::chrono::duration_cast<std::chrono::microseconds>(now - slot->started()).count()));
      } else {
        ++result->errors;
        if (!result->first_error) result->first_error = slot->status();
      }
    }
    if (!(now < window.end && budget.fetch_sub(1) > 0 && slot->Issue(&cq, actor))) --outstanding;
  }
  cq.Shutdown();
  while (cq.Next(&tag, &ok)) {
  }  // nothing is outstanding; this only drains the shutdown
}

Clock::duration Seconds(double seconds) {
  return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
}

}  // namespace

bool CallSlot::Issue(grpc::CompletionQueue* cq, const std::string& actor) {
  context_.emplace();
  context_->AddMetadata(kActorHeader, actor);
  context_->set_deadline(std::chrono::system_clock::now() + kCallDeadline);
  context_->set_wait_for_ready(true);
  started_ = Clock::now();
  return Start(&*context_, cq);
}

nlohmann::json LoopResult::Figures() const {
  return {
      {"calls", calls},
      {"errors", errors},
      {"seconds", seconds},
      {"rps", rps()},
      {"p50_us", Percentile(latencies_us, 0.50)},
      {"p90_us", Percentile(latencies_us, 0.90)},
      {"p99_us", Percentile(latencies_us, 0.99)},
      {"max_us", Percentile(latencies_us, 1.0)},
  };
}

std::vector<std::shared_ptr<grpc::Channel>> NewChannels(const std::string& target, int count) {
  std::vector<std::shared_ptr<grpc::Channel>> channels;
  for (int i = 0; i < count; ++i) {
    // A distinct channel argument per channel keeps gRPC from sharing one connection between them.
    grpc::ChannelArguments args;
    args.SetInt("haicap.loadgen.channel", i);
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    channels.push_back(grpc::CreateCustomChannel(target, grpc::InsecureChannelCredentials(), args));
  }
  return channels;
}

LoopResult RunClosedLoop(Workload& workload, const std::vector<std::shared_ptr<grpc::Channel>>& channels,
                         const LoopOptions& options) {
  const int thread_count = std::min(options.threads, options.in_flight);
  Window window;
  window.begin = Clock::now() + Seconds(options.warmup);
  window.end = window.begin + Seconds(options.seconds);
  std::atomic<int64_t> budget{static_cast<int64_t>(options.max_calls)};
  std::vector<ThreadResult> results(thread_count);
  std::vector<std::thread> threads;
  for (int i = 0; i < thread_count; ++i) {
    // Spread the slots evenly: the first (in_flight % threads) threads take one more.
    const int slots = options.in_flight / thread_count + (i < options.in_flight % thread_count ? 1 : 0);
    threads.emplace_back(RunClientThread, std::ref(workload), channels[i], slots, std::cref(options.actor),
                         std::cref(window), std::ref(budget), &results[i]);
  }
  for (auto& t : threads) t.join();
  const Clock::time_point finished = Clock::now();

  LoopResult total;
  Clock::time_point last_completion = window.begin;
  for (ThreadResult& r : results) {
    total.calls += r.calls;
    total.errors += r.errors;
    total.latencies_us.insert(total.latencies_us.end(), r.latencies_us.begin(), r.latencies_us.end());
    last_completion = std::max(last_completion, r.last_completion);
    if (!total.first_error) total.first_error = r.first_error;
  }
  std::sort(total.latencies_us.begin(), total.latencies_us.end());
  // The window is cut short when --max-calls or the slots' work ran out before it ended.
  const bool cut_short = budget.load() <= 0 || finished < window.end;
  total.seconds = std::chrono::duration<double>((cut_short ? last_completion : window.end) - window.begin).count();
  if (total.first_error) {
    LogWarning("calls failed", {{"errors", total.errors},
                                {"first_code", static_cast<int>(total.first_error->error_code())},
                                {"first_message", total.first_error->error_message()}});
  }
  return total;
}

uint32_t Percentile(const std::vector<uint32_t>& sorted, double p) {
  if (sorted.empty()) return 0;
  return sorted[static_cast<size_t>(p * static_cast<double>(sorted.size() - 1))];
}

}  // namespace haicap::bench

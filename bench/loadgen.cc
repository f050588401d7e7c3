// haicap-loadgen: a closed-loop load generator over the gRPC async client API.
//
// `--threads` client threads each own a channel (one HTTP/2 connection) and a CompletionQueue, and
// keep their share of `--in-flight` unary calls outstanding: every completion immediately issues
// the next call from the same slot. Calls that complete during the `--warmup` are not counted;
// then calls completing within `--seconds` are. One JSON line goes to stdout:
//   {"workload":"echo","calls":...,"errors":...,"seconds":...,"rps":...,"p50_us":...,...}
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "ceiling.grpc.pb.h"
#include "common/logging.h"
#include "common/status_macros.h"
#include "grpcpp/grpcpp.h"
#include "haicap/registry/v1/registry.grpc.pb.h"
#include "nlohmann/json.hpp"

namespace haicap::bench {
namespace {

using Clock = std::chrono::steady_clock;
namespace registry = ::haicap::registry::v1;

constexpr char kActorHeader[] = "x-haicap-actor";
constexpr char kActor[] = "haicap-loadgen";
constexpr auto kCallDeadline = std::chrono::seconds(10);

struct Options {
  std::string target = "127.0.0.1:50051";
  std::string workload = "echo";
  int in_flight = 64;
  int threads = 2;
  double seconds = 10;
  double warmup = 2;
  int payload_bytes = 128;
  int cells = 1000;
  uint64_t max_calls = 2'000'000;
};

// One call kept in flight. Issue() starts the next call; its completion arrives on the queue with
// this slot as the tag, after which status() and started() describe it.
class CallSlot {
 public:
  virtual ~CallSlot() = default;
  void Issue(grpc::CompletionQueue* cq) {
    context_.emplace();
    context_->AddMetadata(kActorHeader, kActor);
    context_->set_deadline(std::chrono::system_clock::now() + kCallDeadline);
    context_->set_wait_for_ready(true);
    started_ = Clock::now();
    Start(&*context_, cq);
  }
  Clock::time_point started() const { return started_; }
  const grpc::Status& status() const { return status_; }

 protected:
  // Starts one call on `cq` whose Finish reports into status_ with `this` as the tag.
  virtual void Start(grpc::ClientContext* context, grpc::CompletionQueue* cq) = 0;
  grpc::Status status_;

 private:
  std::optional<grpc::ClientContext> context_;  // a context serves exactly one call
  Clock::time_point started_;
};

// A unary call: `fill` rewrites the request before each call, `start` is the stub's Async method.
template <typename Request, typename Response>
class UnarySlot final : public CallSlot {
 public:
  using Fill = std::function<void(Request*)>;
  using AsyncCall = std::function<std::unique_ptr<grpc::ClientAsyncResponseReader<Response>>(
      grpc::ClientContext*, const Request&, grpc::CompletionQueue*)>;
  UnarySlot(Fill fill, AsyncCall start) : fill_(std::move(fill)), start_(std::move(start)) {}

 private:
  void Start(grpc::ClientContext* context, grpc::CompletionQueue* cq) override {
    fill_(&request_);
    response_.Clear();
    reader_ = start_(context, request_, cq);
    reader_->Finish(&response_, &status_, this);
  }

  Fill fill_;
  AsyncCall start_;
  Request request_;
  Response response_;
  std::unique_ptr<grpc::ClientAsyncResponseReader<Response>> reader_;
};

// What the generator sends. Thread-safe: NewSlot is called from every client thread.
class Workload {
 public:
  virtual ~Workload() = default;
  // One-off setup before the clock starts (e.g. the organisations to read).
  virtual absl::Status Prepare(const std::shared_ptr<grpc::Channel>& channel) { return absl::OkStatus(); }
  // A slot sending this workload's requests over `channel`.
  virtual std::unique_ptr<CallSlot> NewSlot(const std::shared_ptr<grpc::Channel>& channel) = 0;

 protected:
  // A number unique to this call within the run.
  uint64_t NextNumber() { return next_.fetch_add(1, std::memory_order_relaxed); }

 private:
  std::atomic<uint64_t> next_{0};
};

class EchoWorkload final : public Workload {
 public:
  explicit EchoWorkload(int payload_bytes) : payload_(payload_bytes, 'e') {}
  std::unique_ptr<CallSlot> NewSlot(const std::shared_ptr<grpc::Channel>& channel) override {
    auto stub = std::shared_ptr<v1::Echo::Stub>(v1::Echo::NewStub(channel));
    return std::make_unique<UnarySlot<v1::Payload, v1::Payload>>(
        [this](v1::Payload* request) {
          if (request->data().empty()) request->set_data(payload_);
        },
        [stub](grpc::ClientContext* c, const v1::Payload& r, grpc::CompletionQueue* cq) {
          return stub->AsyncEcho(c, r, cq);
        });
  }

 private:
  const std::string payload_;
};

class PutWorkload final : public Workload {
 public:
  explicit PutWorkload(int payload_bytes) : value_(payload_bytes, 'v') {}
  std::unique_ptr<CallSlot> NewSlot(const std::shared_ptr<grpc::Channel>& channel) override {
    auto stub = std::shared_ptr<v1::DurablePut::Stub>(v1::DurablePut::NewStub(channel));
    return std::make_unique<UnarySlot<v1::PutRequest, v1::PutResponse>>(
        [this](v1::PutRequest* request) {
          request->set_key(absl::StrCat("loadgen/", NextNumber()));
          if (request->value().empty()) request->set_value(value_);
        },
        [stub](grpc::ClientContext* c, const v1::PutRequest& r, grpc::CompletionQueue* cq) {
          return stub->AsyncPut(c, r, cq);
        });
  }

 private:
  const std::string value_;
};

// --- Registry fixtures -------------------------------------------------------------------------

void SetDate(google::type::Date* date, int year, int month, int day) {
  date->set_year(year);
  date->set_month(month);
  date->set_day(day);
}

// Fills a CreateOrganizationRequest effective 2025-07-01 under a bench decision.
void FillCreate(registry::CreateOrganizationRequest* request, std::string name, registry::OrganizationKind kind,
                std::string parent_id, std::string admin_unit_code, std::string request_id) {
  registry::Organization* org = request->mutable_organization();
  org->set_name(std::move(name));
  org->set_kind(kind);
  org->set_parent_id(std::move(parent_id));
  org->set_admin_unit_code(std::move(admin_unit_code));
  SetDate(request->mutable_effective_date(), 2025, 7, 1);
  request->mutable_decision()->set_number("1-QĐ/TU");
  SetDate(request->mutable_decision()->mutable_date(), 2025, 6, 30);
  request->set_request_id(std::move(request_id));
}

// Creates (or, thanks to the fixed request id, finds again) one organisation; returns its id.
absl::StatusOr<std::string> Establish(registry::Registry::Stub& stub,
                                      const registry::CreateOrganizationRequest& request) {
  grpc::ClientContext context;
  context.AddMetadata(kActorHeader, kActor);
  context.set_deadline(std::chrono::system_clock::now() + kCallDeadline);
  context.set_wait_for_ready(true);
  registry::Organization org;
  grpc::Status status = stub.CreateOrganization(&context, request, &org);
  if (!status.ok()) {
    return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                        absl::StrCat("creating ", request.request_id(), ": ", status.error_message()));
  }
  return org.id();
}

// The provincial committee of Hà Nội (01) and the commune committee of phường Phúc Lợi (00136)
// under it. Fixed request ids make this idempotent, so every workload run against the same
// server shares them. Returns the commune committee's id.
absl::StatusOr<std::string> EstablishCommune(registry::Registry::Stub& stub) {
  registry::CreateOrganizationRequest request;
  FillCreate(&request, "Đảng bộ Thành phố Hà Nội (tải thử)", registry::PROVINCIAL_COMMITTEE, "", "01",
             "loadgen-province-01");
  ASSIGN_OR_RETURN(std::string province_id, Establish(stub, request));
  request.Clear();
  FillCreate(&request, "Đảng bộ phường Phúc Lợi (tải thử)", registry::COMMUNE_COMMITTEE, province_id, "00136",
             "loadgen-commune-00136");
  return Establish(stub, request);
}

// GetOrganization round robin over `cells` grassroots cells under the bench commune committee.
class RegistryGetWorkload final : public Workload {
 public:
  explicit RegistryGetWorkload(int cells) : cells_(cells) {}

  absl::Status Prepare(const std::shared_ptr<grpc::Channel>& channel) override {
    auto stub = registry::Registry::NewStub(channel);
    ASSIGN_OR_RETURN(std::string commune_id, EstablishCommune(*stub));
    for (int i = 0; i < cells_; ++i) {
      registry::CreateOrganizationRequest request;
      FillCreate(&request, absl::StrCat("Chi bộ tải thử số ", i + 1), registry::GRASSROOTS_CELL, commune_id, "",
                 absl::StrCat("loadgen-cell-", i));
      ASSIGN_OR_RETURN(std::string id, Establish(*stub, request));
      ids_.push_back(std::move(id));
    }
    return absl::OkStatus();
  }

  std::unique_ptr<CallSlot> NewSlot(const std::shared_ptr<grpc::Channel>& channel) override {
    auto stub = std::shared_ptr<registry::Registry::Stub>(registry::Registry::NewStub(channel));
    return std::make_unique<UnarySlot<registry::GetOrganizationRequest, registry::Organization>>(
        [this](registry::GetOrganizationRequest* request) { request->set_id(ids_[NextNumber() % ids_.size()]); },
        [stub](grpc::ClientContext* c, const registry::GetOrganizationRequest& r, grpc::CompletionQueue* cq) {
          return stub->AsyncGetOrganization(c, r, cq);
        });
  }

 private:
  const int cells_;
  std::vector<std::string> ids_;  // written by Prepare only
};

// CreateOrganization of new grassroots cells under the bench commune committee, each with a
// distinct name and request id (unique across runs through a per-run nonce).
class RegistryCreateWorkload final : public Workload {
 public:
  RegistryCreateWorkload()
      : nonce_(absl::StrCat(std::chrono::system_clock::now().time_since_epoch().count())) {}

  absl::Status Prepare(const std::shared_ptr<grpc::Channel>& channel) override {
    auto stub = registry::Registry::NewStub(channel);
    ASSIGN_OR_RETURN(commune_id_, EstablishCommune(*stub));
    return absl::OkStatus();
  }

  std::unique_ptr<CallSlot> NewSlot(const std::shared_ptr<grpc::Channel>& channel) override {
    auto stub = std::shared_ptr<registry::Registry::Stub>(registry::Registry::NewStub(channel));
    return std::make_unique<UnarySlot<registry::CreateOrganizationRequest, registry::Organization>>(
        [this](registry::CreateOrganizationRequest* request) {
          const std::string n = absl::StrCat(nonce_, "-", NextNumber());
          request->Clear();
          FillCreate(request, absl::StrCat("Chi bộ tải thử ", n), registry::GRASSROOTS_CELL, commune_id_, "",
                     absl::StrCat("loadgen-", n));
        },
        [stub](grpc::ClientContext* c, const registry::CreateOrganizationRequest& r, grpc::CompletionQueue* cq) {
          return stub->AsyncCreateOrganization(c, r, cq);
        });
  }

 private:
  const std::string nonce_;
  std::string commune_id_;  // written by Prepare only
};

absl::StatusOr<std::unique_ptr<Workload>> MakeWorkload(const Options& options) {
  if (options.workload == "echo") return std::make_unique<EchoWorkload>(options.payload_bytes);
  if (options.workload == "put") return std::make_unique<PutWorkload>(options.payload_bytes);
  if (options.workload == "registry-get") return std::make_unique<RegistryGetWorkload>(options.cells);
  if (options.workload == "registry-create") return std::make_unique<RegistryCreateWorkload>();
  return absl::InvalidArgumentError(absl::StrCat("unknown workload ", options.workload));
}

// --- The closed loop ---------------------------------------------------------------------------

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

// A distinct channel argument per thread keeps gRPC from sharing one connection between them.
std::shared_ptr<grpc::Channel> NewChannel(const std::string& target, int index) {
  grpc::ChannelArguments args;
  args.SetInt("haicap.loadgen.channel", index);
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  return grpc::CreateCustomChannel(target, grpc::InsecureChannelCredentials(), args);
}

// Keeps `slot_count` calls outstanding on `channel` until the window ends or `budget` (calls
// left to issue, shared by all threads) runs out.
void RunClientThread(Workload& workload, const std::shared_ptr<grpc::Channel>& channel, int slot_count,
                     const Window& window, std::atomic<int64_t>& budget, ThreadResult* result) {
  grpc::CompletionQueue cq;
  std::vector<std::unique_ptr<CallSlot>> slots;
  int outstanding = 0;
  for (int i = 0; i < slot_count && budget.fetch_sub(1) > 0; ++i) {
    slots.push_back(workload.NewSlot(channel));
    slots.back()->Issue(&cq);
    ++outstanding;
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
    if (now < window.end && budget.fetch_sub(1) > 0) {
      slot->Issue(&cq);
    } else {
      --outstanding;
    }
  }
  cq.Shutdown();
  while (cq.Next(&tag, &ok)) {
  }  // nothing is outstanding; this only drains the shutdown
}

uint32_t Percentile(const std::vector<uint32_t>& sorted, double p) {
  if (sorted.empty()) return 0;
  return sorted[static_cast<size_t>(p * static_cast<double>(sorted.size() - 1))];
}

int Run(const Options& options) {
  auto workload = MakeWorkload(options);
  if (!workload.ok()) {
    LogError("bad workload", {{"error", workload.status().ToString()}});
    return 2;
  }
  std::vector<std::shared_ptr<grpc::Channel>> channels;
  for (int i = 0; i < options.threads; ++i) channels.push_back(NewChannel(options.target, i));
  if (absl::Status prepared = (*workload)->Prepare(channels[0]); !prepared.ok()) {
    LogError("setup failed", {{"workload", options.workload}, {"error", prepared.ToString()}});
    return 1;
  }

  const Clock::time_point start = Clock::now();
  Window window;
  window.begin = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(options.warmup));
  window.end = window.begin + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(options.seconds));
  std::atomic<int64_t> budget{static_cast<int64_t>(options.max_calls)};
  std::vector<ThreadResult> results(options.threads);
  std::vector<std::thread> threads;
  for (int i = 0; i < options.threads; ++i) {
    // Spread the slots evenly: the first (in_flight % threads) threads take one more.
    const int slots = options.in_flight / options.threads + (i < options.in_flight % options.threads ? 1 : 0);
    threads.emplace_back(RunClientThread, std::ref(**workload), channels[i], slots, std::cref(window),
                         std::ref(budget), &results[i]);
  }
  for (auto& t : threads) t.join();

  ThreadResult total;
  total.last_completion = window.begin;
  for (ThreadResult& r : results) {
    total.calls += r.calls;
    total.errors += r.errors;
    total.latencies_us.insert(total.latencies_us.end(), r.latencies_us.begin(), r.latencies_us.end());
    total.last_completion = std::max(total.last_completion, r.last_completion);
    if (!total.first_error) total.first_error = r.first_error;
  }
  std::sort(total.latencies_us.begin(), total.latencies_us.end());
  // The window is cut short when --max-calls ran out before it ended.
  const Clock::time_point measured_end = budget.load() > 0 ? window.end : total.last_completion;
  const double seconds = std::chrono::duration<double>(measured_end - window.begin).count();
  if (total.first_error) {
    LogWarning("calls failed", {{"errors", total.errors},
                                {"first_code", static_cast<int>(total.first_error->error_code())},
                                {"first_message", total.first_error->error_message()}});
  }
  nlohmann::json line = {
      {"workload", options.workload},
      {"target", options.target},
      {"in_flight", options.in_flight},
      {"threads", options.threads},
      {"calls", total.calls},
      {"errors", total.errors},
      {"seconds", seconds},
      {"rps", seconds > 0 ? static_cast<double>(total.calls) / seconds : 0.0},
      {"p50_us", Percentile(total.latencies_us, 0.50)},
      {"p90_us", Percentile(total.latencies_us, 0.90)},
      {"p99_us", Percentile(total.latencies_us, 0.99)},
  };
  std::cout << line.dump() << std::endl;
  return total.calls > 0 && total.errors == 0 ? 0 : 1;
}

}  // namespace
}  // namespace haicap::bench

int main(int argc, char** argv) {
  haicap::bench::Options options;
  CLI::App app{"Closed-loop gRPC load generator for the haicap benchmarks (see bench/README.md)"};
  app.add_option("--target", options.target, "HOST:PORT of the server under test")->capture_default_str();
  app.add_option("--workload", options.workload, "What to call")
      ->check(CLI::IsMember({"echo", "put", "registry-get", "registry-create"}))
      ->capture_default_str();
  app.add_option("--in-flight", options.in_flight, "Calls kept outstanding")
      ->check(CLI::Range(1, 10000))
      ->capture_default_str();
  app.add_option("--threads", options.threads, "Client threads, each with its own channel and queue")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  app.add_option("--seconds", options.seconds, "Length of the measured window")
      ->check(CLI::Range(0.1, 600.0))
      ->capture_default_str();
  app.add_option("--warmup", options.warmup, "Seconds of load before the window opens")
      ->check(CLI::Range(0.0, 600.0))
      ->capture_default_str();
  app.add_option("--payload-bytes", options.payload_bytes, "Echo payload / put value size")
      ->check(CLI::Range(0, 1 << 20))
      ->capture_default_str();
  app.add_option("--cells", options.cells, "registry-get: grassroots cells to create and read")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  app.add_option("--max-calls", options.max_calls, "Upper bound on calls issued, warmup included")
      ->check(CLI::Range(uint64_t{1}, uint64_t{100'000'000}))
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  if (options.threads > options.in_flight) options.threads = options.in_flight;
  return haicap::bench::Run(options);
}

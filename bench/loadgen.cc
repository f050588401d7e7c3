// haicap-loadgen: a closed-loop load generator over the gRPC async client API (bench/closed_loop.h).
//
// `--threads` client threads each own a channel and keep their share of `--in-flight` unary calls
// outstanding. Calls that complete during the `--warmup` are not counted; then calls completing
// within `--seconds` are. One JSON line goes to stdout:
//   {"workload":"echo","calls":...,"errors":...,"seconds":...,"rps":...,"p50_us":...,...}
#include <chrono>
#include <cstdint>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "bench/closed_loop.h"
#include "bench/communes.h"
#include "bench/dossier_requests.h"
#include "ceiling.grpc.pb.h"
#include "common/logging.h"
#include "common/status_macros.h"
#include "grpcpp/grpcpp.h"
#include "haicap/deadlines/v1/deadlines.grpc.pb.h"
#include "haicap/registry/v1/registry.grpc.pb.h"
#include "nlohmann/json.hpp"

namespace haicap::bench {
namespace {

namespace registry = ::haicap::registry::v1;
namespace deadlines = ::haicap::deadlines::v1;

constexpr char kActor[] = "haicap-loadgen";
constexpr char kProvinceCode[] = "01";

struct Options {
  std::string target = "127.0.0.1:50051";
  std::string workload = "echo";
  int in_flight = 64;
  int threads = 2;
  double seconds = 10;
  double warmup = 2;
  int payload_bytes = 128;
  int cells = 1000;
  std::string units_csv = "data/admin-units-2025-07.csv";
  int communes = 126;
  uint64_t max_calls = 2'000'000;
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

// --- Deadlines ---------------------------------------------------------------------------------

// CreateDossier of a new administrative procedure per call (30 working days, received now), round
// robin over the first `communes` communes of Hà Nội, channels mixed, each with its own request id
// (unique across runs through a per-run nonce) and a server-assigned id.
class DeadlinesCreateWorkload final : public Workload {
 public:
  explicit DeadlinesCreateWorkload(std::vector<Commune> communes)
      : communes_(std::move(communes)),
        nonce_(absl::StrCat(std::chrono::system_clock::now().time_since_epoch().count())) {}

  std::unique_ptr<CallSlot> NewSlot(const std::shared_ptr<grpc::Channel>& channel) override {
    auto stub = std::shared_ptr<deadlines::Deadlines::Stub>(deadlines::Deadlines::NewStub(channel));
    return std::make_unique<UnarySlot<deadlines::CreateDossierRequest, deadlines::Dossier>>(
        [this](deadlines::CreateDossierRequest* request) {
          const uint64_t n = NextNumber();
          FillCreateDossier({.unit_code = communes_[n % communes_.size()].code,
                             .channel = ChannelFor(n),
                             .request_id = absl::StrCat("loadgen-", nonce_, "-", n)},
                            request);
        },
        [stub](grpc::ClientContext* c, const deadlines::CreateDossierRequest& r, grpc::CompletionQueue* cq) {
          return stub->AsyncCreateDossier(c, r, cq);
        });
  }

 private:
  const std::vector<Commune> communes_;
  const std::string nonce_;
};

absl::StatusOr<std::unique_ptr<Workload>> MakeWorkload(const Options& options) {
  if (options.workload == "echo") return std::make_unique<EchoWorkload>(options.payload_bytes);
  if (options.workload == "put") return std::make_unique<PutWorkload>(options.payload_bytes);
  if (options.workload == "registry-get") return std::make_unique<RegistryGetWorkload>(options.cells);
  if (options.workload == "registry-create") return std::make_unique<RegistryCreateWorkload>();
  if (options.workload == "deadlines-create") {
    ASSIGN_OR_RETURN(std::vector<Commune> communes, ReadCommunes(options.units_csv, kProvinceCode, options.communes));
    return std::make_unique<DeadlinesCreateWorkload>(std::move(communes));
  }
  return absl::InvalidArgumentError(absl::StrCat("unknown workload ", options.workload));
}

int Run(const Options& options) {
  auto workload = MakeWorkload(options);
  if (!workload.ok()) {
    LogError("bad workload", {{"error", workload.status().ToString()}});
    return 2;
  }
  const std::vector<std::shared_ptr<grpc::Channel>> channels = NewChannels(options.target, options.threads);
  if (absl::Status prepared = (*workload)->Prepare(channels[0]); !prepared.ok()) {
    LogError("setup failed", {{"workload", options.workload}, {"error", prepared.ToString()}});
    return 1;
  }
  const LoopResult result = RunClosedLoop(**workload, channels,
                                          {.actor = kActor,
                                           .in_flight = options.in_flight,
                                           .threads = options.threads,
                                           .seconds = options.seconds,
                                           .warmup = options.warmup,
                                           .max_calls = options.max_calls});
  nlohmann::json line = result.Figures();
  line["workload"] = options.workload;
  line["target"] = options.target;
  line["in_flight"] = options.in_flight;
  line["threads"] = options.threads;
  std::cout << line.dump() << std::endl;
  return result.calls > 0 && result.errors == 0 ? 0 : 1;
}

}  // namespace
}  // namespace haicap::bench

int main(int argc, char** argv) {
  haicap::bench::Options options;
  CLI::App app{"Closed-loop gRPC load generator for the haicap benchmarks (see bench/README.md)"};
  app.add_option("--target", options.target, "HOST:PORT of the server under test")->capture_default_str();
  app.add_option("--workload", options.workload, "What to call")
      ->check(CLI::IsMember({"echo", "put", "registry-get", "registry-create", "deadlines-create"}))
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
  app.add_option("--units-csv", options.units_csv, "deadlines-create: the gazetteer file (for real commune codes)")
      ->capture_default_str();
  app.add_option("--communes", options.communes, "deadlines-create: communes of Hà Nội (01) the dossiers go to")
      ->check(CLI::Range(1, 126))
      ->capture_default_str();
  app.add_option("--max-calls", options.max_calls, "Upper bound on calls issued, warmup included")
      ->check(CLI::Range(uint64_t{1}, uint64_t{100'000'000}))
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  if (options.threads > options.in_flight) options.threads = options.in_flight;
  return haicap::bench::Run(options);
}

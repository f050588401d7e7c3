// haicap-bench-put: the durable-write ceiling. Each Put is one RocksDB write with the WAL synced
// (Database::Commit), run on a WorkerPool exactly as the services run their writes, so that
// concurrent calls group-commit.
#include "bench/serve.h"
#include "ceiling.grpc.pb.h"
#include "common/logging.h"
#include "common/server/server_host.h"
#include "common/server/unary.h"
#include "common/server/worker_pool.h"
#include "common/storage/database.h"

namespace haicap::bench {
namespace {

constexpr char kDomain[] = "bench.haicap";

class DurablePutService final : public v1::DurablePut::CallbackService {
 public:
  DurablePutService(storage::Database* db, server::WorkerPool* pool) : db_(db), pool_(pool) {}

  grpc::ServerUnaryReactor* Put(grpc::CallbackServerContext* context, const v1::PutRequest* request,
                                v1::PutResponse* response) override {
    return server::RunOnPool(context, *pool_, kDomain, response,
                             [this, request]() -> absl::StatusOr<v1::PutResponse> {
                               rocksdb::WriteBatch batch;
                               batch.Put(db_->family(0), request->key(), request->value());
                               absl::Status status = db_->Commit(&batch);
                               if (!status.ok()) return status;
                               return v1::PutResponse();
                             });
  }

 private:
  storage::Database* db_;
  server::WorkerPool* pool_;
};

}  // namespace
}  // namespace haicap::bench

int main(int argc, char** argv) {
  haicap::server::BlockTerminationSignals();
  haicap::server::ServerOptions options;
  if (auto exit_code = haicap::server::ParseServerOptions(
          argc, argv, "bench-put", "Bare durable-put server: the synced-write ceiling for haicap benchmarks", 50062,
          &options)) {
    return *exit_code;
  }
  auto db = haicap::storage::Database::Open(options.data_dir, {"kv"});
  if (!db.ok()) {
    haicap::LogError("cannot open storage", {{"error", db.status().ToString()}});
    return 1;
  }
  // Declared before the service and the host so they outlive every call in flight.
  haicap::server::WorkerPool pool(options.workers);
  haicap::bench::DurablePutService service(db->get(), &pool);
  return haicap::bench::ServeUntilTerminated(options, &service, "haicap.bench.v1.DurablePut",
                                             {{"data_dir", options.data_dir}, {"workers", options.workers}});
}

// Micro-benchmarks of the order-preserving key encoding (common/storage/key_codec.h) on the key
// shapes the services write: numeric child-index keys (parent, child, from-day) and idempotency
// keys (method, request id).
#include <string>

#include "benchmark/benchmark.h"
#include "common/storage/key_codec.h"

namespace haicap::storage {
namespace {

constexpr char kMethod[] = "/haicap.registry.v1.Registry/CreateOrganization";

std::string ChildKey(uint64_t parent, uint64_t child, int64_t from_day) {
  return KeyBuilder().Uint64(parent).Uint64(child).Int64(from_day).Release();
}

void BM_EncodeChildKey(benchmark::State& state) {
  uint64_t child = 0;
  for (auto _ : state) benchmark::DoNotOptimize(ChildKey(42, ++child, 20270));
}
BENCHMARK(BM_EncodeChildKey);

void BM_DecodeChildKey(benchmark::State& state) {
  const std::string key = ChildKey(42, 123456, 20270);
  for (auto _ : state) {
    KeyReader reader(key);
    benchmark::DoNotOptimize(reader.Uint64());
    benchmark::DoNotOptimize(reader.Uint64());
    benchmark::DoNotOptimize(reader.Int64());
  }
}
BENCHMARK(BM_DecodeChildKey);

// Request ids are client-chosen strings, typically a UUID (36 bytes) and at most 100.
void BM_EncodeIdempotencyKey(benchmark::State& state) {
  const std::string request_id(state.range(0), 'r');
  for (auto _ : state) benchmark::DoNotOptimize(KeyBuilder().String(kMethod).String(request_id).Release());
  state.SetBytesProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_EncodeIdempotencyKey)->Arg(8)->Arg(36)->Arg(100);

void BM_DecodeIdempotencyKey(benchmark::State& state) {
  const std::string key = KeyBuilder().String(kMethod).String(std::string(state.range(0), 'r')).Release();
  for (auto _ : state) {
    KeyReader reader(key);
    benchmark::DoNotOptimize(reader.String());
    benchmark::DoNotOptimize(reader.String());
  }
  state.SetBytesProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_DecodeIdempotencyKey)->Arg(8)->Arg(36)->Arg(100);

// The upper bound of every prefix scan (children of one parent).
void BM_PrefixSuccessor(benchmark::State& state) {
  const std::string prefix = KeyBuilder().Uint64(42).Release();
  for (auto _ : state) benchmark::DoNotOptimize(PrefixSuccessor(prefix));
}
BENCHMARK(BM_PrefixSuccessor);

}  // namespace
}  // namespace haicap::storage

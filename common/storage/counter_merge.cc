#include "common/storage/counter_merge.h"

#include "common/storage/key_codec.h"

namespace haicap::storage {
namespace {

class CounterAdd final : public rocksdb::AssociativeMergeOperator {
 public:
  bool Merge(const rocksdb::Slice& key, const rocksdb::Slice* existing, const rocksdb::Slice& value,
             std::string* new_value, rocksdb::Logger* logger) const override {
    const size_t width = value.size() / 8;
    std::vector<int64_t> sum = existing ? DecodeCounters(*existing, width) : std::vector<int64_t>(width, 0);
    const std::vector<int64_t> delta = DecodeCounters(value, width);
    for (size_t i = 0; i < width; ++i) sum[i] += delta[i];
    *new_value = EncodeCounters(sum);
    return true;
  }
  const char* Name() const override { return "haicap.CounterAdd"; }
};

}  // namespace

std::string EncodeCounters(const std::vector<int64_t>& counters) {
  KeyBuilder builder;
  for (int64_t c : counters) builder.Int64(c);
  return builder.Release();
}

std::vector<int64_t> DecodeCounters(const rocksdb::Slice& value, size_t width) {
  std::vector<int64_t> out(width, 0);
  KeyReader reader(std::string_view(value.data(), value.size()));
  for (size_t i = 0; i < width; ++i) {
    std::optional<int64_t> v = reader.Int64();
    if (!v) break;
    out[i] = *v;
  }
  return out;
}

std::shared_ptr<rocksdb::MergeOperator> CounterAddOperator() { return std::make_shared<CounterAdd>(); }

}  // namespace haicap::storage

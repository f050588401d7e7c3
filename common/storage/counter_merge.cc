#include "common/storage/counter_merge.h"

#include <algorithm>
#include <deque>

#include "common/storage/key_codec.h"

namespace haicap::storage {
namespace {

// Sums every operand in one pass (a read of a counter with many pending merges decodes each once
// and encodes the total once), and folds operands together during compactions.
class CounterAdd final : public rocksdb::MergeOperator {
 public:
  bool FullMergeV2(const MergeOperationInput& in, MergeOperationOutput* out) const override {
    const size_t width = WidthOf(in.existing_value, in.operand_list);
    std::vector<int64_t> sum = in.existing_value != nullptr ? DecodeCounters(*in.existing_value, width)
                                                            : std::vector<int64_t>(width, 0);
    for (const rocksdb::Slice& operand : in.operand_list) AddInto(sum, operand);
    out->new_value = EncodeCounters(sum);
    return true;
  }
  bool PartialMergeMulti(const rocksdb::Slice& key, const std::deque<rocksdb::Slice>& operands,
                         std::string* new_value, rocksdb::Logger* logger) const override {
    std::vector<int64_t> sum(WidthOf(nullptr, {operands.begin(), operands.end()}), 0);
    for (const rocksdb::Slice& operand : operands) AddInto(sum, operand);
    *new_value = EncodeCounters(sum);
    return true;
  }
  const char* Name() const override { return "haicap.CounterAdd"; }

 private:
  static size_t WidthOf(const rocksdb::Slice* existing, const std::vector<rocksdb::Slice>& operands) {
    size_t width = existing != nullptr ? existing->size() / 8 : 0;
    for (const rocksdb::Slice& operand : operands) width = std::max(width, operand.size() / 8);
    return width;
  }
  static void AddInto(std::vector<int64_t>& sum, const rocksdb::Slice& operand) {
    KeyReader reader(std::string_view(operand.data(), operand.size()));
    for (int64_t& total : sum) {
      std::optional<int64_t> v = reader.Int64();
      if (!v) break;
      total += *v;
    }
  }
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

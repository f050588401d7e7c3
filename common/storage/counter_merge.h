// Counters kept by RocksDB merges: a value is a fixed number of int64 counters (big-endian), and a
// merge adds element-wise. Writers add deltas with WriteBatch::Merge and never read first, so
// concurrent changes to one counter neither conflict nor lose updates.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "rocksdb/merge_operator.h"

namespace haicap::storage {

// Encodes counters (or deltas) as a value.
std::string EncodeCounters(const std::vector<int64_t>& counters);
// Decodes a value into `width` counters; missing or short values count as zeros.
std::vector<int64_t> DecodeCounters(const rocksdb::Slice& value, size_t width);

// The merge operator for families of counters; "haicap.CounterAdd" in the OPTIONS file.
std::shared_ptr<rocksdb::MergeOperator> CounterAddOperator();

}  // namespace haicap::storage

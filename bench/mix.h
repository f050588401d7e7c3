// SplitMix64: a cheap, well-mixed hash, so that a synthetic row's fields are a function of its
// index and a data set is the same on every run.
#pragma once

#include <cstdint>

namespace haicap::bench {

inline uint64_t Mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

}  // namespace haicap::bench

// Private to the ingest module: an open-addressing set of 64-bit key hashes, each with the row
// that first had it. 16 bytes a slot and a load factor kept between 0.35 and 0.7, so a million
// keys take 23–46 MB, far less than std::unordered_set's nodes.
#pragma once

#include <cstdint>
#include <vector>

namespace kf::ingest::detail {

class KeySet {
 public:
  // Inserts `hash`; returns 0 if it is new, else the row recorded with it first.
  std::int64_t insert(std::uint64_t hash, std::int64_t row) {
    if (hash == 0) hash = 1;  // 0 marks an empty slot
    if ((size_ + 1) * 10 > slots_.size() * 7) grow();
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = mix(hash) & mask;; i = (i + 1) & mask) {
      Slot& s = slots_[i];
      if (s.hash == 0) {
        s = {hash, row};
        ++size_;
        return 0;
      }
      if (s.hash == hash) return s.row;
    }
  }
  std::size_t size() const { return size_; }

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::int64_t row = 0;
  };
  // Spreads the bits so that the low ones used for the bucket do not repeat patterns.
  static std::uint64_t mix(std::uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return x;
  }
  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
    const std::size_t mask = slots_.size() - 1;
    for (const Slot& s : old) {
      if (s.hash == 0) continue;
      std::size_t i = mix(s.hash) & mask;
      while (slots_[i].hash != 0) i = (i + 1) & mask;
      slots_[i] = s;
    }
  }
  std::vector<Slot> slots_;
  std::size_t size_ = 0;
};

}  // namespace kf::ingest::detail

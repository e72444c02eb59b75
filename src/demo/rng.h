// Deterministic pseudo-random numbers for the demo data: splitmix64 for seeding and hashing,
// xoshiro256** for streams. Integer arithmetic only, so the same seed gives the same values with
// every compiler, standard library and machine (std::uniform_*_distribution would not).
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace kf::demo {

// One step of splitmix64: advances `state` and returns a well-mixed 64-bit value.
inline std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// Stateless mix of one value (splitmix64 finaliser).
inline std::uint64_t mix64(std::uint64_t x) { return splitmix64(x); }

// FNV-1a over the bytes, then mixed: a stable hash of a string.
inline std::uint64_t hash_str(std::string_view s) {
  std::uint64_t h = 0xCBF29CE484222325ULL;
  for (unsigned char c : s) h = (h ^ c) * 0x100000001B3ULL;
  return mix64(h);
}

// (a * b) mod m without overflow.
inline std::uint64_t mulmod(std::uint64_t a, std::uint64_t b, std::uint64_t m) {
  __extension__ using u128 = unsigned __int128;
  return static_cast<std::uint64_t>(static_cast<u128>(a) * b % m);
}

class Rng {
 public:
  explicit Rng(std::uint64_t seed) {
    for (auto& w : s_) w = splitmix64(seed);
  }

  // xoshiro256**.
  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, n); n == 0 gives 0. Rejection sampling, so exactly uniform.
  std::uint64_t below(std::uint64_t n) {
    if (n == 0) return 0;
    const std::uint64_t threshold = (0 - n) % n;
    for (;;) {
      const std::uint64_t r = next();
      if (r >= threshold) return r % n;
    }
  }

  // Uniform in [lo, hi] (lo <= hi).
  std::int64_t between(std::int64_t lo, std::int64_t hi) {
    const auto span = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo) + 1;
    return static_cast<std::int64_t>(static_cast<std::uint64_t>(lo) + below(span));
  }

  // True with probability ppm / 1,000,000.
  bool chance_ppm(std::uint32_t ppm) { return below(1'000'000) < ppm; }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::array<std::uint64_t, 4> s_{};
};

// A bijection of [0, n) onto itself (i -> a*i + b mod n with gcd(a, n) = 1): visits every value
// once in a scrambled order. Used to make unique keys that do not look sequential.
class Permutation {
 public:
  Permutation() = default;
  Permutation(std::uint64_t n, Rng& rng) : n_(n == 0 ? 1 : n) {
    b_ = rng.below(n_);
    a_ = 1 + rng.below(n_);
    while (gcd(a_ % n_, n_) != 1) ++a_;
    a_ %= n_;
    if (a_ == 0) a_ = 1;
  }
  std::uint64_t at(std::uint64_t i) const { return (mulmod(a_, i % n_, n_) + b_) % n_; }
  std::uint64_t size() const { return n_; }

 private:
  static std::uint64_t gcd(std::uint64_t x, std::uint64_t y) {
    while (y != 0) {
      const std::uint64_t t = x % y;
      x = y;
      y = t;
    }
    return x;
  }
  std::uint64_t n_ = 1, a_ = 1, b_ = 0;
};

}  // namespace kf::demo

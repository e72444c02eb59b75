// uscc company district district_code address lat lon.
#include <algorithm>
#include <array>

#include "demo/codes.h"
#include "demo/gen.h"
#include "demo/words.h"

namespace kf::demo {
namespace {

// The district a value names; a USCC registered with the city (or anything unknown) gets a
// district that is stable for that USCC, other values a random one.
const District& district_for(const std::string& v, Rng& rng) {
  if (const District* d = district_of(v)) return *d;
  if (v.size() == 18) {
    Rng own(hash_str(v));
    return pick_district(own);
  }
  return pick_district(rng);
}

// Which entities of the register a uscc generator may use.
struct RegisterFilter {
  std::vector<std::string> types;     // prefixes 91/92/93; empty: any
  std::string sections;               // GB/T 4754 section letters; empty: any
  std::vector<std::string> like;      // name must contain one of these; empty: any

  bool selective() const { return !sections.empty() || !like.empty(); }
  bool wanted(std::uint64_t j) const {
    if (!types.empty() && std::find(types.begin(), types.end(), register_prefix(j)) == types.end()) {
      return false;
    }
    if (!selective()) return true;
    const EntityProfile p = entity_profile(register_uscc(j));
    if (!sections.empty() && sections.find(p.section) == std::string::npos) return false;
    return like.empty() || std::any_of(like.begin(), like.end(), [&](const std::string& w) {
             return p.name.find(w) != std::string::npos;
           });
  }
};

class UsccGen : public ValueGen {
 public:
  enum class Mode { register_unique, register_repeat, other };
  UsccGen(Mode mode, RegisterFilter filter, std::vector<std::string> prefixes, Permutation perm)
      : mode_(mode), filter_(std::move(filter)), prefixes_(std::move(prefixes)), perm_(perm) {}
  void emit(Rng& rng, const GenContext& ctx, std::string& out) override {
    switch (mode_) {
      case Mode::other:
        out += other_uscc(prefixes_[rng.below(prefixes_.size())], perm_.at(ctx.row));
        return;
      case Mode::register_repeat: {
        std::uint64_t j = 0;
        do j = rng.below(kRegisterSize);
        while (!filter_.wanted(j));
        out += register_uscc(j);
        return;
      }
      case Mode::register_unique: {
        // Walks the permuted register; build_uscc made sure enough entities pass the filter.
        std::uint64_t j = 0;
        do j = perm_.at(cursor_++);
        while (!filter_.wanted(j) && cursor_ < 2 * kRegisterSize);
        out += register_uscc(j);
        return;
      }
    }
  }

 private:
  Mode mode_;
  RegisterFilter filter_;
  std::vector<std::string> prefixes_;
  Permutation perm_;
  std::uint64_t cursor_ = 0;
};

class IndustryGen : public ValueGen {
 public:
  explicit IndustryGen(std::size_t src) : src_(src) {}
  void emit(Rng&, const GenContext& ctx, std::string& out) override {
    const std::string& v = (*ctx.values)[src_];
    if (v.size() == 18) out.push_back(entity_profile(v).section);
  }

 private:
  std::size_t src_;
};

class PlaceGen : public ValueGen {
 public:
  enum class What { company, district, district_code, address, lat, lon };
  PlaceGen(What what, std::optional<std::size_t> src) : what_(what), src_(src) {}

  void emit(Rng& rng, const GenContext& ctx, std::string& out) override {
    static const std::string kNone;
    const std::string& v = src_ ? (*ctx.values)[*src_] : kNone;
    switch (what_) {
      case What::company: append_entity_name(v, rng, out); return;
      case What::district: out += (src_ ? district_for(v, rng) : pick_district(rng)).name; return;
      case What::district_code:
        out += (src_ ? district_for(v, rng) : pick_district(rng)).code;
        return;
      case What::address: {
        const District& d = src_ ? district_for(v, rng) : pick_district(rng);
        if (v.size() == 18) {
          Rng own(hash_str(v) ^ 0xADD2E55ULL);
          append_address(d, own, out);
        } else {
          append_address(d, rng, out);
        }
        return;
      }
      case What::lat:
      case What::lon: coordinate(rng, v, out); return;
    }
  }

 private:
  void coordinate(Rng& rng, const std::string& v, std::string& out) const {
    const bool lat = what_ == What::lat;
    const std::int64_t lo = lat ? kLatMin : kLonMin, hi = lat ? kLatMax : kLonMax;
    std::int64_t x = 0;
    if (!src_) {
      x = rng.between(lo, hi);
    } else {
      Rng own(hash_str(v) ^ (lat ? 0x1A7ULL : 0x10EULL));
      Rng& r = v.size() == 18 ? own : rng;
      const District& d = district_for(v, r);
      const std::int64_t spread = lat ? 90'000 : 110'000;
      x = std::clamp((lat ? d.lat : d.lon) + r.between(-spread, spread), lo, hi);
    }
    append_scaled(out, x, 6);
  }
  What what_;
  std::optional<std::size_t> src_;
};

// Entities of the register with this prefix (counted once).
std::uint64_t register_count(std::string_view prefix) {
  static const std::array<std::uint64_t, 3> counts = [] {
    std::array<std::uint64_t, 3> c{};
    for (std::uint64_t j = 0; j < kRegisterSize; ++j) ++c[static_cast<std::size_t>(register_prefix(j)[1] - '1')];
    return c;
  }();
  return counts[static_cast<std::size_t>(prefix[1] - '1')];
}

// How many entities pass the filter: exact for prefixes, estimated from a fixed sample otherwise.
std::uint64_t register_capacity(const RegisterFilter& f) {
  std::uint64_t by_type = f.types.empty() ? kRegisterSize : 0;
  for (const auto& t : f.types) by_type += register_count(t);
  if (!f.selective()) return by_type;
  constexpr std::uint64_t kSample = 20'000;
  std::uint64_t hits = 0;
  for (std::uint64_t j = 0; j < kSample; ++j) hits += f.wanted(j) ? 1 : 0;
  return hits * kRegisterSize / kSample * 9 / 10;  // keep a margin for the estimate
}

Result<GenPtr> build_uscc(SpecParts& p, const BuildScope& scope) {
  RegisterFilter filter;
  if (auto t = p.take("type")) {
    for (auto item : split_list(*t, '|')) {
      if (item != "91" && item != "92" && item != "93") return scope.bad("type 只能是 91、92、93");
      filter.types.emplace_back(item);
    }
  }
  if (auto sec = p.take("industry")) {
    for (auto item : split_list(*sec, '|')) {
      if (item.size() != 1 || item[0] < 'A' || item[0] > 'T') return scope.bad("industry 应为 GB/T 4754 门类字母 A–T");
      filter.sections.push_back(item[0]);
    }
  }
  if (auto like = p.take("like")) {
    for (auto item : split_list(*like, '|')) {
      if (!item.empty()) filter.like.emplace_back(item);
    }
  }
  const bool repeat = p.flag("repeat");
  if (auto prefix = p.take("prefix")) {
    std::vector<std::string> prefixes;
    for (auto item : split_list(*prefix, '|')) {
      const std::string pre(item);
      if (pre.size() != 2 || uscc_check_char(pre + "370700000000000") == '\0') {
        return scope.bad("prefix 应为两位登记管理部门与机构类别代码");
      }
      prefixes.push_back(pre);
    }
    if (!filter.types.empty() || filter.selective() || repeat) {
      return scope.bad("prefix 不能与 type、industry、like、repeat 同用");
    }
    return GenPtr(std::make_unique<UsccGen>(UsccGen::Mode::other, std::move(filter), std::move(prefixes),
                                            Permutation(std::max<std::uint64_t>(scope.rows, 1), *scope.setup)));
  }
  const std::uint64_t capacity = register_capacity(filter);
  if (capacity == 0) return scope.bad("市场主体名录中没有符合条件的主体");
  if (repeat) {
    return GenPtr(std::make_unique<UsccGen>(UsccGen::Mode::register_repeat, std::move(filter),
                                            std::vector<std::string>{}, Permutation()));
  }
  if (scope.rows > capacity) return scope.bad("行数超过市场主体名录中符合条件的主体数");
  return GenPtr(std::make_unique<UsccGen>(UsccGen::Mode::register_unique, std::move(filter),
                                          std::vector<std::string>{}, Permutation(kRegisterSize, *scope.setup)));
}

}  // namespace

Result<GenPtr> build_place(SpecParts& p, const BuildScope& scope) {
  if (p.kind == "uscc") return build_uscc(p, scope);
  if (p.kind == "industry_of") {
    KF_ASSIGN(auto src, scope.ref(p.arg));
    return GenPtr(std::make_unique<IndustryGen>(src));
  }
  std::optional<std::size_t> src;
  if (!p.arg.empty()) {
    KF_ASSIGN(src, scope.ref(p.arg));
  }
  using W = PlaceGen::What;
  const W what = p.kind == "company"         ? W::company
                 : p.kind == "district"      ? W::district
                 : p.kind == "district_code" ? W::district_code
                 : p.kind == "address"       ? W::address
                 : p.kind == "lat"           ? W::lat
                                             : W::lon;
  return GenPtr(std::make_unique<PlaceGen>(what, src));
}

}  // namespace kf::demo

// uscc company district district_code address lat lon.
#include <algorithm>

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

class UsccGen : public ValueGen {
 public:
  enum class Mode { register_unique, register_repeat, other };
  UsccGen(Mode mode, std::vector<std::string> types, std::vector<std::string> prefixes, Permutation perm)
      : mode_(mode), types_(std::move(types)), prefixes_(std::move(prefixes)), perm_(perm) {}
  void emit(Rng& rng, const GenContext& ctx, std::string& out) override {
    switch (mode_) {
      case Mode::other:
        out += other_uscc(prefixes_[rng.below(prefixes_.size())], perm_.at(ctx.row));
        return;
      case Mode::register_repeat: {
        std::uint64_t j = 0;
        do j = rng.below(kRegisterSize);
        while (!wanted(j));
        out += register_uscc(j);
        return;
      }
      case Mode::register_unique: {
        std::uint64_t j = 0;
        do j = perm_.at(cursor_++);
        while (!wanted(j));
        out += register_uscc(j);
        return;
      }
    }
  }

 private:
  bool wanted(std::uint64_t j) const {
    if (types_.empty()) return true;
    return std::find(types_.begin(), types_.end(), register_prefix(j)) != types_.end();
  }
  Mode mode_;
  std::vector<std::string> types_;
  std::vector<std::string> prefixes_;
  Permutation perm_;
  std::uint64_t cursor_ = 0;
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

Result<GenPtr> build_uscc(SpecParts& p, const BuildScope& scope) {
  std::vector<std::string> types;
  if (auto t = p.take("type")) {
    for (auto item : split_list(*t, '|')) {
      if (item != "91" && item != "92" && item != "93") return scope.bad("type 只能是 91、92、93");
      types.emplace_back(item);
    }
  }
  const bool repeat = p.flag("repeat");
  if (auto prefix = p.take("prefix")) {
    std::vector<std::string> prefixes;
    for (auto item : split_list(*prefix, '|')) {
      const std::string pre(item);
      if (pre.size() != 2 || uscc_check_char(pre + "370700000000000") == '\0' || pre.starts_with("9")) {
        return scope.bad("prefix 应为两位登记管理部门与机构类别代码（9x 属于市场主体名录，请用 type）");
      }
      prefixes.push_back(pre);
    }
    if (!types.empty() || repeat) return scope.bad("prefix 不能与 type、repeat 同用");
    return GenPtr(std::make_unique<UsccGen>(UsccGen::Mode::other, types, std::move(prefixes),
                                            Permutation(std::max<std::uint64_t>(scope.rows, 1), *scope.setup)));
  }
  if (repeat) return GenPtr(std::make_unique<UsccGen>(UsccGen::Mode::register_repeat, types, std::vector<std::string>{}, Permutation()));
  std::uint64_t capacity = kRegisterSize;
  if (!types.empty()) {
    capacity = 0;
    for (std::uint64_t j = 0; j < kRegisterSize; ++j) {
      if (std::find(types.begin(), types.end(), register_prefix(j)) != types.end()) ++capacity;
    }
  }
  if (scope.rows > capacity) return scope.bad("行数超过市场主体名录中可用的主体数");
  return GenPtr(std::make_unique<UsccGen>(UsccGen::Mode::register_unique, types, std::vector<std::string>{},
                                          Permutation(kRegisterSize, *scope.setup)));
}

}  // namespace

Result<GenPtr> build_place(SpecParts& p, const BuildScope& scope) {
  if (p.kind == "uscc") return build_uscc(p, scope);
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

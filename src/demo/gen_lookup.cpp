// map band monthly: values looked up from an earlier field.
#include <algorithm>

#include "demo/gen.h"

namespace kf::demo {
namespace {

// map: the first item whose key is a prefix of the source value (from offset `at`), or with
// `contains` anywhere in it, or "*".
class MapGen : public ValueGen {
 public:
  MapGen(std::size_t src, std::size_t at, bool contains, std::vector<std::pair<std::string, Piece>> m)
      : src_(src), at_(at), contains_(contains), m_(std::move(m)) {}
  void emit(Rng& rng, const GenContext& ctx, std::string& out) override {
    const std::string& v = (*ctx.values)[src_];
    const std::string_view tail = at_ < v.size() ? std::string_view(v).substr(at_) : std::string_view();
    for (const auto& [k, val] : m_) {
      const bool hit = contains_ ? tail.find(k) != std::string_view::npos : tail.starts_with(k);
      if (k == "*" || hit) {
        val.emit(rng, ctx, out);
        return;
      }
    }
  }

 private:
  std::size_t src_, at_;
  bool contains_;
  std::vector<std::pair<std::string, Piece>> m_;
};

// band: the first item whose inclusive numeric range holds the source value.
class BandGen : public ValueGen {
 public:
  struct Band {
    std::optional<std::int64_t> lo, hi;  // millionths
    Piece value;
  };
  BandGen(std::size_t src, std::vector<Band> bands) : src_(src), bands_(std::move(bands)) {}
  void emit(Rng& rng, const GenContext& ctx, std::string& out) override {
    const auto v = parse_scaled((*ctx.values)[src_], 6);
    if (!v) return;
    for (const auto& b : bands_) {
      if ((!b.lo || *v >= *b.lo) && (!b.hi || *v <= *b.hi)) {
        b.value.emit(rng, ctx, out);
        return;
      }
    }
  }

 private:
  std::size_t src_;
  std::vector<Band> bands_;
};

// monthly: a base value per calendar month of a date field, plus or minus a uniform spread.
class MonthlyGen : public ValueGen {
 public:
  MonthlyGen(std::size_t src, std::vector<std::int64_t> base, std::int64_t spread, int scale)
      : src_(src), base_(std::move(base)), spread_(spread), scale_(scale) {}
  void emit(Rng& rng, const GenContext& ctx, std::string& out) override {
    const std::string& d = (*ctx.values)[src_];
    const auto month = d.size() >= 7 ? parse_i64(std::string_view(d).substr(5, 2)) : std::nullopt;
    if (!month || *month < 1 || *month > 12) return;
    append_scaled(out, base_[static_cast<std::size_t>(*month - 1)] + rng.between(-spread_, spread_), scale_);
  }

 private:
  std::size_t src_;
  std::vector<std::int64_t> base_;
  std::int64_t spread_;
  int scale_;
};

}  // namespace

Result<GenPtr> build_lookup(SpecParts& p, const BuildScope& scope) {
  const std::string& k = p.kind;
  const auto colon = p.arg.find(':');
  if (colon == std::string::npos) return scope.bad(k + " 应写作 " + k + ":字段:…");
  KF_ASSIGN(auto src, scope.ref(std::string_view(p.arg).substr(0, colon)));
  const auto items = split_list(std::string_view(p.arg).substr(colon + 1), '|');
  if (k == "monthly") {
    const std::string spread_text = p.take("spread").value_or("0");
    int scale = fraction_digits(spread_text);
    for (auto item : items) scale = std::max(scale, fraction_digits(item));
    std::vector<std::int64_t> base;
    for (auto item : items) {
      auto v = parse_scaled(item, scale);
      if (!v) return scope.bad("monthly 的月度基准值应为数字");
      base.push_back(*v);
    }
    const auto spread = parse_scaled(spread_text, scale);
    if (base.size() != 12 || !spread || *spread < 0) return scope.bad("monthly 需要 12 个月度基准值和非负的 spread");
    return GenPtr(std::make_unique<MonthlyGen>(src, std::move(base), *spread, scale));
  }
  if (k == "band") {
    std::vector<BandGen::Band> bands;
    for (auto item : items) {
      const auto eq = item.find('=');
      const auto range = eq == std::string_view::npos ? std::nullopt : split_range(item.substr(0, eq));
      if (!range) return scope.bad("band 的每项应写作 下限..上限=值");
      BandGen::Band b;
      if (!range->first.empty() && !(b.lo = parse_scaled(range->first, 6))) return scope.bad("band 的下限应为数字");
      if (!range->second.empty() && !(b.hi = parse_scaled(range->second, 6))) return scope.bad("band 的上限应为数字");
      KF_ASSIGN(b.value, build_piece(item.substr(eq + 1), scope));
      bands.push_back(std::move(b));
    }
    return GenPtr(std::make_unique<BandGen>(src, std::move(bands)));
  }
  KF_ASSIGN(auto at, int_option(p, scope, "at", 0, 0));
  const bool contains = p.flag("contains");
  std::vector<std::pair<std::string, Piece>> m;
  for (auto item : items) {
    const auto eq = item.find('=');
    if (eq == std::string_view::npos) return scope.bad("map 的每项应写作 前缀=值");
    KF_ASSIGN(auto piece, build_piece(item.substr(eq + 1), scope));
    m.emplace_back(std::string(item.substr(0, eq)), std::move(piece));
  }
  return GenPtr(std::make_unique<MapGen>(src, static_cast<std::size_t>(at), contains, std::move(m)));
}

}  // namespace kf::demo

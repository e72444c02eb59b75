// seq cycle choice const ref int dec bool tpl, and list values (Piece).
#include <algorithm>
#include <limits>

#include "demo/calendar.h"
#include "demo/gen.h"

namespace kf::demo {
namespace {

// "K{:03d}" / "{}路": text around one number placeholder.
struct NumFormat {
  std::string pre, post;
  int width = 0;
  bool zero = false;

  void append(std::string& out, std::int64_t v) const {
    out += pre;
    if (zero && v >= 0) {
      append_padded(out, v, width);
    } else {
      append_i64(out, v);
    }
    out += post;
  }
};

std::optional<NumFormat> parse_format(std::string_view s) {
  if (s.empty()) s = "{}";
  const auto open = s.find('{');
  const auto close = s.find('}', open);
  if (open == std::string_view::npos || close == std::string_view::npos) return std::nullopt;
  NumFormat f;
  f.pre = std::string(s.substr(0, open));
  f.post = std::string(s.substr(close + 1));
  std::string_view inner = s.substr(open + 1, close - open - 1);
  if (f.post.find('{') != std::string::npos) return std::nullopt;
  if (!inner.empty()) {
    if (inner.front() != ':' || inner.back() != 'd') return std::nullopt;
    inner = inner.substr(1, inner.size() - 2);
    if (!inner.empty() && inner.front() == '0') {
      f.zero = true;
      inner.remove_prefix(1);
    }
    if (!inner.empty()) {
      auto w = parse_i64(inner);
      if (!w || *w < 1 || *w > 30) return std::nullopt;
      f.width = static_cast<int>(*w);
    }
    if (f.width > 0 && !f.zero) return std::nullopt;  // only zero padding: {:05d}
  }
  return f;
}

constexpr std::int64_t kAnyInt = std::numeric_limits<std::int64_t>::min();

class SeqGen : public ValueGen {
 public:
  SeqGen(NumFormat f, std::int64_t start, std::int64_t step, std::int64_t mod, std::int64_t per)
      : f_(std::move(f)), start_(start), step_(step), mod_(mod), per_(per) {}
  void emit(Rng&, const GenContext& ctx, std::string& out) override {
    auto k = static_cast<std::int64_t>(ctx.row) / per_;
    if (mod_ > 0) k %= mod_;
    f_.append(out, start_ + step_ * k);
  }

 private:
  NumFormat f_;
  std::int64_t start_, step_, mod_, per_;
};

class CycleGen : public ValueGen {
 public:
  CycleGen(std::vector<Piece> v, std::uint64_t per) : v_(std::move(v)), per_(per) {}
  void emit(Rng& rng, const GenContext& ctx, std::string& out) override {
    v_[(ctx.row / per_) % v_.size()].emit(rng, ctx, out);
  }

 private:
  std::vector<Piece> v_;
  std::uint64_t per_;
};

class ChoiceGen : public ValueGen {
 public:
  ChoiceGen(std::vector<Piece> v, std::vector<std::uint64_t> cum)
      : v_(std::move(v)), cum_(std::move(cum)) {}
  void emit(Rng& rng, const GenContext& ctx, std::string& out) override {
    const std::uint64_t r = rng.below(cum_.back());
    const auto it = std::upper_bound(cum_.begin(), cum_.end(), r);
    v_[static_cast<std::size_t>(it - cum_.begin())].emit(rng, ctx, out);
  }

 private:
  std::vector<Piece> v_;
  std::vector<std::uint64_t> cum_;
};

class ConstGen : public ValueGen {
 public:
  explicit ConstGen(std::string v) : v_(std::move(v)) {}
  void emit(Rng&, const GenContext&, std::string& out) override { out += v_; }

 private:
  std::string v_;
};

// int, dec and ref: lo + skewed uniform draw, printed with a scale or a format.
class NumberGen : public ValueGen {
 public:
  NumberGen(std::int64_t lo, std::int64_t hi, int skew, int scale, std::optional<NumFormat> f)
      : lo_(lo), hi_(hi), skew_(skew), scale_(scale), f_(std::move(f)) {}
  void emit(Rng& rng, const GenContext&, std::string& out) override {
    auto x = rng.below(static_cast<std::uint64_t>(hi_ - lo_) + 1);
    for (int i = 0; i < skew_; ++i) x = rng.below(x + 1);
    const std::int64_t v = lo_ + static_cast<std::int64_t>(x);
    if (f_) {
      f_->append(out, v);
    } else {
      append_scaled(out, v, scale_);
    }
  }

 private:
  std::int64_t lo_, hi_;
  int skew_, scale_;
  std::optional<NumFormat> f_;
};

class BoolGen : public ValueGen {
 public:
  explicit BoolGen(std::uint32_t ppm) : ppm_(ppm) {}
  void emit(Rng& rng, const GenContext&, std::string& out) override {
    out += rng.chance_ppm(ppm_) ? "true" : "false";
  }

 private:
  std::uint32_t ppm_;
};

class TplGen : public ValueGen {
 public:
  struct Part {
    std::string text;            // literal, when gen is null and ref < 0
    GenPtr gen;                  // {spec}
    std::ptrdiff_t ref = -1;     // {=field}
  };
  explicit TplGen(std::vector<Part> parts) : parts_(std::move(parts)) {}
  void emit(Rng& rng, const GenContext& ctx, std::string& out) override {
    for (auto& p : parts_) {
      if (p.gen) {
        p.gen->emit(rng, ctx, out);
      } else if (p.ref >= 0) {
        out += (*ctx.values)[static_cast<std::size_t>(p.ref)];
      } else {
        out += p.text;
      }
    }
  }

 private:
  std::vector<Part> parts_;
};

}  // namespace

Result<GenPtr> build_tpl(std::string_view s, const BuildScope& scope) {
  std::vector<TplGen::Part> parts;
  std::size_t i = 0;
  while (i < s.size()) {
    const auto open = s.find('{', i);
    if (open == std::string_view::npos) {
      parts.push_back({std::string(s.substr(i)), nullptr, -1});
      break;
    }
    if (open > i) parts.push_back({std::string(s.substr(i, open - i)), nullptr, -1});
    int depth = 0;
    std::size_t close = open;
    for (; close < s.size(); ++close) {
      if (s[close] == '{') ++depth;
      if (s[close] == '}' && --depth == 0) break;
    }
    if (close >= s.size()) return scope.bad("模板中的 { 没有配对的 }");
    const std::string_view inner = s.substr(open + 1, close - open - 1);
    TplGen::Part part;
    if (!inner.empty() && inner.front() == '=') {
      KF_ASSIGN(auto idx, scope.ref(inner.substr(1)));
      part.ref = static_cast<std::ptrdiff_t>(idx);
    } else {
      KF_ASSIGN(part.gen, build_gen(inner, scope));
    }
    parts.push_back(std::move(part));
    i = close + 1;
  }
  return GenPtr(std::make_unique<TplGen>(std::move(parts)));
}

namespace {

Result<GenPtr> build_number(SpecParts& p, const BuildScope& scope, bool decimal) {
  const auto range = split_range(p.arg);
  if (!range) return scope.bad("范围应写作 最小值..最大值");
  const int scale = decimal ? std::max(fraction_digits(range->first), fraction_digits(range->second)) : 0;
  const auto lo = parse_scaled(range->first, scale), hi = parse_scaled(range->second, scale);
  if (!lo || !hi || *lo > *hi) return scope.bad("范围「" + p.arg + "」无效");
  KF_ASSIGN(auto skew, int_option(p, scope, "skew", 0, 0));
  if (skew > 8) return scope.bad("skew 应在 0–8 之间");
  return GenPtr(std::make_unique<NumberGen>(*lo, *hi, static_cast<int>(skew), scale, std::nullopt));
}

}  // namespace

Result<Piece> build_piece(std::string_view text, const BuildScope& scope) {
  Piece p;
  if (text.find('{') == std::string_view::npos) {
    p.text = std::string(text);
  } else {
    KF_ASSIGN(p.gen, build_tpl(text, scope));
  }
  return p;
}

Result<GenPtr> build_basic(SpecParts& p, const BuildScope& scope) {
  const std::string& k = p.kind;
  if (k == "seq" || k == "ref") {
    auto f = parse_format(p.arg);
    if (!f) return scope.bad("编号格式「" + p.arg + "」应含一个 {} 或 {:0Nd}");
    if (k == "ref") {
      KF_ASSIGN(auto max, int_option(p, scope, "max", 0, 1));
      KF_ASSIGN(auto min, int_option(p, scope, "min", 1, 0));
      if (max < min) return scope.bad("ref 需要选项 max（不小于 min）");
      return GenPtr(std::make_unique<NumberGen>(min, max, 0, 0, std::move(f)));
    }
    KF_ASSIGN(auto start, int_option(p, scope, "start", 1, kAnyInt));
    KF_ASSIGN(auto step, int_option(p, scope, "step", 1, kAnyInt));
    KF_ASSIGN(auto mod, int_option(p, scope, "mod", 0, 1));
    KF_ASSIGN(auto per, int_option(p, scope, "per", 1, 1));
    return GenPtr(std::make_unique<SeqGen>(std::move(*f), start, step, mod, per));
  }
  if (k == "cycle" || k == "choice") {
    std::vector<Piece> values;
    std::vector<std::uint64_t> cum;
    std::uint64_t total = 0;
    for (auto item : split_list(p.arg, '|')) {
      std::uint64_t w = 1;
      const auto star = item.rfind('*');
      const auto brace = item.rfind('}');
      if (k == "choice" && star != std::string_view::npos && (brace == std::string_view::npos || brace < star)) {
        auto parsed = parse_i64(item.substr(star + 1));
        if (!parsed || *parsed < 1) return scope.bad("权重应为正整数：" + std::string(item));
        w = static_cast<std::uint64_t>(*parsed);
        item = item.substr(0, star);
      }
      KF_ASSIGN(auto piece, build_piece(item, scope));
      values.push_back(std::move(piece));
      cum.push_back(total += w);
    }
    if (values.empty() || p.arg.empty()) return scope.bad("取值列表为空");
    if (k == "choice") return GenPtr(std::make_unique<ChoiceGen>(std::move(values), std::move(cum)));
    KF_ASSIGN(auto per, int_option(p, scope, "per", 1, 1));
    return GenPtr(std::make_unique<CycleGen>(std::move(values), static_cast<std::uint64_t>(per)));
  }
  if (k == "const") return GenPtr(std::make_unique<ConstGen>(p.arg));
  if (k == "int") return build_number(p, scope, false);
  if (k == "dec") return build_number(p, scope, true);
  if (k == "bool") {
    auto ppm = parse_ppm(p.arg.empty() ? "0.5" : p.arg);
    if (!ppm) return scope.bad("bool 的参数应为 0–1 之间的概率");
    return GenPtr(std::make_unique<BoolGen>(*ppm));
  }
  if (k == "map" || k == "band" || k == "monthly") return build_lookup(p, scope);
  return build_tpl(p.arg, scope);  // tpl
}

}  // namespace kf::demo

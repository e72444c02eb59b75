// Parsing of generator specs and the helpers the builders share.
#include <algorithm>
#include <array>
#include <charconv>

#include "demo/gen.h"

namespace kf::demo {
namespace {

constexpr std::array<std::string_view, 12> kBasic = {"seq", "cycle", "choice", "const",
                                                     "ref", "int",   "dec",    "bool",
                                                     "map", "band",  "monthly", "tpl"};
constexpr std::array<std::string_view, 4> kTime = {"date", "datetime", "time", "after"};
constexpr std::array<std::string_view, 7> kPerson = {"name",   "id_number", "gender_of", "birth_of",
                                                     "mobile", "phone",     "plate"};
constexpr std::array<std::string_view, 8> kPlace = {"uscc",    "company", "industry_of", "district",
                                                    "district_code", "address", "lat", "lon"};

template <std::size_t N>
bool in(const std::array<std::string_view, N>& set, std::string_view k) {
  return std::find(set.begin(), set.end(), k) != set.end();
}

}  // namespace

std::optional<std::string> SpecParts::take(std::string_view key) {
  for (std::size_t i = 0; i < options.size(); ++i) {
    if (options[i].first == key) {
      used[i] = true;
      return options[i].second;
    }
  }
  return std::nullopt;
}

bool SpecParts::flag(std::string_view key) { return take(key).has_value(); }

std::vector<std::string_view> split_list(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '{') ++depth;
    if (s[i] == '}') --depth;
    if (s[i] == sep && depth == 0) {
      out.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  out.push_back(s.substr(start));
  return out;
}

Result<SpecParts> split_spec(std::string_view spec) {
  SpecParts p;
  const auto segments = split_list(spec, ';');
  const std::string_view head = segments.front();
  const auto colon = head.find(':');
  p.kind = std::string(head.substr(0, colon));
  if (colon != std::string_view::npos) p.arg = std::string(head.substr(colon + 1));
  if (p.kind.empty()) return Error::invalid("生成器规格为空", "generator");
  for (std::size_t i = 1; i < segments.size(); ++i) {
    const std::string_view seg = segments[i];
    if (seg.empty()) continue;
    const auto eq = seg.find('=');
    p.options.emplace_back(std::string(seg.substr(0, eq)),
                           eq == std::string_view::npos ? "" : std::string(seg.substr(eq + 1)));
  }
  p.used.assign(p.options.size(), false);
  return p;
}

Result<std::size_t> BuildScope::ref(std::string_view name) const {
  for (std::size_t i = 0; i < earlier.size(); ++i) {
    if (earlier[i] == name) return i;
  }
  return bad("引用的字段「" + std::string(name) + "」不存在或不在本字段之前");
}

Error BuildScope::bad(std::string_view what) const {
  return Error::invalid("字段「" + field + "」的生成器：" + std::string(what), "generator");
}

Result<GenPtr> build_gen(SpecParts& parts, const BuildScope& scope) {
  Result<GenPtr> gen = scope.bad("未知的生成器类型「" + parts.kind + "」");
  if (in(kBasic, parts.kind)) {
    gen = build_basic(parts, scope);
  } else if (in(kTime, parts.kind)) {
    gen = build_time(parts, scope);
  } else if (in(kPerson, parts.kind)) {
    gen = build_person(parts, scope);
  } else if (in(kPlace, parts.kind)) {
    gen = build_place(parts, scope);
  }
  if (!gen) return gen;
  for (std::size_t i = 0; i < parts.options.size(); ++i) {
    if (!parts.used[i]) {
      return scope.bad("生成器「" + parts.kind + "」不支持选项「" + parts.options[i].first + "」");
    }
  }
  return gen;
}

Result<GenPtr> build_gen(std::string_view spec, const BuildScope& scope) {
  KF_ASSIGN(auto parts, split_spec(spec));
  return build_gen(parts, scope);
}

Result<std::int64_t> int_option(SpecParts& p, const BuildScope& scope, std::string_view key,
                                std::int64_t fallback, std::int64_t min_value) {
  auto raw = p.take(key);
  if (!raw) return fallback;
  auto v = parse_i64(*raw);
  if (!v || *v < min_value) return scope.bad("选项「" + std::string(key) + "」应为整数");
  return *v;
}

std::optional<std::int64_t> parse_i64(std::string_view s) {
  std::int64_t v = 0;
  const auto* end = s.data() + s.size();
  auto res = std::from_chars(s.data(), end, v);
  if (s.empty() || res.ec != std::errc() || res.ptr != end) return std::nullopt;
  return v;
}

int fraction_digits(std::string_view s) {
  const auto dot = s.find('.');
  return dot == std::string_view::npos ? 0 : static_cast<int>(s.size() - dot - 1);
}

std::optional<std::int64_t> parse_scaled(std::string_view s, int scale) {
  bool neg = false;
  if (!s.empty() && s[0] == '-') {
    neg = true;
    s.remove_prefix(1);
  }
  const auto dot = s.find('.');
  const std::string_view whole = s.substr(0, dot);
  const std::string_view frac = dot == std::string_view::npos ? "" : s.substr(dot + 1);
  if (whole.empty() || static_cast<int>(frac.size()) > scale || whole.size() > 15) return std::nullopt;
  std::int64_t v = 0;
  for (char c : whole) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  for (int i = 0; i < scale; ++i) {
    const auto idx = static_cast<std::size_t>(i);
    char c = idx < frac.size() ? frac[idx] : '0';
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return neg ? -v : v;
}

std::optional<std::pair<std::string_view, std::string_view>> split_range(std::string_view s) {
  const auto pos = s.find("..");
  if (pos == std::string_view::npos) return std::nullopt;
  return std::make_pair(s.substr(0, pos), s.substr(pos + 2));
}

std::optional<std::uint32_t> parse_ppm(std::string_view s) {
  const auto v = parse_scaled(s, 6);
  if (!v || *v < 0 || *v > 1'000'000) return std::nullopt;
  return static_cast<std::uint32_t>(*v);
}

void append_i64(std::string& out, std::int64_t v) {
  char buf[24];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, res.ptr);
}

void append_scaled(std::string& out, std::int64_t v, int scale) {
  if (scale == 0) return append_i64(out, v);
  if (v < 0) {
    out.push_back('-');
    v = -v;
  }
  std::int64_t div = 1;
  for (int i = 0; i < scale; ++i) div *= 10;
  append_i64(out, v / div);
  out.push_back('.');
  const std::int64_t frac = v % div;
  char buf[24];
  auto res = std::to_chars(buf, buf + sizeof buf, frac);
  for (auto n = res.ptr - buf; n < scale; ++n) out.push_back('0');
  out.append(buf, res.ptr);
}

}  // namespace kf::demo

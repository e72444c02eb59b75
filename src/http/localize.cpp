#include "http/localize.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>
#include <string>

namespace kf::http {

namespace json = boost::json;

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool is_range_of(std::string_view range, std::string_view lang) {
  if (range.size() < lang.size()) return false;
  for (std::size_t i = 0; i < lang.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(range[i])) != lang[i]) return false;
  }
  return range.size() == lang.size() || range[lang.size()] == '-';
}

// The quality of one element ("en-GB;q=0.8"): 1 without a q parameter; nullopt when malformed.
std::optional<double> quality_of(std::string_view params) {
  double q = 1.0;
  while (!params.empty()) {
    auto semi = params.find(';');
    std::string_view p = trim(params.substr(0, semi));
    params = semi == std::string_view::npos ? std::string_view{} : params.substr(semi + 1);
    if (p.size() > 2 && (p[0] == 'q' || p[0] == 'Q') && p[1] == '=') {
      std::string_view v = p.substr(2);
      auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), q);
      if (ec != std::errc() || end != v.data() + v.size() || q < 0 || q > 1) return std::nullopt;
    }
  }
  return q;
}

// Error keys that are codes or positions, not text.
bool is_code_key(std::string_view k) {
  return k == "code" || k == "__type" || k == "field" || k == "action" || k == "parameter" || k == "position";
}

}  // namespace

Language preferred_language(std::string_view header) {
  double best_en = 0, best_zh = 0;
  int en_at = -1, zh_at = -1;
  int index = 0;
  while (!header.empty()) {
    auto comma = header.find(',');
    std::string_view item = trim(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    auto semi = item.find(';');
    std::string_view range = trim(item.substr(0, semi));
    auto q = quality_of(semi == std::string_view::npos ? std::string_view{} : item.substr(semi + 1));
    ++index;
    if (!q || *q <= 0) continue;
    if (is_range_of(range, "en") && *q > best_en) {
      best_en = *q;
      en_at = index;
    } else if (is_range_of(range, "zh") && *q > best_zh) {
      best_zh = *q;
      zh_at = index;
    }
  }
  if (en_at < 0) return Language::zh;
  if (zh_at < 0 || best_en > best_zh || (best_en == best_zh && en_at < zh_at)) return Language::en;
  return Language::zh;
}

std::string_view language_tag(Language lang) { return lang == Language::en ? "en" : "zh-CN"; }

void localize_error(Response& res, Language lang, const core::MessageCatalogue* english) {
  if (res.result_int() < 400) return;
  std::string_view type(res[bh::field::content_type]);
  if (!type.starts_with("application/json")) return;
  std::string vary{std::string_view(res[bh::field::vary])};
  if (vary.find("Accept-Language") == std::string::npos) {
    res.set(bh::field::vary, vary.empty() ? std::string("Accept-Language") : vary + ", Accept-Language");
  }
  if (lang == Language::zh || !english) {
    res.set(bh::field::content_language, language_tag(Language::zh));
    return;
  }
  boost::system::error_code ec;
  json::value body = json::parse(res.body(), ec);
  json::object* err = nullptr;
  if (!ec && body.is_object()) {
    if (json::value* e = body.as_object().if_contains("error")) err = e->if_object();
  }
  if (!err) return;
  bool any = false;
  bool all = true;
  auto put = [&](json::value& v) {
    if (!v.is_string()) return;
    auto t = english->translate(std::string_view(v.as_string()));
    if (t) {
      v = *t;
      any = true;
    } else {
      all = false;
    }
  };
  for (auto& [k, v] : *err) {
    if (is_code_key(k)) continue;
    if (k == "message") {
      put(v);
    } else if (v.is_array()) {
      for (auto& item : v.as_array()) put(item);
    }
  }
  // The answer is English when its texts are; a message the catalogue lacks keeps Chinese.
  res.set(bh::field::content_language, language_tag(any && all ? Language::en : Language::zh));
  if (any) {
    res.body() = json::serialize(body);
    res.prepare_payload();
  }
}

}  // namespace kf::http

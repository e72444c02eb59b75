// Contact data: mobile and landline numbers, e-mail and IP addresses.
#include <algorithm>
#include <arpa/inet.h>
#include <string>

#include "mask/detectors.h"
#include "mask/utf8.h"

namespace kf::mask::detail {
namespace {

// Drops an international prefix +86 / 0086 / 86 (the last only when 13 digits remain).
std::string_view drop_country(std::string_view d) {
  if (d.starts_with("+86")) return d.substr(3);
  if (d.starts_with("0086")) return d.substr(4);
  if (d.starts_with("86") && d.size() == 13) return d.substr(2);
  return d;
}

}  // namespace

double mobile(std::string_view v, std::string_view label) {
  if (v.size() < 11 || v.size() > 20) return 0;
  std::string d = strip_chars(v, " -()");
  std::string_view n = drop_country(d);
  if (n.size() != 11 || !all_digits(n) || n[0] != '1' || n[1] < '3') return 0;
  // Order numbers, serial numbers and codes are often 11 digits too.
  if (label_excludes(Kind::mobile, label)) return 0;
  return label_suggests(Kind::mobile, label) ? 0.99 : 0.95;
}

double landline(std::string_view v, std::string_view label) {
  if (v.size() < 10 || v.size() > 24) return 0;
  std::string s(v);
  // Full-width parentheses are common in Chinese forms.
  for (auto [from, to] : {std::pair<std::string_view, char>{"（", '('}, {"）", ')'}}) {
    for (std::size_t p; (p = s.find(from)) != std::string::npos;) s.replace(p, from.size(), 1, to);
  }
  std::string_view rest = s;
  if (rest.starts_with("+86")) rest = trim(drop_country(rest));
  std::string area;
  bool separated = false;
  if (rest.starts_with("(")) {
    const std::size_t close = rest.find(')');
    if (close == std::string_view::npos) return 0;
    area = rest.substr(1, close - 1);
    rest = trim(rest.substr(close + 1));
    separated = true;
  } else {
    const std::size_t dash = rest.find_first_of("- ");
    if (dash != std::string_view::npos) {
      area = rest.substr(0, dash);
      rest = rest.substr(dash + 1);
      separated = true;
    }
  }
  if (!separated) {
    // Without a separator the split is ambiguous; accept only in a telephone column.
    if (!label_suggests(Kind::landline, label) || !all_digits(rest) || rest[0] != '0') return 0;
    const std::size_t alen = (rest[1] == '1' || rest[1] == '2') ? 3 : 4;
    area = rest.substr(0, alen);
    rest = rest.substr(alen);
  }
  if (!area.empty() && area[0] != '0') area = "0" + area;  // "(10)" is not written, but be lenient
  if (area.size() < 3 || area.size() > 4 || !all_digits(area)) return 0;
  // 010 and 02x are the only 3-character area codes; all others are 0 + three digits.
  const bool short_code = area[1] == '1' || area[1] == '2';
  if (short_code != (area.size() == 3) || area[1] == '0') return 0;
  std::string local = strip_chars(rest, " -");
  if (const std::size_t p = local.find_first_of("#转"); p != std::string::npos) local.resize(p);
  if (local.size() < 7 || local.size() > 8 || !all_digits(local) || local[0] < '2') return 0;
  if (label_excludes(Kind::landline, label)) return 0;
  return label_suggests(Kind::landline, label) ? 0.97 : 0.9;
}

double email(std::string_view v, std::string_view /*label*/) {
  const std::size_t at = v.find('@');
  if (at == std::string_view::npos || at == 0 || at > 64 || v.size() > 254) return 0;
  const std::string_view local = v.substr(0, at);
  const std::string_view domain = v.substr(at + 1);
  auto local_ok = [](char c) {
    return is_alpha(c) || is_digit(c) || std::string_view("._%+-").find(c) != std::string_view::npos;
  };
  if (!std::all_of(local.begin(), local.end(), local_ok)) return 0;
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) {
    return 0;
  }
  // Domain: labels of letters, digits and inner hyphens; the last label letters only, 2+.
  std::size_t start = 0;
  int labels = 0;
  std::string_view last;
  while (start <= domain.size()) {
    std::size_t dot = domain.find('.', start);
    if (dot == std::string_view::npos) dot = domain.size();
    const std::string_view part = domain.substr(start, dot - start);
    if (part.empty() || part.size() > 63 || part.front() == '-' || part.back() == '-') return 0;
    for (char c : part) {
      if (!is_alpha(c) && !is_digit(c) && c != '-') return 0;
    }
    last = part;
    ++labels;
    start = dot + 1;
  }
  if (labels < 2 || last.size() < 2 || !std::all_of(last.begin(), last.end(), is_alpha)) return 0;
  return 0.97;
}

double ip(std::string_view v, std::string_view label) {
  if (label_excludes(Kind::ip, label)) return 0;
  if (v.size() > 45) return 0;
  const std::string s(v);
  if (v.find(':') != std::string_view::npos) {
    in6_addr a6{};
    // inet_pton checks the full IPv6 grammar, including "::" and embedded IPv4.
    if (inet_pton(AF_INET6, s.c_str(), &a6) != 1) return 0;
    return v.find("::") != std::string_view::npos && v.size() <= 3 ? 0.5 : 0.95;
  }
  int parts = 0;
  std::size_t pos = 0;
  while (pos <= v.size()) {
    std::size_t dot = v.find('.', pos);
    if (dot == std::string_view::npos) dot = v.size();
    const std::string_view part = v.substr(pos, dot - pos);
    if (part.empty() || part.size() > 3 || !all_digits(part)) return 0;
    if (part.size() > 1 && part[0] == '0') return 0;  // leading zeros: a version or a code
    if (std::stoi(std::string(part)) > 255) return 0;
    ++parts;
    pos = dot + 1;
  }
  if (parts != 4) return 0;
  return label_suggests(Kind::ip, label) ? 0.99 : 0.9;
}

}  // namespace kf::mask::detail

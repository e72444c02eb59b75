// Identifiers with check characters or a fixed shape: ID number, bank card, credit code, plate,
// passport.
#include <algorithm>
#include <string>

#include "core/id_number.h"
#include "ingest/uscc.h"
#include "mask/dates.h"
#include "mask/detectors.h"
#include "mask/utf8.h"

namespace kf::mask::detail {
namespace {

bool luhn_ok(std::string_view digits) {
  int sum = 0;
  bool dbl = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int d = *it - '0';
    if (dbl) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
    dbl = !dbl;
  }
  return sum % 10 == 0;
}

// An 18-digit number whose digits 7-14 are a real birth date between 1900 and today, with a
// plausible region prefix: an ID number, perhaps mistyped, rather than a card number. Real
// 18-digit cards of that shape are rare enough that this costs almost no recall.
bool id_shaped(std::string_view d) {
  if (d.size() != 18 || !all_digits(d.substr(0, 17))) return false;
  if (d[0] < '1' || d[0] > '8') return false;
  core::BirthDate b{std::stoi(std::string(d.substr(6, 4))), std::stoi(std::string(d.substr(10, 2))),
                    std::stoi(std::string(d.substr(12, 2)))};
  return b.year >= 1900 && valid_date(b) && b.year <= today_cn().year;
}

std::string upper(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c; });
  return out;
}

// GB 11714 organisation code check (the 9 characters at positions 9-17 of a credit code): weights
// 3 7 9 10 5 8 4 2 over the first eight (letters A=10 … Z=35), check = 11 - sum mod 11, 10 → X,
// 11 → 0.
bool org_code_ok(std::string_view code9) {
  static constexpr int kWeights[] = {3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (std::size_t i = 0; i < 8; ++i) {
    const char c = code9[i];
    sum += (is_digit(c) ? c - '0' : c - 'A' + 10) * kWeights[i];
  }
  const int check = 11 - sum % 11;
  const char want = check == 10 ? 'X' : check == 11 ? '0' : static_cast<char>('0' + check);
  return code9[8] == want;
}

// An all-digit 18-character value laid out like a credit code (registration authority 1/5/9 and
// category, region code, organisation code with a valid GB 11714 check): a credit code, perhaps
// mistyped in its last character, rather than a card number.
bool uscc_shaped(std::string_view d) {
  return d.size() == 18 && all_digits(d) && (d[0] == '1' || d[0] == '5' || d[0] == '9') &&
         (d[1] == '1' || d[1] == '2' || d[1] == '3' || d[1] == '9') &&
         org_code_ok(d.substr(8, 9));
}

}  // namespace

double id_number(std::string_view v, std::string_view label) {
  if (v.size() != 18 && v.size() != 15) return 0;
  if (!core::check_id_number(v).ok()) return 0;
  // A 15-digit legacy number is only 6 + date + 3 digits, without a check character.
  double c = v.size() == 18 ? 0.99 : 0.8;
  if (label_suggests(Kind::id_number, label)) c = std::min(1.0, c + 0.1);
  return c;
}

double bank_card(std::string_view v, std::string_view label) {
  if (v.size() < 16 || v.size() > 23) return 0;
  const std::string d = strip_chars(v, " -");
  if (d.size() < 16 || d.size() > 19 || !all_digits(d)) return 0;
  if (label_excludes(Kind::bank_card, label)) return 0;
  if (d.size() == 18 && (core::check_id_number(d).ok() || id_shaped(d) || uscc_shaped(d))) return 0;
  // Issuer prefixes: 3 (JCB/AmEx), 4 (Visa), 5 (Mastercard), 6 (UnionPay 62…), 9 (old domestic).
  const bool issuer = d[0] == '3' || d[0] == '4' || d[0] == '5' || d[0] == '6' || d[0] == '9';
  double c = luhn_ok(d) ? (issuer ? 0.9 : 0.6) : 0.3;
  if (label_suggests(Kind::bank_card, label)) c = std::min(1.0, c + 0.2);
  return c;
}

double credit_code(std::string_view v, std::string_view label) {
  if (v.size() != 18) return 0;
  const std::string u = upper(v);
  if (!ingest::check_uscc(u).ok()) return 0;
  // Characters 3-8 are the registering authority's region code: digits.
  if (!all_digits(std::string_view(u).substr(2, 6))) return 0;
  // An all-digit value passes the credit-code check by chance 1 in 31: an ID number (valid or
  // mistyped) or an order number. Digits alone need the embedded organisation-code check too.
  if (id_shaped(u) && !label_suggests(Kind::credit_code, label)) return 0.2;
  if (!org_code_ok(std::string_view(u).substr(8, 9))) return all_digits(u) ? 0.3 : 0.9;
  double c = 0.98;
  if (label_suggests(Kind::credit_code, label)) c = 1.0;
  return c;
}

double plate(std::string_view v, std::string_view label) {
  static constexpr std::string_view kProvinces[] = {
      "京", "津", "沪", "渝", "冀", "豫", "云", "辽", "黑", "湘", "皖", "鲁", "新", "苏", "浙", "赣",
      "鄂", "桂", "甘", "晋", "蒙", "陕", "吉", "闽", "贵", "粤", "青", "藏", "川", "宁", "琼"};
  const auto cps = code_points(v);
  if (cps.size() < 7 || cps.size() > 9) return 0;
  if (std::find(std::begin(kProvinces), std::end(kProvinces), cps[0]) == std::end(kProvinces)) {
    return 0;
  }
  std::size_t i = 1;
  if (cps[i].size() != 1 || !is_upper(cps[i][0]) || cps[i][0] == 'I' || cps[i][0] == 'O') return 0;
  ++i;
  if (cps[i] == "·" || cps[i] == " " || cps[i] == "-" || cps[i] == "•") ++i;
  std::string rest;
  std::string_view suffix;
  for (; i < cps.size(); ++i) {
    if (cps[i].size() == 1) {
      const char c = cps[i][0];
      if (!(is_digit(c) || (is_upper(c) && c != 'I' && c != 'O'))) return 0;
      rest.push_back(c);
    } else if (i + 1 == cps.size() &&
               (cps[i] == "挂" || cps[i] == "学" || cps[i] == "警" || cps[i] == "港" ||
                cps[i] == "澳" || cps[i] == "领")) {
      suffix = cps[i];
    } else {
      return 0;
    }
  }
  const std::size_t n = rest.size() + (suffix.empty() ? 0 : 1);
  if (n == 5) {
    // Ordinary plate: at most two letters among the five, or a special suffix.
    if (std::count_if(rest.begin(), rest.end(), is_upper) > 2) return 0;
  } else if (n == 6 && suffix.empty()) {
    // New-energy plate: D/F (or A-K for large vehicles at the end) marks the energy type.
    const bool small = (rest[0] == 'D' || rest[0] == 'F') && all_digits(rest.substr(2));
    const bool large = (rest[5] == 'D' || rest[5] == 'F') && all_digits(rest.substr(0, 5));
    if (!small && !large) return 0;
  } else {
    return 0;
  }
  return label_suggests(Kind::plate, label) ? 0.98 : 0.9;
}

double passport(std::string_view v, std::string_view label) {
  if (v.size() != 9) return 0;
  const std::string u = upper(v);
  const bool label_ok = label_suggests(Kind::passport, label);
  // E + 8 digits (e-passport 2012-2017), E + letter + 7 digits (since 2017), G + 8 digits (old).
  const bool e8 = (u[0] == 'E' || u[0] == 'G') && all_digits(std::string_view(u).substr(1));
  const bool e_letter = u[0] == 'E' && is_upper(u[1]) && u[1] != 'I' && u[1] != 'O' &&
                        all_digits(std::string_view(u).substr(2));
  // Diplomatic / service / official passports: D, S, P + 8 digits; only with label context.
  const bool other = (u[0] == 'D' || u[0] == 'S' || u[0] == 'P') &&
                     all_digits(std::string_view(u).substr(1));
  if (label_excludes(Kind::passport, label)) return 0;
  if (e8 || e_letter) return label_ok ? 0.97 : 0.85;
  if (other && label_ok) return 0.85;
  return 0;
}

}  // namespace kf::mask::detail

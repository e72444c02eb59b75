#include "mask/rule.h"

#include <charconv>
#include <cmath>
#include <string>
#include <vector>

#include "mask/utf8.h"

namespace kf::mask {
namespace {

Error bad(std::string msg) { return Error::invalid(std::move(msg), "mask_rule"); }

std::string quoted(std::string_view s) { return "“" + std::string(s) + "”"; }

Result<int> parse_int(std::string_view key, std::string_view v, int lo, int hi) {
  int n = 0;
  const auto r = std::from_chars(v.data(), v.data() + v.size(), n);
  if (r.ec != std::errc() || r.ptr != v.data() + v.size() || n < lo || n > hi) {
    return bad("参数" + quoted(key) + "应为" + std::to_string(lo) + "到" + std::to_string(hi) +
               "之间的整数");
  }
  return n;
}

Result<double> parse_double(std::string_view key, std::string_view v, double lo, double hi) {
  double x = 0;
  const auto r = std::from_chars(v.data(), v.data() + v.size(), x);
  if (r.ec != std::errc() || r.ptr != v.data() + v.size() || !std::isfinite(x) || x <= lo ||
      x > hi) {
    return bad("参数" + quoted(key) + "应为大于" + std::to_string(static_cast<int>(lo)) + "的数值");
  }
  return x;
}

struct Param {
  std::string key;
  std::string value;
};

// Splits "name(k=v,k=v)" into the name and its parameters.
Result<std::vector<Param>> split(std::string_view text, std::string& name) {
  text = detail::trim(text);
  const std::size_t open = text.find('(');
  if (open == std::string_view::npos || text.empty() || text.back() != ')') {
    return bad("脱敏规则格式错误，应为“函数名(参数=值,…)”，例如 mask(keep_first=3,keep_last=4)");
  }
  name = std::string(detail::trim(text.substr(0, open)));
  std::string_view body = text.substr(open + 1, text.size() - open - 2);
  std::vector<Param> out;
  if (detail::trim(body).empty()) return out;
  while (true) {
    const std::size_t comma = body.find(',');
    const std::string_view item = body.substr(0, comma);
    const std::size_t eq = item.find('=');
    if (eq == std::string_view::npos) {
      return bad("脱敏规则参数格式错误，应为“参数=值”：" + quoted(detail::trim(item)));
    }
    out.push_back({std::string(detail::trim(item.substr(0, eq))),
                   std::string(detail::trim(item.substr(eq + 1)))});
    if (out.back().key.empty() || out.back().value.empty()) {
      return bad("脱敏规则参数格式错误，参数名和值都不能为空");
    }
    if (comma == std::string_view::npos) break;
    body.remove_prefix(comma + 1);
  }
  return out;
}

Result<void> apply_param(Rule& r, const Param& p) {
  const auto unknown = [&] {
    return bad("脱敏函数不支持参数" + quoted(p.key));
  };
  const auto bad_value = [&](std::string_view allowed) {
    return bad("参数" + quoted(p.key) + "的值无效，可选：" + std::string(allowed));
  };
  switch (r.type) {
    case RuleType::mask: {
      if (p.key == "keep_first") {
        KF_ASSIGN(r.keep_first, parse_int(p.key, p.value, 0, 64));
      } else if (p.key == "keep_last") {
        KF_ASSIGN(r.keep_last, parse_int(p.key, p.value, 0, 64));
      } else if (p.key == "char") {
        if (detail::code_points(p.value).size() != 1) return bad("参数“char”应为一个字符");
        r.mask_char = p.value;
      } else {
        return unknown();
      }
      return ok();
    }
    case RuleType::hash: {
      if (p.key != "alg") return unknown();
      if (p.value == "hmac-sm3") r.alg = HashAlg::hmac_sm3;
      else if (p.value == "hmac-sha256") r.alg = HashAlg::hmac_sha256;
      else return bad_value("hmac-sm3、hmac-sha256");
      return ok();
    }
    case RuleType::encrypt: {
      if (p.key != "alg") return unknown();
      if (p.value != "sm4") return bad_value("sm4");
      return ok();
    }
    case RuleType::generalize: {
      if (p.key == "step") {
        KF_ASSIGN(r.step, parse_double(p.key, p.value, 0, 1e12));
      } else if (p.key == "to") {
        if (p.value == "year") r.to = GeneralizeTo::year;
        else if (p.value == "year_month") r.to = GeneralizeTo::year_month;
        else if (p.value == "age_band") r.to = GeneralizeTo::age_band;
        else if (p.value == "district") r.to = GeneralizeTo::district;
        else if (p.value == "range") r.to = GeneralizeTo::range;
        else return bad_value("year、year_month、age_band、district、range");
      } else {
        return unknown();
      }
      return ok();
    }
    case RuleType::truncate: {
      if (p.key != "length") return unknown();
      KF_ASSIGN(r.length, parse_int(p.key, p.value, 0, 10000));
      return ok();
    }
    case RuleType::suppress: {
      return unknown();
    }
    case RuleType::pseudonymize: {
      if (p.key != "kind") return unknown();
      if (p.value == "name") r.pseudo = PseudoKind::name;
      else if (p.value == "mobile") r.pseudo = PseudoKind::mobile;
      else if (p.value == "id_number") r.pseudo = PseudoKind::id_number;
      else return bad_value("name、mobile、id_number");
      return ok();
    }
    case RuleType::noise: {
      if (p.key != "ratio") return unknown();
      KF_ASSIGN(r.ratio, parse_double(p.key, p.value, 0, 1));
      return ok();
    }
  }
  return unknown();
}

std::string number_text(double x) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::fixed);
  return std::string(buf, r.ptr);
}

}  // namespace

Result<Rule> parse_rule(std::string_view text) {
  std::string name;
  KF_ASSIGN(std::vector<Param> params, split(text, name));
  Rule r;
  if (name == "mask") r.type = RuleType::mask;
  else if (name == "hash") r.type = RuleType::hash;
  else if (name == "encrypt") r.type = RuleType::encrypt;
  else if (name == "generalize") r.type = RuleType::generalize;
  else if (name == "truncate") r.type = RuleType::truncate;
  else if (name == "suppress") r.type = RuleType::suppress;
  else if (name == "pseudonymize") r.type = RuleType::pseudonymize;
  else if (name == "noise") r.type = RuleType::noise;
  else {
    return bad("未知的脱敏函数" + quoted(name) +
               "，可选：mask、hash、encrypt、generalize、truncate、suppress、pseudonymize、noise");
  }
  std::vector<std::string> seen;
  for (const Param& p : params) {
    for (const auto& s : seen) {
      if (s == p.key) return bad("脱敏规则参数" + quoted(p.key) + "重复");
    }
    seen.push_back(p.key);
    KF_TRY(apply_param(r, p));
  }
  return r;
}

std::string rule_to_string(const Rule& r) {
  switch (r.type) {
    case RuleType::mask:
      return "mask(keep_first=" + std::to_string(r.keep_first) +
             ",keep_last=" + std::to_string(r.keep_last) + ",char=" + r.mask_char + ")";
    case RuleType::hash:
      return r.alg == HashAlg::hmac_sm3 ? "hash(alg=hmac-sm3)" : "hash(alg=hmac-sha256)";
    case RuleType::encrypt:
      return "encrypt(alg=sm4)";
    case RuleType::generalize: {
      static constexpr std::string_view kTo[] = {"year", "year_month", "age_band", "district",
                                                 "range"};
      std::string s = "generalize(to=" + std::string(kTo[static_cast<int>(r.to)]);
      if (r.to == GeneralizeTo::age_band || r.to == GeneralizeTo::range) {
        s += ",step=" + number_text(r.step);
      }
      return s + ")";
    }
    case RuleType::truncate:
      return "truncate(length=" + std::to_string(r.length) + ")";
    case RuleType::suppress:
      return "suppress()";
    case RuleType::pseudonymize: {
      static constexpr std::string_view kKinds[] = {"name", "mobile", "id_number"};
      return "pseudonymize(kind=" + std::string(kKinds[static_cast<int>(r.pseudo)]) + ")";
    }
    case RuleType::noise:
      return "noise(ratio=" + number_text(r.ratio) + ")";
  }
  return "suppress()";
}

std::string suggested_rule(Kind kind) {
  switch (kind) {
    case Kind::id_number: return "mask(keep_first=6,keep_last=4,char=*)";
    case Kind::mobile: return "mask(keep_first=3,keep_last=4,char=*)";
    case Kind::landline: return "mask(keep_first=4,keep_last=2,char=*)";
    case Kind::email: return "mask(keep_first=2,keep_last=0,char=*)";
    case Kind::bank_card: return "mask(keep_first=6,keep_last=4,char=*)";
    case Kind::credit_code: return "";
    case Kind::plate: return "mask(keep_first=2,keep_last=1,char=*)";
    case Kind::passport: return "mask(keep_first=1,keep_last=3,char=*)";
    case Kind::name: return "mask(keep_first=1,keep_last=0,char=*)";
    case Kind::address: return "generalize(to=district)";
    case Kind::ip: return "hash(alg=hmac-sm3)";
    case Kind::gps: return "noise(ratio=0.0001)";
    case Kind::birth_date: return "generalize(to=year)";
  }
  return "suppress()";
}

}  // namespace kf::mask

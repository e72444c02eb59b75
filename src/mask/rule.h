// Desensitization rules (MSK-3): what to do with the values of one column, written in a small
// syntax stored in core::Field::mask_rule, e.g.
//   mask(keep_first=6,keep_last=4,char=*)   hash(alg=hmac-sm3)      encrypt(alg=sm4)
//   generalize(to=year|year_month|age_band|district|range,step=10)    truncate(length=3)
//   suppress()   pseudonymize(kind=name|mobile|id_number)   noise(ratio=0.05)
// Blanks around names, '=' and ',' are ignored; parameters may come in any order and default
// as listed on Rule.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"
#include "mask/detect.h"

namespace kf::mask {

enum class RuleType { mask, hash, encrypt, generalize, truncate, suppress, pseudonymize, noise };
enum class HashAlg { hmac_sm3, hmac_sha256 };
enum class GeneralizeTo { year, year_month, age_band, district, range };
enum class PseudoKind { name, mobile, id_number };

struct Rule {
  RuleType type = RuleType::suppress;
  // mask: characters (UTF-8 code points, not bytes) kept at each end, and the mask character.
  int keep_first = 0;
  int keep_last = 0;
  std::string mask_char = "*";
  HashAlg alg = HashAlg::hmac_sm3;        // hash
  GeneralizeTo to = GeneralizeTo::year;   // generalize
  double step = 10;                       // generalize to=age_band|range: width of a band
  int length = 1;                         // truncate: characters kept
  PseudoKind pseudo = PseudoKind::name;   // pseudonymize
  double ratio = 0.05;                    // noise: at most ± this fraction of the value
};

// Parses a rule. Error::invalid with field "mask_rule" and a Chinese message naming what is
// wrong (function, parameter or value); the message quotes only the rule text.
Result<Rule> parse_rule(std::string_view text);

// The canonical text of a rule (only the parameters the type uses); parse_rule(rule_to_string(r))
// gives back r.
std::string rule_to_string(const Rule& rule);

// The rule suggested for a kind of personal data (see README.md for why each one); "" for
// credit_code, which identifies organisations and is public registration data.
std::string suggested_rule(Kind kind);

}  // namespace kf::mask

#include <gtest/gtest.h>

#include "mask/rule.h"

namespace kf::mask {
namespace {

TEST(Rule, ParsesAndPrintsCanonically) {
  for (const char* text :
       {"mask(keep_first=6,keep_last=4,char=*)", "hash(alg=hmac-sm3)", "hash(alg=hmac-sha256)",
        "encrypt(alg=sm4)", "generalize(to=year)", "generalize(to=year_month)",
        "generalize(to=age_band,step=10)", "generalize(to=district)",
        "generalize(to=range,step=0.5)", "truncate(length=3)", "suppress()",
        "pseudonymize(kind=name)", "pseudonymize(kind=mobile)", "pseudonymize(kind=id_number)",
        "noise(ratio=0.05)"}) {
    auto r = parse_rule(text);
    ASSERT_TRUE(r.ok()) << text << ": " << r.error().message;
    EXPECT_EQ(rule_to_string(*r), text);
  }
}

TEST(Rule, BlanksDefaultsAndChineseMaskChar) {
  auto r = parse_rule("  mask( keep_last = 4 , char=＊ ) ");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->type, RuleType::mask);
  EXPECT_EQ(r->keep_first, 0);
  EXPECT_EQ(r->keep_last, 4);
  EXPECT_EQ(r->mask_char, "＊");
  auto h = parse_rule("hash()");
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->alg, HashAlg::hmac_sm3);
}

TEST(Rule, ErrorsAreChineseAndSpecific) {
  struct Case {
    const char* text;
    const char* fragment;
  };
  for (const Case& c : {Case{"mask", "格式错误"}, Case{"blur(x=1)", "未知的脱敏函数"},
                        Case{"mask(keep_first=-1)", "keep_first"},
                        Case{"mask(keep_first=abc)", "整数"}, Case{"mask(foo=1)", "不支持参数"},
                        Case{"mask(char=ab)", "一个字符"}, Case{"hash(alg=md5)", "hmac-sm3"},
                        Case{"encrypt(alg=aes)", "sm4"}, Case{"generalize(to=week)", "year_month"},
                        Case{"noise(ratio=0)", "ratio"}, Case{"noise(ratio=2)", "ratio"},
                        Case{"mask(keep_first)", "参数=值"},
                        Case{"mask(keep_first=1,keep_first=2)", "重复"},
                        Case{"suppress(x=1)", "不支持参数"}}) {
    auto r = parse_rule(c.text);
    ASSERT_FALSE(r.ok()) << c.text;
    EXPECT_EQ(r.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(r.error().field, "mask_rule");
    EXPECT_NE(r.error().message.find(c.fragment), std::string::npos)
        << c.text << " → " << r.error().message;
  }
}

TEST(Rule, EverySuggestedRuleParses) {
  for (Kind k : kAllKinds) {
    const std::string s = suggested_rule(k);
    if (s.empty()) continue;
    auto r = parse_rule(s);
    ASSERT_TRUE(r.ok()) << s;
    EXPECT_EQ(rule_to_string(*r), s);
  }
}

}  // namespace
}  // namespace kf::mask

#include "core/credit_code.h"

#include <gtest/gtest.h>

namespace kf::core {

TEST(CreditCodeTest, AcceptsValidCodesAndNormalisesCase) {
  // Two published codes and one made up with a correct check character.
  for (const char* c : {"91110000100006485K", "91330000MA27U0QW8L", "11100000000013127D"}) {
    auto r = check_credit_code(c);
    ASSERT_TRUE(r) << c << ": " << r.error().message;
    EXPECT_EQ(*r, c);
  }
  auto lower = check_credit_code(" 91110000100006485k ");
  ASSERT_TRUE(lower);
  EXPECT_EQ(*lower, "91110000100006485K");
}

TEST(CreditCodeTest, RefusesWrongCheckCharacterAndCharacters) {
  auto wrong = check_credit_code("91110000100006485J");
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().message, "统一社会信用代码的校验位不正确");
  EXPECT_EQ(wrong.error().field, "credit_code");
  for (const char* c : {"", "9111000010000648", "91110000100006485KK", "9111000010000648OK", "Z1110000100006485K",
                        "911100001000064I5K"}) {
    auto r = check_credit_code(c);
    ASSERT_FALSE(r) << c;
    EXPECT_NE(r.error().message.find("18位"), std::string::npos) << c;
  }
}

TEST(CreditCodeTest, CheckCharacterOfGeneratedCodes) {
  // Any 17 leading characters get a check character that makes the whole code valid.
  std::string first = "9137070012345678";
  for (char c : std::string("0123456789ABCDEFGHJKLMNPQRTUWXY")) {
    std::string code = first + c;
    code.push_back(credit_code_check_char(code));
    EXPECT_TRUE(check_credit_code(code)) << code;
  }
}

}  // namespace kf::core

#include "core/id_number.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace kf::core {
namespace {

const BirthDate kToday{2026, 3, 15};

constexpr std::string_view kFormatMsg = "身份证号码应为18位（或15位旧号码）数字，末位可为X";
constexpr std::string_view kCheckMsg = "身份证号码校验位错误，请核对后重新输入";
constexpr std::string_view kDateMsg = "身份证号码中的出生日期无效";

// The check character computed here independently of the library: weight of position i (from
// the left, 0-based) is 2^(17-i) mod 11, check value (12 - sum mod 11) mod 11, 10 written "X".
char reference_check(const std::string& first17) {
  int sum = 0;
  int weight = 1;  // 2^0 for the check position itself
  for (int i = 16; i >= 0; --i) {
    weight = weight * 2 % 11;
    sum += (first17[static_cast<std::size_t>(i)] - '0') * weight;
  }
  const int v = (12 - sum % 11) % 11;
  return v == 10 ? 'X' : static_cast<char>('0' + v);
}

std::string with_check(const std::string& first17) { return first17 + reference_check(first17); }

// A wrong check character for `first17`.
std::string with_wrong_check(const std::string& first17) {
  const char good = reference_check(first17);
  return first17 + (good == '0' ? '1' : '0');
}

void expect_refused(std::string_view s, std::string_view msg) {
  auto r = check_id_number(s, kToday);
  ASSERT_FALSE(r.ok()) << "accepted: " << s;
  EXPECT_EQ(r.error().code, ErrorCode::invalid_argument) << s;
  EXPECT_EQ(r.error().field, "id_number") << s;
  EXPECT_EQ(r.error().message, msg) << s;
  // Personal data must never reach a message: neither the number nor a long run of its digits.
  if (!s.empty()) {
    EXPECT_EQ(r.error().message.find(s), std::string::npos);
  }
  if (s.size() >= 6) {
    EXPECT_EQ(r.error().message.find(s.substr(0, 6)), std::string::npos);
  }
  EXPECT_TRUE(r.error().detail.empty());
}

TEST(IdNumber, ReferenceAlgorithmAgreesWithPublishedSample) {
  EXPECT_EQ(with_check("11010519491231002"), "11010519491231002X");
  EXPECT_EQ(with_check("44052418800101001"), "440524188001010014");
  EXPECT_EQ(id_number_check_char("11010519491231002"), 'X');
}

TEST(IdNumber, LibraryCheckCharMatchesReference) {
  for (const std::string base : {"37070219900101123", "33110219850615002", "33010620000229001",
                                 "11010119491001000", "46040020231231999", "65010219000101004"}) {
    EXPECT_EQ(id_number_check_char(base), reference_check(base)) << base;
  }
  EXPECT_EQ(id_number_check_char("1234"), '\0');
  EXPECT_EQ(id_number_check_char("1101051949123100A"), '\0');
}

TEST(IdNumber, PublishedSample) {
  auto r = check_id_number("11010519491231002X", kToday);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->region_code, "110105");
  EXPECT_EQ(r->birth, (BirthDate{1949, 12, 31}));
  EXPECT_EQ(r->gender, Gender::female);  // sequence 002
  EXPECT_FALSE(r->legacy);
  EXPECT_EQ(r->normalized, "11010519491231002X");
}

TEST(IdNumber, LowercaseX) {
  auto r = check_id_number("11010519491231002x", kToday);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->normalized, "11010519491231002X");
}

TEST(IdNumber, ComputedValidNumbers) {
  struct Case {
    std::string first17;
    BirthDate birth;
    Gender gender;
  };
  const std::vector<Case> cases = {
      {"37070219900101123", {1990, 1, 1}, Gender::male},
      {"33110219850615002", {1985, 6, 15}, Gender::female},
      {"33010620000229001", {2000, 2, 29}, Gender::male},    // 2000 is a leap year (÷400)
      {"44030520040229046", {2004, 2, 29}, Gender::female},  // ordinary leap year
      {"65010219000101005", {1900, 1, 1}, Gender::male},     // earliest year accepted
      {"11010120260315007", {2026, 3, 15}, Gender::male},    // born today
  };
  for (const auto& c : cases) {
    const std::string id = with_check(c.first17);
    auto r = check_id_number(id, kToday);
    ASSERT_TRUE(r.ok()) << id << ": " << r.error().message;
    EXPECT_EQ(r->region_code, c.first17.substr(0, 6));
    EXPECT_EQ(r->birth, c.birth) << id;
    EXPECT_EQ(r->gender, c.gender) << id;
    EXPECT_EQ(r->normalized, id);
  }
}

TEST(IdNumber, WrongCheckCharacter) {
  expect_refused("110105194912310021", kCheckMsg);
  expect_refused("110105194912310020", kCheckMsg);
  expect_refused(with_wrong_check("37070219900101123"), kCheckMsg);
  // Every check character but the right one is refused.
  const std::string base = "33110219850615002";
  const char good = reference_check(base);
  for (char c : std::string("0123456789X")) {
    auto r = check_id_number(base + c, kToday);
    EXPECT_EQ(r.ok(), c == good) << base << c;
  }
  // A swapped pair of digits is caught.
  expect_refused("11010519491213002X", kCheckMsg);
}

TEST(IdNumber, Feb29OnlyInLeapYears) {
  EXPECT_TRUE(check_id_number(with_check("33010620000229001"), kToday).ok());
  EXPECT_TRUE(check_id_number(with_check("33010619960229001"), kToday).ok());
  expect_refused(with_check("33010619000229001"), kDateMsg);  // 1900: divisible by 100, not 400
  expect_refused(with_check("33010620230229001"), kDateMsg);
  expect_refused(with_check("33010619990229001"), kDateMsg);
  expect_refused(with_check("33010620000230001"), kDateMsg);
}

TEST(IdNumber, InvalidDates) {
  expect_refused(with_check("33010619991301001"), kDateMsg);  // month 13
  expect_refused(with_check("33010619990001001"), kDateMsg);  // month 0
  expect_refused(with_check("33010619990100001"), kDateMsg);  // day 0
  expect_refused(with_check("33010619990431001"), kDateMsg);  // April 31
  expect_refused(with_check("33010618991231001"), kDateMsg);  // before 1900
  expect_refused("440524188001010014", kDateMsg);             // valid check char, year 1880
  expect_refused(with_check("33010620260316001"), kDateMsg);  // tomorrow
  expect_refused(with_check("33010630000101001"), kDateMsg);  // far future
}

TEST(IdNumber, FutureIsRelativeToGivenDate) {
  const std::string id = with_check("33010620260316001");
  EXPECT_FALSE(check_id_number(id, kToday).ok());
  EXPECT_TRUE(check_id_number(id, BirthDate{2026, 3, 16}).ok());
}

TEST(IdNumber, CurrentDateOverload) {
  EXPECT_TRUE(check_id_number("11010519491231002X").ok());
  auto r = check_id_number(with_check("33010699991231001"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, kDateMsg);
}

TEST(IdNumber, LegacyFifteenDigits) {
  auto r = check_id_number("110105491231002", kToday);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_TRUE(r->legacy);
  EXPECT_EQ(r->region_code, "110105");
  EXPECT_EQ(r->birth, (BirthDate{1949, 12, 31}));
  EXPECT_EQ(r->gender, Gender::female);
  EXPECT_EQ(r->normalized, "11010519491231002X");  // upgraded with "19" and the check char

  auto m = check_id_number("370702900101123", kToday);
  ASSERT_TRUE(m.ok()) << m.error().message;
  EXPECT_EQ(m->gender, Gender::male);
  EXPECT_EQ(m->birth, (BirthDate{1990, 1, 1}));
  EXPECT_EQ(m->normalized, "370702199001011234");

  expect_refused("370702000229123", kDateMsg);                   // 1900-02-29
  EXPECT_TRUE(check_id_number("370702960229123", kToday).ok());  // 1996-02-29
  expect_refused("370702901301123", kDateMsg);
}

TEST(IdNumber, WrongLengthOrCharacters) {
  for (std::string_view bad : {
           "",
           "11010519491231002",                     // 17
           "11010519491231002X1",                   // 19
           "1101051949123100X2",                    // X not last
           "11010519491231002Y",                    // wrong last letter
           "11010519491231 02X",                    // space
           " 11010519491231002X",                   // padded
           "A1010519491231002X",                    // letter
           "11010549123100X",                       // 15 with X
           "1101054912310021",                      // 16
           "１１０１０５１９４９１２３１００２Ｘ",  // full-width digits
       }) {
    expect_refused(bad, kFormatMsg);
  }
}

TEST(IdNumber, MessagesNeverContainTheNumber) {
  // The error paths are covered above with expect_refused, which checks this; one more with a
  // check-digit failure on a number whose digits would be easy to spot.
  const std::string id = with_wrong_check("12345619800101123");
  expect_refused(id, kCheckMsg);
}

TEST(MaskIdNumber, KeepsFirstAndLast) {
  EXPECT_EQ(mask_id_number("11010519491231002X"), "1****************X");
  EXPECT_EQ(mask_id_number("110105491231002"), "1*************2");
  EXPECT_EQ(mask_id_number("123"), "1*3");
  EXPECT_EQ(mask_id_number("12"), "**");
  EXPECT_EQ(mask_id_number("1"), "*");
  EXPECT_EQ(mask_id_number(""), "");
  EXPECT_EQ(mask_id_number("张三丰"), "张*丰");
}

TEST(MaskName, FirstCharacterThenStars) {
  EXPECT_EQ(mask_name("张三"), "张*");
  EXPECT_EQ(mask_name("欧阳娜娜"), "欧***");
  EXPECT_EQ(mask_name("王小明"), "王**");
  EXPECT_EQ(mask_name("迪丽热巴·迪力木拉提"), "迪*********");
  EXPECT_EQ(mask_name("张"), "张");
  EXPECT_EQ(mask_name(""), "");
  EXPECT_EQ(mask_name("Li Lei"), "L*****");
  EXPECT_EQ(mask_name("𠀀A"), "𠀀*");  // 4-byte character
}

TEST(MaskName, InvalidUtf8IsSafe) {
  EXPECT_EQ(mask_name("\xE5\xBC"), "\xE5\xBC");  // truncated 3-byte sequence: one character
  EXPECT_EQ(mask_name("\x80\x80"), "\x80*");     // stray continuation bytes: one each
  EXPECT_EQ(mask_name("a\xE5"), "a*");
}

}  // namespace
}  // namespace kf::core

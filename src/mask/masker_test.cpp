#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <set>

#include "core/id_number.h"
#include "mask/detect.h"
#include "mask/masker.h"

namespace kf::mask {
namespace {

Keys test_keys() {
  auto k = Keys::parse(
      "# test keys\n[mask]\nhmac_key = \"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\"\n"
      "sm4_key = \"0123456789abcdeffedcba9876543210\"  # 16 bytes\n");
  EXPECT_TRUE(k.ok()) << k.error().message;
  return *k;
}

Masker make(std::string_view rule_text, const Keys& keys = test_keys()) {
  auto rule = parse_rule(rule_text);
  EXPECT_TRUE(rule.ok()) << rule_text;
  auto m = Masker::create(*rule, keys);
  EXPECT_TRUE(m.ok()) << rule_text << ": " << m.error().message;
  return *m;
}

TEST(Keys, ParseAndErrorsNeverShowKeyMaterial) {
  const Keys k = test_keys();
  EXPECT_EQ(k.hmac_key.size(), 32u);
  EXPECT_EQ(k.sm4_key.size(), 16u);
  auto bad_hex = Keys::parse("hmac_key = \"zz1122secret\"\n");
  ASSERT_FALSE(bad_hex.ok());
  EXPECT_EQ(bad_hex.error().message.find("secret"), std::string::npos);
  EXPECT_NE(bad_hex.error().message.find("第1行"), std::string::npos);
  EXPECT_FALSE(Keys::parse("other = \"00\"\n").ok());
  EXPECT_FALSE(Keys::parse("sm4_key = \"0011\"\n").ok());  // not 16 bytes
  EXPECT_EQ(Keys::load("/nonexistent/kaifang-mask.keys").error().code, ErrorCode::not_found);
}

TEST(Keys, LoadFromFile) {
  const std::string path = ::testing::TempDir() + "/mask_keys.toml";
  std::ofstream(path) << "hmac_key = \"00112233445566778899aabbccddeeff\"\n";
  auto k = Keys::load(path);
  ASSERT_TRUE(k.ok());
  EXPECT_EQ(k->hmac_key.size(), 16u);
  EXPECT_TRUE(k->sm4_key.empty());
  std::remove(path.c_str());
}

TEST(Masker, MissingKeysAreRefused) {
  for (const char* text : {"hash(alg=hmac-sm3)", "encrypt(alg=sm4)", "pseudonymize(kind=name)",
                           "noise(ratio=0.1)"}) {
    auto m = Masker::create(*parse_rule(text), Keys{});
    ASSERT_FALSE(m.ok()) << text;
    EXPECT_EQ(m.error().code, ErrorCode::invalid_argument);
  }
  EXPECT_TRUE(Masker::create(*parse_rule("mask(keep_first=1)"), Keys{}).ok());
}

TEST(Masker, MaskCountsCodePointsNotBytes) {
  EXPECT_EQ(make("mask(keep_first=6,keep_last=4)").apply("110101199003071234"),
            "110101********1234");
  EXPECT_EQ(make("mask(keep_first=3,keep_last=4,char=#)").apply("13812345678"), "138####5678");
  EXPECT_EQ(make("mask(keep_first=1)").apply("张三"), "张*");
  EXPECT_EQ(make("mask(keep_first=1)").apply("欧阳娜娜"), "欧***");
  EXPECT_EQ(make("mask(keep_first=1,keep_last=1,char=＊)").apply("诸葛孔明"), "诸＊＊明");
  EXPECT_EQ(make("mask(keep_first=2,keep_last=2)").apply("山东省潍坊市"), "山东**坊市");
  // Kept ends that would cover the value are cut back: a mask never shows a value whole.
  EXPECT_EQ(make("mask(keep_first=6,keep_last=4)").apply("张三"), "**");
  EXPECT_EQ(make("mask(keep_first=6,keep_last=4)").apply("王小明"), "王**");
  EXPECT_EQ(make("mask(keep_first=1)").apply(""), "");
}

TEST(Masker, KeyedHashIsDeterministicAndKeyed) {
  const Masker sm3 = make("hash(alg=hmac-sm3)");
  const Masker sha = make("hash(alg=hmac-sha256)");
  const std::string a = sm3.apply("110101199003071234");
  EXPECT_EQ(a.size(), kHashHexChars);
  EXPECT_EQ(a, make("hash(alg=hmac-sm3)").apply("110101199003071234"));  // another Masker
  EXPECT_NE(a, sm3.apply("110101199003071235"));
  EXPECT_NE(a, sha.apply("110101199003071234"));
  Keys other = test_keys();
  other.hmac_key[0] ^= 1;
  EXPECT_NE(a, make("hash(alg=hmac-sm3)", other).apply("110101199003071234"));
  // RFC 4231 test case 2 for HMAC-SHA-256 ("Jefe"), checking we really compute the HMAC.
  Keys jefe;
  jefe.hmac_key = "Jefe";
  Rule r = *parse_rule("hash(alg=hmac-sha256)");
  jefe.hmac_key.resize(16, '\0');  // the Masker wants 16+ bytes; zero padding is the same key
  EXPECT_EQ(Masker::create(r, jefe)->apply("what do ya want for nothing?"),
            std::string("5bdcc146bf60754e6a042426089575c7").substr(0, kHashHexChars));
}

TEST(Masker, PreparedHmacEqualsOneShotHmac) {
  // Keys shorter than, equal to and longer than the 64-byte block (hashed first), data of any length.
  for (HashAlg alg : {HashAlg::hmac_sm3, HashAlg::hmac_sha256}) {
    for (std::size_t key_len : {16u, 32u, 63u, 64u, 65u, 100u, 200u}) {
      std::string key(key_len, '\0');
      for (std::size_t i = 0; i < key_len; ++i) key[i] = static_cast<char>(i * 37 + 11);
      const detail::PreparedHmac prepared(alg, key);
      for (std::string data : {std::string(), std::string("13812345678"), std::string(64, 'x'), std::string(1000, '7')}) {
        EXPECT_EQ(detail::to_hex(prepared.mac(data)), detail::to_hex(detail::hmac(alg, key, data)))
            << key_len << " " << data.size();
      }
    }
  }
}

TEST(Masker, MaskAsciiAndUtf8AlikeAtTheEdges) {
  // The ASCII fast path and the code-point path give the same answers.
  EXPECT_EQ(detail::mask_chars("", 6, 4, "*"), "");
  EXPECT_EQ(detail::mask_chars("a", 6, 4, "*"), "*");
  EXPECT_EQ(detail::mask_chars("ab", 1, 1, "*"), "**");
  EXPECT_EQ(detail::mask_chars("abc", 1, 1, "*"), "a*c");
  EXPECT_EQ(detail::mask_chars("abcdefghij", 6, 4, "*"), "abcd******");
  EXPECT_EQ(detail::mask_chars("abcdefghijk", 6, 4, "＊"), "abcdef＊hijk");
  EXPECT_EQ(detail::mask_chars("abcdefghijk", 0, 0, "#"), "###########");
  EXPECT_EQ(detail::mask_chars("张a", 0, 1, "*"), "*a");
}

TEST(Masker, Sm4RoundTripWithRandomIv) {
  const Keys keys = test_keys();
  const Masker enc = make("encrypt(alg=sm4)");
  for (std::string plain : {std::string("张三"), std::string("110101199003071234"), std::string("a"), std::string(100, 'x')}) {
    const std::string c1 = enc.apply(plain);
    const std::string c2 = enc.apply(plain);
    EXPECT_NE(c1, c2);  // fresh IV per value
    if (plain.size() > 3) {
      EXPECT_EQ(c1.find(plain), std::string::npos);
    }
    auto back = decrypt(c1, keys);
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(*back, plain);
  }
  Keys wrong = keys;
  wrong.sm4_key[3] ^= 0x55;
  auto bad = decrypt(enc.apply("13812345678"), wrong);
  if (bad.ok()) EXPECT_NE(*bad, "13812345678");  // padding may pass by chance; never the value
  else EXPECT_EQ(bad.error().message.find("13812345678"), std::string::npos);
  EXPECT_FALSE(decrypt("not base64!", keys).ok());
}

TEST(Masker, Generalize) {
  EXPECT_EQ(make("generalize(to=year)").apply("1990-03-07"), "1990");
  EXPECT_EQ(make("generalize(to=year)").apply("1990年3月7日"), "1990");
  EXPECT_EQ(make("generalize(to=year_month)").apply("1990/3/7"), "1990-03");
  EXPECT_EQ(make("generalize(to=year_month)").apply("19900307"), "1990-03");
  EXPECT_EQ(make("generalize(to=year)").apply("not a date"), "");  // suppressed, not leaked
  EXPECT_EQ(make("generalize(to=year)").apply("1990-02-30"), "");
  EXPECT_EQ(make("generalize(to=age_band)").apply("37"), "30-39");
  EXPECT_EQ(make("generalize(to=age_band,step=5)").apply("20"), "20-24");
  EXPECT_EQ(make("generalize(to=age_band)").apply("-3"), "");
  EXPECT_EQ(make("generalize(to=range,step=1000)").apply("4321"), "4000-4999");
  EXPECT_EQ(make("generalize(to=range,step=0.5)").apply("3.7"), "[3.5,4)");
  EXPECT_EQ(make("generalize(to=district)").apply("山东省潍坊市奎文区胜利东街5号"),
            "山东省潍坊市奎文区");
  EXPECT_EQ(make("generalize(to=district)").apply("北京市海淀区中关村大街27号"), "北京市海淀区");
  EXPECT_EQ(make("generalize(to=district)").apply("山东省潍坊市寿光市圣城街道1号"),
            "山东省潍坊市寿光市");
  EXPECT_EQ(make("generalize(to=district)").apply("广西壮族自治区南宁市青秀区民族大道1号"),
            "广西壮族自治区南宁市青秀区");
  EXPECT_EQ(make("generalize(to=district)").apply("河北省沧县某村3组"), "河北省沧县");
  EXPECT_EQ(make("generalize(to=district)").apply("胜利东街5号"), "");
}

TEST(Masker, TruncateAndSuppress) {
  EXPECT_EQ(make("truncate(length=3)").apply("山东省潍坊市"), "山东省");
  EXPECT_EQ(make("truncate(length=3)").apply("ab"), "ab");
  EXPECT_EQ(make("suppress()").apply("anything"), "");
}

TEST(Masker, PseudonymsAreConsistentAndValid) {
  const Masker id = make("pseudonymize(kind=id_number)");
  const Masker mob = make("pseudonymize(kind=mobile)");
  const Masker name = make("pseudonymize(kind=name)");
  std::set<std::string> ids;
  for (int i = 0; i < 300; ++i) {
    const std::string in = "11010119900307" + std::to_string(1000 + i);
    const std::string fake = id.apply(in);
    EXPECT_EQ(fake, id.apply(in));
    EXPECT_NE(fake, in);
    EXPECT_TRUE(core::check_id_number(fake).ok()) << fake;
    ids.insert(fake);
    const std::string m = mob.apply(in);
    EXPECT_EQ(m.size(), 11u);
    bool mobile_found = false;
    for (const Detection& d : detect(m)) mobile_found |= d.kind == Kind::mobile;
    EXPECT_TRUE(mobile_found) << m;
  }
  EXPECT_GT(ids.size(), 295u);
  EXPECT_EQ(name.apply("张三"), name.apply("张三"));
  EXPECT_EQ(name.apply("张三").size(), 6u);  // two characters
  EXPECT_EQ(name.apply("欧阳娜娜").size(), 9u);
  EXPECT_NE(name.apply("张三"), name.apply("李四"));
}

TEST(Masker, NoiseIsBoundedAndStable) {
  const Masker noise = make("noise(ratio=0.05)");
  for (int v = 100; v < 200; ++v) {
    const std::string in = std::to_string(v) + ".00";
    const std::string out = noise.apply(in);
    EXPECT_EQ(out, noise.apply(in));
    const double x = std::stod(out);
    EXPECT_LE(std::abs(x - v), v * 0.05 + 0.01);
    EXPECT_EQ(out.size() - out.find('.'), 3u);  // keeps two decimals
  }
  EXPECT_EQ(noise.apply("abc"), "");
  const std::string pair = make("noise(ratio=0.0001)").apply("116.397128,39.916527");
  ASSERT_NE(pair.find(','), std::string::npos);
  EXPECT_NEAR(std::stod(pair.substr(0, pair.find(','))), 116.397128, 0.02);
}

}  // namespace
}  // namespace kf::mask

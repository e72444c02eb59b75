// Acceptance test of issue 5: a labelled corpus of true values (valid check digits) and decoys,
// generated here with a fixed seed (no script or download needed on a fresh machine), measures
// precision and recall per detector, prints the table and asserts the agreed floors.
//
// Set KF_MASK_CORPUS_OUT=path to also write the corpus as TSV (value, label, truth, family).
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <random>

#include "core/id_number.h"
#include "ingest/uscc.h"
#include "mask/detect.h"

namespace kf::mask {
namespace {

struct Item {
  std::string value;
  std::string label;
  std::optional<Kind> truth;  // what the value really is; nullopt for decoys
  std::string family;         // generator name, for diagnosing misses
};

class Gen {
 public:
  std::mt19937_64 rng{20261122};

  int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); }
  bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; }
  template <typename T, std::size_t N>
  const T& pick(const T (&arr)[N]) { return arr[static_cast<std::size_t>(uniform(0, N - 1))]; }
  std::string digits(int n, bool nonzero_first = false) {
    std::string s;
    for (int i = 0; i < n; ++i) s.push_back(static_cast<char>('0' + uniform(i == 0 && nonzero_first ? 1 : 0, 9)));
    return s;
  }
  std::string chars(std::string_view table, int n) {  // table of 3-byte UTF-8 characters
    std::string s;
    for (int i = 0; i < n; ++i) s += table.substr(static_cast<std::size_t>(uniform(0, static_cast<int>(table.size() / 3) - 1)) * 3, 3);
    return s;
  }
  std::string date_digits(int y0, int y1) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d%02d%02d", uniform(y0, y1), uniform(1, 12), uniform(1, 28));
    return buf;
  }
};

constexpr std::string_view kRegions[] = {"110105", "370702", "370783", "440305", "510104",
                                         "320102", "130102", "650102", "210102", "420102"};
constexpr std::string_view kGiven = "伟芳娜敏静秀英丽强磊军洋勇艳杰娟涛明超霞平刚桂玉兰萍红建文辉力志国荣春梅琳晨宇浩然子涵欣怡思雨佳颖博晓东燕云鹏俊凯嘉睿泽瑞鑫雪婷倩丹慧晶亮斌";
constexpr std::string_view kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
                                          "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗",
                                          "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹"};
constexpr std::string_view kDouble[] = {"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "慕容"};

std::string id_number(Gen& g, bool valid) {
  std::string s = std::string(g.pick(kRegions)) + g.date_digits(1930, 2015) + g.digits(3);
  const char check = core::id_number_check_char(s);
  if (valid) return s + check;
  static constexpr char kChecks[] = "0123456789X";
  char wrong = check;
  while (wrong == check) wrong = kChecks[g.uniform(0, 10)];
  return s + wrong;
}

std::string luhn_complete(std::string body) {
  int sum = 0;
  bool dbl = true;  // the check digit will be appended at the right
  for (auto it = body.rbegin(); it != body.rend(); ++it, dbl = !dbl) {
    int d = *it - '0';
    if (dbl) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return body + static_cast<char>('0' + (10 - sum % 10) % 10);
}

std::string uscc(Gen& g, bool valid) {
  static constexpr std::string_view kKinds[] = {"91", "92", "93", "11", "12", "13", "51", "52", "53", "Y1"};
  static constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  std::string s = std::string(g.pick(kKinds)) + std::string(g.pick(kRegions));
  // Characters 9-17 are a GB 11714 organisation code with its own check character.
  static constexpr int kWeights[] = {3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr std::string_view kOrg = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  int sum = 0;
  for (int i = 0; i < 8; ++i) {
    const char ch = kOrg[static_cast<std::size_t>(g.uniform(0, g.chance(0.7) ? 9 : 30))];
    s.push_back(ch);
    sum += (ch <= '9' ? ch - '0' : ch - 'A' + 10) * kWeights[i];
  }
  const int oc = 11 - sum % 11;
  s.push_back(oc == 10 ? 'X' : oc == 11 ? '0' : static_cast<char>('0' + oc));
  const char check = ingest::uscc_check_char(s);
  if (valid) return s + check;
  char wrong = check;
  while (wrong == check) wrong = kAlphabet[static_cast<std::size_t>(g.uniform(0, 30))];
  return s + wrong;
}

std::string person(Gen& g) {
  if (g.chance(0.05)) return std::string(g.pick(kDouble)) + g.chars(kGiven, g.uniform(1, 2));
  return std::string(g.pick(kSurnames)) + g.chars(kGiven, g.chance(0.7) ? 2 : 1);
}

std::string street_address(Gen& g) {
  static constexpr std::string_view kProv[] = {"山东省潍坊市", "广东省深圳市", "北京市", "四川省成都市", "河北省沧州市"};
  static constexpr std::string_view kCounty[] = {"奎文区", "南山区", "海淀区", "武侯区", "沧县", "寿光市"};
  static constexpr std::string_view kRoad[] = {"胜利东街", "人民路", "中关村大街", "科华北路", "新华路", "东风街"};
  std::string s;
  if (g.chance(0.8)) s += g.pick(kProv);
  s += g.pick(kCounty);
  if (g.chance(0.2)) return s + g.chars("王李张刘陈杨", 1) + "家庄村" + std::to_string(g.uniform(1, 9)) + "组";
  s += std::string(g.pick(kRoad)) + std::to_string(g.uniform(1, 999)) + "号";
  if (g.chance(0.4)) s += std::to_string(g.uniform(1, 20)) + "号楼" + std::to_string(g.uniform(101, 2404)) + "室";
  return s;
}

std::vector<Item> make_corpus() {
  Gen g;
  std::vector<Item> c;
  auto add = [&](std::string v, std::string label, std::optional<Kind> truth, std::string fam) {
    c.push_back({std::move(v), std::move(label), truth, std::move(fam)});
  };
  for (int i = 0; i < 500; ++i) {
    // --- true values ---
    const char* id_labels[] = {"身份证号", "证件号码", ""};
    if (g.chance(0.15)) {
      std::string legacy = std::string(g.pick(kRegions)) + g.date_digits(1930, 1998).substr(2) + g.digits(3);
      add(legacy, g.pick(id_labels), Kind::id_number, "id15");
    } else {
      add(id_number(g, true), g.pick(id_labels), Kind::id_number, "id18");
    }
    const char* prefixes[] = {"13", "15", "16", "17", "18", "19", "14"};
    std::string m = std::string(g.pick(prefixes)) + g.digits(9);
    const int form = g.uniform(0, 3);
    if (form == 1) m = "+86 " + m;
    if (form == 2) m = m.substr(0, 3) + "-" + m.substr(3, 4) + "-" + m.substr(7);
    const char* mobile_labels[] = {"手机号码", "联系电话", ""};
    add(m, g.pick(mobile_labels), Kind::mobile, "mobile");
    const char* areas[] = {"010", "021", "0536", "0755", "0531", "028"};
    std::string area = g.pick(areas);
    std::string local = std::to_string(g.uniform(2, 8)) + g.digits(area.size() == 3 ? 7 : 6);
    add(g.chance(0.5) ? area + "-" + local : "(" + area + ")" + local, g.chance(0.5) ? "办公电话" : "",
        Kind::landline, "landline");
    const char* users[] = {"zhangsan", "li.si", "wang_wu88", "chen-hui", "zhao2020", "sun.li+news"};
    const char* domains[] = {"qq.com", "163.com", "example.gov.cn", "126.com", "sina.com.cn"};
    add(std::string(g.pick(users)) + std::to_string(g.uniform(0, 99)) + "@" + g.pick(domains),
        g.chance(0.5) ? "电子邮箱" : "", Kind::email, "email");
    const char* bins[] = {"622202", "621700", "622848", "436742", "625965", "518710", "356833"};
    const int len = g.chance(0.5) ? 16 : 19;
    std::string card = luhn_complete(std::string(g.pick(bins)) + g.digits(len - 7));
    if (g.chance(0.2)) card = card.substr(0, 4) + " " + card.substr(4, 4) + " " + card.substr(8, 4) + " " + card.substr(12);
    const char* card_labels[] = {"银行卡号", "账号", ""};
    add(card, g.pick(card_labels), Kind::bank_card, "bank_card");
    add(uscc(g, true), g.chance(0.5) ? "统一社会信用代码" : "", Kind::credit_code, "uscc");
    const char* provs[] = {"鲁", "京", "粤", "沪", "川", "苏"};
    std::string plate = std::string(g.pick(provs)) + static_cast<char>('A' + g.uniform(0, 7));
    if (g.chance(0.3)) plate += std::string(g.chance(0.5) ? "D" : "F") + static_cast<char>('A' + g.uniform(0, 7)) + g.digits(4);
    else plate += g.digits(3) + static_cast<char>('A' + g.uniform(10, 13)) + g.digits(1);
    add(plate, g.chance(0.5) ? "车牌号" : "", Kind::plate, "plate");
    std::string passport = g.chance(0.5) ? "E" + g.digits(8) : g.chance(0.5) ? "E" + std::string(1, static_cast<char>('A' + g.uniform(0, 7))) + g.digits(7) : "G" + g.digits(8);
    add(passport, g.chance(0.5) ? "护照号码" : "", Kind::passport, "passport");
    const char* name_labels[] = {"姓名", "联系人", "法定代表人", "申请人", ""};
    add(person(g), g.pick(name_labels), Kind::name, "name");
    const char* addr_labels[] = {"地址", "住址", "户籍地址", ""};
    add(street_address(g), g.pick(addr_labels), Kind::address, "address");
    if (g.chance(0.8)) {
      add(std::to_string(g.uniform(1, 223)) + "." + std::to_string(g.uniform(0, 255)) + "." + std::to_string(g.uniform(0, 255)) + "." + std::to_string(g.uniform(1, 254)), g.chance(0.5) ? "IP地址" : "", Kind::ip, "ipv4");
    } else {
      add("2001:db8:" + std::to_string(g.uniform(1, 9999)) + "::" + std::to_string(g.uniform(1, 99)), "", Kind::ip, "ipv6");
    }
    char gps[64];
    std::snprintf(gps, sizeof gps, "%.6f,%.6f", 73 + g.uniform(0, 6000) / 100.0, 18 + g.uniform(0, 3000) / 100.0);
    add(gps, g.chance(0.5) ? "坐标" : "", Kind::gps, "gps");
    std::snprintf(gps, sizeof gps, "%.6f", 18 + g.uniform(0, 3000) / 100.0);
    add(gps, "纬度", Kind::gps, "latitude");
    const std::string d = g.date_digits(1930, 2015);
    const char* birth_labels[] = {"出生日期", "生日", "出生年月日"};
    add(g.chance(0.5) ? d.substr(0, 4) + "-" + d.substr(4, 2) + "-" + d.substr(6) : d, g.pick(birth_labels), Kind::birth_date, "birth_date");

    // --- decoys ---
    add(id_number(g, false), g.chance(0.5) ? "身份证号" : "", std::nullopt, "id_bad_check");
    add(g.digits(18, true), "订单编号", std::nullopt, "order18");
    const char* not_mobile[] = {"0", "2", "5", "9", "10", "11", "12"};
    add(std::string(g.pick(not_mobile)) + g.digits(11 - 1).substr(0, 11 - std::string(g.pick(not_mobile)).size()), "", std::nullopt, "digits11");
    add("1" + std::to_string(g.uniform(3, 9)) + g.digits(9), "订单号", std::nullopt, "order11");
    std::string bad_card = luhn_complete(std::string(g.pick(bins)) + g.digits(len - 7));
    bad_card.back() = static_cast<char>('0' + (bad_card.back() - '0' + 1) % 10);
    add(bad_card, "", std::nullopt, "card_bad_luhn");
    add(uscc(g, false), g.chance(0.5) ? "统一社会信用代码" : "", std::nullopt, "uscc_bad_check");
    const char* bad_mail[] = {"zhang@localhost", "li.si.qq.com", "@163.com", "wang..wu@qq.com", "chen@qq", "a b@qq.com"};
    add(g.pick(bad_mail), "", std::nullopt, "email_bad");
    const std::string other = g.date_digits(2000, 2026);
    const char* date_labels[] = {"登记日期", "发布日期", "更新时间", ""};
    add(other.substr(0, 4) + "-" + other.substr(4, 2) + "-" + other.substr(6), g.pick(date_labels), std::nullopt, "date_other");
    add(g.digits(4) + "-" + std::to_string(g.uniform(13, 19)) + "-" + std::to_string(g.uniform(10, 28)), "出生日期", std::nullopt, "date_invalid");
    const char* orgs[] = {"潍坊市奎文区人民政府", "山东海化集团有限公司", "王氏食品有限公司", "张家港市税务局",
                          "李宁体育用品公司", "高新区管委会", "市场监督管理局", "黄河路", "人民医院", "周村区",
                          "刘家庄村委会", "孙氏企业", "马鞍山", "石家庄", "张家口", "王府井", "金额", "安全",
                          "黄金", "方向", "程序", "周末", "白天", "林地", "高温", "马路"};
    const char* org_labels[] = {"单位名称", "企业名称", "类别", ""};
    add(g.pick(orgs), g.pick(org_labels), std::nullopt, "org_or_word");
    const char* not_address[] = {"全市范围内", "本区道路养护", "市区", "人民路", "山东省", "潍坊市人民政府",
                                 "奎文区教育局", "某某科技有限公司", "2024年度报告", "省市县三级联动"};
    add(g.pick(not_address), g.chance(0.5) ? "备注" : "", std::nullopt, "not_address");
    const char* not_ip[] = {"1.2.3", "256.1.1.1", "01.02.03.04", "1.2.3.4.5", "10.0.0"};
    add(g.pick(not_ip), "", std::nullopt, "not_ip");
    add("1." + std::to_string(g.uniform(0, 9)) + "." + std::to_string(g.uniform(0, 9)) + "." + std::to_string(g.uniform(0, 99)), "版本号", std::nullopt, "version");
    const char* not_plate[] = {"鲁ABCDEF", "XA12345", "鲁A123", "京AI2345"};
    add(g.pick(not_plate), "", std::nullopt, "not_plate");
    add("G" + std::to_string(g.uniform(1, 9999)), "车次", std::nullopt, "train");
    add(std::to_string(g.uniform(1, 500)) + "," + std::to_string(g.uniform(1, 500)), "", std::nullopt, "counts_pair");
  }
  return c;
}

TEST(Corpus, PrecisionAndRecallPerDetector) {
  const std::vector<Item> corpus = make_corpus();
  if (const char* out = std::getenv("KF_MASK_CORPUS_OUT")) {
    std::ofstream f(out);
    f << "value\tlabel\ttruth\tfamily\n";
    for (const Item& it : corpus) {
      f << it.value << '\t' << it.label << '\t' << (it.truth ? to_string(*it.truth) : "") << '\t'
        << it.family << '\n';
    }
  }
  struct Counts {
    int tp = 0, fp = 0, fn = 0;
  };
  std::map<Kind, Counts> counts;
  std::map<std::string, int> misses;  // "kind fp|fn family" → count, to diagnose
  for (const Item& it : corpus) {
    const auto found = detect(it.value, it.label);
    for (Kind k : kAllKinds) {
      bool hit = false;
      for (const Detection& d : found) hit |= d.kind == k && d.confidence >= kMinConfidence;
      const bool truth = it.truth == k;
      if (hit && truth) counts[k].tp++;
      if (hit && !truth) counts[k].fp++, misses[std::string(to_string(k)) + " FP " + it.family]++;
      if (!hit && truth) counts[k].fn++, misses[std::string(to_string(k)) + " FN " + it.family]++;
    }
  }
  std::printf("\n%-12s %6s %6s %6s %9s %9s\n", "detector", "TP", "FP", "FN", "precision", "recall");
  std::map<Kind, std::pair<double, double>> pr;
  for (Kind k : kAllKinds) {
    const Counts& n = counts[k];
    const double p = n.tp + n.fp == 0 ? 1.0 : static_cast<double>(n.tp) / (n.tp + n.fp);
    const double r = n.tp + n.fn == 0 ? 1.0 : static_cast<double>(n.tp) / (n.tp + n.fn);
    pr[k] = {p, r};
    std::printf("%-12s %6d %6d %6d %9.4f %9.4f\n", std::string(to_string(k)).c_str(), n.tp, n.fp,
                n.fn, p, r);
  }
  for (const auto& [what, n] : misses) std::printf("  miss: %s ×%d\n", what.c_str(), n);
  for (Kind k : {Kind::id_number, Kind::mobile, Kind::credit_code, Kind::bank_card, Kind::email}) {
    EXPECT_GE(pr[k].first, 0.99) << to_string(k) << " precision";
    EXPECT_GE(pr[k].second, 0.99) << to_string(k) << " recall";
  }
  for (Kind k : {Kind::name, Kind::address}) {
    EXPECT_GE(pr[k].first, 0.90) << to_string(k) << " precision";
    EXPECT_GE(pr[k].second, 0.90) << to_string(k) << " recall";
  }
}

}  // namespace
}  // namespace kf::mask
